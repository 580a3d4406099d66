"""Consistency checks for writers: what is unfinished, malformed, outdated or contradicts
another doc.

>>> findings = run_checks(["corpus"])
>>> print(explain("DOC101"))

Rules live in one small module per family under ``rules/`` and are listed in one table,
:data:`RULES` (code -> :class:`Rule`). Reports are rendered by :mod:`assistant.check.formats`.
"""

from __future__ import annotations

from ..model import Finding
from .registry import RULES, Rule, lookup
from .runner import CheckReport, check_paths, run_checks
from .settings import CheckSettings, load_settings


def explain(code: str) -> str:
    """The documentation of a rule (by code or name): what it finds, why it matters, an
    example and what to write instead. Raises ConfigError for an unknown code."""
    rule = lookup(code)
    # Docstrings mark literal blocks the reStructuredText way ("Example::"); print one colon.
    doc = rule.doc.replace("::\n", ":\n")
    return f"{rule.code} {rule.name} ({rule.severity})\n\n{doc}\n"


__all__ = [
    "RULES",
    "CheckReport",
    "CheckSettings",
    "Finding",
    "Rule",
    "check_paths",
    "explain",
    "load_settings",
    "run_checks",
]

"""Consistency checks for writers: what is unfinished, malformed, outdated or contradicts
another doc.

>>> findings = run_checks(["corpus"])
>>> print(explain("DOC101"))

Rules live in one small module per family under ``rules/`` and are listed in one table,
:data:`RULES` (code -> :class:`Rule`). Reports are rendered by :mod:`assistant.check.formats`.
What a team does with the findings lives beside: :mod:`.baseline` (accept today's),
:mod:`.suppress` (comments that silence one place), :mod:`.fix` (mend the mechanical ones) and
:mod:`.changes` (only what changed since a git ref). Their docstrings are written for users:
``--explain`` prints them.
"""

from __future__ import annotations

import inspect
from types import ModuleType

from ..errors import ConfigError
from ..model import Finding
from . import baseline, changes, fix, suppress
from .registry import RULES, Rule, lookup
from .runner import CheckReport, check_paths, run_checks
from .settings import CheckSettings, load_settings

# --explain TOPIC: the options and comment forms that are not rules.
TOPICS: dict[str, ModuleType] = {
    "baseline": baseline,
    "suppressions": suppress,
    "fix": fix,
    "changed-since": changes,
}
_TOPIC_ALIASES = {"write-baseline": "baseline", "suppression": "suppressions",
                  "suppress": "suppressions", "comments": "suppressions", "diff": "fix"}


def explain(code: str) -> str:
    """The documentation of a rule (by code or name): what it finds, why it matters, an
    example and what to write instead; or of a topic (:data:`TOPICS`: ``baseline``,
    ``suppressions``, ``fix``, ``changed-since``). Raises ConfigError for an unknown one."""
    key = code.strip().lower().lstrip("-")
    topic = _TOPIC_ALIASES.get(key, key)
    if topic in TOPICS:
        return f"{topic}\n\n{inspect.cleandoc(TOPICS[topic].__doc__ or '')}\n"
    try:
        rule = lookup(code)
    except ConfigError as exc:
        raise ConfigError(f"{exc}; or a topic: {', '.join(TOPICS)}") from exc
    # Docstrings mark literal blocks the reStructuredText way ("Example::"); print one colon.
    doc = rule.doc.replace("::\n", ":\n")
    fixable = ", --fix mends it" if rule.fixable else ""
    return f"{rule.code} {rule.name} ({rule.severity}{fixable})\n\n{doc}\n"


__all__ = [
    "RULES",
    "TOPICS",
    "CheckReport",
    "CheckSettings",
    "Finding",
    "Rule",
    "check_paths",
    "explain",
    "load_settings",
    "run_checks",
]

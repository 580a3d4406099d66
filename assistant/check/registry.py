"""The one table of rule codes (ruff keeps one, in ``codes.rs``) and how rules plug in.

A rule is a small function in a family module (``rules/unfinished.py``...) registered with a
decorator that gives it a stable code, a kebab-case name and a default severity; its docstring
is what ``assistant check --explain CODE`` prints. There are three kinds:

- ``doc`` rules see one parsed doc (:class:`~assistant.check.source.DocContext`) and yield
  :class:`Hit` s in that doc;
- ``corpus`` rules see facts gathered from every doc by a named *collector* (run once per doc,
  in the worker that parsed it) and yield hits anywhere: they compare docs with each other;
- ``file`` rules describe findings the runner makes itself when a file cannot be read at all;
- ``comment`` rules describe findings about the suppression comments themselves
  (:mod:`~assistant.check.suppress`), made once every other rule has run.

A rule whose findings have one mechanical mend is registered ``fixable``: its hits carry an
:class:`Edit`, which ``--fix`` applies (:mod:`~assistant.check.fix`).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ..errors import ConfigError
from ..model import Severity

RuleKind = Literal["doc", "corpus", "file", "comment"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Edit:
    """A mend within one line: ``old``, written at ``line``:``col``, becomes ``new``."""

    line: int
    """1-based file line."""
    col: int
    """1-based column where ``old`` starts."""
    old: str
    """The text as written (checked again before the file is changed)."""
    new: str
    """What to write instead."""


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule reports; the runner adds the rule's code, name and severity."""

    line: int
    """1-based file line."""
    col: int
    """1-based column (1 when the whole line is meant)."""
    message: str
    """What is wrong, naming the other place (``path:line``) when it is about two places."""
    fix: str | None = None
    """What to write instead, where there is one answer."""
    path: str | None = None
    """The file, when it is not the doc being checked (corpus rules always set it)."""
    edit: Edit | None = None
    """The mechanical change that mends it (fixable rules only)."""
    related: tuple[str, ...] = ()
    """The other docs a corpus rule compared this place with (``--changed-since`` reports a
    finding in an unchanged doc when one of these changed)."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One check, as listed in the table of codes."""

    code: str
    """Stable code: family letters and three digits (``DOC101``)."""
    name: str
    """Kebab-case name (``placeholder-text``)."""
    severity: Severity
    """Default severity (configurable per code)."""
    kind: RuleKind
    """``doc``, ``corpus`` or ``file`` (see the module docstring)."""
    func: Callable[..., Any]
    """The check itself."""
    collector: str | None = None
    """For corpus rules: the name of the collector whose per-doc facts the rule reads."""
    fixable: bool = False
    """True when ``--fix`` mends its findings (those whose hit carries an edit)."""

    @property
    def doc(self) -> str:
        """The rule's documentation: what it finds, why, an example, what to write instead."""
        return inspect.cleandoc(self.func.__doc__ or "")

    @property
    def summary(self) -> str:
        """The first line of the documentation."""
        return self.doc.split("\n", 1)[0]


# code -> Rule, in registration order (families import in code order, see rules/__init__.py).
RULES: dict[str, Rule] = {}
# collector name -> function(DocContext) -> picklable facts (or None when the doc has none).
COLLECTORS: dict[str, Callable[..., Any]] = {}


def _register(code: str, name: str, severity: Severity, kind: RuleKind,
              collector: str | None = None, fixable: bool = False
              ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        if code in RULES or any(r.name == name for r in RULES.values()):
            raise ValueError(f"rule {code} {name} registered twice")
        RULES[code] = Rule(code, name, severity, kind, func, collector, fixable)
        return func

    return decorate


def doc_rule(code: str, name: str, severity: Severity, *, fixable: bool = False
             ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register ``func(ctx) -> Iterable[Hit]``, run on every doc (``fixable``: its hits may
    carry an :class:`Edit`)."""
    return _register(code, name, severity, "doc", fixable=fixable)


def corpus_rule(code: str, name: str, severity: Severity, collector: str
                ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register ``func(facts: list[tuple[path, data]]) -> Iterable[Hit]``, run once."""
    return _register(code, name, severity, "corpus", collector)


def file_rule(code: str, name: str, severity: Severity) -> Callable[[Callable[..., Any]],
                                                                    Callable[..., Any]]:
    """Register ``func(path, reason) -> Hit`` for files the runner cannot parse."""
    return _register(code, name, severity, "file")


def comment_rule(code: str, name: str, severity: Severity) -> Callable[[Callable[..., Any]],
                                                                       Callable[..., Any]]:
    """Register ``func(line, col, message) -> Hit`` for findings about suppression comments."""
    return _register(code, name, severity, "comment")


def collector(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register ``func(ctx) -> facts`` under ``name`` (several corpus rules may share one)."""
    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        COLLECTORS[name] = func
        return func

    return decorate


def resolve_codes(patterns: Iterable[str], what: str) -> dict[str, int]:
    """Map each rule code a pattern names to the length of its most specific pattern.

    A pattern is ``ALL``, a code (``TBL201``), a prefix of codes (``TBL``, ``TBL2``) or a rule
    name (``ragged-row``). Unknown patterns raise :class:`ConfigError`.
    """
    matched: dict[str, int] = {}
    for raw in patterns:
        pattern = raw.strip()
        if not pattern:
            continue
        upper = pattern.upper()
        hits = {}
        if upper == "ALL":
            hits = dict.fromkeys(RULES, 0)
        else:
            for code, rule in RULES.items():
                if code.startswith(upper):
                    hits[code] = len(upper)
                elif rule.name == pattern.lower():
                    hits[code] = len(code) + 1  # a name is as specific as a full code
        if not hits:
            raise ConfigError(
                f"{what}: unknown rule code or prefix {pattern!r}; "
                f"known codes: {', '.join(RULES)} (see 'assistant check --explain CODE')"
            )
        for code, weight in hits.items():
            matched[code] = max(weight, matched.get(code, -1))
    return matched


def enabled_codes(select: Collection[str] | None, ignore: Collection[str]) -> frozenset[str]:
    """The codes in force: selected, and not ignored by a more specific pattern (as ruff)."""
    selected = resolve_codes(select, "select") if select is not None else dict.fromkeys(RULES, 0)
    ignored = resolve_codes(ignore, "ignore")
    return frozenset(
        code for code, weight in selected.items()
        if code not in ignored or weight > ignored[code]
    )


def lookup(code_or_name: str) -> Rule:
    """The rule with this code or name (case-insensitive), or ConfigError."""
    key = code_or_name.strip()
    rule = RULES.get(key.upper()) or next(
        (r for r in RULES.values() if r.name == key.lower()), None)
    if rule is None:
        raise ConfigError(f"unknown rule {code_or_name!r}; known codes: {', '.join(RULES)}")
    return rule


def severity_overrides(table: Mapping[str, Any], source: str) -> dict[str, Severity]:
    """Validate a ``severity`` table (code, prefix or name -> level) into code -> level."""
    out: dict[str, Severity] = {}
    for key, value in table.items():
        if value not in SEVERITIES:
            raise ConfigError(
                f"{source}: severity of {key!r} must be one of {', '.join(SEVERITIES)}, "
                f"not {value!r}")
        for code in resolve_codes([key], f"{source}: severity"):
            out[code] = value
    return out

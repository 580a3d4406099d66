"""Suppression comments: silence a finding where it is written, with the reason in the doc.

An HTML comment names the rules to silence, as markdownlint's and Vale's comments do:

    <!-- assistant-disable-next-line TRM501 -->
    The Azure AD Graph API is retired.

    Written in 2019. <!-- assistant-disable-line FM305,DOC102 -->

    <!-- assistant-disable LNK404 -->
    ... lines quoting old links on purpose ...
    <!-- assistant-enable LNK404 -->

    <!-- assistant-disable-file FM302 -->

- ``assistant-disable-next-line CODES``: the line after the comment.
- ``assistant-disable-line CODES``: the line the comment is on.
- ``assistant-disable CODES`` ... ``assistant-enable CODES``: the lines between. An enable
  ends the disables of the same codes; a bare ``assistant-enable`` ends every open one. A
  disable left open lasts to the end of the file.
- ``assistant-disable-file CODES``: the whole file (for front matter findings, which are on
  lines a comment cannot precede).

CODES are codes, prefixes (``TRM``) or rule names, separated by commas or spaces; none means
every rule. A comment written inside code (a fence or backticks) is text, not a suppression.

A suppression that hides nothing is reported (SUP701), so stale ones do not pile up; it is
judged only against rules that ran (``--select DOC`` says nothing about a TRM501
suppression). A comment naming an unknown code or form, or an enable with no disable to end,
is reported too (SUP702). These two are not silenced by comments: ``--ignore`` them or keep
them in a baseline.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass

from ..errors import ConfigError
from ..model import Finding
from .registry import Hit, resolve_codes
from .rules.comments import invalid_suppression, unused_suppression
from .source import DocContext

PREFIX = "assistant-"
_DIRECTIVE = re.compile(r"<!--[ \t]*assistant-(?P<form>[\w-]*)(?P<codes>.*?)-->", re.DOTALL)
FORMS = ("disable-next-line", "disable-line", "disable", "enable", "disable-file")
# Findings about the comments themselves, and about files no comment can be read from.
UNSUPPRESSIBLE = frozenset({"SUP701", "SUP702", "FIL001", "FIL002"})


@dataclass(frozen=True, slots=True)
class Suppression:
    """The lines one code pattern of a suppression comment silences."""

    line: int
    """1-based line of the comment."""
    col: int
    """1-based column of the comment."""
    form: str
    """``disable-next-line``, ``disable-line``, ``disable`` or ``disable-file``."""
    pattern: str | None
    """The code, prefix or name as written; None for every rule."""
    codes: frozenset[str] | None
    """The codes it silences; None for every rule."""
    first: int
    """First line silenced."""
    last: int
    """Last line silenced."""

    def covers(self, finding: Finding) -> bool:
        """True when this suppression silences ``finding``."""
        return (self.first <= finding.line <= self.last
                and (self.codes is None or finding.code in self.codes))

    @property
    def written(self) -> str:
        """The comment's form and pattern, as a message quotes them."""
        return f"assistant-{self.form}" + (f" {self.pattern}" if self.pattern else "")


def read_suppressions(ctx: DocContext) -> tuple[list[Suppression], list[Hit]]:
    """The suppressions written in a doc, and SUP702 hits for comments that cannot work."""
    text = ctx.text
    if PREFIX not in text or "<!--" not in text:
        return [], []
    found: list[Suppression] = []
    problems: list[Hit] = []
    # An open disable: (line, col, pattern, codes).
    open_ranges: list[tuple[int, int, str | None, frozenset[str] | None]] = []
    last_line = len(ctx.lines)
    for match in _DIRECTIVE.finditer(text):
        line, col = ctx.position(match.start())
        end_line = ctx.position(match.end() - 1)[0]
        form = match.group("form")
        if form not in FORMS:
            problems.append(invalid_suppression(
                line, col, f"unknown suppression comment 'assistant-{form}'; the forms are "
                           f"{', '.join('assistant-' + f for f in FORMS)}"))
            continue
        patterns: list[tuple[str | None, frozenset[str] | None]] = []
        for pattern in re.split(r"[,\s]+", match.group("codes").strip()):
            if not pattern:
                continue
            try:
                patterns.append((pattern, frozenset(resolve_codes([pattern], "suppression"))))
            except ConfigError:
                problems.append(invalid_suppression(
                    line, col, f"unknown rule code or prefix {pattern!r} in "
                               f"'assistant-{form}' (see 'assistant check --explain CODE')"))
        if not patterns and match.group("codes").strip():
            continue  # every pattern was unknown: already reported, and not "every rule"
        if not patterns:
            patterns = [(None, None)]
        if form == "enable":
            problems.extend(_close(open_ranges, patterns, line, col, found))
            continue
        if form == "disable":
            open_ranges.extend((line, col, pattern, codes) for pattern, codes in patterns)
            continue
        first, last = {
            "disable-next-line": (end_line + 1, end_line + 1),
            "disable-line": (line, end_line),
            "disable-file": (1, last_line),
        }[form]
        found.extend(Suppression(line, col, form, pattern, codes, first, last)
                     for pattern, codes in patterns)
    found.extend(Suppression(line, col, "disable", pattern, codes, line, last_line)
                 for line, col, pattern, codes in open_ranges)
    return found, problems


def _close(open_ranges: list[tuple[int, int, str | None, frozenset[str] | None]],
           patterns: list[tuple[str | None, frozenset[str] | None]], line: int, col: int,
           found: list[Suppression]) -> Iterator[Hit]:
    """End the open disables an enable names (all of them for a bare enable)."""
    for pattern, codes in patterns:
        closing = [r for r in open_ranges
                   if codes is None or (r[3] is not None and r[3] <= codes)]
        if not closing:
            named = f" {pattern}" if pattern else ""
            yield invalid_suppression(line, col, f"'assistant-enable{named}' ends no "
                                                 f"'assistant-disable' of those codes above it")
        for start_line, start_col, start_pattern, start_codes in closing:
            open_ranges.remove((start_line, start_col, start_pattern, start_codes))
            found.append(Suppression(start_line, start_col, "disable", start_pattern,
                                     start_codes, start_line, line))


@dataclass(frozen=True, slots=True)
class Suppressed:
    """What the suppression comments did to a run's findings."""

    kept: list[Finding]
    """The findings no comment silenced."""
    silenced: int
    """How many findings were silenced."""
    unused: list[tuple[str, Hit]]
    """(path, SUP701 hit) for each suppression that silenced nothing."""


def apply_suppressions(findings: Iterable[Finding],
                       suppressions: dict[str, list[Suppression]],
                       enabled: Collection[str], judged: Collection[str]) -> Suppressed:
    """Drop the findings a suppression covers; report the suppressions of the docs in
    ``judged`` (paths whose doc rules ran) that covered nothing of a rule that ran."""
    if not suppressions:
        return Suppressed(list(findings), 0, [])
    kept: list[Finding] = []
    used: set[Suppression] = set()
    silenced = 0
    for finding in findings:
        covering = [s for s in suppressions.get(finding.path, ())
                    if finding.code not in UNSUPPRESSIBLE and s.covers(finding)]
        if covering:
            used.update(covering)
            silenced += 1
        else:
            kept.append(finding)
    unused: list[tuple[str, Hit]] = []
    if "SUP701" in enabled:
        ran = frozenset(enabled) - UNSUPPRESSIBLE
        for path in judged:
            for s in suppressions.get(path, ()):
                if s in used or not (ran if s.codes is None else s.codes & ran):
                    continue
                unused.append((path, unused_suppression(
                    s.line, s.col, f"'{s.written}' suppresses nothing here; remove it")))
    return Suppressed(kept, silenced, unused)


__all__ = ["Suppressed", "Suppression", "apply_suppressions", "read_suppressions"]

"""Fixes: ``--fix`` mends the mechanical findings in place; ``--diff`` shows what it would
change, as a unified diff, and changes nothing.

    assistant check docs --diff      # review first (exit 1 when there is something to mend)
    assistant check docs --fix       # mend, then report what is left

Mended (each rule's ``--explain`` says how):

- TRM501 renamed-product: the new name, for a standalone old one; capitals a title gave the
  shared words are kept, and "a"/"an" right before it is mended where the spelling tells;
- LNK404 old-docs-host: the site-relative path in a link target, else the same page on
  ``https://learn.microsoft.com``; the locale goes too;
- LNK405 locale-in-url: the locale segment is dropped;
- FM306 date-format: ``ms.date`` rewritten as ``MM/DD/YYYY``.

Never touched: code blocks, inline code, comments, front matter keys (the rules do not look
there), findings silenced by a suppression comment, and files that are not UTF-8 (they could
not be written back byte for byte). Line ends, a BOM and every other byte are kept. An edit
is made only if the file still has the flagged text where the check saw it. After mending,
the docs are checked again, and what could not be mended is reported as usual; a second
``--fix`` changes nothing. Findings held in a baseline are mended too.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..corpus import read_bytes
from ..errors import CorpusError
from ..model import Finding
from .registry import Edit
from .runner import CheckReport

_BOM = "\ufeff"
# One line with its end, as the reader splits them (CRLF, CR or LF).
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_MAX_PASSES = 3


@dataclass(frozen=True, slots=True)
class FileFix:
    """The mends of one file."""

    path: str
    """The file, as the report names it."""
    before: str
    """Its text as read (line ends kept)."""
    after: str
    """Its text mended."""
    fixed: tuple[Finding, ...]
    """The findings the mends answer."""

    def diff(self) -> str:
        """A unified diff (``patch -p0`` applies it)."""
        lines = difflib.unified_diff(
            _LINE.findall(self.before), _LINE.findall(self.after), self.path, self.path)
        # A last line without a line end is marked as diff and patch expect.
        return "".join(line if line.endswith(("\n", "\r")) else
                       line + "\n\\ No newline at end of file\n" for line in lines)

    def write(self) -> None:
        """Write the mended text, with the bytes of everything else unchanged."""
        try:
            with open(self.path, "w", encoding="utf-8", newline="") as handle:
                handle.write(self.after)
        except OSError as exc:
            raise CorpusError(f"{self.path}: cannot write the mended doc: "
                              f"{exc.strerror or exc}") from exc


def plan_fixes(report: CheckReport) -> list[FileFix]:
    """The mends the report's edits make, per file (edits whose text is no longer where the
    check saw it, or that overlap an earlier one on the line, are left for the next pass)."""
    by_path: dict[str, list[tuple[Finding, Edit]]] = defaultdict(list)
    for finding, edit in report.edits:
        by_path[finding.path].append((finding, edit))
    fixes = []
    for path in sorted(by_path):
        fix = _fix_file(path, by_path[path])
        if fix is not None:
            fixes.append(fix)
    return fixes


def _fix_file(path: str, edits: list[tuple[Finding, Edit]]) -> FileFix | None:
    try:
        before = read_bytes(path).decode("utf-8")
    except (OSError, UnicodeDecodeError, ValueError):
        return None  # unreadable, or not UTF-8: it could not be written back unchanged
    bom = _BOM if before.startswith(_BOM) else ""
    lines = _LINE.findall(before[len(bom):])
    by_line: dict[int, list[tuple[Finding, Edit]]] = defaultdict(list)
    for finding, edit in edits:
        by_line[edit.line].append((finding, edit))
    fixed: list[Finding] = []
    for number, on_line in sorted(by_line.items()):
        if not 0 < number <= len(lines):
            continue
        line = lines[number - 1]
        end = len(line.rstrip("\r\n"))
        text, ending = line[:end], line[end:]
        # Right to left, so the columns of the edits still to make stay true; an edit that
        # reaches into one already made is left for the next pass.
        boundary = len(text)
        for finding, edit in sorted(on_line, key=lambda pair: -pair[1].col):
            start = edit.col - 1
            stop = start + len(edit.old)
            if stop > boundary or text[start:stop] != edit.old:
                continue
            text = text[:start] + edit.new + text[stop:]
            boundary = start
            fixed.append(finding)
        lines[number - 1] = text + ending
    if not fixed:
        return None
    after = bom + "".join(lines)
    return FileFix(path, before, after, tuple(sorted(fixed, key=lambda f: (f.line, f.col))))


@dataclass(frozen=True, slots=True)
class FixOutcome:
    """What ``--fix`` (or ``--diff``) did."""

    report: CheckReport
    """The findings after mending (before, for ``--diff``)."""
    fixes: list[FileFix]
    """The mends made (or, for ``--diff``, that would be made), one per file and pass."""

    @property
    def fixed(self) -> int:
        """How many findings the mends answered."""
        return sum(len(fix.fixed) for fix in self.fixes)


def fix(check: Callable[[], CheckReport], *, write: bool) -> FixOutcome:
    """Mend what ``check`` (a check run collecting edits) finds, checking again until
    nothing is left to mend; with ``write=False``, only say what one pass would change."""
    report = check()
    if not write:
        return FixOutcome(report, plan_fixes(report))
    made: list[FileFix] = []
    for _ in range(_MAX_PASSES):
        planned = plan_fixes(report)
        if not planned:
            break
        for planned_fix in planned:
            planned_fix.write()
        made.extend(planned)
        report = check()
    return FixOutcome(report, made)


def diff(fixes: Iterable[FileFix]) -> str:
    """One unified diff for every file."""
    return "".join(fix.diff() for fix in fixes)


__all__ = ["FileFix", "FixOutcome", "diff", "fix", "plan_fixes"]

"""A baseline: the findings a team has accepted, so CI reports only new ones.

    assistant check docs --write-baseline .assistant-baseline.json   # record today's findings
    assistant check docs --baseline .assistant-baseline.json         # report only new ones

A finding matches a baseline entry by rule, file and the text it flags (the line as written,
and the message with its numbers left out), never by line number: lines inserted above it,
or a stale date growing a day older, do not bring it back. Two identical findings on
identical lines need two entries. Baseline entries no finding matches any more are listed as
fixed (the exit code does not change); write the baseline again to drop them.

The file is JSON, sorted by file and line so that a change to it reads well in review; paths
are relative to the baseline file's folder, so the check can run from anywhere. Writing it
keeps the entries of files (and rules) this run did not check, so ``--changed-since`` or a
folder of the docs can update their part alone.

``--fix`` also mends findings that are in the baseline (mending is always welcome): they are
then listed as fixed.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..corpus import read_source
from ..errors import AssistantError, ConfigError
from ..model import Finding
from .registry import RULES
from .runner import CheckReport

FORMAT = 1
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Entry:
    """One accepted finding, as the baseline file records it."""

    code: str
    """The rule's code."""
    path: str
    """The file, relative to the baseline's folder, with ``/`` separators."""
    text: str
    """The flagged line as written, whitespace collapsed."""
    message: str
    """The finding's message when it was recorded."""
    line: int
    """Where it was when recorded: shown when it is fixed, never matched."""

    @property
    def key(self) -> tuple[str, str, str, str]:
        """What a finding must share to match: rule, file, flagged text, the message's
        words (numbers vary: "is 400 days old", another doc's line)."""
        return self.code, self.path, self.text, _NUMBER.sub("#", self.message)


@lru_cache(maxsize=4096)
def _lines(path: str) -> tuple[str, ...]:
    try:
        return tuple(read_source(path).text.split("\n"))
    except AssistantError:
        return ()


def _entry(finding: Finding, folder: str) -> Entry:
    lines = _lines(os.path.abspath(finding.path))
    text = lines[finding.line - 1] if 0 < finding.line <= len(lines) else ""
    relative = os.path.relpath(os.path.abspath(finding.path), folder).replace(os.sep, "/")
    return Entry(finding.code, relative, " ".join(text.split()), finding.message, finding.line)


def read_baseline(path: str) -> list[Entry]:
    """The entries of a baseline file; :class:`ConfigError` naming the file (and the line,
    for bad JSON) when it is missing or not a baseline."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: no such baseline file; record one with "
                          f"'assistant check --write-baseline {path}'") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the baseline: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: the baseline is not UTF-8 text") from exc
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}:{exc.lineno}: the baseline is not valid JSON "
                          f"({exc.msg})") from exc
    if not isinstance(data, dict) or data.get("version") != FORMAT or not isinstance(
            data.get("findings"), list):
        raise ConfigError(f"{path}: not a baseline written by 'assistant check "
                          f"--write-baseline' (format {FORMAT})")
    entries = []
    types = {f.name: int if f.name == "line" else str for f in dataclasses.fields(Entry)}
    for number, item in enumerate(data["findings"], start=1):
        if not isinstance(item, dict) or any(
                type(item.get(name)) is not kind for name, kind in types.items()):
            raise ConfigError(f"{path}: baseline entry {number} needs {', '.join(types)} "
                              f"(text, and a whole number for line)")
        entries.append(Entry(**{name: item[name] for name in types}))
    return entries


def write_baseline(path: str, report: CheckReport) -> int:
    """Record the report's findings in ``path`` (keeping the entries of files or rules the
    run did not check); returns how many entries the file holds."""
    folder = os.path.dirname(os.path.abspath(path))
    _lines.cache_clear()  # --fix may have changed the files since they were last read
    entries = [_entry(f, folder) for f in report.findings]
    if os.path.exists(path):
        entries.extend(e for e in read_baseline(path) if not _covered(e, report, folder))
    entries.sort(key=lambda e: (e.path, e.line, e.code, e.message))
    data = {"version": FORMAT, "tool": "docs-assistant check",
            "findings": [dataclasses.asdict(e) for e in entries]}
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            json.dump(data, handle, indent=1, ensure_ascii=False)
            handle.write("\n")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write the baseline: {exc.strerror}") from exc
    return len(entries)


def _covered(entry: Entry, report: CheckReport, folder: str) -> bool:
    """True when this run checked the entry's file with the entry's rule."""
    absolute = os.path.normpath(os.path.join(folder, entry.path))
    return entry.code in report.enabled and absolute in report.checked


def apply_baseline(report: CheckReport, entries: Sequence[Entry], path: str) -> CheckReport:
    """The report without the findings the baseline holds, listing as fixed the entries this
    run checked that no finding matches."""
    folder = os.path.dirname(os.path.abspath(path))
    _lines.cache_clear()  # --fix may have changed the files since they were last read
    left = Counter(e.key for e in entries)
    unmatched = {e.key: e for e in entries}
    new: list[Finding] = []
    for finding in report.findings:
        key = _entry(finding, folder).key
        if left[key] > 0:
            left[key] -= 1
        else:
            new.append(finding)
    fixed = []
    for key, count in left.items():
        entry = unmatched[key]
        if count > 0 and _covered(entry, report, folder):
            fixed.extend([_as_finding(entry, folder)] * count)
    fixed.sort(key=lambda f: (f.path, f.line, f.code))
    return dataclasses.replace(report, findings=tuple(new),
                               baselined=len(report.findings) - len(new),
                               baseline_fixed=tuple(fixed))


def _as_finding(entry: Entry, folder: str) -> Finding:
    rule = RULES.get(entry.code)
    path = os.path.relpath(os.path.join(folder, entry.path))
    return Finding(entry.code, rule.name if rule else "", rule.severity if rule else "info",
                   path, entry.line, 1, entry.message)


__all__ = ["Entry", "apply_baseline", "read_baseline", "write_baseline"]

"""``path:line:col: CODE message``, one finding per line, then a summary."""

from __future__ import annotations

from collections import Counter

from ...printable import printable
from ..runner import CheckReport


def render(report: CheckReport) -> str:
    lines = [printable(f"{f.path}:{f.line}:{f.col}: {f.code} {f.message}")
             for f in report.findings]
    lines.append(summary(report))
    return "\n".join(lines)


def summary(report: CheckReport) -> str:
    """"3 findings (1 error, 2 warnings) in 2 of 40 files." or "No findings in 40 files."."""
    files = f"{report.files} file{'s' if report.files != 1 else ''}"
    if not report.findings:
        return f"No findings in {files}."
    counts = Counter(f.severity for f in report.findings)
    parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}"
             for s in ("error", "warning", "info") if counts[s]]
    total = len(report.findings)
    affected = len({f.path for f in report.findings})
    return (f"{total} finding{'s' if total != 1 else ''} ({', '.join(parts)}) in {affected} "
            f"of {files}.")

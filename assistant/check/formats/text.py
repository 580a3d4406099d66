"""``path:line:col: severity: CODE message``, one finding per line, then a summary.

The severity stands where compilers write it (``file:line:col: error: ...``), so editors and
CI problem matchers made for compilers pick the findings up as they are.
"""

from __future__ import annotations

from collections import Counter

from ...printable import printable
from ..runner import CheckReport


def render(report: CheckReport) -> str:
    lines = [printable(f"{f.path}:{f.line}:{f.col}: {f.severity}: {f.code} {f.message}")
             for f in report.findings]
    if report.baseline_fixed:
        lines.append(fixed_entries(report))
    lines.append(summary(report))
    return "\n".join(lines)


def fixed_entries(report: CheckReport) -> str:
    """The baseline entries no finding matches any more, indented (so that no tool reading
    ``path:line:col:`` lines takes them for findings)."""
    count = len(report.baseline_fixed)
    lines = [f"Fixed since the baseline ({count} entr{'ies' if count != 1 else 'y'}; write "
             f"the baseline again to drop them):"]
    lines.extend(printable(f"  {f.path} (was line {f.line}): {f.code} {f.message}")
                 for f in report.baseline_fixed)
    return "\n".join(lines)


def summary(report: CheckReport) -> str:
    """"3 findings (1 error, 2 warnings) in 2 of 40 files." or "No findings in 40 files.",
    then what is not shown: "Not shown: 12 in the baseline, 2 suppressed by comments."."""
    files = f"{report.files} file{'s' if report.files != 1 else ''}"
    hidden = []
    if report.baselined:
        hidden.append(f"{report.baselined} in the baseline")
    if report.suppressed:
        hidden.append(f"{report.suppressed} suppressed by comments")
    also = f" Not shown: {', '.join(hidden)}." if hidden else ""
    if not report.findings:
        return f"No{' new' if report.baselined else ''} findings in {files}.{also}"
    counts = Counter(f.severity for f in report.findings)
    parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}"
             for s in ("error", "warning", "info") if counts[s]]
    total = len(report.findings)
    affected = len({f.path for f in report.findings})
    return (f"{total} finding{'s' if total != 1 else ''} ({', '.join(parts)}) in {affected} "
            f"of {files}.{also}")

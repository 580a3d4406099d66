"""GitHub Actions workflow commands: ``::error file=...,line=...,col=...,title=...::message``.

See "Workflow commands for GitHub Actions": data is escaped with ``%25``, ``%0D``, ``%0A``;
property values additionally escape ``:`` and ``,``.
"""

from __future__ import annotations

from ...printable import printable
from ..runner import CheckReport
from .text import fixed_entries, summary

_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: CheckReport) -> str:
    lines = []
    for f in report.findings:
        properties = ",".join([
            f"file={_property(f.path)}", f"line={f.line}", f"col={f.col}",
            f"title={_property(f'{f.code} {f.name}')}",
        ])
        message = f.message + (f" (fix: {f.fix})" if f.fix else "")
        lines.append(printable(f"::{_LEVELS[f.severity]} {properties}::{_data(message)}"))
    if report.baseline_fixed:
        lines.append(fixed_entries(report))
    lines.append(summary(report))
    return "\n".join(lines)

"""A JSON array of ``{code, name, severity, path, line, col, message, fix}``."""

from __future__ import annotations

import json

from ...model import to_json_data
from ..runner import CheckReport


def render(report: CheckReport) -> str:
    return json.dumps([to_json_data(f) for f in report.findings], indent=2,
                      ensure_ascii=False)

"""SARIF 2.1.0, for code-scanning services (GitHub uploads it with ``upload-sarif``)."""

from __future__ import annotations

import json
from importlib import metadata
from urllib.parse import quote

from ..registry import RULES
from ..runner import CheckReport

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _version() -> str:
    try:
        return metadata.version("docs-assistant")
    except metadata.PackageNotFoundError:
        return "0"


def _uri(path: str) -> str:
    return quote(path.replace("\\", "/"), safe="/.-_~")


def render(report: CheckReport) -> str:
    codes = sorted(report.enabled or {f.code for f in report.findings})
    index = {code: i for i, code in enumerate(codes)}
    rules = []
    for code in codes:
        rule = RULES[code]
        rules.append({
            "id": code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.doc},
            "help": {"text": rule.doc},
            "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        })
    results = []
    for f in report.findings:
        result = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _LEVELS[f.severity],
            "message": {"text": f.message + (f" (fix: {f.fix})" if f.fix else "")},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(f.path)},
                    "region": {"startLine": f.line, "startColumn": f.col},
                },
            }],
        }
        if f.fix:
            result["properties"] = {"fix": f.fix}
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "docs-assistant",
                "version": _version(),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False)

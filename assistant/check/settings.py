"""The ``check`` settings: ``[tool.assistant.check]`` in pyproject.toml or ``[check]`` in
``.assistant.toml``, validated into :class:`CheckSettings`.

```toml
[tool.assistant.check]
select = ["ALL"]                      # codes, prefixes ("TBL") or rule names
ignore = ["FM305"]
required-fields = ["title", "description", "ms.date", "ms.topic", "author"]
stale-days = 365                      # ms.date older than this is reported (FM305)
placeholder-patterns = ['\\bXX+\\b']  # extra regular expressions for placeholder text
front-matter-exempt = ["includes", "TOC.md"]   # files that need no front matter
empty-section-allowed = ["NOTES"]     # headings (and their subheadings) that may stay empty
fail-on = "error"                     # default for --fail-on

[tool.assistant.check.severity]
FM305 = "error"
```

Keys may be written with dashes or underscores. Anything unknown or of the wrong type is a
:class:`ConfigError` naming the setting, so a typo never silently disables a check.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ..errors import ConfigError
from ..model import Severity
from .registry import resolve_codes, severity_overrides

FailOn = Literal["error", "warning", "never"]
FAIL_ON: tuple[FailOn, ...] = ("error", "warning", "never")

DEFAULT_REQUIRED_FIELDS = ("title", "description", "ms.date", "ms.topic", "author")
DEFAULT_STALE_DAYS = 365
# Files that carry no front matter by design: include snippets, tables of contents, repo files.
DEFAULT_FRONT_MATTER_EXEMPT = (
    "includes", "_includes", "toc.md", "readme.md", "contributing.md", "license.md",
    "security.md", "code_of_conduct.md", "thirdpartynotices.md", "changelog.md",
)

# The upper-case sections of PowerShell cmdlet reference pages (platyPS), which the format
# keeps even when there is nothing to say; an empty EXAMPLES section is still reported.
DEFAULT_EMPTY_SECTION_ALLOWED = ("INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS")

_KEYS = {
    "select", "ignore", "severity", "required-fields", "stale-days", "placeholder-patterns",
    "front-matter-exempt", "empty-section-allowed", "fail-on",
}


@dataclass(frozen=True, slots=True)
class CheckSettings:
    """Validated settings for one run (picklable: it travels to worker processes)."""

    select: tuple[str, ...] | None = None
    """Code patterns to run (None: every rule)."""
    ignore: tuple[str, ...] = ()
    """Code patterns not to run."""
    severity: dict[str, Severity] = field(default_factory=dict)
    """Code -> severity overriding the rule's default."""
    required_fields: tuple[str, ...] = DEFAULT_REQUIRED_FIELDS
    """Front matter fields every doc must fill in."""
    stale_days: int = DEFAULT_STALE_DAYS
    """Age in days past which ``ms.date`` is reported as stale."""
    placeholder_patterns: tuple[re.Pattern[str], ...] = ()
    """Extra regular expressions that mark placeholder text."""
    front_matter_exempt: tuple[str, ...] = DEFAULT_FRONT_MATTER_EXEMPT
    """File or folder names (lower case, ``*`` wildcards allowed) whose files need no front
    matter; a pattern with a ``/`` is matched against the end of the path."""
    empty_section_allowed: tuple[str, ...] = DEFAULT_EMPTY_SECTION_ALLOWED
    """Heading titles (exact case, ``*`` wildcards allowed) whose sections, and the sections
    below them, may be empty."""
    fail_on: FailOn = "error"
    """Default for ``--fail-on``."""


def load_settings(table: Mapping[str, Any] | None, source: str | None = None) -> CheckSettings:
    """Validate the raw ``check`` table (``Config.check``) into settings."""
    where = f"{source or 'settings'}: [check]"
    if not table:
        return CheckSettings()
    if not isinstance(table, Mapping):
        raise ConfigError(f"{where} must be a table")
    values = {str(k).replace("_", "-"): v for k, v in table.items()}
    unknown = sorted(set(values) - _KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown setting(s) {', '.join(unknown)}; "
                          f"known: {', '.join(sorted(_KEYS))}")
    select = values.get("select")
    if select is not None:
        select = _strings(select, f"{where} select")
        resolve_codes(select, f"{where} select")
    ignore = _strings(values.get("ignore", []), f"{where} ignore")
    resolve_codes(ignore, f"{where} ignore")
    severity = values.get("severity", {})
    if not isinstance(severity, Mapping):
        raise ConfigError(f"{where} severity must be a table of CODE = \"error\"|\"warning\"|"
                          f"\"info\"")
    stale = values.get("stale-days", DEFAULT_STALE_DAYS)
    if isinstance(stale, bool) or not isinstance(stale, int) or stale < 1:
        raise ConfigError(f"{where} stale-days must be a whole number of days (1 or more), "
                          f"not {stale!r}")
    fail_on = values.get("fail-on", "error")
    if fail_on not in FAIL_ON:
        raise ConfigError(f"{where} fail-on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}")
    fields = _strings(values.get("required-fields", list(DEFAULT_REQUIRED_FIELDS)),
                      f"{where} required-fields")
    exempt = _strings(values.get("front-matter-exempt", list(DEFAULT_FRONT_MATTER_EXEMPT)),
                      f"{where} front-matter-exempt")
    allowed = _strings(values.get("empty-section-allowed", list(DEFAULT_EMPTY_SECTION_ALLOWED)),
                       f"{where} empty-section-allowed")
    return CheckSettings(
        select=tuple(select) if select is not None else None,
        ignore=tuple(ignore),
        severity=severity_overrides(severity, f"{where} severity"),
        required_fields=tuple(fields),
        stale_days=stale,
        placeholder_patterns=tuple(
            _regex(p, f"{where} placeholder-patterns")
            for p in _strings(values.get("placeholder-patterns", []),
                              f"{where} placeholder-patterns")),
        front_matter_exempt=tuple(e.lower() for e in exempt),
        empty_section_allowed=tuple(allowed),
        fail_on=fail_on,
    )


def _strings(value: Any, what: str) -> list[str]:
    if isinstance(value, str):
        value = [part for part in value.split(",")]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{what} must be a list of strings, not {value!r}")
    return [v.strip() for v in value if v.strip()]


def _regex(pattern: str, what: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ConfigError(f"{what}: {pattern!r} is not a valid regular expression ({exc})") from exc

"""Front matter: find the YAML block, read it with python-frontmatter, and note key lines.

A broken YAML block never stops the parse: it becomes a diagnostic naming the file line, the
mapping is empty, and the body is parsed as usual.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import frontmatter
import yaml

from ..model import Diagnostic

_YAML = frontmatter.YAMLHandler()
_FENCE = re.compile(r"^---[ \t]*$")
_KEY = re.compile(r"^([A-Za-z0-9_][A-Za-z0-9_.\-]*)[ \t]*:")
# ms.date as written across Learn repos: 4/24/2019, 05/10/2019, 2021-12-08, 2021/12/08.
_US_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ].*)?\s*$")


@dataclass(slots=True)
class FrontMatter:
    """What the front matter block holds."""

    data: dict[str, Any] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)
    body_line: int = 1
    """First file line after the closing fence (1 when there is no front matter)."""
    diagnostics: list[Diagnostic] = field(default_factory=list)


def split_front_matter(lines: list[str], path: str) -> FrontMatter:
    """Read the front matter at the top of ``lines`` (the file's lines, no line ends)."""
    result = FrontMatter()
    if not lines or not _FENCE.match(lines[0]):
        return result
    close = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if close is None:
        result.diagnostics.append(
            Diagnostic(path, 1, "unclosed-front-matter",
                       "front matter opened with '---' is never closed; read as body text",
                       "error")
        )
        return result
    result.body_line = close + 2
    yaml_lines = lines[1:close]
    for offset, line in enumerate(yaml_lines):
        match = _KEY.match(line)
        if match:
            result.key_lines.setdefault(match.group(1), offset + 2)
    try:
        # The handler parses exactly our lines, so YAML error marks map straight to file lines.
        data = _YAML.load("\n".join(yaml_lines)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        # The mark counts from the first YAML line, which is file line 2.
        error_line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        result.diagnostics.append(
            Diagnostic(path, error_line, "invalid-front-matter",
                       f"front matter is not valid YAML ({problem}); its fields were ignored",
                       "error")
        )
        return result
    except Exception as exc:  # python-frontmatter wraps odd inputs in other errors
        result.diagnostics.append(
            Diagnostic(path, 1, "invalid-front-matter",
                       f"front matter could not be read ({exc}); its fields were ignored",
                       "error")
        )
        return result
    if not isinstance(data, dict):  # e.g. a bare string or list between the fences
        result.diagnostics.append(
            Diagnostic(path, 2, "invalid-front-matter",
                       "front matter is not a mapping of fields; its content was ignored",
                       "error")
        )
        return result
    result.data = {str(k): v for k, v in data.items()}
    return result


def iso_date(value: Any) -> str | None:
    """``ms.date`` as ``YYYY-MM-DD``, or None when it is missing or not a real date."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    if match := _US_DATE.match(value):
        month, day, year = (int(g) for g in match.groups())
    elif match := _ISO_DATE.match(value):
        year, month, day = (int(g) for g in match.groups())
    else:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def text_value(value: Any) -> str:
    """A front matter value as one line of text (lists joined, None empty)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(text_value(v) for v in value)
    return " ".join(str(value).split())

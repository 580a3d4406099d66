"""Report formats: one small module per format, each ``render(report) -> str``.

Doc text reaches every format through finding messages, so it is treated as data: control
characters are escaped (a doc cannot drive the terminal), and each format escapes what its
own syntax needs.
"""

from __future__ import annotations

from collections.abc import Callable

from ..runner import CheckReport
from . import github, json_format, sarif, text

FORMATS: dict[str, Callable[[CheckReport], str]] = {
    "text": text.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": github.render,
}

__all__ = ["FORMATS"]

"""Paths as a user reads them. An index stores absolute paths (it answers from any folder);
outputs show a path relative to the working folder when it lies under it, as typed."""

from __future__ import annotations

import os


def shown_path(path: str) -> str:
    """``path`` relative to the working folder when it is under it, else as stored."""
    if not os.path.isabs(path):
        return path
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return path
    if relative == ".." or relative.startswith(".." + os.sep):
        return path
    return relative.replace(os.sep, "/")


def shown_place(path: str, line_start: int, line_end: int) -> str:
    """``path:line`` or ``path:first-last``, the path as :func:`shown_path` shows it."""
    lines = f"{line_start}-{line_end}" if line_end > line_start else f"{line_start}"
    return f"{shown_path(path)}:{lines}"


__all__ = ["shown_path", "shown_place"]

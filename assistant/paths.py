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


__all__ = ["shown_path"]

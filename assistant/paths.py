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


ELLIPSIS = "…"


def shortened(place: str, width: int) -> str:
    """``place`` (a path, or ``path:line``) in at most ``width`` characters: whole folders in
    the middle give way to ``…``, the ones nearest the file kept first, then (for a relative
    path, whose first folder says where it is under the working folder) the ones it starts
    with. The file name (with its ``:line``) is never cut, so the result is wider than
    ``width`` only when that name alone is.

    >>> shortened("corpora/power-platform-admin/admin/backup-restore.md:75", 36)
    'corpora/…/admin/backup-restore.md:75'
    """
    if len(place) <= width:
        return place
    *folders, name = place.split("/")
    if not folders:
        return place
    tail: list[str] = []  # folders kept next to the file, nearest last
    head: list[str] = []  # folders kept from the start
    room = width - len(name) - len(ELLIPSIS) - 1  # the slash after the ellipsis
    middle = list(folders)
    while middle and len(middle[-1]) + 1 <= room:
        room -= len(middle[-1]) + 1
        tail.insert(0, middle.pop())
    relative = folders[0] != ""
    while relative and middle and len(middle[0]) + 1 <= room:
        room -= len(middle[0]) + 1
        head.append(middle.pop(0))
    if not middle:
        return place
    return "/".join([*head, ELLIPSIS, *tail, name])


__all__ = ["ELLIPSIS", "shortened", "shown_path", "shown_place"]

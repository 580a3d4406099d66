"""The docset's build settings: the front matter a ``docfx.json`` gives its pages.

Learn repos set many front matter fields once for a whole docset rather than in every file:
``build.globalMetadata`` holds fields for every page, and ``build.fileMetadata`` maps a field to
``{glob: value}`` for the pages a glob matches. A page's metadata is those, overridden by its
own front matter. Without reading them, a required-field check reports every page of a repo
that sets ``author`` in ``docfx.json``.

The ``docfx.json`` that governs a doc is the nearest one in the doc's folder or above it, up to
the repository root (a folder holding ``.git``). Globs are relative to that file's folder, as
DocFX reads them, or to a ``content`` group's ``src``.
"""

from __future__ import annotations

import functools
import json
import os
import re
from dataclasses import dataclass, field
from typing import Any

CONFIG_NAME = "docfx.json"


@dataclass(frozen=True, slots=True)
class Docset:
    """The metadata one ``docfx.json`` gives the pages below it."""

    path: str
    """Absolute path of the ``docfx.json``."""
    global_metadata: dict[str, Any] = field(default_factory=dict)
    """``build.globalMetadata``: fields every page gets."""
    file_metadata: tuple[tuple[str, tuple[tuple[re.Pattern[str], Any], ...]], ...] = ()
    """``build.fileMetadata``: per field, (compiled glob, value) pairs in file order."""
    bases: tuple[str, ...] = ()
    """Absolute folders the globs are relative to (the file's own folder first)."""
    error: str | None = None
    """Why the file could not be read (then it gives no metadata), or None."""

    def metadata_for(self, doc_path: str) -> dict[str, Any]:
        """The fields this docset gives ``doc_path`` (global ones, then matching globs)."""
        found = dict(self.global_metadata)
        if not self.file_metadata:
            return found
        absolute = os.path.abspath(doc_path)
        relatives = [os.path.relpath(absolute, base).replace(os.sep, "/") for base in self.bases
                     if absolute.startswith(base.rstrip(os.sep) + os.sep)]
        for name, globs in self.file_metadata:
            for pattern, value in globs:  # DocFX lets a later glob override an earlier one
                if any(pattern.fullmatch(rel) for rel in relatives):
                    found[name] = value
        return found


def glob_pattern(glob: str) -> re.Pattern[str]:
    """Compile a DocFX glob: ``**`` crosses folders (also in ``**.md``), ``*`` and ``?`` do
    not, ``{a,b}`` is either; case-blind, as the Learn build matches.

    Python's ``fnmatch`` lets ``*`` cross folders and has no braces, and ``glob.translate``
    only came in Python 3.13, hence this small translation.
    """
    glob = glob.removeprefix("./").lstrip("/")
    out: list[str] = []
    i = 0
    depth = 0
    while i < len(glob):
        char = glob[i]
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if glob.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "{":
            depth += 1
            out.append("(?:")
        elif char == "}" and depth:
            depth -= 1
            out.append(")")
        elif char == "," and depth:
            out.append("|")
        else:
            out.append(re.escape(char))
        i += 1
    out.append(")" * depth)
    return re.compile("".join(out), re.IGNORECASE | re.DOTALL)


def read_docset(path: str) -> Docset:
    """Read one ``docfx.json``; a file that is not valid JSON gives a Docset with ``error``."""
    path = os.path.abspath(path)
    folder = os.path.dirname(path)
    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = json.load(handle)
    except (OSError, UnicodeDecodeError) as exc:
        return Docset(path, error=f"cannot be read: {exc}")
    except json.JSONDecodeError as exc:
        return Docset(path, error=f"is not valid JSON (line {exc.lineno}: {exc.msg})")
    build = data.get("build") if isinstance(data, dict) else None
    if not isinstance(build, dict):
        return Docset(path, bases=(folder,))
    global_metadata = build.get("globalMetadata")
    file_metadata: list[tuple[str, tuple[tuple[re.Pattern[str], Any], ...]]] = []
    raw = build.get("fileMetadata")
    if isinstance(raw, dict):
        for name, globs in raw.items():
            if isinstance(globs, dict):
                file_metadata.append((str(name), tuple(
                    (glob_pattern(str(glob)), value) for glob, value in globs.items())))
    bases = [folder]
    content = build.get("content")
    for group in content if isinstance(content, list) else []:
        src = group.get("src") if isinstance(group, dict) else None
        if isinstance(src, str) and src.strip("./"):
            bases.append(os.path.normpath(os.path.join(folder, src)))
    return Docset(
        path,
        global_metadata=dict(global_metadata) if isinstance(global_metadata, dict) else {},
        file_metadata=tuple(file_metadata),
        bases=tuple(dict.fromkeys(bases)),
    )


def docset_for(doc_path: str) -> Docset | None:
    """The docset whose ``docfx.json`` governs ``doc_path``, or None when there is none."""
    return _docset_in(os.path.dirname(os.path.abspath(doc_path)))


@functools.lru_cache(maxsize=4096)
def _docset_in(folder: str) -> Docset | None:
    # Cached per folder: the docs of one folder, and the folders of one docset, share the
    # answer, so a corpus run reads each docfx.json once per process.
    candidate = os.path.join(folder, CONFIG_NAME)
    if os.path.isfile(candidate):
        return read_docset(candidate)
    parent = os.path.dirname(folder)
    if parent == folder or os.path.exists(os.path.join(folder, ".git")):
        return None
    return _docset_in(parent)


def clear_cache() -> None:
    """Forget the docsets read so far (a later run may see an edited ``docfx.json``)."""
    _docset_in.cache_clear()

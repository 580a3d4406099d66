"""DocFX (Microsoft Learn) extensions that CommonMark does not know, handled around markdown-it.

- ``:::image ...:::``, ``:::row:::``, ``::: zone ...``, ``::: moniker ...`` and their ``-end``
  lines are layout, not content: each becomes an empty line *before* parsing, so line numbers
  stay true and a ``::: moniker-end`` right after a table can never be read as a table row.
- ``[!INCLUDE[label](path)]`` tokens pull in another file. A token on a line of its own is a
  block include (its file is parsed and spliced in with its own path and lines); a token inside
  a sentence is an inline include (its text replaces the token).
- ``> [!NOTE]`` and friends mark callouts; ``> [!div class=...]`` is layout.
"""

from __future__ import annotations

import os
import re

# Any line whose first non-blank characters are ":::" is a DocFX directive (or its end).
_DIRECTIVE = re.compile(r"^[ \t]*:::")
INCLUDE_TOKEN = re.compile(
    r"\[!include\s*\[(?P<label>[^\]]*)\]\s*\((?P<target>[^)\s]+)[^)]*\)\s*\]", re.IGNORECASE
)
CALLOUT_MARKER = re.compile(r"^\s*\[!(?P<kind>[A-Za-z]+)\]\s*")
CALLOUT_KINDS = frozenset({"NOTE", "TIP", "IMPORTANT", "CAUTION", "WARNING"})


def blank_directives(lines: list[str]) -> list[str]:
    """Return ``lines`` with every DocFX ``:::`` directive line emptied (count unchanged)."""
    return ["" if _DIRECTIVE.match(line) else line for line in lines]


def is_block_include(line: str) -> bool:
    """True when the line holds nothing but one include token (optionally indented)."""
    match = INCLUDE_TOKEN.search(line)
    return match is not None and not (
        line[: match.start()].strip() or line[match.end() :].strip())


def resolve_include(doc_path: str, target: str, root: str | None = None) -> str | None:
    """Find the file an include token points at, or None when it is not on disk.

    Relative targets are relative to the including doc. ``~/`` means the docset root, which is
    not recorded anywhere in the file, so each folder above the doc is tried (up to ``root``).
    """
    target = target.split("#", 1)[0].split("?", 1)[0]
    if not target:
        return None
    folder = os.path.dirname(os.path.abspath(doc_path))
    if target.startswith("~/"):
        rest = target[2:]
        stop = os.path.abspath(root) if root else None
        while True:
            candidate = os.path.normpath(os.path.join(folder, rest))
            if os.path.isfile(candidate):
                return as_given(candidate, doc_path)
            parent = os.path.dirname(folder)
            if parent == folder or (stop and folder == stop):
                return None
            folder = parent
    candidate = os.path.normpath(os.path.join(folder, target))
    return as_given(candidate, doc_path) if os.path.isfile(candidate) else None


def as_given(found: str, doc_path: str) -> str:
    """Express ``found`` the way ``doc_path`` was given (relative stays relative)."""
    if os.path.isabs(doc_path):
        return found
    rel = os.path.relpath(found)
    return rel if not rel.startswith("..") else found

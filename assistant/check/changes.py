"""Only what changed: ``--changed-since REF`` checks the docs git says changed since REF.

    assistant check docs --changed-since origin/main
    assistant check docs --changed-since HEAD~1 --baseline .assistant-baseline.json

A doc counts as changed when ``git diff REF`` lists it (committed, staged or not) or it is
new and not ignored. Also checked, because what they show changed with it:

- docs that ``[!INCLUDE]`` a changed or deleted file (the include is part of the page);
- docs under a changed ``docfx.json`` (it gives them front matter);
- docs that link to a deleted file.

The across-docs rules (XD601-XD604, LNK402) still compare the changed docs with every doc
under PATHS, and report what they find at a changed doc, or at an unchanged one when the
place it is compared with is in a changed doc (a changed table that makes an older footnote
the odd one out). Everything else in unchanged docs is left out. REF is anything git accepts:
a branch, a tag, ``HEAD~3``, a commit.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import ConfigError
from ..parse.docfx import resolve_include
from .docset import CONFIG_NAME
from .source import DocContext

_SCHEME = ("http:", "https:", "mailto:", "/")


@dataclass(frozen=True, slots=True)
class ChangedFiles:
    """The files git says changed since a ref (picklable: it travels to worker processes)."""

    ref: str
    """The ref as the user gave it."""
    paths: frozenset[str]
    """Absolute paths of every changed, added, untracked or deleted file."""
    deleted: frozenset[str]
    """The subset that no longer exists."""
    docset_folders: tuple[str, ...]
    """Folders of changed ``docfx.json`` files (their docs get front matter from them)."""
    names: tuple[bytes, ...]
    """File names (without ``.md``) of the changed files: a doc that mentions none of them can
    neither include nor link to one, so it need not be parsed to know it is unaffected."""

    @classmethod
    def of(cls, ref: str, paths: Iterable[str]) -> ChangedFiles:
        absolute = frozenset(os.path.realpath(p) for p in paths)
        names = {os.path.splitext(os.path.basename(p))[0].encode("utf-8") for p in absolute}
        return cls(
            ref, absolute,
            frozenset(p for p in absolute if not os.path.lexists(p)),
            tuple(sorted(os.path.dirname(p) for p in absolute
                         if os.path.basename(p).lower() == CONFIG_NAME)),
            tuple(sorted(n for n in names if n)),
        )

    def changed(self, path: str) -> bool:
        """True when the doc itself changed, or the ``docfx.json`` governing it did."""
        absolute = os.path.realpath(path)
        return absolute in self.paths or any(
            absolute.startswith(folder + os.sep) for folder in self.docset_folders)

    def may_touch(self, data: bytes) -> bool:
        """False when a doc's bytes name no changed file (then it includes and links none)."""
        return any(name in data for name in self.names)

    def touches(self, ctx: DocContext) -> bool:
        """True when the doc includes a changed or deleted file, or links to a deleted one."""
        for include in ctx.doc.includes:
            if include.resolved and os.path.realpath(include.resolved) in self.paths:
                return True
            if include.resolved is None and self._names_deleted(ctx, include.target):
                return True
        return any(self._names_deleted(ctx, link.url) for link in ctx.doc.links
                   if link.url and not link.url.startswith(_SCHEME))

    def _names_deleted(self, ctx: DocContext, target: str) -> bool:
        target = target.split("#", 1)[0].split("?", 1)[0]
        if not target or not self.deleted:
            return False
        if target.startswith("~/"):
            found = resolve_include(ctx.path, target, ctx.root)
            return found is not None and os.path.realpath(found) in self.deleted
        path = os.path.realpath(os.path.join(ctx.folder, target))
        return path in self.deleted or path + ".md" in self.deleted


def _git(args: list[str], cwd: str) -> str:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                                check=False)
    except FileNotFoundError as exc:
        raise ConfigError("--changed-since needs git, and git was not found") from exc
    if result.returncode != 0:
        reason = (result.stderr.strip().splitlines() or ["git failed"])[-1]
        raise ConfigError(f"--changed-since: git {args[0]} in {cwd}: {reason}")
    return result.stdout


def changed_since(ref: str, roots: Iterable[str]) -> ChangedFiles:
    """The files changed since ``ref`` in the git repositories holding ``roots``.

    Raises :class:`ConfigError` (one line, git's own reason) when a root is not in a git
    repository or git does not know ``ref``.
    """
    if not ref.strip() or ref.startswith("-"):
        raise ConfigError(f"--changed-since: {ref!r} is not a git ref")
    tops: set[str] = set()
    for root in roots:
        if not os.path.exists(root):
            continue  # the check itself names a path that does not exist
        folder = root if os.path.isdir(root) else os.path.dirname(os.path.abspath(root))
        try:
            tops.add(_git(["rev-parse", "--show-toplevel"], folder or ".").strip())
        except ConfigError as exc:
            raise ConfigError(f"--changed-since needs a git repository: {root} is not in "
                              f"one") from exc
    paths: list[str] = []
    for top in sorted(tops):
        try:
            _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"],
                 top)
        except ConfigError as exc:
            raise ConfigError(f"--changed-since: git knows no commit {ref!r} in {top}") from exc
        listed = _git(["diff", "--name-only", "--no-renames", "-z", ref, "--"], top)
        listed += _git(["ls-files", "--others", "--exclude-standard", "-z"], top)
        paths.extend(os.path.join(top, name) for name in listed.split("\0") if name)
    return ChangedFiles.of(ref, paths)


__all__ = ["ChangedFiles", "changed_since"]

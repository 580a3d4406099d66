"""Project configuration: ``[tool.assistant]`` in pyproject.toml, or ``.assistant.toml``.

Looked up from the working folder upwards, so commands run anywhere inside a project pick up
its settings. Every setting has a default, so no file is needed at all.

```toml
[tool.assistant]            # in .assistant.toml the table names drop the "tool.assistant." part
corpus = ["corpus"]         # corpus roots, relative to the file that says so
index = "index"             # where the built index lives
max-doc-size = "4 MB"       # a larger doc is indexed up to this size, with a warning (0: all)

[tool.assistant.urls]       # public base URL per corpus folder, for citation links
"corpus/customer-service-insights" = "https://learn.microsoft.com/dynamics365/ai/customer-service-insights"
```
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError

DEFAULT_CORPUS = "corpus"
DEFAULT_INDEX = "index"


@dataclass(frozen=True, slots=True)
class Config:
    """Settings in force for one run."""

    corpus: tuple[str, ...] = (DEFAULT_CORPUS,)
    """Corpus roots."""
    index: str = DEFAULT_INDEX
    """Index folder."""
    urls: dict[str, str] = field(default_factory=dict)
    """Path prefix -> public base URL (the doc's path below the prefix, minus ``.md``, is
    appended)."""
    check: dict[str, Any] = field(default_factory=dict)
    """The raw ``check`` table, read by :mod:`assistant.check`."""
    max_doc_bytes: int | None = None
    """``max-doc-size`` in bytes: a larger doc is indexed up to it (0: no limit; None: not
    set, so an index keeps the limit it was built with, 4 MB for a new one)."""
    gaps: str | None = None
    """The gaps log (a file a team can share; see :mod:`assistant.gaps`), None: the default."""
    source: str | None = None
    """The file the settings came from, if any."""

    def url_for(self, path: str, anchor: str = "") -> str | None:
        """The public URL of the doc at ``path`` (with ``#anchor``), when its base is known."""
        # (Docs are stored by absolute path; the prefixes are as the settings wrote them.)
        norm = os.path.abspath(path)
        for prefix, base in sorted(self.urls.items(), key=lambda kv: -len(kv[0])):
            pre = os.path.abspath(prefix)
            if norm == pre or norm.startswith(pre + os.sep):
                rest = os.path.relpath(norm, pre).replace(os.sep, "/")
                rest = rest[:-3] if rest.endswith(".md") else rest
                url = base.rstrip("/") + ("/" + rest if rest != "." else "")
                return url + (f"#{anchor}" if anchor else "")
        return None


# Binary units, largest first: sizes are read (``parse_size``) and written (``human_size``)
# with the same table.
SIZE_UNITS = (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10))
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(|b|bytes?|k|kb|kib|m|mb|mib|g|gb|gib)\s*",
                   re.IGNORECASE)
_FACTORS = {"": 1, "b": 1, "byte": 1, "bytes": 1} | {
    spelling: size for unit, size in SIZE_UNITS
    for spelling in (unit.lower(), unit[0].lower(), unit[0].lower() + "ib")}


def parse_size(value: str | int) -> int:
    """``"4 MB"``, ``"512KB"``, ``1048576`` -> bytes (binary units: 1 MB is 1024 KB).
    ValueError for anything else."""
    if isinstance(value, bool):
        raise ValueError(f"not a size: {value!r}")
    if isinstance(value, int):
        if value < 0:
            raise ValueError(f"not a size: {value!r}")
        return value
    match = _SIZE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"not a size: {value!r} (write it like 4 MB, 512 KB or 0)")
    return int(float(match.group(1)) * _FACTORS[match.group(2).lower()])


def human_size(n: int) -> str:
    """``4194304`` -> ``"4 MB"``, ``1536`` -> ``"1.5 KB"`` (binary units; ``parse_size``
    reads it back)."""
    for unit, size in SIZE_UNITS:
        if n >= size:
            return f"{n / size:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def cache_index_dir(roots: list[str] | tuple[str, ...]) -> str:
    """Where the index of a corpus named on the command line (``--corpus``) lives: a folder
    of the user's cache (``$XDG_CACHE_HOME``, else ``~/.cache``), ``docs-assistant/`` and a
    hash of the sorted absolute roots, so the same docs always find the same index."""
    cache = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(cache):  # (the XDG spec says to ignore a relative one)
        cache = os.path.join(os.path.expanduser("~"), ".cache")
    key = "\n".join(sorted({os.path.abspath(r) for r in roots}))
    digest = hashlib.blake2b(key.encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()
    return os.path.join(cache, "docs-assistant", digest)


def _find_settings(start: Path) -> tuple[Path, dict[str, Any]] | None:
    for folder in (start, *start.parents):
        dotfile = folder / ".assistant.toml"
        if dotfile.is_file():
            return dotfile, _read_toml(dotfile)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read_toml(pyproject).get("tool", {}).get("assistant")
            if table is not None:
                return pyproject, table
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read settings: {exc}") from exc


def load_config(start: str | os.PathLike[str] | None = None) -> Config:
    """The settings for a run started in ``start`` (default: the working folder)."""
    found = _find_settings(Path(start or os.getcwd()).resolve())
    if found is None:
        return Config()
    path, table = found
    base = path.parent

    def rel(value: str) -> str:
        # Keep paths short and as the user would type them when they are below the cwd.
        full = base / value
        try:
            return os.path.relpath(full)
        except ValueError:
            return str(full)

    corpus = table.get("corpus", [DEFAULT_CORPUS])
    if isinstance(corpus, str):
        corpus = [corpus]
    if not isinstance(corpus, list) or not all(isinstance(c, str) for c in corpus):
        raise ConfigError(f"{path}: 'corpus' must be a folder or a list of folders")
    index = table.get("index", DEFAULT_INDEX)
    if not isinstance(index, str):
        raise ConfigError(f"{path}: 'index' must be a folder")
    urls = table.get("urls", {})
    if not isinstance(urls, dict):
        raise ConfigError(f"{path}: 'urls' must be a table of folder = base URL")
    gaps = table.get("gaps")
    if gaps is not None and not isinstance(gaps, str):
        raise ConfigError(f"{path}: 'gaps' must be a file")
    max_doc_bytes = None
    if "max-doc-size" in table:
        try:
            max_doc_bytes = parse_size(table["max-doc-size"])
        except ValueError as exc:
            raise ConfigError(f"{path}: 'max-doc-size': {exc}") from None
    return Config(
        corpus=tuple(rel(c) for c in corpus),
        index=rel(index),
        urls={rel(k): str(v) for k, v in urls.items()},
        check=dict(table.get("check", {})),
        gaps=rel(os.path.expanduser(gaps)) if gaps else None,
        source=str(path),
        max_doc_bytes=max_doc_bytes,
    )

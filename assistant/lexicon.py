"""The lexicon: renames and synonyms, kept as data in ``assistant/data/lexicon.toml``.

Read by the answerer (a question may use any spelling) and by the writers' checks (old
product names are flagged with the year of the rename).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from .errors import ConfigError


@dataclass(frozen=True, slots=True)
class Rename:
    """A product or term that was renamed."""

    old: tuple[str, ...]
    """Former names (and their common abbreviations)."""
    new: str
    """The current name."""
    year: int
    """Year of the rename."""


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Renames and synonym groups (each group's first name is canonical)."""

    renames: tuple[Rename, ...]
    synonyms: tuple[tuple[str, ...], ...]


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """Read a lexicon file (default: the one shipped with the package)."""
    if path is None:
        return _default()
    return _parse(Path(path).read_text(encoding="utf-8"), str(path))


@cache
def _default() -> Lexicon:
    text = resources.files("assistant.data").joinpath("lexicon.toml").read_text("utf-8")
    return _parse(text, "assistant/data/lexicon.toml")


def _parse(text: str, source: str) -> Lexicon:
    try:
        data = tomllib.loads(text)
        renames = tuple(
            Rename(tuple(r["old"]), str(r["new"]), int(r["year"])) for r in data.get("rename", [])
        )
        synonyms = tuple(tuple(str(n) for n in g["names"]) for g in data.get("synonyms", []))
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{source}: invalid lexicon: {exc}") from exc
    return Lexicon(renames, synonyms)

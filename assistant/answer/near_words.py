"""Words said in other words: does a doc sentence say a question's word as another word?

Users ask in their words, docs answer in theirs: logs that "stay" are logs the doc "keeps",
the "max" is the "limit", to "buy" is to "purchase". The stemmer and the lexicon's synonym
groups know few of these. Static word embeddings know many: wordllama (MIT) ships 256-d
embeddings of a 32,000-token vocabulary in its wheel (no download), and a word's vector is
the mean of its tokens' rows, normalised. Its files are read here with the libraries it
reads them with (tokenizers, safetensors, numpy), not through ``import wordllama``: that
import (pydantic models, requests) takes 0.35 s, which every ``assistant ask`` would pay;
the files load in 0.1 s. The vectors are the same to the last bit (checked against
``WordLlama.embed(..., norm=True)``).

Embeddings put a word near its opposite too ("same" and "different" are 0.6 apart, "kept"
and "retained" 0.54): a word said only in other words may make a sentence *about* the
question (enough to be quoted), never settle its yes or no (see ``evidence.cover`` and
``decide.speaks_of_it``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .match import Term
from .text import STOP_WORDS, words

NearCheck = Callable[[Term, str], bool]
"""True when a text says a question's term in other words."""

_CACHED = 65536
"""(word, text) answers kept (the same sentence is read for every question word it lacks,
and again in a second, wider reading)."""
_SHORTEST = 3
"""Words of fewer letters ("id", "os") are abbreviations or particles: no near meaning."""


class NearWords:
    """Near-synonyms by cosine similarity of word embeddings, loaded on first use (an
    answer that never needs them never pays for them) and cached by word."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        """Cosine similarity at which a word stands for another ("stay"/"kept" 0.40,
        "maximum"/"limit" 0.60; "restored"/"delete" 0.09, "German"/"French" 0.11)."""
        self._model: _Embeddings | None = None
        self._failed = False
        self._vectors: dict[str, tuple[Any, frozenset[int]]] = {}
        """A word's unit vector and the tokens it is split into."""
        self._said: dict[tuple[str, str], bool] = {}
        self._texts: dict[str, tuple[list[tuple[str, frozenset[int]]], Any]] = {}
        self._lock = threading.Lock()

    def says(self, term: Term, text: str) -> bool:
        """True when ``text`` has a word near the term's (a single word; whether a name may
        be said otherwise is the caller's to decide)."""
        asked = term.text.lower()
        if " " in asked or len(asked) < _SHORTEST or not asked.isalpha():
            return False
        found = self._said.get((asked, text))
        if found is None:
            found = self._near_in(asked, text)
            if len(self._said) >= _CACHED:
                self._said.clear()
            self._said[(asked, text)] = found
        return found

    def _near_in(self, asked: str, text: str) -> bool:
        said = self._text_vectors(text)
        target = self._embed([asked])
        if said is None or target is None:
            return False
        kept, matrix = said
        vector, pieces = target[0]
        similar = matrix @ vector
        # A word that shares a piece with the asked one is the same word in another form (the
        # stemmer's to find), or near it only by that piece: "transit" and "transparent" share
        # "trans". A synonym is another word.
        return any(similar[i] >= self.threshold and not pieces & other
                   for i, (_, other) in enumerate(kept))

    def _text_vectors(self, text: str) -> tuple[list[tuple[str, frozenset[int]]], Any] | None:
        """A text's words that can mean something with their tokens, and their vectors, one
        row each (kept for the next question word the same text is asked about)."""
        cached = self._texts.get(text)
        if cached is not None:
            return cached
        kept = [w for w in dict.fromkeys(words(text))
                if len(w) >= _SHORTEST and w not in STOP_WORDS]
        embedded = self._embed(kept) if kept else None
        if embedded is None:
            return None
        import numpy

        if len(self._texts) >= _CACHED:
            self._texts.clear()
        entry = ([(w, pieces) for w, (_, pieces) in zip(kept, embedded, strict=True)],
                 numpy.vstack([vector for vector, _ in embedded]))
        self._texts[text] = entry
        return entry

    def similarity(self, a: str, b: str) -> float:
        """Cosine similarity of two words (0.0 when the embeddings cannot be loaded)."""
        embedded = self._embed([a.lower(), b.lower()])
        return 0.0 if embedded is None else float(embedded[0][0] @ embedded[1][0])

    def _embed(self, items: Iterable[str]) -> list[tuple[Any, frozenset[int]]] | None:
        """Per word, its unit vector and the tokens it is split into."""
        wanted = list(items)
        with self._lock:
            model = self._load()
            if model is None:
                return None
            if len(self._vectors) >= _CACHED:
                self._vectors.clear()
            new = [w for w in dict.fromkeys(wanted) if w not in self._vectors]
            if new:
                for word, embedded in zip(new, model.vectors(new), strict=True):
                    self._vectors[word] = embedded
            return [self._vectors[w] for w in wanted]

    def _load(self) -> _Embeddings | None:
        if self._model is None and not self._failed:
            try:
                self._model = _Embeddings.load()
            except Exception:  # noqa: BLE001 - (tokenizers raises bare Exceptions)
                # A broken install: no word is near another, answers go on without.
                self._failed = True
        return self._model

    @property
    def available(self) -> bool:
        """Whether the embeddings load (they ship with the package: False means a broken
        install)."""
        with self._lock:
            return self._load() is not None


class _Embeddings:
    """wordllama's token embeddings and tokenizer, as its ``embed`` uses them."""

    _MODEL = "l2_supercat"
    """The model its wheel carries (256 dimensions)."""

    def __init__(self, tokenizer: Any, table: Any) -> None:
        self.tokenizer = tokenizer
        self.table = table

    @classmethod
    def load(cls) -> _Embeddings:
        import importlib.util

        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        spec = importlib.util.find_spec("wordllama")
        if spec is None or not spec.submodule_search_locations:
            raise ImportError("wordllama is not installed")
        package = Path(next(iter(spec.submodule_search_locations)))
        tokenizer = Tokenizer.from_file(
            str(package / "tokenizers" / f"{cls._MODEL}_tokenizer_config.json"))
        table = load_file(str(package / "weights" / f"{cls._MODEL}_256.safetensors"))
        return cls(tokenizer, table["embedding.weight"])

    def vectors(self, texts: list[str]) -> list[tuple[Any, frozenset[int]]]:
        """Per text, its unit vector (the mean of its tokens' embeddings) and its tokens."""
        import numpy

        out = []
        for encoding in self.tokenizer.encode_batch(texts, add_special_tokens=False):
            if encoding.ids:
                vector = self.table[encoding.ids].astype(numpy.float32).mean(axis=0)
            else:
                vector = numpy.zeros(self.table.shape[1], dtype=numpy.float32)
            norm = float(numpy.linalg.norm(vector))
            out.append((vector / norm if norm else vector, frozenset(encoding.ids)))
        return out


__all__ = ["NearCheck", "NearWords"]

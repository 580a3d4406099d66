"""The whoosh schema: one index entry per passage, and how a passage becomes field values.

Ranking reads the stemmed ``text`` field (BM25F). Everything a reader needs to rebuild the
:class:`Passage` (path, title, section, lines, verbatim quote...) is stored as one tuple, so a
hit never touches the doc store or the file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ...model import Passage
from ._whoosh import (
    STOP_WORDS,
    TOKEN_PATTERN,
    StemmingAnalyzer,
    W3Codec,
    fields,
    pack_uint,
    porter_stem,
)

_STEM_CACHE_LIMIT = 200_000


class StemmedText(fields.TEXT):
    """``TEXT(StemmingAnalyzer(), phrase=False)`` whose indexing skips whoosh's token objects.

    whoosh analyses text through a chain of generators that build a Token object per word;
    that was about half of the indexing time. This field yields exactly the same postings
    (same tokenizer pattern, lower-casing, stop words and Porter stems; the same frequency,
    weight and encoded value) with plain strings. Queries still go through the whoosh analyser,
    and a test checks both agree. (The class name is pickled into the index: keep it here.)
    """

    def __init__(self) -> None:
        super().__init__(analyzer=StemmingAnalyzer(), phrase=False)

    def index(self, value, **kwargs):  # noqa: ANN001, ANN201 - whoosh's signature
        if not isinstance(value, str):
            return super().index(value, **kwargs)
        counts = Counter(index_terms(value))
        boost = self.format.field_boost
        return [(term.encode("utf-8"), n, n * boost, pack_uint(n)) for term, n in counts.items()]


_stems: dict[str, str] = {}


def index_terms(text: str) -> list[str]:
    """The terms whoosh's StemmingAnalyzer indexes for ``text``, in order."""
    if len(_stems) > _STEM_CACHE_LIMIT:
        _stems.clear()
    out = []
    for match in TOKEN_PATTERN.finditer(text):
        word = match.group().lower()
        if len(word) < 2 or word in STOP_WORDS:
            continue
        stemmed = _stems.get(word)
        if stemmed is None:
            stemmed = _stems[word] = porter_stem(word)
        out.append(stemmed)
    return out


def make_schema() -> fields.Schema:
    """The schema of a new index.

    Every indexed field costs postings in the writer, so only what queries rank or filter on
    is indexed; the rest of the passage lives in the stored tuple ``p``.
    """
    return fields.Schema(
        doc_path=fields.ID(),
        # Only set when the passage is written in another file (an include): see entry().
        path=fields.ID(),
        kind=fields.ID(),
        # No positions: queries are bags of words, and positions double the postings.
        text=StemmedText(),
        entities=fields.KEYWORD(lowercase=True, commas=True, scorable=True),
        p=fields.STORED(),
    )


class IndexCodec(W3Codec):
    """whoosh's codec, minus two costs of writing that this index does not need.

    - ``length_stats``: for every posting, whoosh re-read the doc's field length from disk to
      keep per-block length bounds; only whoosh's own block skipping uses them, and without
      them it still ranks right (its bounds just get looser). It was a tenth of the build.
    - zlib on posting blocks: reads then skip inflating, for a few megabytes more on disk.

    (Pickled into the index with each segment: keep the class here.)
    """

    length_stats = False

    def __init__(self) -> None:
        super().__init__(compression=0)


def codec() -> IndexCodec:
    """The codec every writer of this index uses."""
    return IndexCodec()


_TEXT_ANALYZER = make_schema()["text"].analyzer
# Words that shape a question but say nothing about what it is about. Dropped from queries only
# (the index keeps them): in a passage index they match everywhere, cost the most postings, and
# only add noise to the ranking.
QUESTION_WORDS = frozenset({
    "how", "what", "which", "where", "who", "whom", "whose", "why", "do", "does", "did",
    "done", "doing", "i", "me", "my", "mine", "our", "ours", "he", "she", "his", "her", "its",
    "they", "them", "their", "there", "here", "was", "were", "been", "being", "has", "had",
    "am", "would", "should", "could", "shall", "please",
})
_QUERY_ANALYZER = StemmingAnalyzer(stoplist=STOP_WORDS | QUESTION_WORDS)

# The stored tuple's layout: Passage fields in this order.
_STORED_FIELDS = ("path", "doc_path", "title", "date", "section", "trail", "kind", "line_start",
                  "line_end", "quote", "text", "entities", "docset")


def stored_value(passage: Passage) -> tuple:
    """The compact stored form of a passage."""
    return tuple(getattr(passage, name) for name in _STORED_FIELDS)


def passage_from_stored(value: Iterable) -> Passage:
    """Rebuild a passage from :func:`stored_value` output."""
    data = dict(zip(_STORED_FIELDS, value, strict=True))
    data["trail"] = tuple(data["trail"])
    data["entities"] = tuple(data["entities"])
    return Passage(**data)


def entry(passage: Passage) -> dict:
    """The keyword arguments of ``writer.add_document`` for one passage."""
    values = {"doc_path": passage.doc_path, "kind": passage.kind, "text": passage.text,
              "p": stored_value(passage)}
    if passage.path != passage.doc_path:
        values["path"] = passage.path
    entities = ",".join(e.replace(",", " ") for e in passage.entities if e.strip())
    if entities:
        values["entities"] = entities
    return values


def query_terms(text: str) -> list[str]:
    """The distinct index terms of a free-text query, in order (never raises).

    Question words are left out, unless the query holds nothing else.
    """
    terms = _distinct(_QUERY_ANALYZER, text)
    return terms or _distinct(_TEXT_ANALYZER, text)


def _distinct(analyzer, text: str) -> list[str]:  # noqa: ANN001
    seen: dict[str, None] = {}
    for token in analyzer(text, mode="query"):
        seen.setdefault(token.text, None)
    return list(seen)

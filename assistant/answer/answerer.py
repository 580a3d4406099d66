"""The answer pipeline: question -> evidence -> verdict + citations.

1. **Question analysis** (``question.py``): yes/no or factual, its terms through the lexicon
   and the corpus's names, misspellings mended, its polarity.
2. **Retrieval** (``retrieval.py``): passages ranked by the search index, and the docs whose
   structure is read.
3. **Evidence readers** (``readers/``, one module per kind, registered in one list): sentences
   with their polarity, exception lists as rules, tables as lookups. Each proposes candidates
   with a coverage (how much of the question it accounts for, a word said in other words
   counting for part: ``near_words.py``) and a strength.
4. **Decision** (``decide.py``): the candidate that settles the question, and how sure.
5. **Composition** (``compose.py``): the answer's words, once, with checked citations.

Every number lives in :class:`~assistant.answer.weights.Weights`.
"""

from __future__ import annotations

from dataclasses import replace

from ..config import Config, load_config
from ..errors import AssistantError
from ..lexicon import Lexicon, load_lexicon
from ..model import Answer, Passage
from ..search import SearchIndex
from .asking import asked_parts, segments
from .compose import Citer, Composer, section_anchor
from .decide import Decision, decide
from .evidence import Candidate
from .names import NameTable
from .near_words import NearWords
from .question import Question, analyse
from .quotes import SourceLines
from .readers import READERS, RankedDoc, ReadContext, Registered, read_all
from .register import english_share
from .retrieval import Retriever, fused
from .tables import TableCache
from .weights import DEFAULT_WEIGHTS, Weights


class Answerer:
    """Answers questions from one open index. Reuse it for a batch: what it learns of the
    index (names, term weights, parsed docs, folded tables) is kept for the next question,
    and belongs to this index: make a new one for a rebuilt index."""

    def __init__(self, index: SearchIndex, *, config: Config | None = None,
                 lexicon: Lexicon | None = None, weights: Weights = DEFAULT_WEIGHTS,
                 readers: tuple[Registered, ...] = READERS) -> None:
        self.index = index
        self.config = config if config is not None else _default_config()
        self.weights = weights
        self.readers = readers
        self.names = NameTable(lexicon or load_lexicon())
        # A doc is indexed up to the size limit it was built with: no citation lies past it.
        # (The index's own limit, not the settings': those say what the next build will do.)
        limit = _index_limit(index)
        if limit is None:
            limit = self.config.max_doc_bytes
        self.lines = (SourceLines(capacity=256) if limit is None
                      else SourceLines(capacity=256, limit=limit))
        self.retriever = Retriever(index, weights)
        self.tables = TableCache()
        self.near = NearWords(weights.near_similarity)
        self._harvest()
        self.citer = Citer(self.config, self.lines, self._anchor)
        self.composer = Composer(self.citer, self.retriever.doc, weights)

    def _harvest(self) -> None:
        """Names the corpus uses (table cells, exception labels, titles) and what each doc is
        about: the names as the index merged them when it was built, and the docs' titles,
        descriptions and about-stems read from it as questions need them; or (an index that
        keeps none of that) worked out from its tables and docs now."""
        try:
            names = self.index.corpus_names()
        except LookupError:
            names = None
        except AssistantError:
            return
        if names is not None:
            self.names.add_doc_names(names)
            self.retriever.read_docs_from(self.index)
            return
        try:
            tables = [t for _, t in self.index.tables()]
            lists = [e for _, e in self.index.exception_lists()]
            infos = self.index.documents()
        except AssistantError:
            return
        self.names.add_tables(tables)
        self.names.add_exception_lists(lists)
        for info in infos:
            self.names.add_words(info.title)
        self.retriever.learn_docs(infos)

    def warm_up(self) -> None:
        """Load now what the first question would load: the word embeddings that find a
        word said otherwise, and English word frequencies (0.3 s together). An app calls it
        while the user types; a single ``ask`` need not."""
        _ = self.near.available
        english_share("the")

    def ask(self, question: str) -> Answer:
        """Answer one question. A text that asks several ("Does X support CSP? Which
        directives can we set?") is answered as a whole, unless one of its questions asked
        alone is settled by the docs where the whole is not."""
        question = " ".join(question.split())
        r = self.retriever
        q = analyse(question, self.names, r.weigh, r.known, self.weights,
                    chatty=r.conversational)
        if not q.terms:
            return Answer(question, "unknown", "The question names nothing to look up.",
                          tier="none")
        decision, passages = self._decide(q)
        if decision.tier != "sure":
            q, decision, passages = self._part_settled(question) or (q, decision, passages)
        if decision.best is None:
            passages = self._nearest(question, passages)
        return self.composer.answer(q, decision, passages)

    def _nearest(self, question: str, passages: list[Passage]) -> list[Passage]:
        """The passages listed with an "unknown": those ranked for the analysed question
        fused with those ranked for the question as typed, which weighs every word by its
        rarity alone. Each finds what the other misses (an issue's title often names the
        very page; a word the analysis weighs down may be the one the answer turns on): on
        48 questions of the dev sets answered "unknown" though the docs answer, the settling
        passage is listed for 24 from the analysed ranking, 27 from the typed one, 31 fused."""
        typed = [hit.passage for hit in self.retriever.typed(question)
                 if not self._links_only_in(hit.passage, hit.passage.quote)]
        return fused([passages, typed], self.weights.fusion_rank)

    def _part_settled(self, question: str
                      ) -> tuple[Question, Decision, list[Passage]] | None:
        """Of a text that asks several questions, the first that the docs settle asked
        alone. (Asked alone, a part leans on the others, "Is there a setting to turn *it*
        on?": only a sure answer to it is worth more than what the whole found.)"""
        parts = asked_parts(segments(question))
        if len(parts) < 2:
            return None
        r = self.retriever
        for part in parts:
            alone = analyse(question, self.names, r.weigh, r.known, self.weights,
                            asked_part=part, chatty=r.conversational)
            if alone.terms:
                decision, passages = self._decide(alone)
                if decision.tier == "sure":
                    return alone, decision, passages
        return None

    def _decide(self, q: Question) -> tuple[Decision, list[Passage]]:
        """Retrieve, read and decide one analysed question."""
        r = self.retriever
        ranked = [hit.passage for hit in r.ranked(q)]
        # A list of links to other pages says nothing itself: it is no evidence, and its
        # words (the linked pages' titles) must not lend themselves to the sentences near it.
        # (Only passages written with links can be one: their lines are looked at once, not
        # again for every sentence read, twice when the reading goes wider.)
        linked = {p for p in ranked if self.lines.has_links(p.path, p.line_start, p.line_end)}
        passages = [p for p in ranked if p not in linked or not self._links_only_in(p, p.quote)]

        def links_only(passage: Passage, sentence: str) -> bool:
            return passage in linked and self._links_only_in(passage, sentence)

        docs = [RankedDoc(rank, doc) for rank, path in enumerate(r.docs_to_read(q, passages))
                if (doc := r.doc(path)) is not None]
        w = self.weights
        context = ReadContext(q, tuple(passages), tuple(docs), r.descriptions, w, self.tables,
                              floor=w.inference_floor, links_only=links_only,
                              near=self.near.says)
        candidates = read_all(context, self.readers)
        decision = decide(q, candidates, w, r.doc, self._links_only, self.near.says)
        if decision.tier == "none" and w.about < w.inference_floor:
            # Nothing could settle it or be quoted: read the passages again, down to what is
            # merely about the question (most questions never pay for this).
            wider = replace(context, floor=w.about)
            seen = {(c.kind, c.sources[0]) for c in candidates}
            more = [c for c in read_all(wider, self.readers, graded_only=True)
                    if (c.kind, c.sources[0]) not in seen]
            decision = decide(q, candidates + more, w, r.doc, self._links_only,
                              self.near.says)
        return decision, passages

    def _links_only_in(self, passage: Passage, text: str) -> bool:
        """Whether ``text`` of ``passage`` (the passage's quote, or one sentence of it) is
        written as nothing but links."""
        return self.lines.links_only(passage.path, passage.line_start, passage.line_end, text)

    def _links_only(self, candidate: Candidate) -> bool:
        source = candidate.sources[0]
        return self.lines.links_only(source.path, source.line_start, source.line_end,
                                     source.quote)

    def _anchor(self, doc_path: str, section: str) -> str:
        doc = self.retriever.doc(doc_path)
        return section_anchor(doc, section) if doc is not None else ""


def ask(question: str, index: SearchIndex, *, config: Config | None = None) -> Answer:
    """Answer one question (builds an :class:`Answerer`; reuse one for many questions)."""
    return Answerer(index, config=config).ask(question)


def _index_limit(index: SearchIndex) -> int | None:
    try:
        return index.max_doc_bytes
    except AssistantError:
        return None  # (an index that cannot say: the settings' limit, else the default)


def _default_config() -> Config:
    try:
        return load_config()
    except AssistantError:
        return Config()


__all__ = ["Answerer", "ask"]

"""Question -> evidence -> verdict + citations.

1. Analyse the question (yes/no or factual, its terms through the lexicon and the corpus's
   names, misspellings mended, its polarity).
2. Rank passages with the search index, then read the candidate docs' structure: sentences
   with their polarity, exception lists as rules, tables as lookups.
3. Each reading becomes a finding with a coverage (how much of the question it accounts for);
   the strongest finding that covers enough settles the question, preferring the doc about
   the product asked of. Otherwise the answer is "unknown" with the nearest passages.
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict

from ..config import Config, load_config
from ..errors import AssistantError
from ..lexicon import Lexicon, load_lexicon
from ..model import Answer, Citation, Document
from .compose import Citer, page_title, rename_notes, section_anchor
from .evidence import Finding, Source, context_views
from .findings import preference, rule_findings, short, statement_finding, table_finding
from .match import view
from .names import NameTable
from .question import Question, analyse
from .quotes import SourceLines
from .retrieval import AboutIndex, distinct, doc_frequency, passage_count
from .statements import passage_source, statements
from .tables import read_table
from .text import STOP_WORDS, sentences, words

# The share of a question's weight a finding must account for to settle it.
SETTLE = 0.72
# Passages ranked per question, and docs whose structure is read.
_HITS = 40
# Passages fetched to find _HITS distinct ones (versions of a page repeat the same text).
_FETCH = 80
# Docs about a product the question names (by title or description) read for structure too.
_ABOUT_DOCS = 3
_STRUCTURE_DOCS = 8
_RELATED = 5
# How much weaker explicit evidence may be and still beat an inference from "only".
_INFERENCE_MARGIN = 0.15
# Above this many tables in a doc, a table is read only if its heading or header speaks of the
# question.
_MANY_TABLES = 24
# A sentence that introduces a list, and how many of its items an answer quotes.
_INTRODUCES = re.compile(r"(:\s*$|\bthe following\b)", re.IGNORECASE)
_LIST_ITEMS = 12
# A list item this short ("Japan (JPN)") is read with the paragraph that introduces it.
_SHORT_ITEM = 6
# How much weaker a sentence that lists what a "which" question asks for may be, among how
# many of the best.
_LIST_MARGIN = 0.06
_LIST_CANDIDATES = 8
# Postings the ranking query may walk: a share of the passages, at least a floor.
_POSTINGS_SHARE = 0.08
_POSTINGS_FLOOR = 5000


class Answerer:
    """Answers questions from one index; reuse it for a batch (name tables are built once)."""

    def __init__(self, index, *, config: Config | None = None,
                 lexicon: Lexicon | None = None) -> None:
        self.index = index
        self.config = config if config is not None else _default_config()
        self.names = NameTable(lexicon or load_lexicon())
        self.lines = SourceLines(capacity=256)
        self._docs: OrderedDict[str, Document | None] = OrderedDict()
        self._df: dict[str, float] = {}
        self._descriptions: dict[str, str] = {}
        self._about = AboutIndex()
        self._n = passage_count(index)
        self._harvest()
        self.citer = Citer(self.config, self.lines, self._anchor)

    # -- corpus-derived names --------------------------------------------------------------
    def _harvest(self) -> None:
        try:
            tables = [t for _, t in self.index.tables()]
            lists = [e for _, e in self.index.exception_lists()]
            infos = self.index.documents()
        except (AttributeError, AssistantError):
            return
        self.names.add_tables(tables)
        self.names.add_exception_lists(lists)
        for info in infos:
            self.names.add_words(info.title)
            if info.description:
                self._descriptions[info.path] = info.description
            self._about.add(info.path, info.title, info.description, info.date)

    # -- public ------------------------------------------------------------------------------
    def ask(self, question: str) -> Answer:
        """Answer one question."""
        question = " ".join(question.split())
        q = analyse(question, self.names, self._weigh, self._known)
        if not q.terms:
            return Answer(question, "unknown", "The question names nothing to look up.")
        hits = distinct(self.index.search(self._query(q), limit=_FETCH), _HITS)
        findings = self._findings(q, hits)
        settled = [f for f in findings if f.coverage >= SETTLE and (
            (f.verdict in ("yes", "no")) == q.yes_no)]
        if not settled:
            return self._unknown(q, hits, findings)
        settled.sort(key=lambda f: -f.strength)
        best = settled[0]
        if best.kind == "contrast":
            # An "only" inference yields to evidence nearly as strong that speaks of the thing
            # itself (a table row that lists it, a sentence that names it).
            explicit = [f for f in settled if f.kind != "contrast"
                        and f.coverage >= best.coverage - _INFERENCE_MARGIN]
            best = explicit[0] if explicit else best
        best = _structured(best, settled)
        best = self._copy_in_topic_doc(q, best, settled)
        best = self._list_of_kind(q, best, settled)
        return self._compose(q, best, [f for f in settled if f is not best])

    def _list_of_kind(self, q: Question, best: Finding, settled: list[Finding]) -> Finding:
        """"Which accounts ...?" is best answered by a sentence nearly as strong that
        introduces a list of accounts ("... one of the following accounts:" then "Microsoft
        account ...", "Google account ...")."""
        if q.yes_no or not q.focus or best.kind != "statement":
            return best
        kind = [t for t in q.terms if set(t.stems) & set(q.focus[-1:])]
        if not kind:
            return best
        for f in settled[:_LIST_CANDIDATES]:
            if f.kind != "statement" or f.strength < best.strength - _LIST_MARGIN:
                continue
            items = self._listed(f.sources[0])
            named = [i for i in items if any(view(i.quote).has(t) for t in kind)]
            if len(items) >= 2 and 2 * len(named) >= len(items):
                return f
        return best

    def _copy_in_topic_doc(self, q: Question, best: Finding, settled: list[Finding]
                           ) -> Finding:
        """When other docs carry the same words as the best evidence (a paragraph copied
        into another page), the copy in the doc whose title and section are about what the
        question asks is the one to cite."""
        said = words(best.sources[0].quote)
        copies = [best] + [f for f in settled if f.verdict == best.verdict
                           and f.doc_path != best.doc_path
                           and abs(f.coverage - best.coverage) < 1e-9
                           and words(f.sources[0].quote) == said]
        if len(copies) < 2:
            return best
        def topical(f: Finding) -> tuple[bool, float, float]:
            source = f.sources[0]
            doc = self._doc(f.doc_path)
            trail = ""
            if doc is not None:
                trail = next((" ".join((*s.trail, s.title)) for s in doc.sections
                              if s.title == source.section), source.section)
            topic = [view(source.title), view(trail)]
            # A page that redirects elsewhere has been retired.
            live = doc is None or "redirect_url" not in (doc.front_matter or {})
            return (live, sum(t.weight for t in q.terms if any(v.has(t) for v in topic)),
                    f.strength)

        return max(copies, key=topical)

    # -- retrieval -----------------------------------------------------------------------------
    def _query(self, q: Question) -> str:
        """The words to rank passages by: the question's own words, the other spellings of
        the products it names and the canonical word of a synonym group, rarest first within
        a budget of postings."""
        parts: list[str] = []
        for term in q.terms:
            if term.name or term.former:
                parts.extend(term.spellings or (term.text,))
            else:
                # The word as asked and the group's canonical word ("datacenter", "region").
                parts.extend(dict.fromkeys(p for p in (term.asked, term.text, term.current)
                                           if p))
        # Rarest words first, until the engine would walk more than a budget of postings;
        # the three rarest always go in (a common word costs much and ranks little).
        frequency: dict[str, float] = {}
        for word in dict.fromkeys(w for p in parts for w in words(p) if w not in STOP_WORDS):
            df = self._df.get(word)
            if df is None:
                df = self._df[word] = doc_frequency(self.index, word)
            frequency[word] = max(df, 0.0)
        budget = max(_POSTINGS_FLOOR, self._n * _POSTINGS_SHARE)
        chosen: list[str] = []
        spent = 0.0
        for word in sorted(frequency, key=frequency.__getitem__):
            if len(chosen) >= 3 and spent + frequency[word] > budget:
                continue
            chosen.append(word)
            spent += frequency[word]
        return " ".join(chosen)

    def _doc(self, path: str) -> Document | None:
        if path in self._docs:
            self._docs.move_to_end(path)
            return self._docs[path]
        try:
            doc = self.index.document(path)
        except (AssistantError, KeyError):
            doc = None
        self._docs[path] = doc
        if len(self._docs) > 128:
            self._docs.popitem(last=False)
        return doc

    def _anchor(self, doc_path: str, section: str) -> str:
        doc = self._doc(doc_path)
        return section_anchor(doc, section) if doc is not None else ""

    # -- weights -------------------------------------------------------------------------------
    def _weigh(self, spellings: tuple[str, ...]) -> float:
        """A term is as rare as its commonest spelling, a spelling as its rarest word."""
        best: float | None = None
        for spelling in spellings:
            ws = [w for w in words(spelling) if w not in STOP_WORDS] or words(spelling)
            if not ws:
                continue
            idf = max(self._idf(w) for w in ws)
            best = idf if best is None else min(best, idf)
        return best if best is not None else 1.0

    def _known(self, word: str) -> bool:
        """True when some passage uses ``word``."""
        cached = self._df.get(word)
        if cached is None:
            cached = self._df[word] = doc_frequency(self.index, word)
        return cached > 0

    def _idf(self, word: str) -> float:
        cached = self._df.get(word)
        if cached is None:
            cached = self._df[word] = doc_frequency(self.index, word)
        if cached < 0 or self._n <= 0:
            return 1.0
        return max(0.3, math.log(1 + (self._n - cached + 0.5) / (cached + 0.5)))

    # -- findings ------------------------------------------------------------------------------
    def _findings(self, q: Question, hits) -> list[Finding]:
        findings: list[Finding] = []
        floor = SETTLE * 0.8
        doc_order: list[str] = []
        titles: set[str] = set()
        title_of: dict[str, str] = {}
        for rank, hit in enumerate(hits):
            passage = hit.passage
            # Structure is read from the best-ranked doc of each title: versions of one page
            # must not crowd out the other docs.
            if passage.doc_path not in doc_order and passage.title not in titles:
                doc_order.append(passage.doc_path)
                titles.add(passage.title)
                title_of[passage.doc_path] = passage.title
            description = self._descriptions.get(passage.doc_path, "")
            for st in statements(q, passage, floor, description):
                finding = statement_finding(q, st, rank)
                if finding is not None:
                    findings.append(finding)
        structured = doc_order[:_STRUCTURE_DOCS]
        read_titles = {title_of[p] for p in structured}
        for path, title in self._about.docs_about(q, _ABOUT_DOCS):
            if path not in structured and title not in read_titles:
                structured.append(path)
                read_titles.add(title)
        for rank, path in enumerate(structured):
            doc = self._doc(path)
            if doc is None:
                continue
            bonus = preference(q, doc.title, doc.date, rank)
            for exc in doc.exception_lists:
                findings.extend(rule_findings(q, doc, exc, bonus))
            q_words = [w for w in words(" ".join(_mended_text(q)))]
            for table in doc.tables:
                if len(doc.tables) > _MANY_TABLES and not any(
                        v.has(t) for t in q.terms for v in context_views(
                            table.section, table.caption, " ".join(table.header))):
                    # A reference page of many tables: only those whose heading or header
                    # speaks of the question are read.
                    continue
                reading = read_table(q, q_words, doc, table)
                if reading is not None:
                    finding = table_finding(q, reading, bonus)
                    if finding is not None:
                        findings.append(finding)
        return findings

    # -- answers -------------------------------------------------------------------------------
    def _compose(self, q: Question, best: Finding, rest: list[Finding]) -> Answer:
        citations: list[Citation] = []
        for source in best.sources:
            # A table row is cited whole: from the line its carried-down cells were written on.
            c = self.citer.cite(source, narrow=best.kind != "table")
            if c is not None and c not in citations:
                citations.append(c)
        if not citations:
            # The evidence no longer holds on disk (the index is stale): do not answer from it.
            others = [f for f in rest if f.verdict == best.verdict]
            if others:
                return self._compose(q, others[0], others[1:])
            return Answer(q.text, "unknown", "The docs that would settle this have changed "
                          "since the index was built; rebuild the index.")
        text = best.text
        if best.kind in ("statement", "contrast"):
            text, extra = self._supporting(best, rest)
            citations.extend(c for c in extra if c not in citations)
        if best.kind == "statement":
            lead = self._lead(best.sources[0])
            if lead is not None:
                # "Yes. Japan (JPN)." says little; what the item is listed under says why.
                head, _, said = text.partition(". ") if best.verdict != "answer" else (
                    "", "", text)
                said = f"{said.rstrip('.')} is listed under “{lead.quote.rstrip(' :')}”."
                text = f"{head}. {said}" if head else said
                cite = self.citer.cite(lead)
                if cite is not None and cite not in citations:
                    citations.append(cite)
        if best.verdict == "answer" and best.kind == "statement":
            items = self._listed(best.sources[0])
            if items:
                # "You can sign in using one of the following accounts:" is answered by the
                # list that follows it.
                text = f"{text.rstrip('.:')}: " + "; ".join(
                    i.quote.rstrip(".") for i in items) + "."
                citations.extend(c for c in (self.citer.cite(i) for i in items)
                                 if c is not None and c not in citations)
        notes = rename_notes(q.terms, [s.quote for s in best.sources], q.text)
        if q.mended:
            notes.append("Read " + ", ".join(f"“{a}” as “{b}”" for a, b in q.mended) + ".")
        disagree = self._disagreement(q, best, rest)
        if disagree is not None:
            other, cite = disagree
            title = page_title(other.sources[0].title)
            notes.append(f"Note: {title} ({cite.path}:{cite.line_start}) "
                         f"says otherwise: “{short(cite.quote, 200)}”")
            citations.append(cite)
        if notes:
            text = text + " " + " ".join(notes)
        return Answer(q.text, best.verdict, text, tuple(citations))

    def _lead(self, source: Source) -> Source | None:
        """The paragraph that introduces the list a short list item belongs to (None when the
        item says enough by itself, or is not a list item)."""
        if len(source.quote.split()) > _SHORT_ITEM:
            return None
        doc = self._doc(source.doc_path)
        if doc is None:
            return None
        blocks = list(doc.blocks)
        at = next((i for i, b in enumerate(blocks) if b.kind == "list_item"
                   and b.path == source.path and b.line == source.line_start), None)
        if at is None or not blocks[at].lead:
            return None
        for block in reversed(blocks[:at]):
            if block.kind == "list_item":
                continue
            if block.text != blocks[at].lead:
                return None
            # The sentence that leads into the list (not an FAQ question before it).
            leading = (sentences(block.text) or [block.text])[-1]
            return Source(path=block.path, doc_path=source.doc_path, title=source.title,
                          section=block.section, line_start=block.line,
                          line_end=block.end_line, quote=leading, date=source.date)
        return None

    def _listed(self, source: Source) -> list[Source]:
        """The items of the list a sentence introduces ("... the following accounts:"), when
        the sentence ends its paragraph and the list follows it."""
        if not _INTRODUCES.search(source.quote):
            return []
        doc = self._doc(source.doc_path)
        if doc is None:
            return []
        blocks = list(doc.blocks)
        at = next((i for i, b in enumerate(blocks) if b.path == source.path
                   and b.line <= source.line_start <= b.end_line and b.kind != "list_item"),
                  None)
        if at is None or not blocks[at].text.rstrip().endswith(source.quote.rstrip()):
            return []
        items: list[Source] = []
        for block in blocks[at + 1:]:
            if block.kind != "list_item" or block.depth != 0 or not block.lead:
                break
            items.append(Source(path=block.path, doc_path=source.doc_path, title=source.title,
                                section=block.section, line_start=block.line,
                                line_end=block.end_line, quote=block.text, date=source.date))
        return items[:_LIST_ITEMS]

    def _supporting(self, best: Finding, rest: list[Finding]) -> tuple[str, list[Citation]]:
        """The best sentence, with another sentence of the same passage that says the same
        thing about the question ("Data encryption can't be turned off." + "All new ...
        organizations use data encryption by default.")."""
        source = best.sources[0]
        for other in rest:
            o = other.sources[0]
            if (other.kind != "statement" or other.verdict != best.verdict
                    or (o.path, o.line_start, o.line_end) != (source.path, source.line_start,
                                                              source.line_end)
                    or o.quote == source.quote or other.coverage < best.coverage - 0.1
                    or o.quote in best.text):
                continue
            cite = self.citer.cite(o)
            if cite is None:
                continue
            extra = other.text.split(". ", 1)[1] if other.verdict in ("yes", "no") else (
                other.text)
            # (The other sentence may carry the one before it, which the answer already says.)
            said = best.text.split(". ", 1)[1] if best.verdict in ("yes", "no") else best.text
            if extra.startswith(said.rstrip(".")):
                extra = extra[len(said.rstrip(".")):].lstrip(". ")
            if not extra:
                continue
            return f"{best.text} {extra}", [cite]
        return best.text, []

    def _disagreement(self, q: Question, best: Finding, rest: list[Finding]
                      ) -> tuple[Finding, Citation] | None:
        if best.verdict == "answer":
            return None
        for other in rest:
            if other.verdict == best.verdict or other.verdict not in ("yes", "no"):
                continue
            # Only evidence about as strong and as direct as the answer's counts as the docs
            # disagreeing (a loosely related sentence does not).
            if (other.doc_path == best.doc_path or other.coverage < best.coverage - 0.02
                    or other.strength < best.strength - 0.03):
                continue
            cite = self.citer.cite(other.sources[0])
            if cite is not None:
                return other, cite
        return None

    def _unknown(self, q: Question, hits, findings: list[Finding]) -> Answer:
        related: list[Citation] = []
        for hit in hits:
            if len(related) >= _RELATED:
                break
            if hit.passage.kind == "summary":
                continue
            c = self.citer.cite(passage_source(hit.passage), narrow=False)
            if c is not None and c not in related:
                related.append(c)
        return Answer(q.text, "unknown",
                      "The docs do not settle this. The nearest passages are listed as related.",
                      (), tuple(related))


def ask(question: str, index, *, config: Config | None = None) -> Answer:
    """Answer one question (builds an :class:`Answerer`; reuse one for many questions)."""
    return Answerer(index, config=config).ask(question)


def _structured(best: Finding, settled: list[Finding]) -> Finding:
    """The rule of an exception list read flat ("... will not transfer ... except when:")
    gives way to the same rule read with its exceptions."""
    if best.kind != "statement":
        return best
    source = best.sources[0]
    for f in settled:
        if f.kind == "rule" and f.verdict == best.verdict and abs(
                f.coverage - best.coverage) < 0.02:
            rule = f.sources[0]
            if rule.path == source.path and (rule.line_start <= source.line_start
                                             <= rule.line_end):
                return f
    return best


def _default_config() -> Config:
    try:
        return load_config()
    except AssistantError:
        return Config()


def _mended_text(q: Question) -> list[str]:
    text = q.text
    for wrong, right in q.mended:
        text = _replace_word(text, wrong, right)
    return [text]


def _replace_word(text: str, wrong: str, right: str) -> str:
    return re.sub(rf"\b{re.escape(wrong)}\b", right, text, flags=re.IGNORECASE)



__all__ = ["Answerer", "ask"]

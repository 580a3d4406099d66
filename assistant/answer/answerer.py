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
from dataclasses import dataclass

from ..config import Config, load_config
from ..errors import AssistantError
from ..lexicon import Lexicon, load_lexicon
from ..model import Answer, Citation, Document
from .compose import (
    Citer,
    end_with_period,
    join_names,
    rename_notes,
    section_anchor,
    sentence_case,
)
from .evidence import Finding, Source, context_views, cover
from .match import view
from .names import NameTable
from .question import Question, analyse
from .quotes import SourceLines
from .rules import (
    ItemEvidence,
    RuleEvidence,
    is_carve_out,
    item_sentences,
    item_source,
    read_list,
    rule_clause,
    rule_source,
)
from .statements import Statement, fits_answer_kind, passage_source, statements
from .tables import TableReading, column_values, header_source, read_table, row_source
from .text import STOP_WORDS, stem, words

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
# A word in more than this share of passages is left out of the ranking query.
_COMMON_SHARE = 0.04
_COMMON_FLOOR = 2000


@dataclass(frozen=True, slots=True)
class _Hit:
    passage: object
    score: float


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
        self._n = _passage_count(index)
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
        hits = _distinct(self.index.search(self._query(q), limit=_FETCH), _HITS)
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
        return self._compose(q, best, [f for f in settled if f is not best])

    # -- retrieval -----------------------------------------------------------------------------
    def _query(self, q: Question) -> str:
        """The words to rank passages by: the question's own words, the other spellings of
        the products it names, the canonical word of a synonym group, but no very common
        word (it would cost the engine much and rank little)."""
        parts: list[str] = []
        for term in q.terms:
            if term.name or term.former:
                parts.extend(term.spellings or (term.text,))
            else:
                parts.append(term.text)
                if term.current and term.current != term.text:
                    parts.append(term.current)
        chosen: list[str] = []
        common: list[str] = []
        for word in dict.fromkeys(w for p in parts for w in words(p) if w not in STOP_WORDS):
            df = self._df.get(word)
            if df is None:
                df = self._df[word] = _doc_frequency(self.index, word)
            too_common = self._n and df > max(_COMMON_FLOOR, self._n * _COMMON_SHARE)
            (common if too_common else chosen).append(word)
        return " ".join(chosen or common)

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
            cached = self._df[word] = _doc_frequency(self.index, word)
        return cached > 0

    def _idf(self, word: str) -> float:
        cached = self._df.get(word)
        if cached is None:
            cached = self._df[word] = _doc_frequency(self.index, word)
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
                finding = self._statement_finding(q, st, rank)
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
            bonus = self._preference(q, doc.title, doc.date, rank)
            for exc in doc.exception_lists:
                findings.extend(self._rule_findings(q, doc, exc, bonus))
            q_words = [w for w in words(" ".join(_mended_text(q)))]
            for table in doc.tables:
                reading = read_table(q, q_words, doc, table)
                if reading is not None:
                    finding = self._table_finding(q, reading, bonus)
                    if finding is not None:
                        findings.append(finding)
        return findings

    def _preference(self, q: Question, title: str, date: str | None, rank: int) -> float:
        """Small bonuses: the doc is about a product the question names; it is newer; it
        ranks higher."""
        bonus = 0.0
        title_view = context_views(title)
        if q.names and title_view and any(title_view[0].has(t) for t in q.names):
            bonus += 0.04
        if date and date[:4].isdigit():
            bonus += min(0.02, max(0.0, (int(date[:4]) - 2000) / 1500))
        return bonus + 0.01 / (1 + rank)

    def _statement_finding(self, q: Question, st: Statement, rank: int) -> Finding | None:
        coverage = st.coverage.score
        if st.coverage.missing_key(q):
            coverage *= 0.6
        source = passage_source(st.passage, st.sentence)
        bonus = self._preference(q, st.passage.title, st.passage.date, rank)
        bonus += 0.1 * sum(t.weight for t in st.coverage.primary) / q.total_weight
        bonus += 0.04 * st.close + (0.01 if st.order == 0 else 0.0)
        if (q.yes_no and st.contrast is not None and not st.negative
                and set(st.coverage.missing) == {st.contrast}):
            # "You can only reset sandbox environments": production ones, then, no. An
            # inference: evidence that names the thing itself outranks it.
            coverage = st.coverage.score + 0.8 * st.contrast.weight / q.total_weight
            text = f"No. {end_with_period(st.answer_text)}"
            return Finding("no", coverage + bonus - 0.05, coverage, [source], text,
                           st.passage.doc_path, "contrast")
        if q.yes_no:
            yes = st.negative == q.negative
            verdict = "yes" if yes else "no"
            text = f"{'Yes' if yes else 'No'}. {end_with_period(_strip_yes_no(st.answer_text))}"
        else:
            if not fits_answer_kind(q, st.answer_text) or not _has_focus(q, st):
                coverage *= 0.8
            verdict = "answer"
            text = end_with_period(st.answer_text)
        return Finding(verdict, coverage + bonus, coverage, [source], text,
                       st.passage.doc_path, "statement")

    def _rule_findings(self, q: Question, doc: Document, exc, bonus: float) -> list[Finding]:
        if not q.yes_no:
            return []
        items, rule = read_list(q, doc, exc)
        said = set(rule.coverage.primary + rule.coverage.context)
        residual = [t for t in q.terms if t not in said]

        def named(ev: ItemEvidence) -> float:
            return sum(t.weight for t in residual if t in ev.own.primary)

        out: list[Finding] = []
        best = max(items, key=lambda ev: (named(ev), ev.coverage.score), default=None)
        item_decides = False
        if best is not None and named(best) > 0 and not best.coverage.missing_key(q):
            out.append(self._item_finding(q, doc, best, rule, bonus))
            item_decides = all(t in best.own.primary for t in residual
                               if t.name or t in best.coverage.missing_key(q))
        if is_carve_out(exc) and not item_decides:
            finding = self._rule_finding(q, doc, rule, residual, items, bonus)
            if finding is not None:
                out.append(finding)
        return out

    def _item_finding(self, q: Question, doc: Document, ev: ItemEvidence, rule: RuleEvidence,
                      bonus: float) -> Finding:
        yes = ev.negative == q.negative
        exc = ev.exc
        body = end_with_period(item_sentences(ev.item))
        label = ev.item.label
        if label and body.startswith(label):
            body = body[len(label):].lstrip(" :–—-")
        named = f" (“{label}”)" if label else ""
        verdict = "Yes" if yes else "No"
        if is_carve_out(exc):
            text = (f"{verdict}. {sentence_case(body)} This is one of the exceptions{named} "
                    f"to: “{rule_clause(exc)}”.")
        else:
            text = (f"{verdict}. {sentence_case(body)} It is listed{named} under: "
                    f"“{_short(exc.rule)}”.")
        sources = [item_source(doc, exc, ev.item), rule_source(doc, exc)]
        if ev.parents and not ev.item.label:
            sources.append(item_source(doc, exc, ev.parents[-1]))
        direct = sum(t.weight for t in ev.own.primary) / q.total_weight
        return Finding("yes" if yes else "no", ev.coverage.score + 0.1 * direct + bonus,
                       ev.coverage.score, sources, text, doc.path, "exception")

    def _rule_finding(self, q: Question, doc: Document, rule: RuleEvidence, residual,
                      items: list[ItemEvidence], bonus: float) -> Finding | None:
        exc = rule.exc
        coverage = rule.coverage
        mentioned = {t for ev in items for t in ev.own.primary}
        # Names no item mentions are what the rule covers without exception, provided the
        # question is about what the rule is about (it names the rule's product or scope).
        unnamed = [t for t in residual if t.name and t not in mentioned]
        scope_named = any(t.name for t in coverage.primary + coverage.context)
        if unnamed and not scope_named:
            return None
        others = [t for t in coverage.missing_key(q) if t not in unnamed]
        if others:
            return None
        # The question must ask what the rule is about (its verb and object), not merely
        # share a word with it.
        asked = [t for t in q.terms if not t.name]
        said = [t for t in asked if t in coverage.primary]
        if len(said) < 2 or sum(t.weight for t in said) < 0.5 * sum(t.weight for t in asked):
            return None
        explained = sum(t.weight for t in unnamed) / q.total_weight
        score = coverage.score + explained
        yes = rule.negative == q.negative
        top = [end_with_period(item_sentences(i)).rstrip(".") for i in exc.items]
        text = f"{'Yes' if yes else 'No'}. {rule_clause(exc)}"
        if top:
            text += ", except when: " + "; ".join(_lower_first(t) for t in top) + "."
        else:
            text += "."
        if unnamed:
            text += f" None of the exceptions names {join_names([t.text for t in unnamed])}."
        direct = sum(t.weight for t in coverage.primary) / q.total_weight
        return Finding("yes" if yes else "no", score + 0.1 * direct + bonus - 0.02, score,
                       [rule_source(doc, exc)], text, doc.path, "rule")

    def _table_finding(self, q: Question, reading: TableReading, bonus: float
                       ) -> Finding | None:
        doc, table = reading.doc, reading.table
        coverage = reading.coverage.score
        if reading.verdict == "no" and reading.key is None:
            # Not listed: the absent name is explained by the table's silence about it.
            absent_weight = sum(t.weight for t in reading.coverage.missing
                                if t.text == reading.absent) / q.total_weight
            coverage += absent_weight * 0.9
            listed = column_values(table, reading.asked or 0)
            header = table.header[reading.asked or 0] or "the table"
            text = (f"No. {reading.absent.title() if reading.absent.islower() else reading.absent}"
                    f" is not listed under “{header}” in {doc.title}, which lists "
                    f"{join_names(listed[:30])}.")
            sources = [header_source(doc, table)]
            return Finding("no", coverage + bonus - 0.03, coverage, sources, text, doc.path,
                           "table")
        sources = [row_source(doc, table, r) for r in reading.rows[:12]]
        key = reading.key
        assert key is not None
        if reading.verdict in ("yes", "no"):
            yes = reading.verdict == "yes"
            if q.negative:
                yes = not yes
            if reading.asked is not None and reading.values:
                text = (f"{'Yes' if yes else 'No'}. For {key.name}, "
                        f"“{table.header[reading.asked]}” is “{reading.values[0]}”.")
            elif reading.verdict == "no":
                text = (f"No. {key.item} is listed with {join_names(list(reading.values))}, "
                        f"not with what the question names.")
            else:
                header = table.header[key.col] or table.section or "the table"
                rows = "; ".join(f"“{s.quote}”" for s in sources[:6])
                text = (f"Yes. {key.item} is listed under “{header}” in {doc.title}: "
                        f"{rows}.")
            direct = sum(t.weight for t in reading.coverage.primary) / q.total_weight
            return Finding("yes" if yes else "no", coverage + 0.1 * direct + bonus + 0.02,
                           coverage, sources, text, doc.path, "table")
        if q.yes_no:
            return None
        values = list(reading.values)
        if reading.asked == key.col:  # "where is X": the place written after X
            text = f"{key.name}: {values[0]}."
            for note, place in _elsewhere(table, key.name, values[0]):
                text += (f" Note: the footnote at line {note.line} places {key.name} in "
                         f"{place}: “{note.text}”")
                sources.append(Source(path=table.path, doc_path=doc.path, title=doc.title,
                                      section=table.section, line_start=note.line or 0,
                                      line_end=note.line or 0, quote=note.text or "",
                                      date=doc.date))
        else:
            header = table.header[reading.asked] if reading.asked is not None else ""
            subject = key.name if len(reading.rows) == 1 else key.name
            text = f"{subject} — {header}: {join_names(values)}." if header else (
                f"{subject}: {join_names(values)}.")
        if not fits_answer_kind(q, " ".join(values)):
            coverage *= 0.85
        direct = sum(t.weight for t in reading.coverage.primary) / q.total_weight
        # A named row and a matching header (or the place after the name, for "where"): the
        # table answers exactly what was asked; a longer name is a surer match.
        exact = 0.05 if reading.asked is not None else 0.02
        exact += 0.02 * min(key.size, 3)
        return Finding("answer", coverage + 0.1 * direct + bonus + exact, coverage, sources,
                       text, doc.path, "table")

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
        notes = rename_notes(q.terms, [s.quote for s in best.sources], q.text)
        if q.mended:
            notes.append("Read " + ", ".join(f"“{a}” as “{b}”" for a, b in q.mended) + ".")
        disagree = self._disagreement(q, best, rest)
        if disagree is not None:
            other, cite = disagree
            notes.append(f"Note: {other.sources[0].title} ({cite.path}:{cite.line_start}) "
                         f"says otherwise: “{_short(cite.quote, 200)}”")
            citations.append(cite)
        if notes:
            text = text + " " + " ".join(notes)
        return Answer(q.text, best.verdict, text, tuple(citations))

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


def _default_config() -> Config:
    try:
        return load_config()
    except AssistantError:
        return Config()


def _passage_count(index) -> int:
    """N for idf: how many passages the index holds (0 when it cannot tell)."""
    count = getattr(index, "passage_count", None)
    try:
        return int(count() if callable(count) else count or 0)
    except AssistantError:
        return 0


def _doc_frequency(index, word: str) -> float:
    """How many passages contain ``word`` (-1 when the index cannot tell)."""
    frequency = getattr(index, "doc_frequency", None)
    if not callable(frequency):
        return -1.0
    try:
        return float(frequency(word))
    except AssistantError:
        return -1.0


def _distinct(hits, limit: int):
    """The first ``limit`` hits whose (title, section, quote) differ: the same passage in many
    versions of one page counts once (the best-ranked copy stays)."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for hit in hits:
        p = hit.passage
        key = (p.title, p.section, p.quote)
        if key in seen:
            continue
        seen.add(key)
        out.append(hit)
        if len(out) >= limit:
            break
    return out


class AboutIndex:
    """Which docs are *about* a product: its name in their title or description."""

    def __init__(self) -> None:
        self._docs: list[tuple[str, str, str, str | None]] = []
        self._by_stem: dict[str, set[int]] = {}

    def add(self, path: str, title: str, description: str, date: str | None) -> None:
        """Index one doc's title and description."""
        number = len(self._docs)
        self._docs.append((path, title, description, date))
        for w in set(words(f"{title} {description}")):
            if w not in STOP_WORDS:
                self._by_stem.setdefault(stem(w), set()).add(number)

    def docs_about(self, q: Question, limit: int) -> list[tuple[str, str]]:
        """(path, title) of the docs whose title or description names a product the question
        names, best covered first (newest first among equals)."""
        candidates: set[int] = set()
        for term in q.names:
            for spelling in term.spellings or (term.text,):
                stems = [stem(w) for w in words(spelling) if w not in STOP_WORDS]
                if not stems:
                    continue
                found = set.intersection(*(self._by_stem.get(s, set()) for s in stems))
                candidates |= found
        if not candidates or len(candidates) > 400:
            return []  # a name too common to single out a doc
        scored = []
        for number in candidates:
            path, title, description, date = self._docs[number]
            v = view(f"{title} {description}")
            score = sum(t.weight for t in q.terms if v.has(t))
            scored.append((-score, -(int(date[:4]) if date and date[:4].isdigit() else 0),
                           path, title))
        scored.sort()
        return [(path, title) for _, _, path, title in scored[:limit]]


def _elsewhere(table, name: str, place: str):
    """Footnotes of ``table`` that write ``name (another place)``: the docs disagree."""
    pattern = re.compile(re.escape(name) + r"\s*\(([^()]*)\)", re.IGNORECASE)
    for note in table.footnotes:
        if not note.text or not note.line:
            continue
        for match in pattern.finditer(note.text):
            other = match.group(1).strip()
            if words(other) != words(place):
                yield note, other
                break


def _mended_text(q: Question) -> list[str]:
    text = q.text
    for wrong, right in q.mended:
        text = _replace_word(text, wrong, right)
    return [text]


def _replace_word(text: str, wrong: str, right: str) -> str:
    return re.sub(rf"\b{re.escape(wrong)}\b", right, text, flags=re.IGNORECASE)


def _strip_yes_no(text: str) -> str:
    stripped = text.lstrip()
    for lead in ("Yes.", "Yes,", "No.", "No,"):
        if stripped.startswith(lead):
            rest = stripped[len(lead):].strip()
            return rest[:1].upper() + rest[1:] if rest else stripped
    return text


def _has_focus(q: Question, st: Statement) -> bool:
    if not q.focus:
        return True
    v = context_views(st.answer_text, st.passage.text)
    from .match import term_for

    return any(any(view.has(term_for(f)) for view in v) for f in q.focus)


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


__all__ = ["Answerer", "ask", "Source", "cover"]

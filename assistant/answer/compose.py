"""Putting an answer into words and turning evidence into checked citations.

Every citation is checked against the file before it is given out: its quote must be on its
lines (markup stripped as the parser strips it). A sentence taken from a longer passage is
cited on the lines that hold it, not on the whole passage.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..config import Config
from ..model import Answer, Citation, Document, Passage, Tier
from .decide import Decision
from .doc_lists import introducing_lead, items_introduced
from .evidence import Candidate, Source
from .match import Term, term_for, view
from .question import Question
from .quotes import SourceLines
from .statements import passage_source
from .weights import Weights


def page_title(title: str) -> str:
    """A doc title without the site suffix ("Data storage | MicrosoftDocs" -> "Data
    storage")."""
    head, bar, _ = title.partition(" | ")
    return head.strip() if bar and head.strip() else title


def join_names(names: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def short(text: str, limit: int = 160) -> str:
    """``text`` cut at a word boundary to ``limit`` characters (an ellipsis marks the cut)."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def sentence_case(text: str) -> str:
    """First letter up."""
    return text[:1].upper() + text[1:] if text else text


def end_with_period(text: str) -> str:
    """``text`` ending in one full stop (or its own ``?``/``!``/``:``)."""
    text = text.strip()
    if not text:
        return text
    if text[-1] in ".!?":
        return text
    return text.rstrip(":;,") + "."


# Words that tie a sentence to the one before it; alone in an answer they dangle.
_DISCOURSE = re.compile(r"^(?:however|also|additionally|in addition|furthermore|moreover|"
                        r"similarly|finally|therefore|thus|note that|note:|please note"
                        r"(?: that)?),?\s+",
                        re.IGNORECASE)
_OPEN_EXCEPTION = re.compile(r",?\s+(?:except|unless)(?:\s+(?:when|if|for|in))?\s*:\s*$",
                             re.IGNORECASE)
# A list item's trailing conjunction ("...; or", "..., and").
_TRAILING_CONJUNCTION = re.compile(r"[;,]?\s+(?:or|and)\s*[.;:]?\s*$", re.IGNORECASE)
# "X, Y, or Z": alternatives written as names (capitalised words).
_NAME = r"[A-Z][\w.+-]*(?: [A-Z][\w.+-]*){0,3}"
_ALTERNATIVES = re.compile(rf"\b{_NAME}(?:, {_NAME})*,? or {_NAME}\b")
_SPLIT_ALTERNATIVES = re.compile(r",? or |, ")
# "Customers who connect their X ... may send ...": said to the reader.
_WHO = re.compile(r"^(?:Customers|Users|Administrators|Admins|Organizations|Makers|Tenants)"
                  r" who (?P<condition>.+?) (?P<modal>may|can|cannot|can't|will|won't|must|"
                  r"might|should|need to|do not|don't) (?P<rest>.+)$")
_THIRD_PERSON = {"their": "your", "they": "you", "them": "you", "themselves": "yourself",
                 "theirs": "yours"}


def plain(text: str, names: tuple[Term, ...] = ()) -> str:
    """A doc sentence put plainly for an answer, saying no more than it says: a dangling
    "However," goes; of alternatives ("Power BI, PowerApps, or Flow") the one the question
    names stays (what holds for any of them holds for it); "Customers who connect their X
    may ..." is said to the reader ("If you connect your X, you may ..."); a list item's
    trailing "; or" goes."""
    # (A footnote's own marker, "*The environment is not ...", is not part of what it says.)
    text = _TRAILING_CONJUNCTION.sub("", text.strip().lstrip("*†‡ "))
    text = _DISCOURSE.sub("", text)
    # A rule quoted without the cases it introduces ("... except when:").
    text = _OPEN_EXCEPTION.sub(", except in the cases the doc lists.", text)
    text = _narrow(text, names)
    text = _to_reader(text)
    return sentence_case(text)


def _narrow(text: str, names: tuple[Term, ...]) -> str:
    if not names:
        return text

    def one(match: re.Match[str]) -> str:
        items = _SPLIT_ALTERNATIVES.split(match.group(0))
        named = [i for i in items if any(view(i).has(t) for t in names)]
        return named[0] if len(named) == 1 and len(items) > 1 else match.group(0)

    return _ALTERNATIVES.sub(one, text)


def _to_reader(text: str) -> str:
    match = _WHO.match(text)
    if match is None:
        return text

    def you(part: str) -> str:
        return re.sub(r"\b(" + "|".join(_THIRD_PERSON) + r")\b",
                      lambda m: _THIRD_PERSON[m.group(1)], part)

    return (f"If you {you(match.group('condition'))}, you {match.group('modal')} "
            f"{you(match.group('rest'))}")


def rename_notes(terms: tuple[Term, ...], evidence_texts: list[str], question: str
                 ) -> list[str]:
    """Notes for renamed products the question and the evidence spell differently: "The doc
    says “Microsoft Flow”, the former name of Power Automate." / "“Flow” is now called Power
    Automate." """
    notes: list[str] = []
    evidence = view(" ".join(evidence_texts))
    asked = view(question)
    for term in terms:
        if not term.former:
            continue
        current = term_for(term.current)
        former = sorted(term.former, key=len, reverse=True)
        if evidence.has(current):
            used_old = next((f for f in former if asked.has(term_for(f))), None)
            if used_old is not None:
                notes.append(f"“{used_old}” is now called {term.current}.")
            continue
        used = next((f for f in former if evidence.has(term_for(f))), None)
        if used is not None:
            notes.append(f"The doc says “{used}”, the former name of {term.current}.")
    return notes


class Citer:
    """Turns sources into citations that hold, with the public URL when it is known."""

    def __init__(self, config: Config, lines: SourceLines, anchors) -> None:
        self.config = config
        self.lines = lines
        self._anchors = anchors  # (doc_path, section title) -> anchor

    def cite(self, source: Source, *, narrow: bool = True) -> Citation | None:
        """A checked citation of ``source`` (None when its lines no longer hold it)."""
        start, end = source.line_start, source.line_end
        if narrow:
            span = self.lines.narrow(source.path, start, end, source.quote)
            if span is None:
                return None
            start, end = span
        elif not self.lines.holds(source.path, start, end, source.quote):
            return None
        citation = Citation(path=source.path, title=source.title, section=source.section,
                            line_start=start, line_end=end, quote=source.quote,
                            url=self._url(source))
        if not self.lines.holds(citation.path, start, end, citation.quote):
            return None
        return citation

    def _url(self, source: Source) -> str | None:
        if not self.config.urls:
            return None
        anchor = self._anchors(source.doc_path, source.section) if source.section else ""
        return self.config.url_for(source.doc_path, anchor or "")


def section_anchor(doc: Document, section: str) -> str:
    """The anchor of the section titled ``section`` in ``doc`` ("" when not found)."""
    for s in doc.sections:
        if s.title == section:
            return s.anchor
    return ""


class Composer:
    """Stage 5: the decision put into words, with checked citations. The words are composed
    here, once: readers give what the evidence says; this adds the verdict's lead, the
    sentences that support it, the list it introduces, and notes (renamed products, docs that
    disagree)."""

    def __init__(self, citer: Citer, docs: Callable[[str], Document | None],
                 weights: Weights) -> None:
        self.citer = citer
        self.docs = docs
        self.weights = weights

    def answer(self, q: Question, decision: Decision, passages: list[Passage]) -> Answer:
        """The answer for a decision (``passages``: the ranked ones, listed as related when
        nothing settles the question)."""
        if decision.best is None:
            return self.unknown(q, passages)
        return self._compose(q, decision.best, list(decision.others), decision.tier)

    def _compose(self, q: Question, best: Candidate, rest: list[Candidate], tier: Tier
                 ) -> Answer:
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
                return self._compose(q, others[0], others[1:], tier)
            return Answer(q.text, "unknown", "The docs that would settle this have changed "
                          "since the index was built; rebuild the index.", tier="none")
        said = best.said
        if best.kind in ("statement", "contrast"):
            said, extra = self._supporting(best, rest)
            citations.extend(c for c in extra if c not in citations)
        doc = self.docs(best.doc_path) if best.kind == "statement" else None
        if doc is not None:
            lead = (introducing_lead(doc, best.sources[0])
                    if len(best.sources[0].quote.split()) <= self.weights.short_item else None)
            if lead is not None:
                # "Yes. Japan (JPN)." says little; what the item is listed under says why.
                said = f"{said.rstrip('.')} is listed under “{lead.quote.rstrip(' :')}”."
                cite = self.citer.cite(lead)
                if cite is not None and cite not in citations:
                    citations.append(cite)
            if best.verdict == "answer":
                items = items_introduced(doc, best.sources[0], self.weights.list_items)
                if items:
                    # "You can sign in using one of the following accounts:" is answered by
                    # the list that follows it.
                    said = f"{said.rstrip('.:')}: " + "; ".join(
                        i.quote.rstrip(".") for i in items) + "."
                    citations.extend(c for c in (self.citer.cite(i) for i in items)
                                     if c is not None and c not in citations)
        if best.verdict != "answer":
            text = f"{best.verdict.capitalize()}. {said}"
        elif tier == "quoted" and q.yes_no:
            # Asked for a yes or no, the docs say something else in so many words: say so.
            text = f"The docs do not say yes or no in so many words. They say: {said}"
        else:
            text = said
        notes = rename_notes(q.terms, [s.quote for s in best.sources], q.text)
        if q.mended:
            notes.append("Read " + ", ".join(f"“{a}” as “{b}”" for a, b in q.mended) + ".")
        disagree = self._disagreement(best, rest)
        if disagree is not None:
            other, cite = disagree
            title = page_title(other.sources[0].title)
            notes.append(f"Note: {title} ({cite.path}:{cite.line_start}) "
                         f"says otherwise: “{short(cite.quote, 200)}”")
            citations.append(cite)
        if notes:
            text = text + " " + " ".join(notes)
        return Answer(q.text, best.verdict, text, tuple(citations), tier=tier)

    def _supporting(self, best: Candidate, rest: list[Candidate]) -> tuple[str, list[Citation]]:
        """The best sentence, with another sentence of the same passage that says the same
        thing about the question ("Data encryption can't be turned off." + "All new ...
        organizations use data encryption by default.")."""
        source = best.sources[0]
        for other in rest:
            o = other.sources[0]
            if (other.kind != "statement" or other.verdict != best.verdict
                    or (o.path, o.line_start, o.line_end) != (source.path, source.line_start,
                                                              source.line_end)
                    or o.quote == source.quote
                    or other.coverage < best.coverage - self.weights.supporting_margin
                    or o.quote in best.said):
                continue
            cite = self.citer.cite(o)
            if cite is None:
                continue
            extra = other.said
            # (The other sentence may carry the one before it, which the answer already says.)
            if extra.startswith(best.said.rstrip(".")):
                extra = extra[len(best.said.rstrip(".")):].lstrip(". ")
            if not extra:
                continue
            return f"{best.said} {extra}", [cite]
        return best.said, []

    def _disagreement(self, best: Candidate, rest: list[Candidate]
                      ) -> tuple[Candidate, Citation] | None:
        if best.verdict == "answer":
            return None
        w = self.weights
        for other in rest:
            if other.verdict == best.verdict or other.verdict not in ("yes", "no"):
                continue
            # Only evidence about as strong and as direct as the answer's counts as the docs
            # disagreeing (a loosely related sentence does not).
            if (other.doc_path == best.doc_path
                    or other.coverage < best.coverage - w.disagree_coverage_margin
                    or other.strength < best.strength - w.disagree_strength_margin):
                continue
            if any(not t.name and not t.scene for t in other.nearby):
                # Its polarity is not about the question: the word the question turns on is
                # in the sentence beside it ("loads data into memory" vs "... not encrypted").
                continue
            cite = self.citer.cite(other.sources[0])
            if cite is not None:
                return other, cite
        return None

    def unknown(self, q: Question, passages: list[Passage]) -> Answer:
        """"Unknown", with the nearest passages listed as related."""
        related: list[Citation] = []
        for passage in passages:
            if len(related) >= self.weights.related:
                break
            if passage.kind == "summary":
                continue
            c = self.citer.cite(passage_source(passage), narrow=False)
            if c is not None and c not in related:
                related.append(c)
        return Answer(q.text, "unknown",
                      "The docs do not settle this. The nearest passages are listed as related.",
                      (), tuple(related), tier="none")

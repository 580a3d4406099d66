"""Evidence: quotable pieces of the docs, and how well each one covers a question.

A piece of evidence has a *primary* text (the sentence, exception item or table cells that
must say the thing) and a *context* (the doc title, the section trail, the rest of the
paragraph, the rule an exception belongs to) that may supply the rest: "It is not supported in
Internet Explorer" is about Power Virtual Agents because the paragraph says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..model import Verdict
from .match import Term, TextView, view
from .near_words import NearCheck
from .question import Question
from .weights import DEFAULT_WEIGHTS, Weights

EvidenceKind = Literal["statement", "contrast", "exception", "rule", "table"]
"""What a candidate was read from: a sentence; a sentence whose "only" rules out what was
asked; an exception item; an exception list's rule; a table."""


@dataclass(frozen=True, slots=True)
class Source:
    """Where a quote is: enough to build a citation."""

    path: str
    """File that holds the quote."""
    doc_path: str
    """The doc it belongs to."""
    title: str
    """Doc title."""
    section: str
    """Heading the quote sits under."""
    line_start: int
    """First line."""
    line_end: int
    """Last line."""
    quote: str
    """Verbatim text (markup stripped)."""
    date: str | None = None
    """The doc's ``ms.date``."""


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of a question a piece of evidence accounts for."""

    score: float
    """Weighted share of the question's terms found (context counts ``CONTEXT_CREDIT``)."""
    primary: tuple[Term, ...]
    """Terms found in the primary text."""
    context: tuple[Term, ...]
    """Terms found only in the context."""
    missing: tuple[Term, ...]
    """Terms found nowhere."""
    near: tuple[Term, ...] = ()
    """Terms the primary text says only in other words ("kept" for "stay"): about the
    question, but no word of it to settle a yes or no on."""

    def missing_key(self, question: Question, weights: Weights = DEFAULT_WEIGHTS
                    ) -> tuple[Term, ...]:
        """Missing terms that matter: names, and the question's rarest words."""
        if not question.terms:
            return ()
        top = max(t.weight for t in question.terms)
        return tuple(t for t in self.missing
                     if t.name or t.weight >= weights.key_term_share * top and t.weight >= 1.0)


def cover(question: Question, primary: TextView | list[TextView],
          context: TextView | list[TextView] | tuple[TextView, ...] = (),
          words_only: Sequence[TextView] = (), weights: Weights = DEFAULT_WEIGHTS,
          near: NearCheck | None = None, floor: float = 0.0) -> Coverage:
    """Which of the question's terms the evidence mentions. ``words_only`` is context that
    speaks for the question's words but not for its names (the sentences around one that
    names other products are not about the product asked of). ``near``: whether the
    primary text says a word of the question in other words; such a word counts
    ``near_credit`` of its weight (words of the scene around the question never need it);
    they are looked for only when they could lift the coverage to ``floor``."""
    primaries = primary if isinstance(primary, list) else [primary]
    contexts = list(context) if isinstance(context, (list, tuple)) else [context]
    got: list[Term] = []
    ctx: list[Term] = []
    missing: list[Term] = []
    score = 0.0
    top = max((t.weight for t in question.terms), default=1.0)
    for term in question.terms:
        if any(v.has(term) for v in primaries):
            got.append(term)
            score += term.weight
        elif any(v.has(term) for v in contexts) or not term.name and any(
                v.has(term) for v in words_only):
            ctx.append(term)
            # A product named in the title is what the doc is about; the question's most
            # telling word found only around the sentence is weaker evidence.
            credit = (weights.key_context_credit if not term.name
                      and term.weight >= weights.telling_share * top
                      else weights.context_credit)
            score += term.weight * credit
        else:
            missing.append(term)
    said_otherwise: list[Term] = []
    # (A product or place is named, or the text is not about it.)
    open_terms = [t for t in missing if not t.scene and not t.name]
    if near is not None and open_terms and primaries and (
            score + weights.near_credit * sum(t.weight for t in open_terms)
            >= floor * question.total_weight):
        first = primaries[0].text
        said_otherwise = [t for t in open_terms if near(t, first)]
        score += weights.near_credit * sum(t.weight for t in said_otherwise)
    return Coverage(score / question.total_weight, tuple(got), tuple(ctx),
                    tuple(t for t in missing if t not in said_otherwise),
                    tuple(said_otherwise))


@dataclass(frozen=True, slots=True)
class Candidate:
    """One candidate answer an evidence reader found, before the decision and the wording."""

    verdict: Verdict
    """``yes``/``no``/``answer``."""
    strength: float
    """Coverage plus preferences (product doc, recency); the strongest candidate wins."""
    coverage: float
    """The coverage alone (the bar for settling a question)."""
    sources: tuple[Source, ...]
    """Evidence, strongest first."""
    said: str
    """What the evidence says, put plainly (without the "Yes."/"No." the answer leads with)."""
    doc_path: str
    """The doc that settles it."""
    kind: EvidenceKind = "statement"
    """Which reader found it and how."""
    missing: tuple[Term, ...] = ()
    """The question's terms the evidence does not mention, not even around it."""
    stated: tuple[Term, ...] = ()
    """The question's terms the evidence says itself or under its headings (the doc title,
    the section): not those only its neighbouring sentences say."""
    fits: bool = True
    """The evidence holds the kind of value a factual question asks for (a number for "how
    many", a duration for "how long")."""
    nearby: tuple[Term, ...] = ()
    """The question's terms only the sentences around the evidence say (their polarity is
    theirs, not the evidence's)."""
    near: tuple[Term, ...] = ()
    """The question's terms the evidence says only in other words (``Coverage.near``)."""


def context_views(*texts: str) -> list[TextView]:
    """Views of the non-empty texts."""
    return [view(t) for t in texts if t]


def path_words(path: str) -> str:
    """The folder names of a doc's path as words ("ai-docs/customer-insights/x.md" ->
    "ai docs customer insights"): docsets are filed by product."""
    parts = path.replace("\\", "/").split("/")[:-1]
    return " ".join(p.replace("-", " ").replace("_", " ") for p in parts[-3:])


def doc_context(doc, section: str) -> list[TextView]:
    """What a doc says about everything in it: title, description, the section's trail and
    the folders it is filed in."""
    trail: tuple[str, ...] = ()
    for s in doc.sections:
        if s.title == section:
            trail = (*s.trail, s.title)
            break
    return context_views(doc.title, doc.description, " ".join(trail) or section,
                         path_words(doc.path))


def preference(q: Question, title: str, date: str | None, rank: int,
               weights: Weights = DEFAULT_WEIGHTS) -> float:
    """Small bonuses that break near-ties: the doc is about a product the question names; it
    is newer; it ranks higher."""
    bonus = 0.0
    title_view = context_views(title)
    if q.names and title_view and any(title_view[0].has(t) for t in q.names):
        bonus += weights.product_title_bonus
    if date and date[:4].isdigit():
        bonus += min(weights.recency_cap,
                     max(0.0, (int(date[:4]) - 2000) / weights.recency_years))
    return bonus + weights.rank_bonus / (1 + rank)


def stated(coverage: Coverage, *headings: str) -> tuple[Term, ...]:
    """The terms the evidence says itself, and those of its context that its headings say."""
    views = context_views(*headings)
    return coverage.primary + tuple(t for t in coverage.context
                                    if any(v.has(t) for v in views))

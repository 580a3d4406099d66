"""Evidence: quotable pieces of the docs, and how well each one covers a question.

A piece of evidence has a *primary* text (the sentence, exception item or table cells that
must say the thing) and a *context* (the doc title, the section trail, the rest of the
paragraph, the rule an exception belongs to) that may supply the rest: "It is not supported in
Internet Explorer" is about Power Virtual Agents because the paragraph says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import Verdict
from .match import Term, TextView, view
from .question import Question

# How much a term found only in the context counts, against one found in the primary text.
CONTEXT_CREDIT = 0.8
KEY_CONTEXT_CREDIT = 0.5


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

    def missing_key(self, question: Question) -> tuple[Term, ...]:
        """Missing terms that matter: names, and the question's rarest words."""
        if not question.terms:
            return ()
        top = max(t.weight for t in question.terms)
        return tuple(t for t in self.missing
                     if t.name or t.weight >= 0.7 * top and t.weight >= 1.0)


def cover(question: Question, primary: TextView | list[TextView],
          context: TextView | list[TextView] | tuple[TextView, ...] = (),
          words_only: Sequence[TextView] = ()) -> Coverage:
    """Which of the question's terms the evidence mentions. ``words_only`` is context that
    speaks for the question's words but not for its names (the sentences around one that
    names other products are not about the product asked of)."""
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
            credit = KEY_CONTEXT_CREDIT if not term.name and term.weight >= 0.9 * top else (
                CONTEXT_CREDIT)
            score += term.weight * credit
        else:
            missing.append(term)
    return Coverage(score / question.total_weight, tuple(got), tuple(ctx), tuple(missing))


@dataclass(slots=True)
class Finding:
    """One candidate answer with its evidence, before it is put into words."""

    verdict: Verdict
    """``yes``/``no``/``answer``/``unknown``."""
    strength: float
    """Coverage plus preferences (product doc, recency); the best finding wins."""
    coverage: float
    """The coverage alone (the bar for settling a question)."""
    sources: list[Source]
    """Evidence, strongest first."""
    text: str
    """The answer in words."""
    doc_path: str
    """The doc that settles it."""
    kind: str = "statement"
    """``statement``, ``exception``, ``rule``, ``table``."""
    notes: list[str] = field(default_factory=list)
    """Remarks added to the answer (renamed products, other docs disagreeing)."""


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

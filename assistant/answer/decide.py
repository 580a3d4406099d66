"""Stage 4, the decision: which candidate answers the question, and how sure that is.

Candidates from every reader are pooled; the strongest of those that settle the question
(enough coverage, of the kind the question asks: a yes/no for a yes/no question) wins, with a
few preferences for the better of near-equals: evidence that names the thing itself over an
inference from "only", a rule read with its exceptions over the same rule read flat, the copy
of a paragraph in the doc about the topic, and, for "which X", the sentence that lists X.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ..model import Document
from .doc_lists import items_introduced
from .evidence import Candidate
from .match import view
from .question import Question
from .text import words
from .weights import Weights

Tier = Literal["sure", "none"]
"""How sure an answer is: ``sure``, the evidence settles the question; ``none``, nothing
does (the answer is "unknown")."""

DocLookup = Callable[[str], Document | None]


@dataclass(frozen=True, slots=True)
class Decision:
    """The chosen candidate and the others that settle the question too."""

    tier: Tier
    """How sure."""
    best: Candidate | None
    """What answers (None for "unknown")."""
    others: tuple[Candidate, ...]
    """The other settling candidates, strongest first (support, disagreement, fallbacks)."""


def decide(q: Question, candidates: list[Candidate], w: Weights, docs: DocLookup) -> Decision:
    """Pick the answer from the pooled candidates."""
    settled = [c for c in candidates if c.coverage >= w.settle and (
        (c.verdict in ("yes", "no")) == q.yes_no)]
    if not settled:
        return Decision("none", None, ())
    settled.sort(key=lambda c: -c.strength)
    best = settled[0]
    if best.kind == "contrast":
        # An "only" inference yields to evidence nearly as strong that speaks of the thing
        # itself (a table row that lists it, a sentence that names it).
        explicit = [c for c in settled if c.kind != "contrast"
                    and c.coverage >= best.coverage - w.inference_margin]
        best = explicit[0] if explicit else best
    best = rule_with_exceptions(best, settled, w)
    best = copy_in_topic_doc(q, best, settled, docs)
    best = list_of_kind(q, best, settled, w, docs)
    return Decision("sure", best, tuple(c for c in settled if c is not best))


def rule_with_exceptions(best: Candidate, settled: list[Candidate], w: Weights) -> Candidate:
    """The rule of an exception list read flat ("... will not transfer ... except when:")
    gives way to the same rule read with its exceptions."""
    if best.kind != "statement":
        return best
    source = best.sources[0]
    for c in settled:
        if c.kind == "rule" and c.verdict == best.verdict and abs(
                c.coverage - best.coverage) < w.structured_margin:
            rule = c.sources[0]
            if rule.path == source.path and (rule.line_start <= source.line_start
                                             <= rule.line_end):
                return c
    return best


def copy_in_topic_doc(q: Question, best: Candidate, settled: list[Candidate], docs: DocLookup
                      ) -> Candidate:
    """When other docs carry the same words as the best evidence (a paragraph copied into
    another page), the copy in the doc whose title and section are about what the question
    asks is the one to cite."""
    said = words(best.sources[0].quote)
    copies = [best] + [c for c in settled if c.verdict == best.verdict
                       and c.doc_path != best.doc_path
                       and abs(c.coverage - best.coverage) < 1e-9
                       and words(c.sources[0].quote) == said]
    if len(copies) < 2:
        return best

    def topical(c: Candidate) -> tuple[bool, float, float]:
        source = c.sources[0]
        doc = docs(c.doc_path)
        trail = ""
        if doc is not None:
            trail = next((" ".join((*s.trail, s.title)) for s in doc.sections
                          if s.title == source.section), source.section)
        topic = [view(source.title), view(trail)]
        # A page that redirects elsewhere has been retired.
        live = doc is None or "redirect_url" not in (doc.front_matter or {})
        return (live, sum(t.weight for t in q.terms if any(v.has(t) for v in topic)),
                c.strength)

    return max(copies, key=topical)


def list_of_kind(q: Question, best: Candidate, settled: list[Candidate], w: Weights,
                 docs: DocLookup) -> Candidate:
    """"Which accounts ...?" is best answered by a sentence nearly as strong that introduces
    a list of accounts ("... one of the following accounts:" then "Microsoft account ...",
    "Google account ...")."""
    if q.yes_no or not q.focus or best.kind != "statement":
        return best
    kind = [t for t in q.terms if set(t.stems) & set(q.focus[-1:])]
    if not kind:
        return best
    for c in settled[:w.list_candidates]:
        if c.kind != "statement" or c.strength < best.strength - w.list_margin:
            continue
        doc = docs(c.doc_path)
        items = items_introduced(doc, c.sources[0], w.list_items) if doc is not None else []
        named = [i for i in items if any(view(i.quote).has(t) for t in kind)]
        if len(items) >= 2 and 2 * len(named) >= len(items):
            return c
    return best


__all__ = ["Decision", "Tier", "decide"]

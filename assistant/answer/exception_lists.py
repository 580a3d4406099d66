"""Exception lists read as rules: a rule sentence and the cases it carves out (or lists).

Two shapes occur. A *carve-out* ("Microsoft will not transfer customer data outside the geo
*except* when: ...") states a rule and the cases where it does not hold: a question about a
case an item names is answered against the rule ("Can Power BI move my data out of geo?" ->
yes, because the rule says no *except* for Power BI), and a question the rule covers that no
item names gets the rule's own answer. A *list* ("Features not available: ...", "The following
exclusions apply: ...") passes its rule on to every item ("Is UI flows available?" -> no).
Either way, an item that says the thing itself, with its own negation ("this action will not
automatically migrate ..."), is taken at its word.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Document, ExceptionItem, ExceptionList
from .evidence import Coverage, Source, cover, doc_context
from .match import Term, view
from .polarity import is_negative, main_clause
from .question import Question
from .text import clauses, sentences
from .weights import DEFAULT_WEIGHTS, Weights

_CARVE_OUT = ("except", "unless", "exception", "other than", "apart from", "save for",
              "excluding")


@dataclass(frozen=True, slots=True)
class ItemEvidence:
    """An exception item read together with its rule."""

    exc: ExceptionList
    """The list."""
    item: ExceptionItem
    """The item."""
    parents: tuple[ExceptionItem, ...]
    """Enclosing items, outermost first (their text introduces this one)."""
    coverage: Coverage
    """How well item + rule + context cover the question."""
    own: Coverage
    """What the item's own text (label, text, parents) covers."""
    negative: bool
    """Polarity of the item as an answer: True when it means "no"."""


@dataclass(frozen=True, slots=True)
class RuleEvidence:
    """A rule sentence as an answer on its own (no item names the question's case)."""

    exc: ExceptionList
    """The list."""
    coverage: Coverage
    """How well rule + context cover the question."""
    negative: bool
    """The rule's polarity."""


def is_carve_out(exc: ExceptionList) -> bool:
    """True for "rule except cases" lists, False for lists of cases sharing the rule."""
    trigger = exc.trigger.lower()
    return any(trigger.startswith(t) or t in trigger.split() for t in _CARVE_OUT)


def rule_clause(exc: ExceptionList) -> str:
    """The rule's own statement: the sentence that introduces the list, up to its carve-out
    word ("Microsoft will not transfer ... for Dynamics 365 for Customer Service")."""
    candidates = sentences(exc.rule) or [exc.rule]
    text = candidates[-1]
    for s in candidates:
        if exc.trigger.split()[0].lower() in s.lower():
            text = s
            break
    lowered = text.lower()
    trigger = exc.trigger.split()[0].lower()
    cut = lowered.find(f" {trigger}")
    if is_carve_out(exc) and cut > 0:
        text = text[:cut]
    return text.strip(" ,:*")


def rule_negative(exc: ExceptionList) -> bool:
    """Polarity of the rule itself ("will not transfer" / "not available" -> True)."""
    clause = rule_clause(exc)
    if is_negative(clause):
        return True
    # A list header such as "Exclusions" or "Features not available" negates by its trigger.
    return not is_carve_out(exc) and is_negative(exc.trigger)


def walk(items: tuple[ExceptionItem, ...], parents: tuple[ExceptionItem, ...] = ()
         ) -> Iterator[tuple[ExceptionItem, tuple[ExceptionItem, ...]]]:
    """Every item with its enclosing items."""
    for item in items:
        yield item, parents
        yield from walk(item.items, (*parents, item))


def read_list(question: Question, doc: Document, exc: ExceptionList,
              weights: Weights = DEFAULT_WEIGHTS) -> tuple[list[ItemEvidence], RuleEvidence]:
    """Every item of ``exc`` as evidence for ``question``, and the rule on its own."""
    negative_rule = rule_negative(exc)
    carve_out = is_carve_out(exc)
    context = [*doc_context(doc, exc.section), view(exc.rule)]
    items: list[ItemEvidence] = []
    predicate = tuple(t for t in question.terms if not t.name)
    for item, parents in walk(exc.items):
        own_views = [view(item.text), *(view(p.text) for p in parents)]
        if item.label:
            own_views.append(view(item.label))
        coverage = cover(question, own_views, context, weights=weights)
        own = cover(question, own_views, weights=weights)
        negative = _item_polarity(item.text, predicate, negative_rule, carve_out)
        items.append(ItemEvidence(exc, item, parents, coverage, own, negative))
    rule_cov = cover(question, view(exc.rule), doc_context(doc, exc.section), weights=weights)
    return items, RuleEvidence(exc, rule_cov, negative_rule)


def _item_polarity(text: str, predicate: tuple[Term, ...], negative_rule: bool,
                   carve_out: bool) -> bool:
    """True when the item, read as an answer, means "no"."""
    # The item's own clause that speaks of the question's predicate, if any.
    best, best_hits = None, 0
    for sentence in sentences(text):
        for clause in clauses(sentence):
            v = view(clause)
            hits = sum(1 for t in predicate if v.has(t))
            if hits > best_hits:
                best, best_hits = clause, hits
    if best is not None and best_hits >= max(1, (len(predicate) + 1) // 2) and is_negative(
            main_clause(best)):
        return True
    # Otherwise the item inherits: a carve-out is the opposite of the rule, a list shares it.
    return (not negative_rule) if carve_out else negative_rule


def item_source(doc: Document, exc: ExceptionList, item: ExceptionItem) -> Source:
    """The citation source of an item."""
    return Source(path=exc.path, doc_path=doc.path, title=doc.title, section=exc.section,
                  line_start=item.line, line_end=item.end_line, quote=item.text, date=doc.date)


def rule_source(doc: Document, exc: ExceptionList) -> Source:
    """The citation source of the rule sentence."""
    return Source(path=exc.path, doc_path=doc.path, title=doc.title, section=exc.section,
                  line_start=exc.line, line_end=exc.rule_end_line, quote=exc.rule,
                  date=doc.date)


def item_sentences(item: ExceptionItem) -> str:
    """The item's text without "More information: ..." / "You can find more ... here" tails."""
    kept = [s for s in sentences(item.text)
            if not s.lower().startswith(("more information", "you can find more",
                                         "for more information", "learn more"))]
    return " ".join(kept) if kept else item.text

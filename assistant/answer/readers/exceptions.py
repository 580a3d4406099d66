"""Exception lists: an item answers a yes/no question against its rule ("Can Power BI move
my data out of geo?" -> yes, it is one of the exceptions to "will not transfer ... outside
the geo"), and a rule covers what no item names."""

from __future__ import annotations

import re

from ...model import Document, ExceptionList
from ..compose import end_with_period, join_names, plain, short
from ..evidence import Candidate, preference, stated
from ..exception_lists import (
    ItemEvidence,
    RuleEvidence,
    is_carve_out,
    item_sentences,
    item_source,
    read_list,
    rule_clause,
    rule_source,
)
from ..question import Question
from ..text import sentences
from ..weights import Weights
from . import ReadContext


def read(context: ReadContext) -> list[Candidate]:
    """Candidates from every exception list of the docs read for structure (yes/no
    questions only: a wh-question reads the items as sentences)."""
    q, w = context.question, context.weights
    if not q.yes_no:
        return []
    out: list[Candidate] = []
    for ranked in context.docs:
        doc = ranked.doc
        bonus = preference(q, doc.title, doc.date, ranked.rank, w)
        for exc in doc.exception_lists:
            out.extend(candidates(q, doc, exc, bonus, w))
    return out


def candidates(q: Question, doc: Document, exc: ExceptionList, bonus: float, w: Weights
               ) -> list[Candidate]:
    """The item that names what is asked, and the rule for what no item names."""
    items, rule = read_list(q, doc, exc, w)
    said = set(rule.coverage.primary + rule.coverage.context)
    residual = [t for t in q.terms if t not in said]

    def named(ev: ItemEvidence) -> float:
        return sum(t.weight for t in residual if t in ev.own.primary)

    out: list[Candidate] = []
    best = max(items, key=lambda ev: (named(ev), ev.coverage.score), default=None)
    item_decides = False
    if best is not None and named(best) > 0 and not best.coverage.missing_key(q, w):
        out.append(_item(q, doc, best, rule, bonus, w))
        item_decides = all(t in best.own.primary for t in residual
                           if t.name or t in best.coverage.missing_key(q, w))
    if is_carve_out(exc) and not item_decides:
        found = _rule(q, doc, rule, residual, items, bonus, w)
        if found is not None:
            out.append(found)
    return out


def _item(q: Question, doc: Document, ev: ItemEvidence, rule: RuleEvidence, bonus: float,
          w: Weights) -> Candidate:
    yes = ev.negative == q.negative
    exc = ev.exc
    body = item_sentences(ev.item)
    label = ev.item.label
    if label and body.startswith(label):
        body = body[len(label):].lstrip(" :–—-")
    body = end_with_period(plain(body, q.names))
    if is_carve_out(exc):
        if ev.negative != rule.negative:
            said = (f"{body} This is one of the listed exceptions to the rule: "
                    f"“{rule_clause(exc)}”.")
        else:
            # The item says it itself ("... do not process or store customer data").
            said = f"{body} (It is listed among the exceptions to: “{rule_clause(exc)}”.)"
    else:
        said = f"{body} It is listed under: “{short(exc.rule)}”."
    sources = [item_source(doc, exc, ev.item), rule_source(doc, exc)]
    if ev.parents and not ev.item.label:
        sources.append(item_source(doc, exc, ev.parents[-1]))
    direct = sum(t.weight for t in ev.own.primary) / q.total_weight
    return Candidate("yes" if yes else "no", ev.coverage.score + w.direct_bonus * direct + bonus,
                     ev.coverage.score, tuple(sources), said, doc.path, "exception",
                     ev.coverage.missing,
                     stated=stated(ev.coverage, exc.rule, doc.title, exc.section))


def _rule(q: Question, doc: Document, rule: RuleEvidence, residual, items: list[ItemEvidence],
          bonus: float, w: Weights) -> Candidate | None:
    exc = rule.exc
    coverage = rule.coverage
    mentioned = {t for ev in items for t in ev.own.primary}
    # Names no item mentions are what the rule covers without exception, provided the
    # question is about what the rule is about (it names the rule's product or scope).
    unnamed = [t for t in residual if t.name and t not in mentioned]
    scope_named = any(t.name for t in coverage.primary + coverage.context)
    if unnamed and not scope_named:
        return None
    others = [t for t in coverage.missing_key(q, w) if t not in unnamed]
    if others:
        return None
    # The question must ask what the rule is about (its verb and object), not merely
    # share a word with it.
    asked = [t for t in q.terms if not t.name]
    said_terms = [t for t in asked if t in coverage.primary]
    if len(said_terms) < 2 or sum(t.weight for t in said_terms) < w.rule_asked_share * sum(
            t.weight for t in asked):
        return None
    explained = sum(t.weight for t in unnamed) / q.total_weight
    score = coverage.score + explained
    yes = rule.negative == q.negative
    top = [_case_of(i) for i in exc.items]
    said = rule_clause(exc)
    if unnamed:
        said += (f". None of its listed exceptions names "
                 f"{join_names([t.text for t in unnamed])}")
        said += " (" + "; ".join(_lower_first(t) for t in top) + ")." if top else "."
    elif top:
        said += ", except when: " + "; ".join(_lower_first(t) for t in top) + "."
    else:
        said += "."
    direct = sum(t.weight for t in coverage.primary) / q.total_weight
    return Candidate("yes" if yes else "no",
                     score + w.direct_bonus * direct + bonus - w.rule_penalty, score,
                     (rule_source(doc, exc),), said, doc.path, "rule",
                     tuple(t for t in coverage.missing if t not in unnamed),
                     stated=stated(coverage, doc.title, exc.section))


_LEADS_INTO = re.compile(r"[,:]?\s*(?:(?:including|such as|for example)\s+)?(?:the following"
                         r"(?:\s+\w+)?)?\s*:?\s*$", re.IGNORECASE)


def _case_of(item) -> str:
    """An exception item in a few words: its first sentence, without the "including the
    following:" that leads into its sub-items."""
    first = (sentences(item_sentences(item)) or [item.text])[0]
    return _LEADS_INTO.sub("", first.rstrip(". ")).strip() or first


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text

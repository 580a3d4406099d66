"""XD604: docs that state the same rule with different lists of exceptions.

"Microsoft will not transfer customer data outside the geo *except* when:" is written in the
data-location page of many products. When one page lists an exception the others do not (or
lacks one they all list), either the product really differs, or a page was not updated when
the policy changed; a writer should know either way.

Only rules written as a sentence count ("will not transfer ... except when:"); a list under
a heading such as "Limitations" states no rule. Two rule sentences are *the same rule* when
they use the same lower-case words (product names are capitalised, so "for Customer Service
Insights" and "for Power Virtual Agents" do not matter) and say enough to be a rule (five
words or more besides the small ones). Items are matched by their words (most words
of the shorter item found in the other), so rewording inside an item is not reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ...model import ExceptionItem
from ..registry import Hit, collector, corpus_rule
from ..source import DocContext

_STOPWORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "has", "have", "if",
    "in", "into", "is", "it", "its", "may", "of", "on", "or", "such", "that", "the", "their",
    "them", "these", "this", "those", "to", "was", "were", "when", "where", "which", "while",
    "who", "will", "with", "you", "your",
})
_MIN_RULE_WORDS = 5
# Only rules stated in a sentence ("... except when:"): a heading such as "Limitations" or
# "Known issues" over a list names no rule, so two such lists need not agree.
_SENTENCE_TRIGGERS = frozenset({
    "except", "excepting", "exception", "exceptions", "unless", "excluding", "other than",
    "with the following exceptions", "apart from", "but not",
})
_ITEM_MATCH = 0.6
_MIN_SHARED = 3
_ITEM_WORDS = 25
_QUOTE = 70


def _rule_key(rule: str) -> str | None:
    words = sorted({
        w for w in re.findall(r"[^\W\d_][\w'-]*", rule)
        if w[0].islower() and w not in _STOPWORDS})
    return " ".join(words) if len(words) >= _MIN_RULE_WORDS else None


def _item_words(item: ExceptionItem) -> frozenset[str]:
    text = f"{item.label} {item.text}" if item.label and item.label not in item.text else item.text
    words = [w.lower() for w in re.findall(r"[^\W\d_][\w'-]*", text)]
    return frozenset([w for w in words if w not in _STOPWORDS][:_ITEM_WORDS])


def _flatten(items: tuple[ExceptionItem, ...]) -> Iterator[ExceptionItem]:
    for item in items:
        yield item
        yield from _flatten(item.items)


def _quote(item_text: str) -> str:
    return item_text if len(item_text) <= _QUOTE else item_text[:_QUOTE - 1].rstrip() + "…"


@collector("exceptions")
def collect_exception_lists(ctx: DocContext) -> list[dict[str, Any]] | None:
    """The rule key, line and items (words, quote, line) of each exception list."""
    found = []
    for exc in ctx.doc.exception_lists:
        if exc.path != ctx.path or exc.trigger not in _SENTENCE_TRIGGERS:
            continue
        key = _rule_key(exc.rule)
        if key is None:
            continue
        items = [(_item_words(i), _quote(i.label or i.text), i.line)
                 for i in _flatten(exc.items) if i.text]
        found.append({"key": key, "line": exc.line, "items": items})
    return found or None


def _same_item(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two items say the same when most words of the shorter one are in the other (so
    rewording or an added clause does not make a new exception)."""
    shared = len(a & b)
    return shared >= min(_MIN_SHARED, len(a), len(b)) and shared >= _ITEM_MATCH * min(
        len(a), len(b))


@corpus_rule("XD604", "exception-list-drift", "warning", collector="exceptions")
def exception_list_drift(facts: list[tuple[str, Any]]) -> Iterator[Hit]:
    """Two or more docs state the same rule with different exceptions.

    Why it matters: the exceptions are the policy; when one product's page lists an exception
    the others do not, readers get different answers to the same question and at least one
    page is likely outdated.

    An item only some of the docs list (at most half of them) is reported at the item; an
    item most of the docs list is reported at the rule of each doc that lacks it. Each
    finding names a doc that has it the other way.

    Example (doc A lists three exceptions, doc B two)::

        Microsoft will not transfer customer data outside the geo except when:
        - It is necessary to provide customer support.
        - Customers use services that operate globally.
        - Customers configure external services.           <- only in doc A

    Instead: make the lists agree, or say in the doc why this product differs.
    """
    lists: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for path, found in facts:
        for entry in found:
            group = lists.setdefault(entry["key"], [])
            if all(p != path for p, _ in group):  # one list per doc and rule
                group.append((path, entry))
    for group in lists.values():
        if len(group) >= 2:
            yield from _compare(sorted(group, key=lambda g: (g[0], g[1]["line"])))


def _compare(group: list[tuple[str, dict[str, Any]]]) -> Iterator[Hit]:
    # Cluster the items of every list: an item joins the first cluster it matches.
    clusters: list[frozenset[str]] = []
    members: list[list[int]] = []  # per list: cluster of each item
    for _, entry in group:
        own = []
        for words, _quote_text, _line in entry["items"]:
            index = next((i for i, rep in enumerate(clusters) if _same_item(rep, words)),
                         None)
            if index is None:
                clusters.append(words)
                index = len(clusters) - 1
            own.append(index)
        members.append(own)
    support = [sum(1 for own in members if i in own) for i in range(len(clusters))]
    half = len(group) / 2
    for position, ((path, entry), own) in enumerate(zip(group, members, strict=True)):
        for (_, quote, line), cluster in zip(entry["items"], own, strict=True):
            if support[cluster] <= half:
                other = next(group[j] for j in range(len(group))
                             if j != position and cluster not in members[j])
                yield Hit(line, 1,
                          f"exception {quote!r} is not in the list for the same rule at "
                          f"{other[0]}:{other[1]['line']} ({support[cluster]} of "
                          f"{len(group)} docs list it)", path=path, related=(other[0],))
        for cluster in range(len(clusters)):
            if support[cluster] > half and cluster not in own:
                j = next(j for j in range(len(group)) if cluster in members[j])
                holder_path, holder = group[j]
                quote, line = next((q, ln) for (_, q, ln), c in
                                   zip(holder["items"], members[j], strict=True)
                                   if c == cluster)
                yield Hit(entry["line"], 1,
                          f"this rule's exceptions lack {quote!r}, listed for the same rule at "
                          f"{holder_path}:{line} ({support[cluster]} of {len(group)} docs "
                          f"list it)", path=path, related=(holder_path,))

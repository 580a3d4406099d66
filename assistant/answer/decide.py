"""Stage 4, the decision: which candidate answers the question, and how sure that is.

Candidates from every reader are pooled, and the answer comes in one of three tiers:

- ``sure``: the strongest of the candidates that settle the question (enough coverage, of the
  kind the question asks: a yes/no for a yes/no question, and saying the question's key words
  itself) wins, with a few preferences for the better of near-equals: evidence that names the
  thing itself over an inference from "only", a sentence that says the word over the
  neighbour that borrows it, a rule read with its exceptions over the same rule read flat,
  the copy of a paragraph in the doc about the topic, and, for "which X", the sentence that
  lists X;
- ``quoted``: nothing settles it, but a candidate is about it: quoted, without a yes or no;
- ``none``: nothing is about it ("unknown").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from ..model import Document, Tier
from .doc_lists import items_introduced
from .evidence import Candidate
from .match import Term, view
from .near_words import NearCheck
from .question import Question
from .text import words
from .weights import Weights

DocLookup = Callable[[str], Document | None]
LinkCheck = Callable[[Candidate], bool]
"""True for a candidate whose lines hold nothing but links (see ``SourceLines.links_only``)."""


def _no_links_check(candidate: Candidate) -> bool:
    return False


@dataclass(frozen=True, slots=True)
class Decision:
    """The chosen candidate and the others that settle the question too."""

    tier: Tier
    """How sure."""
    best: Candidate | None
    """What answers (None for "unknown")."""
    others: tuple[Candidate, ...]
    """The other settling candidates, strongest first (support, disagreement, fallbacks)."""


def decide(q: Question, candidates: list[Candidate], w: Weights, docs: DocLookup,
           links_only: LinkCheck = _no_links_check, near: NearCheck | None = None
           ) -> Decision:
    """Pick the answer from the pooled candidates. ``links_only``: a list of links to other
    pages names them, it says nothing itself: never an answer. ``near``: whether a quote
    says a word of the question in other words (enough to quote it, never to say yes or
    no)."""
    keys = key_terms(q, w)
    settled = [c for c in candidates if c.coverage >= w.settle and (
        (c.verdict in ("yes", "no")) == q.yes_no) and speaks_of_it(c, keys)
        and not links_only(c)]
    if not settled:
        return quoted(q, candidates, w, keys, links_only, near)
    settled.sort(key=lambda c: -c.strength)
    best = settled[0]
    if best.kind == "contrast":
        # An "only" inference yields to evidence nearly as strong that speaks of the thing
        # itself (a table row that lists it, a sentence that names it).
        explicit = [c for c in settled if c.kind != "contrast"
                    and c.coverage >= best.coverage - w.inference_margin]
        best = explicit[0] if explicit else best
    best = said_by_its_neighbour(best, settled)
    best = rule_with_exceptions(best, settled, w)
    best = copy_in_topic_doc(q, best, settled, docs)
    best = list_of_kind(q, best, settled, w, docs)
    return Decision("sure", best, tuple(c for c in settled if c is not best))


def quoted(q: Question, candidates: list[Candidate], w: Weights, keys: set[Term],
           links_only: LinkCheck = _no_links_check, near: NearCheck | None = None
           ) -> Decision:
    """Nothing settles the question: the strongest candidate about it is quoted as what the
    docs say, without a yes or no (none is about it: "unknown"). A candidate is about the
    question when it says enough of what the question asks (:func:`asked_share`) and its key
    terms: every name it asks about and its most telling words, but one (:func:`keys_said`;
    "Which city hosts the *Microsoft Cloud France* datacenters?" is not answered by a
    sentence on another cloud: ``keys``, from :func:`key_terms`), said as written or in other
    words (``near``: "how long do the logs *stay*" is answered by "the duration to *keep*
    the logs")."""
    about = [c for c in candidates if asked_share(c, q) >= w.about and c.fits
             and keys_said(c, keys, w, near) and not _bare(c, w) and not links_only(c)]
    if not about:
        return Decision("none", None, ())
    # A quote that says every telling word comes before one that leaves one out, and one
    # that says them as asked before one that says one in other words.
    about.sort(key=lambda c: (any(t in c.missing for t in keys),
                              any(t in c.near for t in keys), -c.strength))
    best = about[0]
    return Decision("quoted", replace(best, verdict="answer"), tuple(about[1:]))


def asked_share(c: Candidate, q: Question) -> float:
    """The share of what the question asks (its words but those of the scene around it: an
    issue title, the story before the question) that the evidence mentions."""
    asked = [t for t in q.terms if not t.scene]
    total = sum(t.weight for t in asked)
    if not total:
        return c.coverage
    return 1.0 - sum(t.weight for t in asked if t in c.missing) / total


def keys_said(c: Candidate, keys: set[Term], w: Weights, near: NearCheck | None = None
              ) -> bool:
    """True when the evidence says the question's key terms: every product it names, and
    its telling words but at most ``key_words_unsaid`` of them, when it says at least
    ``key_words_said`` others ("Does Power Platform reject TLS 1.1 *connections*?" is
    answered by "requests with TLS 1.1 or lower will be rejected"; "What is the *SLA* for
    Microsoft Cloud France?" is not answered by a sentence on Cloud France). A capitalised
    word that is no known product ("the Client ID or Object(*Principal*) ID") is a telling
    word like any other. A telling word the quote says in other words (``near``) is not
    counted among the question's key terms at all."""
    missing = [t for t in keys if t in c.missing]
    if not missing:
        return True
    if any(_product_or_code(t) for t in missing):
        return False
    if near is not None:
        otherwise = {t for t in missing if near(t, c.sources[0].quote)}
        keys = keys - otherwise
        missing = [t for t in missing if t not in otherwise]
        if not missing:
            return True
    return (len(missing) <= w.key_words_unsaid
            and len(keys) - len(missing) >= w.key_words_said)


def speaks_of_it(c: Candidate, keys: set[Term]) -> bool:
    """A yes or no must come from evidence that says the question's key words (the action
    and what it acts on), itself or in the sentences around it: "Sandbox environments are
    used for development" says nothing of resetting a developer environment. Names may come
    from the doc's title or section (a doc about the product). (Of two neighbours, the one
    that says the word itself answers: :func:`said_by_its_neighbour`.)"""
    if c.verdict not in ("yes", "no"):
        return True
    return all(t in c.stated or t in c.nearby for t in keys if not t.name)


def _bare(c: Candidate, w: Weights) -> bool:
    """A few words with no statement in them: a bold pseudo-heading ("Weekly digests"), a
    label. Quoted alone they answer nothing."""
    return c.kind == "statement" and len(c.sources[0].quote.split()) < w.fewest_quoted_words


def key_terms(q: Question, w: Weights) -> set[Term]:
    """The terms an answer must not leave out: the names the question asks about, and the
    words that weigh nearly as much as its heaviest (words of the scene around the question
    are never key)."""
    asked = [t for t in q.terms if not t.scene]
    top = max((t.weight for t in asked), default=0.0)
    return {t for t in asked if _product_or_code(t) or t.weight >= w.key_share * top}


def _product_or_code(term: Term) -> bool:
    """A name the corpus or the lexicon knows (several spellings, several words), or an
    abbreviation ("SSL", "GCC"): not merely a capitalised word ("System or Manual")."""
    return term.name and (len(term.spellings) > 1 or bool(term.former) or " " in term.text
                          or term.text.isupper())


def said_by_its_neighbour(best: Candidate, settled: list[Candidate]) -> Candidate:
    """A sentence that borrows a word of the question from the sentence beside it gives way
    to that sentence, when it settles the question too: "Power Platform loads processed
    data into memory" borrows "encrypt" from "the processed data in memory is not
    encrypted", whose polarity is the one that answers "Does it encrypt data in memory?"."""
    borrowed = _borrowed(best)
    if not borrowed:
        return best
    here = best.sources[0]
    for c in settled:
        there = c.sources[0]
        if (c is not best and c.kind == "statement" and there.path == here.path
                and (there.line_start, there.line_end) == (here.line_start, here.line_end)
                and borrowed <= set(c.stated) and not _borrowed(c) & set(best.stated)):
            # (Two sentences that each borrow the other's word, "You can't *extend* system
            # backups." / "To keep data beyond the standard *retention*, copy it ...": the
            # stronger answers.)
            return c
    return best


def _borrowed(c: Candidate) -> set[Term]:
    """The question's words a sentence takes from the sentences around it."""
    return {t for t in c.nearby if not t.name and not t.scene}


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

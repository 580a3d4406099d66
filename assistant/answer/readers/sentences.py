"""Sentences of the passages search ranked (paragraphs, list items, callouts, table rows):
a sentence says yes or no by its polarity where it speaks of what is asked, or it states the
fact a wh-question asks for."""

from __future__ import annotations

import re

from ...model import Verdict
from ..compose import end_with_period, plain
from ..doc_lists import INTRODUCES
from ..evidence import Candidate, context_views, path_words, preference, stated
from ..match import Term, term_for
from ..question import Question
from ..statements import NUMBER, Statement, fits_answer_kind, passage_source, statements
from ..text import stem
from ..weights import Weights
from . import ReadContext

_NECESSITY = re.compile(r"\b(need|needs|needed|must|have to|has to|required|requires|require|"
                        r"necessary|mandatory)\b", re.IGNORECASE)


# Words that say something can be done, is offered or is allowed.
_ABILITY = re.compile(r"\b(can|could|may|might|able|allow|allows|allowed|lets?|support|supports|"
                      r"supported|enable|enables|enabled|available|possible|permit|permits|"
                      r"permitted)\b", re.IGNORECASE)

# A sentence that sends the reader to another page ("For more information, see ...", "To
# learn how to allow triggers, see ..."): it names what the other page says, it says nothing.
POINTS_ELSEWHERE = re.compile(r"^\W*(?:for|to learn|to find|to see|to understand|to know|to get)\b"
                              r"[^.;]*?,\s*(?:see|go to|refer to)\b",
                              re.IGNORECASE)


def read(context: ReadContext) -> list[Candidate]:
    """A candidate for every sentence of the ranked passages that covers enough of the
    question to be read."""
    q, w = context.question, context.weights
    out: list[Candidate] = []
    for rank, passage in enumerate(context.passages):
        description = context.descriptions.get(passage.doc_path, "")
        for st in statements(q, passage, context.floor, description, w, context.links_only,
                             context.near):
            if q.yes_no and POINTS_ELSEWHERE.match(st.sentence):
                continue  # "For an example of how to allow X, see Y" says no yes or no
            out.append(candidate(q, st, rank, w, description))
    return out


def candidate(q: Question, st: Statement, rank: int, w: Weights, description: str = ""
              ) -> Candidate:
    """What one sentence answers, and how strongly."""
    terms_said = _stated(st, description)
    terms_near = _nearby(st, terms_said)
    coverage = st.coverage.score
    key_missing = st.coverage.missing_key(q, w)
    if any(t.name for t in key_missing):
        coverage *= w.missing_name_factor
    elif key_missing:
        # A telling word the sentence does not use counts half again its weight: one
        # paraphrased verb ("analyzes" for "check") among many words found costs little,
        # the word a question turns on ("localized") costs much.
        coverage -= w.missing_key_penalty * sum(t.weight for t in key_missing) / q.total_weight
    source = passage_source(st.passage, st.sentence)
    bonus = preference(q, st.passage.title, st.passage.date, rank, w)
    bonus += w.own_bonus * st.own
    bonus += (w.close_bonus * st.close + (w.first_sentence_bonus if st.order == 0 else 0.0)
              + (w.faq_bonus if st.faq else 0.0))
    if _NECESSITY.search(q.text) and _NECESSITY.search(st.sentence):
        # "Do X and Y need to be ...?" is answered by what must be, not by a step that
        # happens to do it.
        bonus += w.necessity_bonus
    if (q.yes_no and st.contrast is not None and not st.negative
            and set(st.coverage.missing) == {st.contrast}
            and st.coverage.score >= w.inference_floor):
        # "You can only reset sandbox environments": production ones, then, no. An
        # inference: evidence that names the thing itself outranks it.
        coverage = st.coverage.score + w.contrast_credit * st.contrast.weight / q.total_weight
        return Candidate("no", coverage + bonus - w.contrast_penalty, coverage, (source,),
                         end_with_period(plain(st.answer_text, q.names)),
                         st.passage.doc_path, "contrast", st.coverage.missing,
                         stated=terms_said, nearby=terms_near)
    fits = True
    if q.yes_no:
        verdict: Verdict = "yes" if st.negative == q.negative else "no"
        if q.negative and not st.negative and not _ABILITY.search(st.sentence):
            # "Can I block X?" or "X can't be used with Y, right?" is not answered no by a
            # sentence that only describes X ("X is a central repository that ..."): a
            # positive sentence says no to a negative question when it says what can be done.
            coverage *= w.unasserted_factor
        said = end_with_period(plain(_strip_yes_no(st.answer_text), q.names))
    else:
        # What a wh-word asks for ("the *workaround*") must be in the answer itself: the
        # sentence beside the one that names it is not the answer.
        head = set(q.focus[-1:])  # "the case capacity *limit*"
        coverage -= w.context_credit * sum(t.weight for t in st.coverage.context
                                           if set(t.stems) & head) / q.total_weight
        if _says_nothing_of_predicate(q, st):
            # "Which languages does Market Insights *support*?" is not answered by a
            # sentence on how Market Insights detects a language.
            coverage *= w.no_predicate_factor
        fits = fits_answer_kind(q, st.answer_text)
        if not fits:
            # "How many ...?" answered without a number does not answer it.
            coverage *= w.wrong_kind_factor
        elif not _has_focus(q, st):
            coverage *= w.no_focus_factor
        verdict = "answer"
        said = end_with_period(plain(st.answer_text, q.names))
        if INTRODUCES.search(st.sentence) and q.wh in ("which", "what"):
            bonus += w.list_intro_bonus  # the list after it is the answer
        if fits and q.counted and _counts_focus(q, st.sentence):
            bonus += w.counted_focus_bonus  # "how many operations": "200 operations"
    return Candidate(verdict, coverage + bonus, coverage, (source,), said,
                     st.passage.doc_path, "statement", st.coverage.missing,
                     stated=terms_said, fits=fits, nearby=terms_near,
                     near=st.coverage.near)


def _stated(st: Statement, description: str) -> tuple[Term, ...]:
    """What the sentence says itself or under its headings (a table row's other cells
    count: the row is one statement)."""
    p = st.passage
    row = p.quote if p.kind == "table_row" else ""
    return stated(st.coverage, p.title, " ".join(p.trail), p.section, row, description,
                  path_words(p.doc_path))


def _nearby(st: Statement, said: tuple[Term, ...]) -> tuple[Term, ...]:
    """Terms only the paragraph's other sentences say (a list item or a table row is read
    with what introduces it: there the rest is part of the statement)."""
    if st.passage.kind != "paragraph":
        return ()
    return tuple(t for t in st.coverage.context if t not in said)


def _strip_yes_no(text: str) -> str:
    stripped = text.lstrip()
    for lead in ("Yes.", "Yes,", "No.", "No,"):
        if stripped.startswith(lead):
            rest = stripped[len(lead):].strip()
            return rest[:1].upper() + rest[1:] if rest else stripped
    return text


def _says_nothing_of_predicate(q: Question, st: Statement) -> bool:
    """True when a factual question's own words (neither the names it asks about nor the
    noun its wh-word asks for) are all missing from the statement."""
    focus = set(q.focus)
    predicate = [t for t in q.terms if not t.name and not set(t.stems) & focus]
    return bool(predicate) and all(t in st.coverage.missing for t in predicate)


_WRITTEN = re.compile(r"[^\W_][\w.,-]*[^\W_]|[^\W_]")


def _counts_focus(q: Question, sentence: str) -> bool:
    """Whether the sentence counts what a "how many" asks for: a number right before the
    noun ("up to 200 *operations*", "five concurrent *sessions*"), not a number of something
    else beside it ("the OperationSet contains one request")."""
    if not q.counted:
        return False
    written = _WRITTEN.findall(sentence)
    # (A number after a capitalised word belongs to a name, "Dynamics 365 Project Operations",
    # unless that word opens the sentence: "Only 200 operations ...".)
    return any(NUMBER.fullmatch(token) and not (i > 1 and written[i - 1][:1].isupper())
               and any(stem(after.lower()) in q.counted for after in written[i + 1:i + 3])
               for i, token in enumerate(written))


def _has_focus(q: Question, st: Statement) -> bool:
    if not q.focus:
        return True
    v = context_views(st.answer_text, st.passage.text)
    # The question's own term for the noun, with its synonyms ("workaround": "alternative").
    focus = [t for t in q.terms if set(t.stems) & set(q.focus)] or [term_for(f)
                                                                     for f in q.focus]
    return any(view.has(t) for view in v for t in focus)

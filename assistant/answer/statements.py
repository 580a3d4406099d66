"""Plain statements: sentences of paragraphs, list items and callouts, with their polarity.

A yes/no question is settled by the sentence that covers it best: "Is data in processing
encrypted?" meets "the processed data in memory is not encrypted" and the two disagree in
polarity, so the answer is no. Within a sentence, the clause that speaks of the question's
predicate decides ("may replicate data to other regions ..., but will not replicate or move
Personal data outside the geo"), and a trailing ", except X" clause says the opposite of the
clause before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Passage
from .evidence import Coverage, Source, context_views, cover
from .match import Term, view
from .polarity import is_negative
from .question import Question
from .text import clauses, sentences

# Kinds of passage whose sentences are statements (tables and exception lists are read
# structurally elsewhere; summaries only describe the doc).
STATEMENT_KINDS = frozenset({"paragraph", "list_item", "callout", "table_row"})
_ANAPHOR = re.compile(r"^(that|this|these|those|it|they|its|their|such|today, that)\b",
                      re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_MONTH = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
                    re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Statement:
    """A sentence read as an answer."""

    passage: Passage
    """The passage it comes from."""
    sentence: str
    """The sentence (verbatim, as in the passage quote)."""
    coverage: Coverage
    """How well it (with its context) covers the question."""
    negative: bool
    """Its polarity where it speaks of the question's predicate."""
    answer_text: str
    """The sentence, with the one before it when it opens with "that"/"this"/"it"."""


def statements(question: Question, passage: Passage, floor: float) -> list[Statement]:
    """The sentences of ``passage`` that cover at least ``floor`` of the question."""
    if passage.kind not in STATEMENT_KINDS:
        return []
    # The rest of the passage may say what a sentence leaves implicit ("It is not supported"),
    # but a question the doc asks itself ("(?? What algorithm?)") says nothing.
    said = " ".join(s for s in sentences(passage.text) if not s.rstrip(" )").endswith("?"))
    context = context_views(passage.title, " ".join(passage.trail), said)
    if passage.kind == "table_row":
        # A row is one statement: its cells, with the header as context.
        coverage = cover(question, view(passage.quote), context)
        if coverage.score < floor:
            return []
        return [Statement(passage, passage.quote, coverage,
                          _polarity(passage.quote, question), passage.quote)]
    out: list[Statement] = []
    parts = sentences(passage.quote)
    for i, sentence in enumerate(parts):
        if sentence.rstrip(" )").endswith("?"):
            continue  # a question the doc asks is not a statement
        coverage = cover(question, view(sentence), context)
        if coverage.score < floor:
            continue
        text = sentence
        if i > 0 and _ANAPHOR.match(sentence):
            text = f"{parts[i - 1]} {sentence}"
        elif i > 0 and parts[i - 1].strip().lower().rstrip(".,!") in ("yes", "no"):
            text = f"{parts[i - 1]} {sentence}"
            sentence = text
        out.append(Statement(passage, sentence, coverage, _polarity(sentence, question), text))
    return out


def _polarity(sentence: str, question: Question) -> bool:
    """True when the sentence, where it speaks of the question's predicate, negates."""
    predicate: tuple[Term, ...] = tuple(t for t in question.terms if not t.name) or question.terms
    parts = clauses(sentence)
    polarity: list[bool] = []
    for i, clause in enumerate(parts):
        negative = is_negative(clause)
        if clause.lower().startswith("except") and i > 0:
            negative = not polarity[i - 1]
        polarity.append(negative)
    if len(parts) == 1:
        return polarity[0]
    best, best_hits = 0, -1
    for i, clause in enumerate(parts):
        v = view(clause)
        hits = sum(t.weight for t in predicate if v.has(t))
        if hits > best_hits:
            best, best_hits = i, hits
    return polarity[best]


def fits_answer_kind(question: Question, text: str) -> bool:
    """Whether ``text`` can hold the kind of value asked for (a number, a date...)."""
    kind = question.answer_kind
    if kind in ("number", "frequency", "duration"):
        return bool(_DIGIT.search(text)) or bool(re.search(
            r"\b(once|twice|daily|weekly|monthly|hourly|every|one|two|three|four|five|six|"
            r"seven|eight|nine|ten|hundred|thousand|million)\b", text, re.IGNORECASE))
    if kind == "time":
        return bool(_DIGIT.search(text) or _MONTH.search(text))
    return True


def passage_source(passage: Passage, quote: str | None = None) -> Source:
    """The citation source of (a sentence of) a passage."""
    return Source(path=passage.path, doc_path=passage.doc_path, title=passage.title,
                  section=passage.section, line_start=passage.line_start,
                  line_end=passage.line_end, quote=quote or passage.quote, date=passage.date)

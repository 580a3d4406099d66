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
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Passage
from .evidence import Coverage, Source, context_views, cover, path_words
from .match import Term, view
from .near_words import NearCheck
from .polarity import is_negative, speaks_of_future
from .question import Question
from .text import clauses, is_question, sentences, stem, words
from .weights import DEFAULT_WEIGHTS, Weights

LinksOnly = Callable[[Passage, str], bool]
"""Whether a sentence of a passage is written as nothing but links to other pages (their
titles: it says nothing itself)."""

# Kinds of passage whose sentences are statements (tables and exception lists are read
# structurally elsewhere; summaries only describe the doc).
STATEMENT_KINDS = frozenset({"paragraph", "list_item", "callout", "table_row"})
_ANAPHOR = re.compile(r"^(that|this|these|those|it|they|its|their|such|today, that)\b",
                      re.IGNORECASE)
_REFERS = re.compile(r"\b(these|this|those|such(?! as\b)|it|they|them|its|their)\b",
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
    order: int = 0
    """Position of the sentence in its passage (the first sentence of an answer leads)."""
    close: float = 0.0
    """Share of the question's consecutive terms that stand close together, in order, in the
    sentence (a phrase-like match)."""
    contrast: Term | None = None
    faq: bool = False
    """True when the sentence answers a question the doc asks (an FAQ heading or a bold
    question) that speaks of what the user asks."""
    own: float = 0.0
    """Share of the question's weight the sentence's own words carry (without the sentence
    it points back to or its context): of two sentences, the one that says it itself."""
    """A question term the sentence excludes by "only": "You can only reset *sandbox*
    environments" against "Can *production* environments be reset?"."""


def statements(question: Question, passage: Passage, floor: float, description: str = "",
               weights: Weights = DEFAULT_WEIGHTS,
               links_only: LinksOnly | None = None,
               near: NearCheck | None = None) -> list[Statement]:
    """The sentences of ``passage`` that cover at least ``floor`` of the question
    (``description``: the doc's front-matter description, which says what it is about;
    ``links_only``: whether a sentence is written as nothing but links, the titles of other
    pages, which say nothing of the sentences beside them; ``near``: whether a sentence says
    a word of the question in other words)."""
    # An exception item answers a yes/no question against its rule (rules.py); a factual
    # one ("Where do preview services store customer data?") reads it as a statement.
    if passage.kind not in STATEMENT_KINDS and (question.yes_no or passage.kind != "exception"):
        return []
    if NAVIGATION.match(passage.section):
        return []  # a list of links to other pages says nothing itself
    # The rest of the passage may say what a sentence leaves implicit ("It is not supported"),
    # but a question the doc asks itself ("(?? What algorithm?)") says nothing.
    said = " ".join(s for s in sentences(passage.text) if not is_question(s)
                    and not (links_only is not None and links_only(passage, s)))
    context = context_views(passage.title, description, " ".join(passage.trail),
                            path_words(passage.doc_path))
    # ... but only for a sentence that leaves something implicit: one that names other
    # things ("X, Y and Z are available in France") is not about what its neighbours name.
    around = context_views(said)
    out: list[Statement] = []
    if passage.kind == "table_row":
        # A row's cells are read as sentences, with the rest of the row as context.
        # (Short cells are names: the table reading answers those, with the row.)
        parts = [s for cell in passage.quote.split(" | ") for s in sentences(cell)
                 if len(s.split()) >= 4]
        context.append(view(passage.quote))
    else:
        parts = sentences(passage.quote)
    # Under an FAQ heading ("Can I sign in using my personal account?"), or after a question
    # the paragraph asks itself ("**Do you retain the call recordings?**<br>No. ..."), the
    # sentences that follow answer that question: it says what they are about.
    heading = passage.section if is_question(passage.section) else ""
    plural = next((t for t in question.terms if t.text == _PLURAL), None)
    opening = 0  # index of the answer's first sentence
    lead: str | None = None  # a bare "Yes." / "No." that opens the answer
    for i, sentence in enumerate(parts):
        if is_question(sentence):
            # The question, with the sentences that set it up when it opens the passage
            # ("I have mono-channel recording files. Can I still use ...?").
            heading = " ".join(parts[:i + 1]) if not out and lead is None else sentence
            opening, lead = i + 1, None
            continue
        bare = _answer_word(sentence)
        if bare is not None and not _rest_of_answer(sentence):
            lead, opening = sentence.strip(), i + 1
            continue
        faq = [view(heading)] if heading else []
        first = i == opening
        # A sentence that refers back ("these segments", "it") speaks of what the sentence
        # before it names.
        # A sentence that points back ("It doesn't ...", "these segments") speaks of what the
        # sentence before it names.
        before = [view(parts[i - 1])] if i > 0 and _REFERS.search(sentence) else []
        # (A list item or a table row is read with what introduces it; a sentence of a
        # paragraph takes names from the sentence it points back to, not from the others.)
        implicit = passage.kind != "paragraph"
        # "Can X belong to more than one group?" meets "X can only belong to one group":
        # "only one" speaks of "more than one", and says no to it.
        single = plural is not None and not view(sentence).has(plural) and bool(
            _SINGLE.search(sentence))
        # "Can I restore to a *different* region?" meets "... restore to the *same* region":
        # the opposite word speaks of the question's, and says no to it.
        opposed = _opposed(question, sentence)
        coverage = cover(question, [view(sentence), *before, *(faq if first else []),
                                    *([view(plural.text)] if single and plural is not None
                                      else []),
                                    *([view(opposed.text)] if opposed is not None else [])],
                         [*context, *(around if implicit else []), *([] if first else faq)],
                         [] if implicit else around, weights=weights, near=near,
                         floor=floor)
        if coverage.score < floor or not coverage.primary:
            continue
        text = sentence
        if i > 0 and _ANAPHOR.match(sentence) and not is_question(parts[i - 1]):
            text = f"{parts[i - 1]} {sentence}"
        if (question.answer_kind and i + 1 < len(parts) and not is_question(parts[i + 1])
                and not fits_answer_kind(question, sentence)
                and fits_answer_kind(question, parts[i + 1])):
            # The value follows in the next sentence ("... choose how many days to keep the
            # data. You have the following options: 30 days, 1 year, or Always.").
            text = sentence = f"{sentence} {parts[i + 1]}"
        predicate = [t for t in question.terms if not t.name]
        asked = sum(t.weight for t in predicate if heading and view(heading).has(t))
        # The doc asks the user's question itself (most of its words) and this is the answer.
        faq_match = first and asked >= weights.faq_share * sum(
            t.weight for t in predicate) > 0
        answer = lead if first and lead is not None else None
        rest = sentence
        if answer is None and bare is not None:
            answer, rest = sentence, _rest_of_answer(sentence)
        negative = _polarity(rest, question) != (single != (opposed is not None))
        if answer is not None:
            # An FAQ answer: "No. Trials are free for 30 days." The "No" answers the question
            # asked above; the sentence after it may speak of something else ("free" against
            # "taxed"). The lead decides when the asked question is what the user asks about
            # at least as much as the sentence is.
            own = sum(t.weight for t in predicate if view(rest).has(t))
            if asked >= own or not own:
                negative = _answer_word(answer) is False
            if first and lead is not None:
                text = sentence = f"{lead} {sentence}"
        out.append(Statement(passage, sentence, coverage, negative, text, i,
                             closeness(question, sentence),
                             _contrast(question, sentence, coverage), faq_match,
                             _own_share(question, rest)))
    return out


# The lexicon's word for "more than one" (its synonym group: multiple, several, many...),
# and what says "just one".
_PLURAL = "multiple"
_SINGLE = re.compile(r"\b(?:only|just)\s+(?:\w+\s+){0,3}?(?:one|a single|1)\b|\bone and only\b",
                     re.IGNORECASE)

# Words whose opposite a doc may use instead ("same" region for "different" region).
_OPPOSITES = {
    "different": r"same", "another": r"same", "other": r"same",
    "outside": r"inside|within", "external": r"internal",
}
# Headings of a page's navigation: the links under them are not statements.
NAVIGATION = re.compile(r"^\s*(see also|next steps?|related (content|articles|topics|"
                        r"information|resources)|additional resources|learn more|"
                        r"more information|in this (article|section))\s*$", re.IGNORECASE)


def _opposed(question: Question, sentence: str) -> Term | None:
    """The question's term that the sentence speaks of by its opposite word (and not by its
    own)."""
    v = view(sentence)
    for term in question.terms:
        if v.has(term):
            continue
        opposite = _OPPOSITES.get(term.text.lower())
        if opposite is not None and re.search(rf"\b(?:{opposite})\b", sentence,
                                              re.IGNORECASE):
            return term
        # "non-production" (one word: ``words``) is the opposite of "production".
        if any(stem(f"non{w}") in v.stems for w in term.runs if w.isalpha()):
            return term
    return None


_ANSWER_WORD = re.compile(r"^\s*(yes|no)\b\s*[.,!:;]?\s*", re.IGNORECASE)


def _answer_word(sentence: str) -> bool | None:
    """True/False when a sentence opens with "Yes"/"No" followed by a stop or comma (an FAQ
    answer), else None ("No matter where ..." is not an answer)."""
    match = _ANSWER_WORD.match(sentence)
    if match is None or (not re.search(r"[.,!:;]", match.group(0))
                         and match.end() < len(sentence.rstrip())):
        return None
    return match.group(1).lower() == "yes"


def _rest_of_answer(sentence: str) -> str:
    """What follows the "Yes,"/"No," of an FAQ answer ("" for a bare "No.")."""
    return _ANSWER_WORD.sub("", sentence, count=1).strip()


def _polarity(sentence: str, question: Question) -> bool:
    """True when the sentence, where it speaks of the question's predicate, negates."""
    return clause_polarity(clauses(sentence), question)


# A clause that opens with a pronoun or a verb goes on about the clause before it
# ("A 30-day trial can only be created and deleted; it can't be reset").
_CONTINUES = re.compile(r"^(it|they|this|these|that|which|who|he|she|its|their|will|would|can|"
                        r"cannot|could|may|might|must|should|shall|is|are|was|were|does|do|did|"
                        r"has|have|had|won't|can't|isn't|aren't|doesn't|don't)\b", re.IGNORECASE)


def clause_polarity(parts: list[str], question: Question) -> bool:
    """Polarity of the clause that speaks of the question: the one whose terms (with those of
    the clause it continues) cover most of the question, its own terms breaking ties."""
    if not parts:
        return False
    polarity: list[bool] = []
    now = not speaks_of_future(question.text)
    for i, clause in enumerate(parts):
        negative = is_negative(clause)
        if clause.lower().startswith("except") and i > 0:
            negative = not polarity[i - 1]
        elif now and speaks_of_future(clause) and not negative:
            # "... in the future it will also support groups": not today.
            negative = True
        polarity.append(negative)
    if len(parts) == 1:
        return polarity[0]
    best, best_key = 0, (-1.0, -1.0, -1.0)
    inherited: set[Term] = set()
    for i, clause in enumerate(parts):
        v = view(clause)
        own = {t for t in question.terms if v.has(t)}
        total = own | inherited if i > 0 and _CONTINUES.match(clause) else own
        # What the question asks of its subject (its words, not its names) picks the clause:
        # "X supports only users, but in the future it will also support groups".
        score = (sum(t.weight for t in total if not t.name), sum(t.weight for t in total),
                 sum(t.weight for t in own))
        if score >= best_key:
            best, best_key = i, score
        inherited = total
    return polarity[best]


_ONLY = re.compile(r"(?<!\bnot )\bonly\b", re.IGNORECASE)


def _contrast(question: Question, sentence: str, coverage: Coverage) -> Term | None:
    """The question term an "only" in the sentence rules out: the word the question puts
    before a noun that, in the sentence, comes right after "only <word>" instead."""
    if not question.yes_no or not coverage.missing or not _ONLY.search(sentence):
        return None
    tokens = sentence.split()
    only = [i for i, t in enumerate(tokens) if t.lower().strip(",.;:") == "only"]
    terms = question.terms
    asked = words(question.text)
    for k, term in enumerate(terms[:-1]):
        if term not in coverage.missing:
            continue
        head = terms[k + 1]
        if not _adjacent(asked, term, head):
            continue  # not a word that qualifies the noun ("check the IP address")
        for i in only:
            window = [view(t) for t in tokens[i + 1:i + 5]]
            if any(v.has(head) for v in window[1:]) and not any(v.has(term) for v in window):
                return term
    return None


def _own_share(question: Question, sentence: str) -> float:
    v = view(sentence)
    return sum(t.weight for t in question.terms if v.has(t)) / question.total_weight


def _adjacent(asked: list[str], term: Term, head: Term) -> bool:
    """True when the question writes ``term`` right before ``head`` ("*production*
    environments")."""
    first = words(term.asked)[-1:]
    then = words(head.asked)[:1]
    return bool(first and then) and any(
        a == first[0] and b == then[0] for a, b in zip(asked, asked[1:], strict=False))


def closeness(question: Question, sentence: str) -> float:
    """Share of consecutive question-term pairs found within four words of each other, in
    the question's order ("supports continuous access evaluation" as a phrase)."""
    terms = question.terms
    if len(terms) < 2:
        return 0.0
    tokens = [view(w) for w in sentence.split()]
    positions: list[list[int]] = []
    for term in terms:
        positions.append([i for i, v in enumerate(tokens) if v.has(term)])
    pairs = 0
    for a, b in zip(positions, positions[1:], strict=False):
        if any(0 < j - i <= 4 for i in a for j in b):
            pairs += 1
    return pairs / (len(terms) - 1)


# A number, in digits or in words.
NUMBER = re.compile(r"\d[\d,.]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|"
                    r"eleven|twelve|twenty|fifty|hundred|thousand|million|dozen)\b",
                    re.IGNORECASE)
# How docs state a bound ("up to 8", "a maximum of one", "at least 1 GB") or a price.
_BOUND_SAID = {
    "upper": re.compile(r"\b(?:up to|max|maximum|limit|limits|limited|at most|no more than|"
                        r"not more than|exceed|exceeds|exceeding|cap|capped|as many as|only|"
                        r"upper|ceiling|or fewer|or less|or lower|fewer than|less than|"
                        r"under|within|most)\b", re.IGNORECASE),
    "lower": re.compile(r"\b(?:at least|min|minimum|or more|no less than|not less than|"
                        r"or greater|or higher|or later|more than|greater than|over|above|"
                        r"least)\b", re.IGNORECASE),
    "price": re.compile(r"[$€£¥]|\b(?:USD|EUR|GBP|dollars?|euros?|price|prices|pricing|cost|"
                        r"costs|fee|fees|charged?|free|paid|billed|billing)\b", re.IGNORECASE),
}
# "about an hour", "a few minutes": a duration or frequency may be told without a number.
_UNITS = r"(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)"
_PERIOD = r"(?:second|minute|hour|day|night|week|month|quarter|year|time)"
# How often, said: "every 24 hours", "daily", "once a week", "three times per day", "each
# night", "whenever a lead changes", "in real time", "at 30-minute intervals". Not a bare
# number ("100 leads"), nor the "once" of "once the data is refreshed" or "once a lead is
# qualified".
_FREQUENCY = re.compile(
    rf"\b(?:daily|nightly|weekly|biweekly|monthly|quarterly|hourly|yearly|annually|"
    rf"whenever|continuously|real[\s-]time|intervals?)\b|"
    rf"\bevery\s+(?:\S+\s+){{0,2}}?{_UNITS}\b|\b(?:every|each|per)\s+{_PERIOD}s?\b|"
    rf"\b(?:once|twice|\S+\s+times)\s+(?:a|an|per|every|each)\s+{_PERIOD}s?\b",
    re.IGNORECASE)
# A duration names its unit: "24 hours", "a 24-hour period", "about an hour", "a few days".
_DURATION = re.compile(rf"\b(?:\d[\d,.]*|an?|one|two|three|four|five|six|seven|eight|nine|"
                       rf"ten|twelve|fifteen|twenty|thirty|sixty|ninety|few|several)"
                       rf"(?:[\s-]+\w+)?[\s-]*{_UNITS}\b|"
                       rf"\b(?:indefinitely|permanently|forever)\b", re.IGNORECASE)


def fits_answer_kind(question: Question, text: str, around: str = "") -> bool:
    """Whether ``text`` can hold the kind of value asked for (a number, a date...). A number
    the question itself gives ("how many bots in *one* environment") is not an answer, nor
    one that is no bound when the question asks for the most or least there can be, nor a
    size when it asks for a price (``Question.bound``). ``around``: where else the bound may
    be said (a table's header and row: "Maximum tasks | 500")."""
    bound = _BOUND_SAID.get(question.bound)
    if bound is not None and not bound.search(f"{text} {around}"):
        return False
    kind = question.answer_kind
    if kind == "duration":
        given = {m.group(0).lower() for m in _DURATION.finditer(question.text)}
        return any(m.group(0).lower() not in given for m in _DURATION.finditer(text))
    if kind == "frequency":
        return bool(_FREQUENCY.search(text))
    if kind == "number":
        given = {m.group(0).lower() for m in NUMBER.finditer(question.text)}
        return any(m.group(0).lower() not in given for m in NUMBER.finditer(text))
    if kind == "time":
        return bool(_DIGIT.search(text) or _MONTH.search(text))
    return True


def passage_source(passage: Passage, quote: str | None = None) -> Source:
    """The citation source of (a sentence of) a passage."""
    return Source(path=passage.path, doc_path=passage.doc_path, title=passage.title,
                  section=passage.section, line_start=passage.line_start,
                  line_end=passage.line_end, quote=quote or passage.quote, date=passage.date)

"""What a question asks: yes/no or a fact, about which things, and which way it points.

>>> q = analyse("can powerbi send customer data outside the geography", names)  # doctest: +SKIP
>>> q.yes_no, [t.text for t in q.terms]                                            # doctest: +SKIP
(True, ['Power BI', 'send', 'customer data', 'outside', 'geography'])
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from .match import Term, term_for
from .names import NameTable
from .polarity import flips
from .text import NEGATIONS, STOP_WORDS, stem, words
from .weights import DEFAULT_WEIGHTS, Weights

_AUXILIARY_TEXT = """
can could does do did is are was were will would may might should shall has have had must am
isnt arent doesnt dont cant wont
"""
_AUXILIARIES = frozenset(_AUXILIARY_TEXT.split())
# Adverbs of time and manner: docs answer them in other words ("until 24 hours have passed"
# for "right away"), so they count little and are never what a question hinges on.
_SOFT = frozenset({"immediately", "instantly", "currently", "now", "today", "yet", "still",
                   "already", "really", "actually", "ever", "anymore", "right away", "at once",
                   "even", "also",
                   "nowadays", "presently",
                   "usually", "typically", "generally", "normally", "commonly", "often",
                   "sometimes",
                   # relation words of lookups ("which geo holds X", "what does X map to",
                   # "which cities host X")
                   "hold", "holds", "held", "map", "maps", "mapped", "correspond",
                   "corresponds", "include", "includes", "included", "host", "hosts",
                   "belong", "belongs", "contain", "contains",
                   "hosted", "reside", "resides", "situated",
                   # light verbs: "what happens to X", "when did X become available"
                   "happen", "happens", "happened", "occur", "occurs", "become", "becomes",
                   "became"})
_MODAL_ADJECTIVES = frozenset({"allowed", "able", "possible", "permitted", "supposed", "free"})
_WH = ("how many", "how much", "how often", "how long", "how soon", "what", "which", "where",
       "when", "who", "whom", "whose", "why", "how", "list", "name", "show", "tell", "give",
       "describe", "explain")
# What a wh-word asks for, when the answer is a kind of value rather than a word of the docs.
ANSWER_KINDS = {
    "where": "place", "when": "time", "how many": "number", "how much": "number",
    "how often": "frequency", "how long": "duration", "how soon": "duration",
}
# Nouns after "what/which" that name the kind of value wanted; the answer shows it by form.
_VALUE_NOUNS = {"version": "number", "versions": "number", "number": "number",
                "date": "time", "year": "time", "percentage": "number", "percent": "number",
                "share": "number", "proportion": "number",
                "period": "duration", "periods": "duration",
                "city": "place", "cities": "place", "country": "place", "countries": "place"}
_DETERMINERS = frozenset({"the", "a", "an", "my", "your", "our", "their", "its", "this",
                          "these", "that", "those", "each", "every", "all", "any"})
# Nouns that ask for an amount but also say what about: they stay terms of the question.
_AMOUNT_NOUNS = {"limit": "number", "limits": "number", "maximum": "number",
                 "minimum": "number", "size": "number", "capacity": "number",
                 "quota": "number", "count": "number", "amount": "number", "price": "number",
                 "cost": "number", "length": "number", "duration": "duration",
                 "timeout": "duration", "lifetime": "duration", "expiration": "duration"}


@dataclass(frozen=True, slots=True)
class Question:
    """A question, analysed."""

    text: str
    """As asked."""
    yes_no: bool
    """True for a yes/no question (can/does/is...), False for a factual one."""
    wh: str
    """The wh-phrase of a factual question (``which``, ``where``, ``how many``), else ``""``."""
    terms: tuple[Term, ...]
    """What it is about, in order (names and content words, spelling mended)."""
    negative: bool
    """True when the question itself negates ("Is it not encrypted?")."""
    mended: tuple[tuple[str, str], ...] = ()
    """(as written, as understood) for misspelt words."""
    answer_kind: str = ""
    """For factual questions asking for a value: place, time, number, frequency, duration."""
    focus: tuple[str, ...] = field(default=())
    """Stems of the noun the wh-word asks about (``which regions`` -> ``region``)."""

    @property
    def total_weight(self) -> float:
        """Sum of term weights."""
        return sum(t.weight for t in self.terms) or 1.0

    @property
    def names(self) -> tuple[Term, ...]:
        """Terms that are product or place names."""
        return tuple(t for t in self.terms if t.name)


Weigher = Callable[[tuple[str, ...]], float]


def analyse(text: str, names: NameTable, weigh: Weigher | None = None,
            known: Callable[[str], bool] | None = None, weights: Weights = DEFAULT_WEIGHTS
            ) -> Question:
    """Analyse a question. ``weigh(spellings)`` rates a term (rarer = heavier); ``known(word)``
    says whether the docs use a word (such words are never "mended")."""
    weigh = weigh or (lambda spellings: 1.0)
    cased = [m.group(0) for m in re.finditer(r"[^\W_]+(?:[.][^\W_]+)*", text.replace("’", "'"))]
    tokens = words(text)
    if len(cased) != len(tokens):  # contractions changed the count: case info is unreliable
        cased = tokens
    mended: list[tuple[str, str]] = []
    for i, token in enumerate(tokens):
        if token in STOP_WORDS or token in NEGATIONS or names.lookup(token) is not None:
            continue
        if known is not None and known(token):
            continue
        repair = names.mend(token, first=i == 0)
        if repair is not None and repair != token:
            mended.append((token, repair))
            tokens[i] = repair
            cased[i] = repair
    # "one of the regions": membership wording, not a quantity; "allowed to store": a modal.
    for i in range(len(tokens) - 1):
        if tokens[i] == "one" and tokens[i + 1] == "of":
            tokens[i] = "of"
        if tokens[i] in _MODAL_ADJECTIVES and tokens[i + 1] == "to":
            tokens[i] = "can"
    clause = _main_question(text, tokens)
    yes_no, wh = _kind(clause)
    # The wh-phrase asks; it names nothing ("how long" is not the table cell "Long").
    asking = _wh_positions(tokens, wh)
    found = [f for f in names.find(tokens, cased) if not asking & set(range(f[0], f[1]))]
    taken: set[int] = set(asking)
    terms: list[Term] = []
    positions: list[tuple[int, Term]] = []
    for start, end, concept in found:
        taken.update(range(start, end))
        written = " ".join(cased[start:end])
        capitalised = start > 0 and written[:1].isupper()
        if not concept.from_lexicon or len(concept.names) > 1 or any(
                t not in STOP_WORDS for t in tokens[start:end]):
            soft = weights.soft_weight if concept.current.lower() in _SOFT else 1.0
            positions.append((start, term_for(
                concept.current if concept.from_lexicon else written, concept.names,
                asked=written,
                weight=weigh(concept.names) * soft * (
                    weights.name_weight if _is_name(concept.names) else 1.0),
                name=_is_name(concept.names) or capitalised and not concept.from_lexicon,
                current=concept.current,
                former=concept.former)))
    wh_words = set(wh.split())
    for i, token in enumerate(tokens):
        written = cased[i]
        # "the CAN region", "US": a capitalised abbreviation is a name, even if it spells a
        # common word.
        abbreviation = i > 0 and len(written) >= 2 and written.isupper() and written.isalpha()
        if i in taken or token in wh_words and not abbreviation:
            continue
        if (token in STOP_WORDS or token in NEGATIONS or token in _AUXILIARIES) and not (
                abbreviation):
            continue
        # "SharePoint", "Okta" mid-sentence: a proper name even if no list knows it.
        proper = written[:1].isupper() and i > 0 or any(c.isupper() for c in written[1:])
        spellings = (written,) if abbreviation else (token,)
        positions.append((i, term_for(written if proper or abbreviation else token, spellings,
                                      name=proper or abbreviation,
                                      weight=weigh((token,))
                                      * (weights.name_weight if proper else 1.0)
                                      * (weights.soft_weight if token in _SOFT else 1.0))))
    positions.sort(key=lambda p: p[0])
    seen: set[tuple] = set()
    for _, term in positions:
        # "guests ... guest access": one word asked twice is one term.
        ident = (term.stems,) if len(term.stems) == 1 and not term.name else (
            term.stems, term.runs)
        if ident not in seen:
            seen.add(ident)
            terms.append(term)
    focus, answer_kind = _focus(tokens, wh)
    verb = relation_verb(tokens, wh)
    if verb and verb not in _SOFT:
        # A relation the docs may say in other words ("carries": "uses ... with the header
        # type"): it counts, but less than the things it relates, and it is not the focus.
        focus = tuple(f for f in focus if f != stem(verb))
        terms = [replace(t, weight=t.weight * weights.verb_weight) if t.stems == (stem(verb),)
                 else t for t in terms]
    if answer_kind and focus:
        # "What TLS *version*": the noun names the kind of value wanted, shown by its form.
        value_nouns = {stem(n) for n in _VALUE_NOUNS}
        terms = [t for t in terms if not (set(t.stems) & value_nouns & set(focus))]
    return Question(
        text=text, yes_no=yes_no, wh=wh, terms=tuple(terms),
        # The question's own condition ("... when there is no data loss?") is not what it
        # asks: like a statement's, it is left out of the count.
        negative=flips(_asking_part(text)) % 2 == 1,
        mended=tuple(mended), answer_kind=answer_kind, focus=focus,
    )


def _wh_positions(tokens: list[str], wh: str) -> set[int]:
    """Positions of the wh-phrase's words in the question (the first occurrence)."""
    if not wh:
        return set()
    parts = wh.split()
    for i in range(len(tokens) - len(parts) + 1):
        if tokens[i:i + len(parts)] == parts:
            return set(range(i, i + len(parts)))
    return set()


def _asking_part(text: str) -> str:
    """The question without a leading condition clause ("If ..., can X?" -> "can X?")."""
    head, comma, rest = text.partition(",")
    if comma and words(head) and words(head)[0] in ("if", "when", "once", "after", "while"):
        return rest
    return text


def _is_name(spellings: tuple[str, ...]) -> bool:
    """A product or place name, not a plain word group: some spelling has a capital after its
    first letter ("Power BI", "PowerApps", "UK"), or is several capitalised words."""
    for s in spellings:
        parts = s.split()
        if any(c.isupper() for c in s[1:]) and (len(parts) > 1 or any(
                c.isupper() for c in parts[0][1:])):
            return True
    return False


def _main_question(text: str, tokens: list[str]) -> list[str]:
    """The words after a leading "If ...," / "By default," clause (the part that asks)."""
    head, comma, rest = text.partition(",")
    if comma and words(rest) and words(head) and words(head)[0] in (
            "if", "when", "by", "for", "in", "on", "after", "before", "once", "since", "as",
            "with", "without", "assuming", "given", "suppose", "say"):
        return words(rest)
    return tokens


def _kind(tokens: list[str]) -> tuple[bool, str]:
    """(yes/no?, wh-phrase) from the first asking word."""
    joined = " ".join(tokens)
    for i, token in enumerate(tokens):
        rest = " ".join(tokens[i:i + 2])
        for wh in _WH:
            if rest == wh or rest.startswith(wh + " ") and wh in ("how many", "how much",
                                                                  "how often", "how long",
                                                                  "how soon"):
                return False, wh
            if token == wh:
                return False, wh
        if token in _AUXILIARIES:
            return True, ""
        if i > 6:
            break
    # No asking word up front ("Power BI outside geo?"): yes/no if an auxiliary appears at all.
    return any(t in _AUXILIARIES for t in tokens), "" if joined else ""


def _focus(tokens: list[str], wh: str) -> tuple[tuple[str, ...], str]:
    """The noun a wh-word asks about (``which regions`` -> region) and the kind of value."""
    kind = ANSWER_KINDS.get(wh, "")
    if wh not in ("what", "which", "whose"):
        return (), kind
    try:
        start = tokens.index(wh.split()[0]) + 1
    except ValueError:
        return (), kind
    nouns: list[str] = []
    rest = tokens[start:]
    while rest and rest[0] in _AUXILIARIES | {"the", "a", "an"}:
        rest = rest[1:]
    for token in rest[:4]:
        if token in _AUXILIARIES or token in NEGATIONS:
            break
        if token in STOP_WORDS or token in _SOFT:
            if nouns:
                break
            continue
        nouns.append(token)
    kinds = [_VALUE_NOUNS[n] for n in nouns if n in _VALUE_NOUNS]
    kinds += [_AMOUNT_NOUNS[n] for n in nouns if n in _AMOUNT_NOUNS]
    return tuple(stem(n) for n in nouns), (kinds[0] if kinds else kind)


def relation_verb(tokens: list[str], wh: str) -> str:
    """The verb of "which <noun> <verb> the ..." ("which header type *carries* the reserved
    phrase"): the word before a determiner that ends the wh-phrase, when no auxiliary came
    first (then the phrase is a subject and its last word the verb). "" when none."""
    if wh not in ("what", "which", "whose"):
        return ""
    try:
        start = tokens.index(wh.split()[0]) + 1
    except ValueError:
        return ""
    rest = tokens[start:start + 6]
    if not rest or rest[0] in _AUXILIARIES:
        return ""  # "what is the ...": nouns follow
    for n, token in enumerate(rest[1:], start=1):
        if token in _AUXILIARIES or token in NEGATIONS:
            return ""
        if token in _DETERMINERS:
            previous = rest[n - 1]
            return previous if previous not in STOP_WORDS else ""
    return ""

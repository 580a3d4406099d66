"""What a question asks: yes/no or a fact, about which things, and which way it points.

>>> q = analyse("can powerbi send customer data outside the geography", names)  # doctest: +SKIP
>>> q.yes_no, [t.text for t in q.terms]                                            # doctest: +SKIP
(True, ['Power BI', 'send', 'customer data', 'outside', 'geography'])
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from .asking import CHOICE, Segment, only_asking, segments
from .match import Term, term_for
from .names import NameTable
from .polarity import flips
from .text import NEGATIONS, STOP_WORDS, base_form, stem, words
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
                   "became",
                   # light verbs of a setting: "can I *connect* ... using TLS 1.1" asks about
                   # TLS 1.1; the docs say "requests ... with TLS 1.1 are rejected"
                   "connect", "connects", "connecting", "work", "works", "working", "run",
                   "runs", "running", "get", "gets", "getting", "make", "makes", "take",
                   "takes"})
# Words of conversation, not of the docs: they never say what a question is about.
_CHATTER_TEXT = """
think thinks thought believe assume assuming guess wondering wonder hoping hope trying
tried right correct true thing things stuff docs documentation doc says said mentions
mentioned clarify clarification confirm question questions asking asks ask please thanks
thank anyone someone somebody anywhere somewhere couldnt basically understand seems seem
appreciate hi hello team folks guys elaborate precise according besides whats vs versus
sentence article articles mention mentions stated stating incorrect wrong unclear
"""
CHATTER = frozenset(_CHATTER_TEXT.split())
# Words written in capitals for emphasis ("ONLY", "MUST"), not abbreviations.
_SHOUTED_TEXT = """
only must not never all always warning important note please every any none no yes
"""
_SHOUTED = frozenset(_SHOUTED_TEXT.split())
_CASED = re.compile(r"[^\W_]+(?:[.][^\W_]+)*")
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
# Words that ask for a bound of the value ("the *maximum* number", "how many ... *at most*"):
# "You can specify more than one trigger phrase" gives a number, not the most there can be.
_UPPER_BOUND = frozenset({"max", "maximum", "longest", "largest", "biggest", "highest",
                          "upper"})
_LOWER_BOUND = frozenset({"min", "minimum", "shortest", "smallest", "lowest", "fewest"})
# Words that ask for a price ("how much does it *cost* per gigabyte"): a size is no price.
_PRICE = frozenset({"cost", "costs", "price", "prices", "pricing", "pay", "charge", "charged",
                    "fee", "fees"})


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
    bound: str = ""
    """For a question asking for a value: ``upper`` when it asks for the most there can be
    ("the maximum number", "at most"), ``lower`` for the least, ``price`` for what it costs."""
    counted: tuple[str, ...] = ()
    """Stems of what "how many" counts ("how many open *OperationSets*": open, operationset)."""

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
            known: Callable[[str], bool] | None = None, weights: Weights = DEFAULT_WEIGHTS,
            asked_part: int | None = None,
            chatty: Callable[[str], bool] | None = None) -> Question:
    """Analyse a question. ``weigh(spellings)`` rates a term (rarer = heavier); ``known(word)``
    says whether the docs use a word (such words are never "mended"); ``asked_part``: of a text
    that asks several questions, the index of the segment to analyse as the one asked
    (:func:`~assistant.answer.asking.asked_parts`), the others setting its scene; ``chatty(word)``
    says whether a word is of conversation, not of the docs ("feels", "truth"): such a word
    weighs ``off_register_factor`` of its rarity, unless written as a name ("Bitcoin" is a
    thing the docs may not know, not chat)."""
    weigh = weigh or (lambda spellings: 1.0)
    # The part that asks decides the kind of question; the rest (a title, a story) still
    # names things, for less.
    parts = segments(text) or [Segment(text, True)]
    if asked_part is not None:
        parts = only_asking(parts, asked_part)
    tokens: list[str] = []
    cased: list[str] = []
    spans: list[tuple[int, int, Segment]] = []
    for part in parts:
        part_tokens = words(part.text)
        part_cased = _CASED.findall(part.text.replace("’", "'"))
        if len(part_cased) != len(part_tokens):  # contractions changed the count
            part_cased = list(part_tokens)
        spans.append((len(tokens), len(tokens) + len(part_tokens), part))
        tokens.extend(part_tokens)
        cased.extend(part_cased)
    # A capital at the start of a sentence says nothing of a name.
    opening = {lo for lo, _, _ in spans}
    asking_span = next(((lo, hi) for lo, hi, part in spans if part.asking), (0, len(tokens)))
    in_asking = {i for lo, hi, part in spans if part.asking for i in range(lo, hi)}
    claim = any(part.claim for part in parts if part.asking)
    asked = " ".join(part.text for part in parts if part.asking) or text
    mended: list[tuple[str, str]] = []
    for i, token in enumerate(tokens):
        if token in STOP_WORDS or token in NEGATIONS or names.lookup(token) is not None:
            continue
        if known is not None and known(token):
            continue
        repair = names.mend(token, first=i in opening)
        if repair is not None and repair != token:
            mended.append((token, repair))
            tokens[i] = repair
            cased[i] = repair
    # "kept" is "keep" for the lexicon's synonyms ("retain") as for the stemmer.
    tokens = [base_form(t) for t in tokens]
    # "one of the regions": membership wording, not a quantity; "allowed to store": a modal.
    for i in range(len(tokens) - 1):
        if tokens[i] == "one" and tokens[i + 1] == "of":
            tokens[i] = "of"
        if tokens[i] in _MODAL_ADJECTIVES and tokens[i + 1] == "to":
            tokens[i] = "can"
    lo, hi = asking_span
    ask_tokens = tokens[lo:hi]
    first_asking = next((part.text for part in parts if part.asking), text)
    clause = _main_question(first_asking, ask_tokens)
    yes_no, wh = (True, "") if claim else _kind(clause)
    if yes_no and any(part.asking and CHOICE.match(part.text) for part in parts[1:]):
        # "Must it be in the same tenant? Or can it be in another one?": a choice, which
        # the docs answer with what holds, not with a yes or a no.
        yes_no, wh = False, "which"
    # The wh-phrase asks; it names nothing ("how long" is not the table cell "Long").
    asking = {lo + i for i in _wh_positions(ask_tokens, wh)}
    found = [f for f in names.find(tokens, cased) if not asking & set(range(f[0], f[1]))]
    taken: set[int] = set(asking)
    terms: list[Term] = []
    positions: list[tuple[int, Term]] = []
    for start, end, concept in found:
        taken.update(range(start, end))
        written = " ".join(cased[start:end])
        capitalised = start not in opening and written[:1].isupper()
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
        abbreviation = (i not in opening and len(written) >= 2 and written.isupper()
                        and written.isalpha() and token not in _SHOUTED)
        if i in taken or token in wh_words and not abbreviation:
            continue
        if token in CHATTER and not abbreviation:
            continue
        if len(token) == 1 and token.isalpha():
            continue  # "documentation(s)", "a/b": a lone letter names nothing
        if (token in STOP_WORDS or token in NEGATIONS or token in _AUXILIARIES) and not (
                abbreviation):
            continue
        # "SharePoint", "Okta" mid-sentence: a proper name even if no list knows it.
        proper = (written[:1].isupper() and i not in opening or any(
            c.isupper() for c in written[1:])) and not (written.isupper()
                                                        and token in _SHOUTED)
        spellings = (written,) if abbreviation else (token,)
        compound = (_closed_compound(tokens, i, known, weigh) if not (proper or abbreviation)
                    else None)
        if compound is not None:
            # "backed up" is what the docs call a "backup": the verb and the noun, one term.
            positions.append((i, term_for(compound, (token, compound), weight=weigh(
                (compound,)), asked=f"{token} {tokens[i + 1]}")))
            continue
        positions.append((i, term_for(written if proper or abbreviation else token, spellings,
                                      name=proper or abbreviation,
                                      weight=weigh((token,))
                                      * (weights.name_weight if proper else 1.0)
                                      * (weights.soft_weight if token in _SOFT
                                         or _determines(tokens, i) else 1.0)
                                      * (weights.off_register_factor if chatty is not None
                                         and not (proper or abbreviation) and chatty(token)
                                         else 1.0))))
    positions.sort(key=lambda p: p[0])
    # "guests ... guest access": one word asked twice is one term, counted where it is asked.
    chosen: dict[tuple, int] = {}
    for at, term in positions:
        ident = _identity(term)
        if ident not in chosen or at in in_asking and chosen[ident] not in in_asking:
            chosen[ident] = at
    for at, term in positions:
        if chosen[_identity(term)] != at:
            continue
        if at not in in_asking:
            # A word of the scene (the title, the story) counts for less than the question's.
            term = replace(term, weight=term.weight * weights.context_weight, scene=True)
        terms.append(term)
    focus, answer_kind = _focus(ask_tokens, wh)
    verb = relation_verb(ask_tokens, wh)
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
        negative=flips(_asking_part(asked)) % 2 == 1,
        mended=tuple(mended), answer_kind=answer_kind, focus=focus,
        bound=_bound(ask_tokens) if answer_kind in ("number", "duration") else "",
        counted=_counted(ask_tokens),
    )


def _counted(tokens: list[str]) -> tuple[str, ...]:
    """The words after "how many", up to the verb ("how many open OperationSets can ...",
    "how many Power BI Pro licenses do ...")."""
    for i in range(len(tokens) - 1):
        if tokens[i:i + 2] == ["how", "many"]:
            out = []
            for token in tokens[i + 2:i + 8]:
                if token in _AUXILIARIES or token in STOP_WORDS or token in NEGATIONS:
                    break
                out.append(stem(token))
            return tuple(out)
    return ()


# "a *single* OperationSet", "each *given* environment": after a determiner these say "one",
# which the docs say as "each" or not at all ("Each OperationSet can have up to 200").
_DETERMINING = frozenset({"single", "given", "particular"})
_DETERMINERS = frozenset({"a", "an", "one", "each", "every", "per", "any", "the"})


def _determines(tokens: list[str], i: int) -> bool:
    """Whether the word at ``i`` is an adjective that only counts what follows it, in a
    question that counts ("how many operations can a single OperationSet hold"; not "a single
    sign-on" nor "a single point of failure" elsewhere)."""
    return (tokens[i] in _DETERMINING and i > 0 and tokens[i - 1] in _DETERMINERS
            and any(tokens[j:j + 2] in (["how", "many"], ["how", "much"])
                    for j in range(len(tokens) - 1)))


def _identity(term: Term) -> tuple:
    """What makes two terms one: a word by its stem, a name by its spellings too."""
    return (term.stems,) if len(term.stems) == 1 and not term.name else (term.stems, term.runs)


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
    """(yes/no?, wh-phrase) from the first asking word. "Is there a limit ...?" asks for the
    limit: a factual question."""
    if tokens[:2] in (["is", "there"], ["are", "there"]):
        return False, "what"
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
        if "there" not in tokens:  # "is there a limit": the noun follows "there"
            return (), kind
        start = tokens.index("there") + 1
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


# The particles of phrasal verbs whose noun is written closed up: "back up" / "backup", "sign
# in" / "signin", "set up" / "setup", "roll back" / "rollback", "check out" / "checkout".
_PARTICLES = frozenset({"up", "in", "on", "out", "off", "over", "down", "back"})


def _closed_compound(tokens: list[str], i: int, known: Callable[[str], bool] | None,
                     weigh: Weigher) -> str | None:
    """The closed compound a verb and the particle after it are written as in the docs
    ("backed up" -> "backup"), when the docs use it at least as often as the verb as asked
    (a "turnon" in two code samples is not what "turned on" means); None otherwise."""
    if known is None or i + 1 >= len(tokens) or tokens[i + 1] not in _PARTICLES:
        return None
    particle = tokens[i + 1]
    for verb in dict.fromkeys((tokens[i], stem(tokens[i]))):
        compound = verb + particle
        if (verb.isalpha() and len(verb) >= 3 and known(compound)
                and weigh((compound,)) <= weigh((tokens[i],))):
            return compound
    return None


def _bound(tokens: list[str]) -> str:
    """What bound of a value the asking words ask for (see ``Question.bound``)."""
    pairs = set(zip(tokens, tokens[1:], strict=False))
    if _UPPER_BOUND & set(tokens) or ("at", "most") in pairs:
        return "upper"
    if _LOWER_BOUND & set(tokens) or ("at", "least") in pairs:
        return "lower"
    if _PRICE & set(tokens):
        return "price"
    return ""


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

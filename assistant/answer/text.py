"""Words, stems, sentences and clauses: the vocabulary the answerer compares texts with.

Questions and docs are compared word by word after the same normalisation: lower case, accents
folded (``São`` = ``sao``), contractions spelt out (``can't`` = ``cannot``), a light suffix
stemmer (Porter: ``encrypted`` = ``encryption``), and stop words dropped. Stems that still differ
by an ending (``expir``/``expiri``, ``store``/``storag``) meet through :func:`related`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_TOKEN = re.compile(r"[^\W_]+(?:[.][^\W_]+)*")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_CONTRACTIONS = (
    (re.compile(r"\bcan't\b|\bcan ?not\b"), "cannot"),
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bshan't\b"), "shall not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"'(s|re|ve|ll|d|m)\b"), ""),
)

# Function words and question scaffolding: they never decide what a question is about.
_STOP_TEXT = """
another contained containing located lie lies
a about above after again against also am an and any anyone anything are as at be because been
before being below between both but by could did do does doing done down during either else etc
ever for from further get gets got had has have having he her here hers him his how however i
if in into is it its itself just let lets like me might mine must my myself now of off on onto
or our ours ourselves out over own per please shall she should so some such than that the their
theirs them themselves then there these they this those through thus to too under until up upon
us very via was we were what whatever when where whether which while who whom whose why will
with would yes you your yours yourself yourselves can may tell show list name give find know
see want need use used using way
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

# Words that only carry negation: used for polarity, never as content terms.
NEGATIONS = frozenset({"not", "no", "never", "cannot", "none", "nor", "neither", "nothing",
                       "nobody", "nowhere", "unable"})

# Idioms that contain a negation word but negate nothing.
_IDIOMS = re.compile(
    r"\b(no matter|not only|whether or not|if not already|no longer than|none the less|"
    r"nonetheless|no[- ]code|not applicable to all)\b", re.IGNORECASE)



_CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07?|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def fold(text: str) -> str:
    """Lower case, accents removed, typographic apostrophes straightened (terminal escape
    sequences in a doc are noise between words, never part of them)."""
    text = _CONTROL.sub(" ", text)
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def expand_contractions(folded: str) -> str:
    """``can't`` -> ``cannot``, ``isn't`` -> ``is not`` (input already folded)."""
    for pattern, replacement in _CONTRACTIONS:
        folded = pattern.sub(replacement, folded)
    return folded


def words(text: str) -> list[str]:
    """Every word of ``text``, folded, contractions spelt out (stop words kept)."""
    return _TOKEN.findall(expand_contractions(fold(text)))


# The Porter algorithm from the Snowball project's package. Words of one or two letters are
# kept as they are: its plural rule would turn "us", "is" or "os" into "u", "i", "o".
_STEMMER = snowballstemmer.stemmer("porter")
_SHORTEST_STEMMED = 3


# Irregular verb forms the suffix stemmer cannot relate to their verb ("kept" is "keep"):
# users write them ("how long are backups kept?") where docs say "retained".
_IRREGULAR_TEXT = """
kept:keep held:hold sent:send made:make built:build ran:run got:get gotten:get gave:give
given:give took:take taken:take went:go gone:go paid:pay left:leave lost:lose found:find
bought:buy brought:bring told:tell sold:sell wrote:write written:write chose:choose
chosen:choose shown:show knew:know known:know began:begin begun:begin broke:break
broken:break did:do done:do spent:spend stood:stand understood:understand meant:mean
saw:see seen:see drove:drive driven:drive froze:freeze frozen:freeze hid:hide hidden:hide
"""
_IRREGULAR = dict(pair.split(":") for pair in _IRREGULAR_TEXT.split())


def base_form(word: str) -> str:
    """The verb of an irregular form ("kept" -> "keep"); other words as they are."""
    return _IRREGULAR.get(word, word)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Porter stem of a folded word (numbers, names with digits and dots kept as is;
    irregular verb forms stemmed as their verb)."""
    if not word.isalpha() or len(word) < _SHORTEST_STEMMED:
        return word
    return _STEMMER.stemWord(_IRREGULAR.get(word, word))


def key(text: str) -> str:
    """A name's spelling-insensitive key: folded letters and digits only (``Power BI`` =
    ``PowerBI`` = ``power-bi``)."""
    return "".join(c for c in fold(text) if c.isalnum())


def strip_idioms(text: str) -> str:
    """``text`` without idioms whose negation word negates nothing (``no matter where``)."""
    return _IDIOMS.sub(" ", text)


# Zero-width characters (U+200B...) are invisible in a rendered page but sit between a
# sentence's full stop and the next sentence in real docs ("...now?\u200b No, ...").
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_SENTENCE_END = re.compile(rf"(?<=[.!?])[\"”')\]]?[{ZERO_WIDTH}]*\s+(?=[A-Z0-9\"“(\[])")
_ABBREVIATION = re.compile(r"\b(e\.g|i\.e|etc|vs|U\.S|approx|incl|Fig)\.$", re.IGNORECASE)


def sentences(text: str) -> list[str]:
    """Split running text into sentences (keeps abbreviations such as ``e.g.`` inside). The
    paragraphs of one list item, joined by `` … ``, are apart too."""
    if " … " in text:
        return [s for part in text.split(" … ") for s in sentences(part)]
    out: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        piece = text[start:match.start() + 1].strip()
        if _ABBREVIATION.search(piece):
            continue
        if piece:
            out.append(text[start:match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


# Clause boundaries where polarity may change: "may replicate ..., but will not move ...",
# "X cannot be edited, and Y must be enabled ...".
_CLAUSE = re.compile(r"(?:,?\s+but\s+|;\s+|,\s+however,?\s+|\.\s+however,?\s+|,\s+whereas\s+|"
                     r",\s+while\s+|,\s+although\s+|,\s+(?=except\b))", re.IGNORECASE)
_AND = re.compile(r",\s+and\s+", re.IGNORECASE)
# Words in the piece before ", and" above which it is a clause of its own, not an item of a
# list ("package deployments, Financial Reporting, and Power BI reporting are unavailable").
_LIST_ITEM_WORDS = 4


def clauses(sentence: str) -> list[str]:
    """A sentence cut where its polarity may turn (``but``, ``;``, ``however``, ``, except``,
    ``, and`` between two clauses)."""
    out: list[str] = []
    for part in _CLAUSE.split(sentence):
        start = 0
        for match in _AND.finditer(part):
            before = part[start:match.start()]
            item = before.rsplit(",", 1)[-1]
            if "," in before and len(item.split()) <= _LIST_ITEM_WORDS:
                continue  # the last item of a list
            if len(part[match.end():].split()) < 3:
                continue
            out.append(before)
            start = match.end()
        out.append(part[start:])
    return [p.strip() for p in out if p.strip()]


def is_question(sentence: str) -> bool:
    """True when a sentence asks (ends with ``?``, before closing brackets and invisible
    characters)."""
    return sentence.rstrip(f" )*{ZERO_WIDTH}").endswith("?")


def related(a: str, b: str) -> bool:
    """Two stems of one word family: equal, or one a prefix of the other but for a short
    ending (``store``/``storag``, ``expir``/``expiri``); ``data``/``date`` stay apart."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 4 or short[:4] != long_[:4]:
        return False
    common = 0
    for x, y in zip(short, long_, strict=False):
        if x != y:
            break
        common += 1
    if common == len(short):
        return len(long_) - common <= 3
    # The shorter stem may differ in its last letter only where the stemmer left a vowel
    # ("store"/"storag", "replic"/"replica"); "local"/"locat" are different words.
    return (common == len(short) - 1 and short[-1] in "eiy"
            and len(long_) - common <= 3)

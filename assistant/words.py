"""Words and stems: the one normalisation every comparison of a question with the docs uses.

Lower case, accents folded (``São`` = ``sao``), contractions spelt out (``can't`` =
``cannot``), a light suffix stemmer (Porter: ``encrypted`` = ``encryption``; irregular verb
forms as their verb: ``kept`` = ``keep``), stop words. It sits below the index and the answer
alike: the index derives names from docs with it (``doc_names.py``), the answerer compares
with it (``answer/text.py`` builds sentences and clauses on it).
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


# "non-production" is the opposite of "production": one word, which never matches the other.
_NON_PREFIX = re.compile(r"\bnon-(?=[^\W_])")


def words(text: str) -> list[str]:
    """Every word of ``text``, folded, contractions spelt out (stop words kept; "non-X" is
    one word, "nonx")."""
    return _TOKEN.findall(_NON_PREFIX.sub("non", expand_contractions(fold(text))))


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

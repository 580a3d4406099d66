"""Words of conversation: what users write and docs do not ("feels hacky", "the truth", "I
got", "really").

A word's weight is its rarity in the docs (BM25's idf), so a chatty word, which docs never use,
weighs most of all and takes over the question: search ranks by it and the answer must say it.
English at large tells them apart: a word that is common in English (wordfreq's frequencies
from subtitles, books, the web and more) but that the docs use far less often than that would
predict is of another register, and weighs less. A word English does not know ("Win2022",
"PITR") or rarely uses ("sandbox") stays as rare as the docs make it.

wordfreq's small English list (words of frequency 1e-6 and up) loads in 0.01 s after a 0.1 s
import, on the first question that needs it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from .weights import Weights


@lru_cache(maxsize=65536)
def english_share(word: str) -> float:
    """How often ``word`` occurs in running English text (0.0 for a word English does not
    use, a number, or a broken install)."""
    if not word.isalpha():
        return 0.0
    try:
        from wordfreq import word_frequency
    except ImportError:  # (a broken install: every word is as rare as the docs make it)
        return 0.0
    return word_frequency(word, "en", wordlist="small")


# British spellings and the American ones docs are written in ("behaviour" / "behavior").
_SPELLINGS = (("our", "or"), ("ise", "ize"), ("ised", "ized"), ("ising", "izing"),
              ("isation", "ization"), ("yse", "yze"), ("tre", "ter"), ("lled", "led"),
              ("lling", "ling"), ("ogue", "og"), ("ence", "ense"))


def other_spellings(word: str) -> list[str]:
    """The word spelt the other way, British to American ("behaviour" -> "behavior")."""
    out = []
    for british, american in _SPELLINGS:
        at = word.rfind(british)
        if at > 0:
            out.append(word[:at] + american + word[at + len(british):])
    return out


def off_register(word: str, passages_using: float, passages: int, w: Weights,
                 frequency: Callable[[str], float] | None = None) -> bool:
    """True when the docs use ``word`` (in ``passages_using`` of their ``passages``) far less
    often than English would: at least ``register_ratio`` times less, where English would put
    it in at least ``register_expected`` passages (a small corpus says nothing of register).
    A word the docs spell another way (``frequency``: in how many passages they use a word)
    is theirs, not of conversation: "behaviour" is what they call "behavior"."""
    if passages_using < 0 or passages <= 0:
        return False
    expected = passages * w.passage_words * english_share(word)
    if expected < w.register_expected or (passages_using + 0.5) * w.register_ratio > expected:
        return False
    return frequency is None or not any(
        frequency(other) * w.register_ratio >= expected for other in other_spellings(word))


__all__ = ["english_share", "off_register", "other_spellings"]

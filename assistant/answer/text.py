"""Words, stems, sentences and clauses: the vocabulary the answerer compares texts with.

Questions and docs are compared word by word after the same normalisation: lower case, accents
folded (``São`` = ``sao``), contractions spelt out (``can't`` = ``cannot``), a light suffix
stemmer (Porter: ``encrypted`` = ``encryption``), and stop words dropped. Stems that still differ
by an ending (``expir``/``expiri``, ``store``/``storag``) meet through :func:`related`. The
normalisation itself lives in ``assistant/words.py`` (the index derives names with it too).
"""

from __future__ import annotations

import re

from ..words import (
    NEGATIONS,
    STOP_WORDS,
    base_form,
    expand_contractions,
    fold,
    key,
    stem,
    words,
)

# Idioms that contain a negation word but negate nothing.
_IDIOMS = re.compile(
    r"\b(no matter|not only|whether or not|if not already|no longer than|none the less|"
    r"nonetheless|no[- ]code|not applicable to all)\b", re.IGNORECASE)



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


__all__ = [
    "NEGATIONS", "STOP_WORDS", "ZERO_WIDTH", "base_form", "clauses", "expand_contractions",
    "fold", "is_question", "key", "related", "sentences", "stem", "strip_idioms", "words",
]

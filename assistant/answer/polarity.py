"""Which way a statement points: "is encrypted" or "is not encrypted".

Polarity is counted, not parsed: negation words (``not``, ``never``, ``cannot``...) and words
that mean the negation of another (``disabled``, ``unavailable``, ``rejected``, ``excluded``,
``turned off``) each flip it. A question and a statement agree when they flip the same number
of times modulo two: "Is it enabled?" vs "It is disabled" -> no; "Will it be rejected?" vs
"It will be rejected" -> yes; "Can it be turned off?" vs "It can't be turned off" -> no.

Conditions are not the statement: "if your tenant is not in India" does not negate "Tax laws
prevent you...", so ``if``/``unless``/``when`` sub-clauses are left out of the count.
"""

from __future__ import annotations

import re

from .text import NEGATIONS, expand_contractions, fold, stem, strip_idioms, words

# Stems of words meaning "not <something>" (the something is their positive counterpart).
NEGATIVE_STEMS = {
    "disabl": "enabl", "unavail": "avail", "unsupport": "support", "reject": "accept",
    "block": "allow", "deni": "allow", "deny": "allow", "prohibit": "allow", "forbid": "allow",
    "forbidden": "allow", "prevent": "allow", "exclud": "includ", "exclus": "includ",
    "unabl": "abl", "disallow": "allow", "inaccess": "access", "unencrypt": "encrypt",
    "lack": "have", "without": "with", "off": "on", "unlik": "lik", "neither": "either",
    "ineligibl": "eligibl", "invalid": "valid", "imposs": "possibl",
    # what is deprecated, retired or discontinued is no longer offered
    "deprec": "support", "discontinu": "avail", "retir": "avail",
}

# Conditions and purposes ahead of the main clause: "If ..., ", "In order to prevent ..., ".
_LEADING_CONDITION = re.compile(r"^\s*(if|when|unless|whether|once|after|before|while|in order to|"
                                r"to|because|since|although|though)\b[^,]*,\s*", re.IGNORECASE)
# A one-word condition without a comma: "When disabled (default) all users have access".
_SHORT_CONDITION = re.compile(r"^\s*(if|when|once|while)\s+\w+(\s*\([^)]*\))?\s+(?=\w)",
                              re.IGNORECASE)
_TRAILING_CONDITION = re.compile(r"[,;]?\s+\b(if|unless|whether|when)\b.*$", re.IGNORECASE)


def main_clause(text: str) -> str:
    """``text`` without leading and trailing conditions (``If ..., X unless Y`` -> ``X``)."""
    core = _LEADING_CONDITION.sub("", text, count=1)
    if core == text:
        core = _SHORT_CONDITION.sub("", text, count=1)
    trimmed = _TRAILING_CONDITION.sub("", core)
    return trimmed if words(trimmed) else core


# Phrases that negate without a negation word ("Connector action control is out of scope for
# tabular functions").
_NEGATIVE_PHRASES = re.compile(r"\bout of (scope|support)\b", re.IGNORECASE)
# A clause that speaks of what will come is a "not yet" for a question about now ("in the
# future it will also support groups").
_FUTURE = re.compile(r"\b(in (the|a) future( release| update| version)?|in future|coming soon|"
                     r"upcoming|on the roadmap|is planned|are planned|later this year|"
                     r"not yet)\b", re.IGNORECASE)


def speaks_of_future(text: str) -> bool:
    """True when ``text`` tells of something to come ("in the future", "coming soon")."""
    return bool(_FUTURE.search(text))


def flips(text: str, *, conditions: bool = False) -> int:
    """How many times ``text`` negates (0, 1, 2...). ``conditions=True`` counts conditional
    sub-clauses too (a question's own condition is part of what it asks)."""
    text = strip_idioms(text if conditions else main_clause(text))
    count = len(_NEGATIVE_PHRASES.findall(text))
    text = _NEGATIVE_PHRASES.sub(" ", text)
    for w in words(expand_contractions(fold(text))):
        if w in NEGATIONS or w in ("off", "without") or stem(w) in NEGATIVE_STEMS:
            count += 1
    return count


def is_negative(text: str, *, conditions: bool = False) -> bool:
    """True when ``text`` negates an odd number of times."""
    return flips(text, conditions=conditions) % 2 == 1

"""Which part of what a user wrote asks, and which part only sets the scene.

Real questions come wrapped: an issue title before a colon ("Upgrade problem: I have 2.0.29
installed ..."), a story before the question ("We migrated last week. Does X still apply?"),
a claim to confirm ("Docs say X only works with Y - is that right?", "Am I right that ...?").
The question is analysed on the part that asks; the rest still counts, for less (it names the
product, the setting), so that a rare word of the story does not outweigh what is asked.

>>> [(s.text, s.asking) for s in segments("Trial question: we use a sandbox. Can it be reset?")]
[('Trial question', False), ('we use a sandbox.', False), ('Can it be reset?', True)]
>>> [(s.text, s.asking, s.claim) for s in segments("Am I right that backups are kept 7 days?")]
[('backups are kept 7 days?', True, True)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import ZERO_WIDTH


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of the user's text."""

    text: str
    """The words (a sentence, a title, a claim)."""
    asking: bool
    """True for the part that asks (or states the claim to check)."""
    claim: bool = False
    """True when it states something the user wants confirmed or contradicted."""


# An issue title before the body: a short run of words, then ": " (the title may itself ask).
_TITLE = re.compile(r"^(?P<title>[^:\n]{2,120}?)\s*:\s+(?=\S)")
_TITLE_WORDS = 14
# Sentence ends as users type them: lower-case starts, "[...]" cuts, no space after "?".
_SENTENCE_END = re.compile(rf"(?<=[?!])[{ZERO_WIDTH}\"”')]*\s*(?=\S)|"
                           r"(?<=[.])\s+(?=[\"“(\[]?[A-Za-z])|\s*\[\s*(?:\.\.\.|…)\s*\]\s*")
_ABBREVIATION = re.compile(r"\b(e\.g|i\.e|etc|vs|approx|incl|Fig|No)\.$", re.IGNORECASE)
# A sentence that only asks to confirm what was said before it ("is that right?").
_TAG = re.compile(r"^(?:(?:is|isn't) (?:that|this|it) (?:right|correct|true|accurate|so|"
                  r"the case|still the case|still true|expected|intended|by design)|"
                  r"(?:am i|are we) (?:right|correct|wrong|missing something)|"
                  r"(?:right|correct|true|no)|can (?:you|someone|anyone) confirm(?: this)?)"
                  r"\s*\?*$", re.IGNORECASE)
# Openings that announce a claim: what follows is what to confirm.
_CLAIM_OPENING = re.compile(
    r"^(?:(?:am i|are we) (?:right|correct|wrong) (?:in thinking |to think |in assuming )?"
    r"(?:that )?|is it (?:true|correct|right|the case) that |"
    r"(?:can|could) (?:you|someone|anyone) (?:please )?(?:confirm|clarify|verify|check)"
    r"(?: (?:if|whether|that))? |"
    r"(?:please )?(?:confirm|clarify|verify)(?: (?:if|whether|that))? |"
    r"(?:i|we) (?:think|believe|assume|understand|read|heard|was told|were told|guess)"
    r"(?: that)? |"
    r"(?:the )?(?:docs?|documentation|article|page) (?:says?|states?|mentions?|claims?)"
    r"(?: that)? )", re.IGNORECASE)
# Where a sentence's lead-in ends and its question starts ("Our DPO is asking - when ...").
_LEAD_IN = re.compile(r"\s+[-–—]\s+|:\s+")
_ASKING_START = re.compile(
    r"^(?:how|what|what's|whats|which|where|when|who|why|is|are|can|could|does|do|did|will|"
    r"would|should|must|may|has|have|am)\b", re.IGNORECASE)


_COMMA = re.compile(r",\s+")
# A part that offers the other side of a choice ("Or can it be in another tenant?").
CHOICE = re.compile(r"^\s*or\b", re.IGNORECASE)
_WH_START = re.compile(r"^(?:how|what|what's|whats|which|where|when|who|why)\b", re.IGNORECASE)


# Where one sentence asks a second question ("Does X support CSP at all, and which
# directives can we set?"): "and" before a wh-word, or ", and" before any asking word.
_SECOND_QUESTION = re.compile(
    r"\s+and\s+(?=(?:how|what|which|where|when|who|why)\b)|"
    r",\s+and\s+(?=(?:how|what|which|where|when|who|why|is|are|can|could|does|do|will|"
    r"would|should|must)\b)", re.IGNORECASE)


# Where a claim turns against what it quotes ("..., however the Developer environment can
# also be reset").
_TURN = re.compile(r"[,;.\"”]\s+(?:however|but|whereas|yet)\b,?\s*", re.IGNORECASE)


def segments(text: str) -> list[Segment]:
    """The user's text cut into the parts that ask and the parts that set the scene."""
    text = " ".join(text.split())
    pieces: list[str] = []
    title = _TITLE.match(text)
    if title is not None and len(title.group("title").split()) <= _TITLE_WORDS:
        pieces.append(title.group("title"))
        text = text[title.end():]
    pieces.extend(_sentences(text))
    pieces = [p for p in pieces if p.strip()]
    if not pieces:
        return []
    out: list[Segment] = []
    asked = [i for i, p in enumerate(pieces) if p.rstrip(f" {ZERO_WIDTH})").endswith("?")]
    statement = not asked
    if statement:
        # No question mark: a claim ("Sandbox backups are ONLY 7 days. Not like listed on
        # this page. This has bit us twice!") or a request. The first sentence of the body
        # states it; what follows is the complaint around it.
        asked = [1 if title is not None and len(pieces) > 1 else 0]
    for i, piece in enumerate(pieces):
        if i not in asked:
            out.append(Segment(piece, False))
            continue
        out.extend(_asking(piece, out, statement))
    return out


def asked_parts(parts: list[Segment]) -> list[int]:
    """Indexes of the parts that ask separate questions ("Does X support CSP? Which
    directives can we set?"): each is answered on its own, the others setting its scene.
    A part that offers a choice ("... same tenant? Or can it be another one?") belongs to
    the question before it; a claim is one question."""
    asking = [i for i, p in enumerate(parts) if p.asking]
    if len(asking) < 2 or any(parts[i].claim for i in asking):
        return asking[:1]
    return [i for i in asking if not CHOICE.match(parts[i].text)]


def only_asking(parts: list[Segment], keep: int) -> list[Segment]:
    """``parts`` with every asking part but ``keep`` turned into scene."""
    return [p if i == keep or not p.asking else Segment(p.text, False)
            for i, p in enumerate(parts)]


def _sentences(text: str) -> list[str]:
    out: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        piece = text[start:match.start()].strip()
        if _ABBREVIATION.search(piece):
            continue
        if piece:
            out.append(piece)
        start = match.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def _asking(sentence: str, before: list[Segment], statement: bool = False) -> list[Segment]:
    """An asking sentence: a claim with a tag ("X, is that right?"), a tag alone that
    confirms the sentence before it, a claim opening ("Am I right that X?"), a lead-in
    before the question proper ("Our DPO is asking - how long ...?"). ``statement``: the
    text asks nothing, it states (a claim to check, unless it opens as a question does)."""
    if _TAG.match(sentence):
        if before:
            last = before.pop()
            return [Segment(_claim_body(last.text), True, True)]
        return [Segment(sentence, True)]
    for cut in (_LEAD_IN, _COMMA):
        parts = cut.split(sentence)
        if len(parts) > 1 and _TAG.match(parts[-1]):
            return [Segment(_claim_body(" ".join(parts[:-1])), True, True)]
    opening = _CLAIM_OPENING.match(sentence)
    if opening is not None and len(sentence) > opening.end():
        rest = sentence[opening.end():]
        # "Could you clarify what ...": a question after all, not a claim.
        if _WH_START.match(rest):
            return [Segment(rest, True)]
        return [Segment(_claim_body(sentence), True, True)]
    parts = _LEAD_IN.split(sentence)
    if len(parts) > 1:
        # "Our DPO is asking - when receipts get sent ..., how long ...?": the question is
        # the last part that opens as a question does.
        for k in range(len(parts) - 1, 0, -1):
            if _ASKING_START.match(parts[k]):
                return [Segment(" ".join(parts[:k]), False),
                        Segment(" ".join(parts[k:]), True)]
    if statement and not _ASKING_START.match(sentence):
        return [Segment(_claim_body(sentence), True, True)]
    questions = _SECOND_QUESTION.split(sentence)
    if len(questions) > 1 and _ASKING_START.match(sentence) and all(
            q.split() for q in questions):
        return [Segment(q, True) for q in questions]
    return [Segment(sentence, True)]


def _claim_body(text: str) -> str:
    """A claim without its opening ("Docs say ...", "I think ..."). A claim set against what
    the docs say ("The docs say X, however Y can also ...") is the part after the turn."""
    opening = _CLAIM_OPENING.match(text)
    body = text[opening.end():] if opening is not None and len(text) > opening.end() else text
    turn = _TURN.split(body)
    return turn[-1] if len(turn) > 1 and turn[-1].split() else body

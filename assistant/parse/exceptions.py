"""Exception lists: a rule sentence that carves out exceptions, and the list that follows.

"Microsoft will not transfer customer data outside the geo *except* when:" followed by a
(nested) bullet list is a rule plus its exceptions; so is a heading such as "Exclusions" or
"Features not available" over a list. Answers treat them as rules, checks compare them.
"""

from __future__ import annotations

import re

from ..model import ExceptionItem, Link

# Words in a sentence that introduce carve-outs from a rule.
_SENTENCE_TRIGGER = re.compile(
    r"\b(except(?:ing)?|exceptions?|unless|excluding|exclusions?|other than|"
    r"with the following exceptions|apart from|but not)\b",
    re.IGNORECASE,
)
# Headings whose list is a list of exclusions.
_HEADING_TRIGGER = re.compile(
    r"\b(exclusions?|exceptions?|not available|unavailable|not supported|unsupported|"
    r"limitations)\b",
    re.IGNORECASE,
)
# "Label: text" lead-ins: a short phrase without sentence punctuation before the colon.
_COLON_LABEL = re.compile(r"^(?P<label>[^:.;!?]{2,100}?):\s+\S")
_MAX_LABEL_WORDS = 12


def sentence_trigger(text: str) -> str | None:
    """The carve-out word when ``text`` is a rule sentence that introduces a list."""
    if not text.rstrip().endswith(":"):
        return None
    match = _SENTENCE_TRIGGER.search(text)
    return match.group(1).lower() if match else None


def heading_trigger(title: str) -> str | None:
    """The carve-out word when a heading names a list of exclusions."""
    match = _HEADING_TRIGGER.search(title)
    return match.group(1).lower() if match else None


def item_label(text: str, strong_lead: str) -> str:
    """The lead-in of an item: its opening bold text, or a short phrase before a colon."""
    if strong_lead:
        return strong_lead.rstrip(": ").strip()
    match = _COLON_LABEL.match(text)
    if match and len(match.group("label").split()) <= _MAX_LABEL_WORDS:
        return match.group("label").strip()
    return ""


def make_item(
    text: str, line: int, end_line: int, strong_lead: str, links: tuple[Link, ...],
    children: tuple[ExceptionItem, ...],
) -> ExceptionItem:
    """An :class:`ExceptionItem` with its label worked out."""
    return ExceptionItem(
        text=text, line=line, end_line=end_line, label=item_label(text, strong_lead),
        links=links, items=children,
    )

"""Putting an answer into words and turning evidence into checked citations.

Every citation is checked against the file before it is given out: its quote must be on its
lines (markup stripped as the parser strips it). A sentence taken from a longer passage is
cited on the lines that hold it, not on the whole passage.
"""

from __future__ import annotations

import re

from ..config import Config
from ..model import Citation, Document
from .evidence import Source
from .match import Term, term_for, view
from .quotes import SourceLines


def page_title(title: str) -> str:
    """A doc title without the site suffix ("Data storage | MicrosoftDocs" -> "Data
    storage")."""
    head, bar, _ = title.partition(" | ")
    return head.strip() if bar and head.strip() else title


def join_names(names: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def sentence_case(text: str) -> str:
    """First letter up."""
    return text[:1].upper() + text[1:] if text else text


def end_with_period(text: str) -> str:
    """``text`` ending in one full stop (or its own ``?``/``!``/``:``)."""
    text = text.strip()
    if not text:
        return text
    if text[-1] in ".!?":
        return text
    return text.rstrip(":;,") + "."


# Words that tie a sentence to the one before it; alone in an answer they dangle.
_DISCOURSE = re.compile(r"^(?:however|also|additionally|in addition|furthermore|moreover|"
                        r"similarly|finally|therefore|thus|note that|note:|please note"
                        r"(?: that)?),?\s+",
                        re.IGNORECASE)
_OPEN_EXCEPTION = re.compile(r",?\s+(?:except|unless)(?:\s+(?:when|if|for|in))?\s*:\s*$",
                             re.IGNORECASE)
# A list item's trailing conjunction ("...; or", "..., and").
_TRAILING_CONJUNCTION = re.compile(r"[;,]?\s+(?:or|and)\s*[.;:]?\s*$", re.IGNORECASE)
# "X, Y, or Z": alternatives written as names (capitalised words).
_NAME = r"[A-Z][\w.+-]*(?: [A-Z][\w.+-]*){0,3}"
_ALTERNATIVES = re.compile(rf"\b{_NAME}(?:, {_NAME})*,? or {_NAME}\b")
_SPLIT_ALTERNATIVES = re.compile(r",? or |, ")
# "Customers who connect their X ... may send ...": said to the reader.
_WHO = re.compile(r"^(?:Customers|Users|Administrators|Admins|Organizations|Makers|Tenants)"
                  r" who (?P<condition>.+?) (?P<modal>may|can|cannot|can't|will|won't|must|"
                  r"might|should|need to|do not|don't) (?P<rest>.+)$")
_THIRD_PERSON = {"their": "your", "they": "you", "them": "you", "themselves": "yourself",
                 "theirs": "yours"}


def plain(text: str, names: tuple[Term, ...] = ()) -> str:
    """A doc sentence put plainly for an answer, saying no more than it says: a dangling
    "However," goes; of alternatives ("Power BI, PowerApps, or Flow") the one the question
    names stays (what holds for any of them holds for it); "Customers who connect their X
    may ..." is said to the reader ("If you connect your X, you may ..."); a list item's
    trailing "; or" goes."""
    # (A footnote's own marker, "*The environment is not ...", is not part of what it says.)
    text = _TRAILING_CONJUNCTION.sub("", text.strip().lstrip("*†‡ "))
    text = _DISCOURSE.sub("", text)
    # A rule quoted without the cases it introduces ("... except when:").
    text = _OPEN_EXCEPTION.sub(", except in the cases the doc lists.", text)
    text = _narrow(text, names)
    text = _to_reader(text)
    return sentence_case(text)


def _narrow(text: str, names: tuple[Term, ...]) -> str:
    if not names:
        return text

    def one(match: re.Match[str]) -> str:
        items = _SPLIT_ALTERNATIVES.split(match.group(0))
        named = [i for i in items if any(view(i).has(t) for t in names)]
        return named[0] if len(named) == 1 and len(items) > 1 else match.group(0)

    return _ALTERNATIVES.sub(one, text)


def _to_reader(text: str) -> str:
    match = _WHO.match(text)
    if match is None:
        return text

    def you(part: str) -> str:
        return re.sub(r"\b(" + "|".join(_THIRD_PERSON) + r")\b",
                      lambda m: _THIRD_PERSON[m.group(1)], part)

    return (f"If you {you(match.group('condition'))}, you {match.group('modal')} "
            f"{you(match.group('rest'))}")


def rename_notes(terms: tuple[Term, ...], evidence_texts: list[str], question: str
                 ) -> list[str]:
    """Notes for renamed products the question and the evidence spell differently: "The doc
    says “Microsoft Flow”, the former name of Power Automate." / "“Flow” is now called Power
    Automate." """
    notes: list[str] = []
    evidence = view(" ".join(evidence_texts))
    asked = view(question)
    for term in terms:
        if not term.former:
            continue
        current = term_for(term.current)
        former = sorted(term.former, key=len, reverse=True)
        if evidence.has(current):
            used_old = next((f for f in former if asked.has(term_for(f))), None)
            if used_old is not None:
                notes.append(f"“{used_old}” is now called {term.current}.")
            continue
        used = next((f for f in former if evidence.has(term_for(f))), None)
        if used is not None:
            notes.append(f"The doc says “{used}”, the former name of {term.current}.")
    return notes


class Citer:
    """Turns sources into citations that hold, with the public URL when it is known."""

    def __init__(self, config: Config, lines: SourceLines, anchors) -> None:
        self.config = config
        self.lines = lines
        self._anchors = anchors  # (doc_path, section title) -> anchor

    def cite(self, source: Source, *, narrow: bool = True) -> Citation | None:
        """A checked citation of ``source`` (None when its lines no longer hold it)."""
        start, end = source.line_start, source.line_end
        if narrow:
            span = self.lines.narrow(source.path, start, end, source.quote)
            if span is None:
                return None
            start, end = span
        elif not self.lines.holds(source.path, start, end, source.quote):
            return None
        citation = Citation(path=source.path, title=source.title, section=source.section,
                            line_start=start, line_end=end, quote=source.quote,
                            url=self._url(source))
        if not self.lines.holds(citation.path, start, end, citation.quote):
            return None
        return citation

    def _url(self, source: Source) -> str | None:
        if not self.config.urls:
            return None
        anchor = self._anchors(source.doc_path, source.section) if source.section else ""
        return self.config.url_for(source.doc_path, anchor or "")


def section_anchor(doc: Document, section: str) -> str:
    """The anchor of the section titled ``section`` in ``doc`` ("" when not found)."""
    for s in doc.sections:
        if s.title == section:
            return s.anchor
    return ""

"""Hand-made pieces of the answer pipeline for unit tests of one stage on small models."""

from __future__ import annotations

from assistant.answer.evidence import Candidate, Source


def candidate(verdict, coverage, strength=None, kind="statement", line=1, doc="a.md", *,
              q=None, missing=(), nearby=(), quote=None) -> Candidate:
    """A hand-made candidate; it states every term of ``q`` but ``missing`` and ``nearby``."""
    source = Source(path=doc, doc_path=doc, title="T", section="S", line_start=line,
                    line_end=line, quote=quote or f"quote number {line} of the doc")
    terms = tuple(q.terms) if q is not None else ()

    def among(t, words) -> bool:
        return t.text in words or t.asked in words

    said = tuple(t for t in terms if not among(t, missing) and not among(t, nearby))
    return Candidate(verdict, coverage if strength is None else strength, coverage, (source,),
                     f"said {line}", doc, kind,
                     missing=tuple(t for t in terms if among(t, missing)),
                     stated=said, nearby=tuple(t for t in terms if among(t, nearby)))

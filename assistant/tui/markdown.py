"""An answer as Markdown, for pasting into a ticket: verdict, answer, numbered sources."""

from __future__ import annotations

from ..model import TIER_NOTES, Answer, Citation
from .widgets.answer import VERDICT_LABELS, location


def _source_line(number: int, citation: Citation) -> list[str]:
    name = citation.title + (f" › {citation.section}" if citation.section else "")
    name = f"[{name}]({citation.url})" if citation.url else name
    lines = [f"{number}. {name} — `{location(citation)}`"]
    lines.extend(f"   > {part}" for part in citation.quote.splitlines() or [""])
    return lines


def answer_markdown(answer: Answer) -> str:
    """The answer with its citations (or nearest passages, when unknown) as Markdown."""
    out = [
        f"**Question:** {answer.question}  ",
        f"**Verdict:** {VERDICT_LABELS.get(answer.verdict, answer.verdict)} "
        f"({TIER_NOTES.get(answer.tier, answer.tier)})",
        "",
        answer.answer,
    ]
    sources, heading = answer.citations, "Sources"
    if not sources and answer.related:
        sources, heading = answer.related, "Nearest passages (they do not settle it)"
    if sources:
        out += ["", f"**{heading}:**", ""]
        for number, citation in enumerate(sources, 1):
            out.extend(_source_line(number, citation))
    return "\n".join(out) + "\n"


__all__ = ["answer_markdown"]

"""Tables of the docs read for structure: a named row looked up ("Which geo is Japan in?"),
a yes/no cell, a name a table of its kind does not list, or a whole column a section asks
for."""

from __future__ import annotations

import re

from ..compose import end_with_period, join_names, page_title
from ..evidence import Candidate, Source, context_views, preference, stated
from ..question import Question
from ..statements import fits_answer_kind
from ..tables import TableReading, column_values, header_source, read_table, row_source
from ..text import fold, words
from ..weights import Weights
from . import ReadContext


def read(context: ReadContext) -> list[Candidate]:
    """Candidates from the tables of the docs read for structure."""
    q, w = context.question, context.weights
    q_words = words(_mended_text(q))
    out: list[Candidate] = []
    for ranked in context.docs:
        doc = ranked.doc
        bonus = preference(q, doc.title, doc.date, ranked.rank, w)
        for table in doc.tables:
            if len(doc.tables) > w.many_tables and not any(
                    v.has(t) for t in q.terms for v in context_views(
                        table.section, table.caption, " ".join(table.header))):
                # A reference page of many tables: only those whose heading or header
                # speaks of the question are read.
                continue
            reading = read_table(q, q_words, doc, table, context.tables, w)
            if reading is not None:
                found = candidate(q, reading, bonus, w)
                if found is not None:
                    out.append(found)
    return out


def candidate(q: Question, reading: TableReading, bonus: float, w: Weights
              ) -> Candidate | None:
    """What one table reading answers, and how strongly."""
    doc, table = reading.doc, reading.table
    coverage = reading.coverage.score
    if reading.verdict == "no" and reading.key is None:
        # Not listed: the absent name is explained by the table's silence about it.
        absent_weight = sum(t.weight for t in reading.coverage.missing
                            if t.text == reading.absent) / q.total_weight
        coverage += absent_weight * w.absent_credit
        listed = column_values(table, reading.asked or 0)
        header = table.header[reading.asked or 0] or "the table"
        said = (f"{reading.absent.title() if reading.absent.islower() else reading.absent}"
                f" is not listed under “{header}” in {page_title(doc.title)}, which lists "
                f"{join_names(listed[:30])}.")
        return Candidate("no", coverage + bonus - w.absent_penalty, coverage,
                         (header_source(doc, table),), said, doc.path, "table",
                         tuple(t for t in reading.coverage.missing if t.text != reading.absent),
                         stated=_stated(reading))
    sources = [row_source(doc, table, r) for r in reading.rows[:12]]
    key = reading.key
    if key is None:
        # A whole column: what the section asks, answered by the table under it.
        header = table.header[reading.asked or 0]
        said = (f"{end_with_period(table.section).rstrip('.?')}: "
                f"{join_names(list(reading.values))} (“{header}” in {page_title(doc.title)}).")
        return Candidate("answer", coverage + bonus, coverage, tuple(sources), said, doc.path,
                         "table", reading.coverage.missing,
                         stated=_stated(reading))
    if reading.verdict in ("yes", "no"):
        yes = reading.verdict == "yes"
        if q.negative:
            yes = not yes
        if reading.category:
            what = key.name[:1].upper() + key.name[1:]
            said = f"{what} is listed under “{reading.values[0]}” in {page_title(doc.title)}."
        elif reading.asked is not None and reading.values:
            said = f"For {key.name}, “{table.header[reading.asked]}” is “{reading.values[0]}”."
        elif reading.verdict == "no":
            said = (f"{key.item} is listed with {join_names(list(reading.values))}, "
                    f"not with what the question names.")
        else:
            header = table.header[key.col] or table.section or "the table"
            rows = "; ".join(f"“{s.quote}”" for s in sources[:6])
            said = f"{key.item} is listed under “{header}” in {page_title(doc.title)}: {rows}."
        direct = sum(t.weight for t in reading.coverage.primary) / q.total_weight
        return Candidate("yes" if yes else "no",
                         coverage + w.direct_bonus * direct + bonus + w.table_yes_no_bonus,
                         coverage, tuple(sources), said, doc.path, "table",
                         reading.coverage.missing, stated=_stated(reading))
    if q.yes_no:
        return None
    values = list(reading.values)
    header = table.header[reading.asked] if reading.asked is not None else ""
    if reading.asked == key.col and fold(values[0]).startswith(fold(key.name)):
        said = end_with_period(values[0])  # the named cell says it all
    elif reading.asked == key.col:  # "where is X": the place written after X
        said = f"{key.name}: {values[0]}."
        for note, place in _elsewhere(table, key.name, values[0]):
            said += (f" Note: the footnote at line {note.line} places {key.name} in "
                     f"{place}: “{note.text}”")
            sources.append(Source(path=table.path, doc_path=doc.path, title=doc.title,
                                  section=table.section, line_start=note.line or 0,
                                  line_end=note.line or 0, quote=note.text or "",
                                  date=doc.date))
    else:
        said = (f"{key.name} — {header}: {join_names(values)}." if header
                else f"{key.name}: {join_names(values)}.")
    fits = fits_answer_kind(q, " ".join(values), around=f"{header} {key.name}")
    if not fits:
        coverage *= w.table_wrong_kind_factor
    direct = sum(t.weight for t in reading.coverage.primary) / q.total_weight
    # A named row and a matching header (or the place after the name, for "where"): the
    # table answers exactly what was asked; a longer name is a surer match.
    exact = w.exact_header_bonus if reading.asked is not None else w.exact_row_bonus
    exact += w.name_size_bonus * min(key.size, 3)
    return Candidate("answer", coverage + w.direct_bonus * direct + bonus + exact, coverage,
                     tuple(sources), said, doc.path, "table", reading.coverage.missing,
                     stated=_stated(reading), fits=fits)


def _stated(reading: TableReading) -> tuple:
    """What the table says itself (cells, header) or under its headings."""
    return stated(reading.coverage, reading.doc.title, reading.table.section,
                  reading.table.caption)


def _elsewhere(table, name: str, place: str):
    """Footnotes of ``table`` that write ``name (another place)``: the docs disagree."""
    pattern = re.compile(re.escape(name) + r"\s*\(([^()]*)\)", re.IGNORECASE)
    for note in table.footnotes:
        if not note.text or not note.line:
            continue
        for match in pattern.finditer(note.text):
            other = match.group(1).strip()
            if words(other) != words(place):
                yield note, other
                break


def _mended_text(q: Question) -> str:
    """The question with its misspelt words mended (cells are matched word by word)."""
    text = q.text
    for wrong, right in q.mended:
        text = re.sub(rf"\b{re.escape(wrong)}\b", right, text, flags=re.IGNORECASE)
    return text

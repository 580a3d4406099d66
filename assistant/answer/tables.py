"""Tables answer lookups and membership questions.

A question *names* a cell when every word of one of the cell's names is in the question
(names: the list items of a cell, without their parenthetical, allowing one slip per word:
``Framce South`` is named by "France South"). The *asked* column is the one whose header the
question's other words match ("which geo ..." -> "Azure geographic areas (geos)"), or, for
"where is X", the place in parentheses after X ("West US (Quincy, WA)").
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass

from ..doc_names import is_prose, split_items, split_names
from ..model import Document, Table
from .evidence import Coverage, Source, context_views, cover, doc_context
from .match import Term, term_for, view
from .names import fuzzy_equal
from .polarity import is_negative
from .question import Question
from .text import NEGATIONS, STOP_WORDS, fold, stem, words
from .weights import DEFAULT_WEIGHTS, Weights

_PARENTHETICAL = re.compile(r"\(([^()]*)\)")
_YES = {"yes", "supported", "available", "allowed", "enabled", "generally available", "ga",
        "true", "✓", "✔", "x", "included"}
_NO = {"no", "not supported", "unsupported", "not available", "unavailable", "not allowed",
       "disabled", "false", "✗", "✘", "-", "n/a", "none", "not included"}


@dataclass(frozen=True, slots=True)
class CellMatch:
    """A cell the question names."""

    row: int
    """Logical row index."""
    col: int
    """Column index."""
    name: str
    """The name within the cell that the question names."""
    item: str
    """The list item of the cell holding that name (with its parenthetical)."""
    size: int
    """How many words of the question the name accounts for (longer names win)."""
    words: frozenset[str]
    """The question's words (stems) it accounts for."""


@dataclass(frozen=True, slots=True)
class TableReading:
    """What one table says about a question."""

    table: Table
    """The table."""
    doc: Document
    """Its doc."""
    verdict: str
    """``yes``/``no``/``answer``."""
    rows: tuple[int, ...]
    """The rows that are the evidence (none for "not listed")."""
    values: tuple[str, ...]
    """The values answering a factual question (or the cell deciding a yes/no one)."""
    key: CellMatch | None
    """The cell the question names (None when what it names is not listed)."""
    asked: int | None
    """The column asked about."""
    coverage: Coverage
    """How well the table (cells, header, section, title) covers the question."""
    absent: str = ""
    """For "not listed" answers: the name looked for."""
    category: bool = False
    """True when the table sorts things into columns that say yes or no ("Supported | Not
    supported") and ``key`` is what the question names, found in one of them."""


def _name_words(name: str) -> list[str]:
    """The words of a name that identify it; a capitalised abbreviation that spells a common
    word ("CAN") is kept, as ``=CAN`` (it must appear in capitals in the question)."""
    out = []
    for raw in re.findall(r"[^\W_]+(?:[.][^\W_]+)*", name):
        w = words(raw)
        if not w:
            continue
        if w[0] in STOP_WORDS or w[0] in NEGATIONS:
            if len(raw) >= 2 and raw.isupper():
                out.append("=" + raw)
            continue
        out.extend(w)
    return out


class TableCache:
    """Cells per table folded once, and the names in a cell worked out once (only for cells
    that share a word's start with some question), least recently used dropped first.

    It belongs to one :class:`~assistant.answer.Answerer` (one index generation), and a table
    is known by its place *and its text*, so a table edited and indexed again is read anew.
    """

    def __init__(self, tables: int = 2048, cells: int = 65536) -> None:
        self._folded: OrderedDict[tuple, list[tuple[int, int, str]]] = OrderedDict()
        self._names: OrderedDict[tuple, list[tuple[str, str, list[str]]]] = OrderedDict()
        self._tables = tables
        self._cells = cells

    @staticmethod
    def key(table: Table) -> tuple:
        """A table's identity: where it is and what it says."""
        return (table.path, table.line, table.header, hash(table.rows))

    def folded_cells(self, table: Table, key: tuple) -> list[tuple[int, int, str]]:
        """(row, column, folded text) of every non-empty cell."""
        cached = self._folded.get(key)
        if cached is not None:
            self._folded.move_to_end(key)
            return cached
        out = [(r, c, fold(cell)) for r, row in enumerate(table.rows)
               for c, cell in enumerate(row) if cell]
        self._folded[key] = out
        if len(self._folded) > self._tables:
            self._folded.popitem(last=False)
        return out

    def names_in(self, cell: str, key: tuple) -> list[tuple[str, str, list[str]]]:
        """(name, list item, identifying words) for every name in one cell."""
        cached = self._names.get(key)
        if cached is not None:
            self._names.move_to_end(key)
            return cached
        out: list[tuple[str, str, list[str]]] = []
        # A cell of prose names nothing but by its opening words: its clauses ("that a
        # FastCGI process request can take") are not names a question could mean.
        prose = is_prose(cell)
        for item in split_items(cell)[:1] if prose else split_items(cell):
            names = [] if prose else split_names(item) or [item]
            # A long cell whose opening words name it ("Case summarization Summarize
            # cases"): its first two or three words count as a name too.
            head = _name_words(item)
            if len(head) > 3:
                names = [*names, " ".join(head[:3]), " ".join(head[:2])]
            for name in names:
                ws = _name_words(name)
                if ws and len(ws) <= 6:
                    out.append((name, item, ws))
        self._names[key] = out
        if len(self._names) > self._cells:
            self._names.popitem(last=False)
        return out


def cell_matches(question_words: list[str], table: Table, capitals: frozenset[str] = frozenset(),
                 cache: TableCache | None = None) -> list[CellMatch]:
    """Every cell name the question names (all its words in the question). ``capitals`` are
    the question's words written in capitals."""
    q_stems = {stem(w): w for w in question_words}
    q_stems.update({"=" + c: c for c in capitals})
    # A cell can only be named if some word of the question starts as one of its words does
    # (one slip is allowed in a name, not in its first letters).
    starts = {w[:3] for w in question_words if w not in STOP_WORDS or w.upper() in capitals}
    starts |= {c.lower()[:3] for c in capitals}
    cache = cache if cache is not None else TableCache()
    key = cache.key(table)
    out: list[CellMatch] = []
    for r, c, folded in cache.folded_cells(table, key):
        if not any(s in folded for s in starts):
            continue
        for name, item, ws in cache.names_in(table.rows[r][c], (*key, r, c)):
            hit = _all_present(ws, q_stems, question_words)
            if hit is not None:
                out.append(CellMatch(r, c, name, item, len(ws), hit))
    return out


def _all_present(ws: list[str], q_stems: dict[str, str], q_words: list[str]
                 ) -> frozenset[str] | None:
    """The question stems a cell name's words account for, when all of them are in the
    question (one word may be misspelt on either side: "suoth", "Framce")."""
    found: set[str] = set()
    slipped: str | None = None
    for w in ws:
        s = w if w.startswith("=") else stem(w)
        if s in q_stems:
            found.add(s)
        elif slipped is None and not w.startswith("="):
            slipped = w
        else:
            return None
    if slipped is not None:
        slip = next((q for q in q_words if q[:1] == slipped[:1] or q[1:2] == slipped[1:2]
                     if fuzzy_equal(slipped, q)), None)
        if slip is None:
            return None
        found.add(stem(slip))
    return frozenset(found)


def read_table(question: Question, question_words: list[str], doc: Document, table: Table,
               cache: TableCache | None = None, weights: Weights = DEFAULT_WEIGHTS
               ) -> TableReading | None:
    """What ``table`` says about ``question`` (None when it says nothing)."""
    if not table.rows:
        return None
    if question.yes_no:
        sorted_into = _category_reading(question, doc, table, weights)
        if sorted_into is not None:
            return sorted_into
    capitals = frozenset(re.findall(r"\b[A-Z]{2,}\b", question.text))
    matches = cell_matches(question_words, table, capitals, cache)
    header_views = [view(h) for h in table.header]
    context = [*doc_context(doc, table.section), *context_views(table.caption)]
    # Terms accounted for by the named cells are not header words.
    key = _strongest(matches)
    key_stems = key.words if key else frozenset()
    header_terms = [t for t in question.terms if not (set(t.stems) & key_stems)]
    scores = [sum(t.weight for t in header_terms if hv.has(t)) for hv in header_views]
    cells = [view(" ".join(table.rows[m.row])) for m in matches] if matches else []
    coverage = cover(question, [*cells, *header_views], context, weights=weights)
    if key is None:
        if not question.yes_no:
            return _whole_column(question, doc, table, weights)
        return _not_listed(question, doc, table, scores, coverage)
    same = [m for m in matches if m.col == key.col and m.name.lower() == key.name.lower()]
    rows = tuple(sorted({m.row for m in same}))
    # Other named cells in other columns narrow the rows ("UK West in the Europe geo?").
    others = [m for m in matches if m.col != key.col and m.words - key.words
              and m.size >= 1 and not _inside(m, key)]
    asked = _asked_column(question, key, scores, table)
    if question.yes_no:
        if others:
            other_cols = {m.col for m in others}
            both = [r for r in rows if any(m.row == r for m in others)]
            if not both:
                return TableReading(table, doc, "no", rows, tuple(
                    table.rows[r][c] for r in rows for c in other_cols), key, None, coverage)
            rows = tuple(both)
        if asked is not None and asked != key.col:
            value = table.rows[rows[0]][asked]
            decided = _yes_no_value(value)
            if decided is not None:
                return TableReading(table, doc, "yes" if decided else "no", rows[:1],
                                    (value,), key, asked, coverage)
        # Plain membership ("Is X one of the regions?") needs the question to speak of what
        # the table lists (a header, its section or caption), not of a row's other cells.
        listing = [view(h) for h in table.header] + context_views(
            table.section, table.caption, doc.title)
        if not any(v.has(t) for t in question.terms
                   if not t.name and not (set(t.stems) & key.words) for v in listing):
            return None
        return TableReading(table, doc, "yes", rows, (key.item,), key, None, coverage)
    if question.wh == "where" and asked is None:
        inner = _PARENTHETICAL.findall(key.item)
        if inner:
            return TableReading(table, doc, "answer", rows[:1], (inner[-1].strip(),), key,
                                key.col, coverage)
    if asked is None:
        # No header names what is asked: the cell of the row that says most of the
        # question's other words ("What values are allowed ...?" -> "Allowed values are ...").
        # (The named cell itself, when it says more than the name: "Default connector
        # classification. Allowed values are General, Blocked, Confidential".)
        other_terms = [t for t in question.terms if not (set(t.stems) & key.words)]
        filled = [c for c in range(len(table.header)) if (
            c != key.col or len(words(table.rows[rows[0]][c])) > key.size + 2)
            and any(table.rows[r][c] for r in rows)]
        asked = max(filled, default=None, key=lambda c: (
            sum(t.weight for t in other_terms if view(table.rows[rows[0]][c]).has(t)), -c))
        if asked is None:
            return None
    values = []
    for r in rows:
        value = table.rows[r][asked]
        if value and value not in values:
            values.append(value)
    if not values:
        return None
    return TableReading(table, doc, "answer", rows, tuple(values), key, asked, coverage)


# Words of a question that are not what it names ("is", "supported" are asked of it).
_ASKING = frozenset({"is", "are", "was", "were", "be", "can", "could", "does", "do", "did",
                     "will", "would", "may", "might", "should", "shall", "has", "have"})


def _content(text: str) -> list[tuple[str, str]]:
    """(stem, word) of the words of ``text`` that say something."""
    return [(stem(w), w) for w in words(text)
            if w not in STOP_WORDS and w not in NEGATIONS and w not in _ASKING]


def _longest_run(asked: list[str], cell: list[str]) -> tuple[int, int]:
    """(length, start in ``cell``) of the longest run of words both sequences share."""
    best = (0, 0)
    for i in range(len(cell)):
        for j in range(len(asked)):
            n = 0
            while i + n < len(cell) and j + n < len(asked) and cell[i + n] == asked[j + n]:
                n += 1
            if n > best[0]:
                best = (n, i)
    return best


def _category_reading(question: Question, doc: Document, table: Table, weights: Weights
                      ) -> TableReading | None:
    """A table whose columns say yes and no ("Supported | Not supported"), each cell a list
    of things: the question names one of them ("Is migrating a trial environment
    supported?" -> it is under "Not supported"). Names are found as a run of the question's
    words in a cell, or as a name the question uses (any spelling)."""
    headers = [view(h) for h in table.header]
    polarity = [is_negative(h) if h.strip() else None for h in table.header]
    if len({p for p in polarity if p is not None}) < 2:
        return None
    # The columns are one category and its opposite ("Supported" and "Not fully supported",
    # "Allowed" and "Blocked"), and the cells list things rather than say yes or no.
    positive = [h for h, p in zip(table.header, polarity, strict=True) if p is False]
    negative = [headers[c] for c, p in enumerate(polarity) if p]
    if not any(all(v.has(term_for(w)) for w in words(h) if w not in STOP_WORDS)
               for h in positive for v in negative):
        return None
    if any(_yes_no_value(cell) is not None for row in table.rows for cell in row if cell):
        return None
    # The question asks what the headers say ("supported").
    asking = [t for t in question.terms if any(v.has(t) for v in headers)]
    if not asking:
        return None
    asked = [s for s, _ in _content(question.text)
             if not any(s in t.stems for t in asking)]
    names = [t for t in question.names if not any(v.has(t) for v in headers)]
    found: list[tuple[int, int, int, str]] = []  # (size, row, column, what)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row):
            if not cell or polarity[c] is None:
                continue
            content = _content(cell)
            size, start = _longest_run(asked, [s for s, _ in content])
            what = " ".join(w for _, w in content[start:start + size])
            cell_view = view(cell)
            for term in names:
                if cell_view.has(term) and len(words(term.text)) > size:
                    size, what = len(words(term.text)), cell_view.spelling_of(term) or term.text
            if size >= 2:
                found.append((size, r, c, what))
    if not found:
        return None
    found.sort(reverse=True)
    if len(found) > 1 and found[1][0] == found[0][0]:
        return None  # two columns name it as well: the table does not decide
    size, r, c, what = found[0]
    coverage = cover(question, [view(table.rows[r][c]), headers[c]],
                     [*doc_context(doc, table.section), *context_views(table.caption)],
                     weights=weights)
    key = CellMatch(r, c, what, what, size, frozenset())
    return TableReading(table, doc, "no" if polarity[c] else "yes", (r,),
                        (table.header[c],), key, c, coverage, category=True)


def _strongest(matches: list[CellMatch]) -> CellMatch | None:
    if not matches:
        return None
    return max(matches, key=lambda m: (m.size, -m.col))


def _inside(m: CellMatch, key: CellMatch) -> bool:
    return m.words <= key.words


def _asked_column(question: Question, key: CellMatch, scores: list[float], table: Table
                  ) -> int | None:
    best, best_score = None, 0.0
    for c, score in enumerate(scores):
        if c == key.col:
            continue
        if score > best_score:
            best, best_score = c, score
    if best is None and question.answer_kind == "time":
        for c, h in enumerate(table.header):
            if c != key.col and re.search(r"date|expir|time|when|year", h, re.IGNORECASE):
                return c
    return best


def _yes_no_value(value: str) -> bool | None:
    v = " ".join(words(value))
    if v in _YES or value.strip() in _YES:
        return True
    if v in _NO or value.strip() in _NO:
        return False
    return None


def _whole_column(question: Question, doc: Document, table: Table, weights: Weights
                  ) -> TableReading | None:
    """"Which DLP events are audited?" under a section "What DLP events are audited", over a
    table whose column is "Event": the column, whole. The header must name what the wh-word
    asks for, and the section or caption the rest of the question."""
    if question.wh not in ("which", "what") or not question.focus:
        return None
    head = question.focus[-1]
    kind = [t for t in question.terms if head in t.stems]
    if not kind:
        return None
    columns = [c for c, h in enumerate(table.header) if h and view(h).has(kind[0])]
    if not columns:
        return None
    rest = [t for t in question.terms if t not in kind]
    about = context_views(table.section, table.caption)
    said = sum(t.weight for t in rest if any(v.has(t) for v in about))
    if not rest or said < weights.whole_column_share * sum(t.weight for t in rest):
        return None
    values = column_values(table, columns[0])
    if not values or len(values) > weights.whole_column_rows:
        return None
    rows = tuple(range(len(table.rows)))
    coverage = cover(question, [view(" ".join(values)), view(table.header[columns[0]])],
                     [*doc_context(doc, table.section), *about], weights=weights)
    return TableReading(table, doc, "answer", rows, tuple(values), None, columns[0], coverage)



def _not_listed(question: Question, doc: Document, table: Table, scores: list[float],
                coverage: Coverage) -> TableReading | None:
    """"Is Germany one of the geos?" when no cell names Germany: no, if the table lists the
    things asked about (a header matches) and the question names one thing that is absent."""
    if not question.yes_no:
        return None
    if not any(scores):
        # A table without header words ("|   |  |") lists what its section or caption says.
        listing = context_views(table.section, table.caption)
        if any(table.header) or not any(v.has(t) for v in listing for t in question.terms
                                        if not t.name):
            return None
        scores = [1.0] + [0.0] * (len(table.header) - 1)
    absent = [t for t in coverage.missing if _looks_like_name(t, question)]
    if len(absent) != 1:
        return None
    return TableReading(table, doc, "no", (), (), None, max(range(len(scores)),
                                                          key=lambda c: scores[c]),
                        coverage, absent=absent[0].text)


def _looks_like_name(term: Term, question: Question) -> bool:
    if term.name:
        return True
    text = question.text
    pattern = re.compile(r"\b" + re.escape(term.text) + r"\b", re.IGNORECASE)
    for match in pattern.finditer(text):
        written = match.group(0)
        if written[:1].isupper() and match.start() > 0:
            return True
    return False


def row_source(doc: Document, table: Table, row: int) -> Source:
    """The citation source of a logical row (from the line its carried-down cells were
    written on)."""
    cells = table.rows[row]
    lines = table.cell_lines[row]
    return Source(path=table.path, doc_path=doc.path, title=doc.title, section=table.section,
                  line_start=min(lines), line_end=max(lines),
                  quote=" | ".join(c for c in cells if c), date=doc.date)


def header_source(doc: Document, table: Table) -> Source:
    """The citation source of the header row (of the section heading, when the header row
    is empty)."""
    quote = " | ".join(h for h in table.header if h)
    if not quote:
        for section in doc.sections:
            if section.title == table.section and table.path == doc.path:
                return Source(path=doc.path, doc_path=doc.path, title=doc.title,
                              section=section.title, line_start=section.line,
                              line_end=section.line, quote=section.title, date=doc.date)
    return Source(path=table.path, doc_path=doc.path, title=doc.title, section=table.section,
                  line_start=table.line, line_end=table.line, quote=quote, date=doc.date)


def column_values(table: Table, col: int) -> list[str]:
    """The distinct values of a column, in order."""
    seen: list[str] = []
    for row in table.rows:
        if row[col] and row[col] not in seen:
            seen.append(row[col])
    return seen


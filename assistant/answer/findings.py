"""Readings of the evidence turned into findings: a verdict, its sources and its words.

Each kind of evidence speaks differently: a sentence says yes or no by its polarity, an
exception item answers against its rule ("Yes. ... This is one of the exceptions to: ..."), a
rule covers what no item names, a table lists, looks up or leaves out. A finding's
*coverage* says how much of the question its evidence accounts for; its *strength* adds small
preferences (the doc about the product asked of, newer docs, direct wording) that pick the
best of several findings that settle the question.
"""

from __future__ import annotations

import re

from ..model import Document, Verdict
from .compose import end_with_period, join_names, page_title, plain
from .evidence import CONTEXT_CREDIT, Finding, Source, context_views
from .match import term_for
from .question import Question
from .rules import (
    ItemEvidence,
    RuleEvidence,
    is_carve_out,
    item_sentences,
    item_source,
    read_list,
    rule_clause,
    rule_source,
)
from .statements import Statement, fits_answer_kind, passage_source
from .tables import TableReading, column_values, header_source, row_source
from .text import fold, sentences, words

# What a statement that lacks the kind of value asked for (a number, a date) keeps of its
# coverage.
_WRONG_KIND = 0.65
_INTRODUCES_LIST = re.compile(r"(:\s*$|\bthe following\b)", re.IGNORECASE)
_NECESSITY = re.compile(r"\b(need|needs|needed|must|have to|has to|required|requires|require|"
                        r"necessary|mandatory)\b", re.IGNORECASE)
# ... and one that says nothing of what the question asks about its subject.
_NO_PREDICATE = 0.7


def preference(q: Question, title: str, date: str | None, rank: int) -> float:
    """Small bonuses: the doc is about a product the question names; it is newer; it
    ranks higher."""
    bonus = 0.0
    title_view = context_views(title)
    if q.names and title_view and any(title_view[0].has(t) for t in q.names):
        bonus += 0.04
    if date and date[:4].isdigit():
        bonus += min(0.02, max(0.0, (int(date[:4]) - 2000) / 1500))
    return bonus + 0.01 / (1 + rank)

def statement_finding(q: Question, st: Statement, rank: int) -> Finding | None:
    coverage = st.coverage.score
    key_missing = st.coverage.missing_key(q)
    if any(t.name for t in key_missing):
        coverage *= 0.6
    elif key_missing:
        # A telling word the sentence does not use counts half again its weight: one
        # paraphrased verb ("analyzes" for "check") among many words found costs little,
        # the word a question turns on ("localized") costs much.
        coverage -= 0.5 * sum(t.weight for t in key_missing) / q.total_weight
    source = passage_source(st.passage, st.sentence)
    bonus = preference(q, st.passage.title, st.passage.date, rank)
    bonus += 0.1 * st.own
    bonus += 0.04 * st.close + (0.01 if st.order == 0 else 0.0) + (0.05 if st.faq else 0.0)
    if _NECESSITY.search(q.text) and _NECESSITY.search(st.sentence):
        # "Do X and Y need to be ...?" is answered by what must be, not by a step that
        # happens to do it.
        bonus += 0.03
    if (q.yes_no and st.contrast is not None and not st.negative
            and set(st.coverage.missing) == {st.contrast}):
        # "You can only reset sandbox environments": production ones, then, no. An
        # inference: evidence that names the thing itself outranks it.
        coverage = st.coverage.score + 0.8 * st.contrast.weight / q.total_weight
        text = f"No. {end_with_period(plain(st.answer_text, q.names))}"
        return Finding("no", coverage + bonus - 0.05, coverage, [source], text,
                       st.passage.doc_path, "contrast")
    if q.yes_no:
        yes = st.negative == q.negative
        verdict: Verdict = "yes" if yes else "no"
        said = plain(_strip_yes_no(st.answer_text), q.names)
        text = f"{'Yes' if yes else 'No'}. {end_with_period(said)}"
    else:
        # What a wh-word asks for ("the *workaround*") must be in the answer itself: the
        # sentence beside the one that names it is not the answer.
        head = set(q.focus[-1:])  # "the case capacity *limit*"
        coverage -= CONTEXT_CREDIT * sum(t.weight for t in st.coverage.context
                                         if set(t.stems) & head) / q.total_weight
        if _says_nothing_of_predicate(q, st):
            # "Which languages does Market Insights *support*?" is not answered by a
            # sentence on how Market Insights detects a language.
            coverage *= _NO_PREDICATE
        if not fits_answer_kind(q, st.answer_text):
            # "How many ...?" answered without a number does not answer it.
            coverage *= _WRONG_KIND
        elif not _has_focus(q, st):
            coverage *= 0.8
        verdict = "answer"
        text = end_with_period(plain(st.answer_text, q.names))
        if _INTRODUCES_LIST.search(st.sentence) and q.wh in ("which", "what"):
            bonus += 0.03  # "one of the following accounts:" (the list is the answer)
    return Finding(verdict, coverage + bonus, coverage, [source], text,
                   st.passage.doc_path, "statement")

def rule_findings(q: Question, doc: Document, exc, bonus: float) -> list[Finding]:
    if not q.yes_no:
        return []
    items, rule = read_list(q, doc, exc)
    said = set(rule.coverage.primary + rule.coverage.context)
    residual = [t for t in q.terms if t not in said]

    def named(ev: ItemEvidence) -> float:
        return sum(t.weight for t in residual if t in ev.own.primary)

    out: list[Finding] = []
    best = max(items, key=lambda ev: (named(ev), ev.coverage.score), default=None)
    item_decides = False
    if best is not None and named(best) > 0 and not best.coverage.missing_key(q):
        out.append(_item_finding(q, doc, best, rule, bonus))
        item_decides = all(t in best.own.primary for t in residual
                           if t.name or t in best.coverage.missing_key(q))
    if is_carve_out(exc) and not item_decides:
        finding = _rule_finding(q, doc, rule, residual, items, bonus)
        if finding is not None:
            out.append(finding)
    return out

def _item_finding(q: Question, doc: Document, ev: ItemEvidence, rule: RuleEvidence,
                  bonus: float) -> Finding:
    yes = ev.negative == q.negative
    exc = ev.exc
    body = item_sentences(ev.item)
    label = ev.item.label
    if label and body.startswith(label):
        body = body[len(label):].lstrip(" :–—-")
    body = end_with_period(plain(body, q.names))
    verdict = "Yes" if yes else "No"
    if is_carve_out(exc):
        if ev.negative != rule.negative:
            text = (f"{verdict}. {body} This is one of the listed exceptions to the rule: "
                    f"“{rule_clause(exc)}”.")
        else:
            # The item says it itself ("... do not process or store customer data").
            text = (f"{verdict}. {body} (It is listed among the exceptions to: "
                    f"“{rule_clause(exc)}”.)")
    else:
        text = f"{verdict}. {body} It is listed under: “{short(exc.rule)}”."
    sources = [item_source(doc, exc, ev.item), rule_source(doc, exc)]
    if ev.parents and not ev.item.label:
        sources.append(item_source(doc, exc, ev.parents[-1]))
    direct = sum(t.weight for t in ev.own.primary) / q.total_weight
    return Finding("yes" if yes else "no", ev.coverage.score + 0.1 * direct + bonus,
                   ev.coverage.score, sources, text, doc.path, "exception")

def _rule_finding(q: Question, doc: Document, rule: RuleEvidence, residual,
                  items: list[ItemEvidence], bonus: float) -> Finding | None:
    exc = rule.exc
    coverage = rule.coverage
    mentioned = {t for ev in items for t in ev.own.primary}
    # Names no item mentions are what the rule covers without exception, provided the
    # question is about what the rule is about (it names the rule's product or scope).
    unnamed = [t for t in residual if t.name and t not in mentioned]
    scope_named = any(t.name for t in coverage.primary + coverage.context)
    if unnamed and not scope_named:
        return None
    others = [t for t in coverage.missing_key(q) if t not in unnamed]
    if others:
        return None
    # The question must ask what the rule is about (its verb and object), not merely
    # share a word with it.
    asked = [t for t in q.terms if not t.name]
    said = [t for t in asked if t in coverage.primary]
    if len(said) < 2 or sum(t.weight for t in said) < 0.5 * sum(t.weight for t in asked):
        return None
    explained = sum(t.weight for t in unnamed) / q.total_weight
    score = coverage.score + explained
    yes = rule.negative == q.negative
    top = [_case_of(i) for i in exc.items]
    text = f"{'Yes' if yes else 'No'}. {rule_clause(exc)}"
    if unnamed:
        text += (f". None of its listed exceptions names "
                 f"{join_names([t.text for t in unnamed])}")
        text += " (" + "; ".join(_lower_first(t) for t in top) + ")." if top else "."
    elif top:
        text += ", except when: " + "; ".join(_lower_first(t) for t in top) + "."
    else:
        text += "."
    direct = sum(t.weight for t in coverage.primary) / q.total_weight
    return Finding("yes" if yes else "no", score + 0.1 * direct + bonus - 0.02, score,
                   [rule_source(doc, exc)], text, doc.path, "rule")

def table_finding(q: Question, reading: TableReading, bonus: float
                   ) -> Finding | None:
    doc, table = reading.doc, reading.table
    coverage = reading.coverage.score
    if reading.verdict == "no" and reading.key is None:
        # Not listed: the absent name is explained by the table's silence about it.
        absent_weight = sum(t.weight for t in reading.coverage.missing
                            if t.text == reading.absent) / q.total_weight
        coverage += absent_weight * 0.9
        listed = column_values(table, reading.asked or 0)
        header = table.header[reading.asked or 0] or "the table"
        text = (f"No. {reading.absent.title() if reading.absent.islower() else reading.absent}"
                f" is not listed under “{header}” in {page_title(doc.title)}, which lists "
                f"{join_names(listed[:30])}.")
        sources = [header_source(doc, table)]
        return Finding("no", coverage + bonus - 0.03, coverage, sources, text, doc.path,
                       "table")
    sources = [row_source(doc, table, r) for r in reading.rows[:12]]
    key = reading.key
    if key is None:
        # A whole column: what the section asks, answered by the table under it.
        header = table.header[reading.asked or 0]
        text = (f"{end_with_period(table.section).rstrip('.?')}: "
                f"{join_names(list(reading.values))} (“{header}” in {page_title(doc.title)}).")
        return Finding("answer", coverage + bonus, coverage, sources, text, doc.path,
                       "table")
    if reading.verdict in ("yes", "no"):
        yes = reading.verdict == "yes"
        if q.negative:
            yes = not yes
        if reading.category:
            what = key.name[:1].upper() + key.name[1:]
            text = (f"{'Yes' if yes else 'No'}. {what} is listed under "
                    f"“{reading.values[0]}” in {page_title(doc.title)}.")
        elif reading.asked is not None and reading.values:
            text = (f"{'Yes' if yes else 'No'}. For {key.name}, "
                    f"“{table.header[reading.asked]}” is “{reading.values[0]}”.")
        elif reading.verdict == "no":
            text = (f"No. {key.item} is listed with {join_names(list(reading.values))}, "
                    f"not with what the question names.")
        else:
            header = table.header[key.col] or table.section or "the table"
            rows = "; ".join(f"“{s.quote}”" for s in sources[:6])
            text = (f"Yes. {key.item} is listed under “{header}” in {page_title(doc.title)}: "
                    f"{rows}.")
        direct = sum(t.weight for t in reading.coverage.primary) / q.total_weight
        return Finding("yes" if yes else "no", coverage + 0.1 * direct + bonus + 0.02,
                       coverage, sources, text, doc.path, "table")
    if q.yes_no:
        return None
    values = list(reading.values)
    if reading.asked == key.col and fold(values[0]).startswith(fold(key.name)):
        text = end_with_period(values[0])  # the named cell says it all
    elif reading.asked == key.col:  # "where is X": the place written after X
        text = f"{key.name}: {values[0]}."
        for note, place in _elsewhere(table, key.name, values[0]):
            text += (f" Note: the footnote at line {note.line} places {key.name} in "
                     f"{place}: “{note.text}”")
            sources.append(Source(path=table.path, doc_path=doc.path, title=doc.title,
                                  section=table.section, line_start=note.line or 0,
                                  line_end=note.line or 0, quote=note.text or "",
                                  date=doc.date))
    else:
        header = table.header[reading.asked] if reading.asked is not None else ""
        subject = key.name if len(reading.rows) == 1 else key.name
        text = f"{subject} — {header}: {join_names(values)}." if header else (
            f"{subject}: {join_names(values)}.")
    if not fits_answer_kind(q, " ".join(values)):
        coverage *= 0.85
    direct = sum(t.weight for t in reading.coverage.primary) / q.total_weight
    # A named row and a matching header (or the place after the name, for "where"): the
    # table answers exactly what was asked; a longer name is a surer match.
    exact = 0.05 if reading.asked is not None else 0.02
    exact += 0.02 * min(key.size, 3)
    return Finding("answer", coverage + 0.1 * direct + bonus + exact, coverage, sources,
                   text, doc.path, "table")



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


def _strip_yes_no(text: str) -> str:
    stripped = text.lstrip()
    for lead in ("Yes.", "Yes,", "No.", "No,"):
        if stripped.startswith(lead):
            rest = stripped[len(lead):].strip()
            return rest[:1].upper() + rest[1:] if rest else stripped
    return text


def _says_nothing_of_predicate(q: Question, st: Statement) -> bool:
    """True when a factual question's own words (neither the names it asks about nor the
    noun its wh-word asks for) are all missing from the statement."""
    focus = set(q.focus)
    predicate = [t for t in q.terms if not t.name and not set(t.stems) & focus]
    return bool(predicate) and all(t in st.coverage.missing for t in predicate)


def _has_focus(q: Question, st: Statement) -> bool:
    if not q.focus:
        return True
    v = context_views(st.answer_text, st.passage.text)
    # The question's own term for the noun, with its synonyms ("workaround": "alternative").
    focus = [t for t in q.terms if set(t.stems) & set(q.focus)] or [term_for(f)
                                                                     for f in q.focus]
    return any(view.has(t) for view in v for t in focus)


def short(text: str, limit: int = 160) -> str:
    """``text`` cut at a word boundary to ``limit`` characters (an ellipsis marks the cut)."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


_LEADS_INTO = re.compile(r"[,:]?\s*(?:(?:including|such as|for example)\s+)?(?:the following"
                        r"(?:\s+\w+)?)?\s*:?\s*$", re.IGNORECASE)


def _case_of(item) -> str:
    """An exception item in a few words: its first sentence, without the "including the
    following:" that leads into its sub-items."""
    first = (sentences(item_sentences(item)) or [item.text])[0]
    return _LEADS_INTO.sub("", first.rstrip(". ")).strip() or first


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text

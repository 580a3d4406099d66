"""The gaps log: what support asked that the docs did not answer, as a to-do list for writers.

Each question the app answers "unknown", and each answer a user marks wrong (with an optional
word of why), is appended to a log of JSON lines: the question, the verdict, the nearest docs
and sections, the time. ``assistant gaps`` and the app's gaps view read it back with similar
questions grouped, most asked first.

Where it lives: ``ASSISTANT_GAPS`` names the file (empty: keep none), else ``gaps`` in the
settings (a file a whole team can share), else ``$XDG_STATE_HOME/docs-assistant/gaps.jsonl``.
Someone who keeps no question history (``ASSISTANT_HISTORY`` set empty) keeps no gaps either,
unless ``ASSISTANT_GAPS`` names a file: both logs hold the questions people asked.

Many writers may append to one shared file at once: each line is written by one ``write()``
on a file opened with ``O_APPEND``, under an exclusive ``flock``, so lines never interleave
(``O_APPEND`` alone keeps small lines whole on a local disk; the lock covers long lines and
network filesystems that honour it).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import os
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .config import Config
from .model import Answer, Citation, to_json_data
from .printable import CONTROL

try:  # not on Windows, where O_APPEND is all there is
    import fcntl
except ImportError:  # pragma: no cover - exercised on Windows only
    fcntl = None  # type: ignore[assignment]

GAPS_ENV = "ASSISTANT_GAPS"
HISTORY_ENV = "ASSISTANT_HISTORY"  # the question history's opt-out (assistant/tui/history.py)

Kind = Literal["unknown", "wrong"]

# A log line stays a few kilobytes at most, however long the text pasted into the app.
_QUESTION_CHARS = 1000
_ANSWER_CHARS = 500
_REASON_CHARS = 300
_NAME_CHARS = 200
_NEAREST = 5
"""How many of an answer's citations and related passages are kept as its nearest docs."""

TELLING_SHARE = 0.5
"""Two questions ask the same thing when the one with fewer stems shares more than this share
of them with the other, taken rarest first (its *telling* stems; stems are weighted by how
few of the logged questions use them; with as many stems, both must). A question is mostly
its subject ("Pro licence") plus a word or two saying what is asked of it ("cost", "price
per month"): sharing the rare words of the subject is sharing the question. Sharing a
product name alone ("Is Hindi supported in Customer Service Insights?", "Does Customer
Service Insights support HIPAA?") is not: "hindi", the rarest, is not shared. Among stems
equally rare (in a short log every stem is), the shared ones count first."""

# "how much" and "how many" say what kind of value is asked, not what it is about (the other
# wh-words and "how" itself are stop words already).
_HOW_WORDS = frozenset({"much", "many", "long", "often", "soon"})


@dataclass(frozen=True, slots=True)
class Nearest:
    """A place in the docs near a question that they did not answer."""

    path: str
    """The file (as the index stores it)."""
    title: str
    """Title of the doc."""
    section: str
    """Heading of the section."""
    line: int
    """First line of the passage."""


@dataclass(frozen=True, slots=True)
class Gap:
    """One logged question: answered "unknown", or answered and marked wrong."""

    time: str
    """When, as ISO 8601 in UTC (``2026-12-03T14:05:12+00:00``)."""
    kind: Kind
    """``unknown`` (the docs had nothing) or ``wrong`` (a user said the answer was wrong)."""
    question: str
    """The question as asked."""
    verdict: str
    """The answer's verdict (``unknown``, ``yes``, ``no``, ``answer``)."""
    tier: str
    """How sure the answer was (``sure``, ``quoted``, ``none``)."""
    answer: str
    """The answer's words (what was marked wrong)."""
    nearest: tuple[Nearest, ...]
    """The docs and sections the answer cited or found nearest, best first."""
    reason: str | None = None
    """Why the user marked it wrong, when they said."""

    @property
    def when(self) -> dt.datetime:
        """``time`` as an aware datetime."""
        return _parse_time(self.time)


@dataclass(frozen=True, slots=True)
class LogRead:
    """What was read from a gaps log."""

    gaps: tuple[Gap, ...]
    """The gaps, in the order logged."""
    unreadable: int
    """Lines that were not a gap (cut short by a crash, edited by hand): skipped."""


@dataclass(frozen=True, slots=True)
class Wording:
    """One way a group's question was asked."""

    question: str
    """As first asked in this wording."""
    count: int
    """How many times."""


@dataclass(frozen=True, slots=True)
class GapGroup:
    """Questions that ask the same thing, with the docs nearest to them."""

    question: str
    """The most asked wording."""
    count: int
    """How many times the group was logged."""
    unknown: int
    """Of those, answered "unknown"."""
    wrong: int
    """Of those, marked wrong."""
    wordings: tuple[Wording, ...]
    """Every wording, most asked first (the first is ``question``)."""
    reasons: tuple[str, ...]
    """Why answers were marked wrong, as the users said it (each once)."""
    first: str
    """Time of the first gap (ISO 8601)."""
    last: str
    """Time of the last gap (ISO 8601)."""
    nearest: tuple[Nearest, ...]
    """The docs and sections nearest to the group, most often nearest first."""


# -- where the log is -------------------------------------------------------------------


def gaps_path(config: Config | None = None,
              environ: Mapping[str, str] = os.environ) -> Path | None:
    """The gaps log for this run, or None when none is kept (see the module's docstring)."""
    chosen = environ.get(GAPS_ENV)
    if chosen is not None:
        return Path(chosen).expanduser() if chosen.strip() else None
    history = environ.get(HISTORY_ENV)
    if history is not None and not history.strip():
        return None
    if config is not None and config.gaps:
        return Path(config.gaps).expanduser()
    state = environ.get("XDG_STATE_HOME") or os.path.join("~", ".local", "state")
    return Path(state).expanduser() / "docs-assistant" / "gaps.jsonl"


# -- writing ----------------------------------------------------------------------------


def gap_from_answer(answer: Answer, kind: Kind, reason: str | None = None, *,
                    now: dt.datetime | None = None) -> Gap:
    """The gap an answer makes: ``unknown`` for one the docs did not answer, ``wrong`` for one
    a user marked wrong (``reason``: their word of why, if any)."""
    when = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    reason = " ".join((reason or "").split())[:_REASON_CHARS] or None
    return Gap(
        time=when.isoformat(timespec="seconds"),
        kind=kind,
        question=" ".join(answer.question.split())[:_QUESTION_CHARS],
        verdict=answer.verdict,
        tier=answer.tier,
        answer=" ".join(answer.answer.split())[:_ANSWER_CHARS],
        nearest=_nearest_of(answer),
        reason=reason,
    )


def _nearest_of(answer: Answer) -> tuple[Nearest, ...]:
    out: list[Nearest] = []
    seen: set[tuple[str, str]] = set()
    citations: Sequence[Citation] = (*answer.citations, *answer.related)
    for citation in citations:
        place = (citation.path, citation.section)
        if place in seen:
            continue
        seen.add(place)
        out.append(Nearest(citation.path, citation.title[:_NAME_CHARS],
                           citation.section[:_NAME_CHARS], citation.line_start))
        if len(out) == _NEAREST:
            break
    return tuple(out)


def json_text(data: Any, *, indent: int | None = None) -> str:
    """JSON with non-ASCII text kept readable but every control character and bidi override
    escaped (``\\u001b``): doc and question text is data, also in a file someone cats."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    # Such characters can only occur inside JSON strings, where \\uXXXX is their escape.
    return CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class GapsLog:
    """The gaps log file (None: keep nothing)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        """The file, or None when gaps are not kept."""

    def append(self, gap: Gap) -> bool:
        """Add ``gap`` as one line; False when no log is kept. Raises ``OSError`` when the
        file cannot be written."""
        if self.path is None:
            return False
        line = (json_text(to_json_data(gap)) + "\n").encode("utf-8")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            with _locked(descriptor):
                written = 0
                while written < len(line):  # a short write continues under the same lock
                    written += os.write(descriptor, line[written:])
        finally:
            os.close(descriptor)
        return True

    def read(self, since: dt.datetime | None = None) -> LogRead:
        """Every gap logged (at or after ``since``); a missing file holds none."""
        if self.path is None:
            return LogRead((), 0)
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return LogRead((), 0)
        gaps: list[Gap] = []
        unreadable = 0
        for line in text.splitlines():
            if not line.strip():
                continue
            gap = _gap_from_line(line)
            if gap is None:
                unreadable += 1
            elif since is None or gap.when >= since:
                gaps.append(gap)
        return LogRead(tuple(gaps), unreadable)


@contextlib.contextmanager
def _locked(descriptor: int) -> Iterator[None]:
    if fcntl is None:
        yield
        return
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(descriptor, fcntl.LOCK_UN)


def _parse_time(text: str) -> dt.datetime:
    when = dt.datetime.fromisoformat(text)
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


def _gap_from_line(line: str) -> Gap | None:
    try:
        data = json.loads(line)
        nearest = tuple(
            Nearest(str(n["path"]), str(n.get("title", "")), str(n.get("section", "")),
                    int(n.get("line", 1)))
            for n in data.get("nearest", ())
        )
        kind = data["kind"]
        if kind not in ("unknown", "wrong"):
            return None
        gap = Gap(
            time=str(data["time"]),
            kind=kind,
            question=str(data["question"]),
            verdict=str(data.get("verdict", "")),
            tier=str(data.get("tier", "")),
            answer=str(data.get("answer", "")),
            nearest=nearest,
            reason=str(data["reason"]) if data.get("reason") else None,
        )
        gap.when  # noqa: B018 - a time that does not parse makes the line unreadable
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    return gap


# -- grouping ---------------------------------------------------------------------------


def question_stems(question: str) -> frozenset[str]:
    """The stems that say what ``question`` is about: its words without stop words or the
    quantity word of "how much"/"how many"."""
    # Imported here: the stemmer takes a moment to load, and the app logs gaps from its first
    # screen but groups them only when the gaps view is opened.
    from .words import STOP_WORDS, stem, words

    tokens = words(question)
    kept = [
        token for position, token in enumerate(tokens)
        if token not in STOP_WORDS
        and not (token in _HOW_WORDS and position > 0 and tokens[position - 1] == "how")
    ]
    return frozenset(stem(token) for token in kept)


def _wording_key(question: str) -> str:
    # The same question typed with other capitals or punctuation is one wording.
    from .words import words

    return " ".join(words(question))


@dataclass(frozen=True, slots=True)
class StemUsage:
    """How many of the logged questions use each stem: what makes a stem rare."""

    questions: int
    """Distinct wordings logged (a question asked fifty times is one question here)."""
    using: Mapping[str, int]
    """Stem -> how many of those wordings use it."""

    @classmethod
    def of(cls, stem_sets: Sequence[frozenset[str]]) -> StemUsage:
        """The usage over these questions' stems."""
        return cls(len(stem_sets), Counter(s for stems in stem_sets for s in stems))

    def weights(self, first: frozenset[str], second: frozenset[str]) -> dict[str, float]:
        """Each stem's weight for comparing two questions: ``log(1 + questions / (1 + others
        using it))``. The two being compared are left out of the count, so in a short log
        the very words they share do not make those words look common."""
        out: dict[str, float] = {}
        for s in first | second:
            others = self.using.get(s, 0) - (s in first) - (s in second)
            out[s] = math.log(1 + self.questions / (1 + max(0, others)))
        return out


def similarity(first: frozenset[str], second: frozenset[str], usage: StemUsage) -> float:
    """How far two questions ask the same thing, 0 to 1: 0 unless the one with fewer stems
    shares all its telling stems with the other (both must, when they have as many; see
    :data:`TELLING_SHARE`), else the share of its weight that the shared stems carry."""
    if not first or not second:
        return 1.0 if first == second else 0.0
    weight = usage.weights(first, second)
    shared = first & second
    fewest = min(len(first), len(second))
    sides = [stems for stems in (first, second) if len(stems) == fewest]
    for stems in sides:
        ranked = sorted(stems, key=lambda s: (-weight[s], s not in shared, s))
        telling = ranked[: int(len(ranked) * TELLING_SHARE) + 1]
        if not shared.issuperset(telling):
            return 0.0
    carried = sum(weight[s] for s in shared)
    return min(carried / sum(weight[s] for s in stems) for stems in sides)


def group_gaps(gaps: Sequence[Gap]) -> list[GapGroup]:
    """Similar questions grouped, most asked first (ties: the most recent first).

    Wordings are taken most asked first; each joins the group whose first wording it is most
    similar to (see :func:`similarity`), or starts a group of its own. Comparing with a group's
    first wording only (not with every member) keeps a chain of near neighbours from pulling
    unrelated questions together.
    """
    by_wording: dict[str, list[Gap]] = defaultdict(list)
    for gap in gaps:
        by_wording[_wording_key(gap.question)].append(gap)
    order = sorted(by_wording, key=lambda k: (-len(by_wording[k]),
                                              min(g.when for g in by_wording[k])))
    stems = {k: question_stems(by_wording[k][0].question) for k in order}
    usage = StemUsage.of([stems[k] for k in order])

    groups: list[list[str]] = []
    heads_by_stem: dict[str, list[int]] = defaultdict(list)  # stem -> groups whose head has it
    for key in order:
        candidates = {g for s in stems[key] for g in heads_by_stem[s]}
        best, best_score = None, 0.0
        for number in sorted(candidates):
            score = similarity(stems[key], stems[groups[number][0]], usage)
            if score > best_score:
                best, best_score = number, score
        if best is None:
            groups.append([key])
            for s in stems[key]:
                heads_by_stem[s].append(len(groups) - 1)
        else:
            groups[best].append(key)

    made = [_group([(k, by_wording[k]) for k in members]) for members in groups]
    made.sort(key=lambda g: (-g.count, _negated_time(g.last)))
    return made


def _negated_time(iso: str) -> float:
    return -_parse_time(iso).timestamp()


def _group(members: list[tuple[str, list[Gap]]]) -> GapGroup:
    all_gaps = [gap for _, logged in members for gap in logged]
    wordings = tuple(Wording(logged[0].question, len(logged)) for _, logged in members)
    reasons: list[str] = []
    for gap in all_gaps:
        if gap.reason and gap.reason not in reasons:
            reasons.append(gap.reason)
    # A place counts more the nearer it was to each question (first nearest counts 1, then 1/2...).
    score: dict[tuple[str, str], float] = defaultdict(float)
    place: dict[tuple[str, str], Nearest] = {}
    for gap in all_gaps:
        for rank, near in enumerate(gap.nearest):
            spot = (near.path, near.section)
            score[spot] += 1 / (rank + 1)
            place.setdefault(spot, near)
    ranked = sorted(score, key=lambda spot: -score[spot])  # (stable: first seen first on ties)
    nearest = tuple(place[spot] for spot in ranked[:3])
    times = [gap.time for gap in all_gaps]
    return GapGroup(
        question=wordings[0].question,
        count=len(all_gaps),
        unknown=sum(1 for g in all_gaps if g.kind == "unknown"),
        wrong=sum(1 for g in all_gaps if g.kind == "wrong"),
        wordings=wordings,
        reasons=tuple(reasons),
        first=min(times, key=_parse_time),
        last=max(times, key=_parse_time),
        nearest=nearest,
    )


def local_time(iso: str) -> str:
    """A logged time as the user's local ``YYYY-MM-DD HH:MM``."""
    return _parse_time(iso).astimezone().strftime("%Y-%m-%d %H:%M")


def parse_since(text: str) -> dt.datetime:
    """``--since``: a date (``2026-12-01``, from local midnight) or a date and time
    (``2026-12-01T09:30``, local unless it gives its offset). Raises ``ValueError``."""
    when = dt.datetime.fromisoformat(text.strip())
    if when.tzinfo is None:
        when = when.astimezone()  # a naive time is the user's local time
    return when


__all__ = [
    "GAPS_ENV",
        "Gap",
    "GapGroup",
    "GapsLog",
    "Kind",
    "LogRead",
    "Nearest",
    "Wording",
    "gap_from_answer",
    "gaps_path",
    "group_gaps",
    "json_text",
    "local_time",
    "parse_since",
    "question_stems",
    "TELLING_SHARE",
    "StemUsage",
    "similarity",
]

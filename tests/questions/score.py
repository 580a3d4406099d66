"""Score the answerer on the public question set (``questions.jsonl``).

The public set is every ``*.jsonl`` file here: ``questions.jsonl`` and the batches written
blind from unread docs (``heldout_a.jsonl`` ... ``heldout_c.jsonl``; see their first scores in
the git log), tuned against since. A question marked ``"known_failure": true`` is one the
answerer is known to get wrong: it stays in the set (and in the share) and is reported apart,
so a fix shows.

``blind/`` holds batches kept *out* of the public set: written from docs no question had
cited, scored before any change they prompted, and not tuned against wholesale, so their
score says how the answerer does on questions it has not seen (``blind/heldout_d.jsonl``:
17/32 on first scoring; ``blind/heldout_e.jsonl``: 60 questions in real users' phrasing,
written by a helper the developer never read, 12/60 on first scoring;
``blind/heldout_g.jsonl``: 56 more, from 43 other uncited docs, 10/56 on first scoring;
``blind/heldout_h.jsonl``: 65 more, from 37 other uncited docs, 19/65 on first scoring;
``blind/heldout_i.jsonl``: 60 more, from 43 other uncited docs, 17/60 on first scoring;
``blind/heldout_j.jsonl``: 60 more, from 42 other uncited docs, 15/60 on first scoring and
16/60 at the end of the session that added it).
Score one with ``--questions``.

``dev/`` holds batches in real users' phrasing that *are* read and tuned against, but are
not held to the public set's bar (``dev/heldout_f.jsonl``: 6/48 on first scoring). The real
questions from public GitHub issues are ``../shared/questions/real-dev.jsonl`` (same format).

A question may list ``also_ok``: other verdicts a user accepts (a plain answer to a yes/no
question). Every miss is put in one class (``MISS_CLASSES``), worst first: a wrong yes/no,
an answer to what the docs do not answer, an "unknown" though the docs answer, the right
verdict with the wrong fact or line. "Useful" counts answers that cite the settling line
with a verdict that is not wrong.

Each question names its corpus (``seed`` = the repo's ``corpus/``, or a folder of
``../shared/corpora``), the expected verdict, facts the answer text must contain
(case-insensitive; a fact given as a list is satisfied by any one of its spellings), and
where the answer must cite: ``{"path": P, "line": N}`` (a citation of
a file whose path below the corpus root matches the glob ``P`` and whose lines include ``N``)
or ``{"path": P, "holds": TEXT}`` (... whose lines include a line containing ``TEXT``). Any one
of the listed places will do. A question is *fully right* when verdict, facts and citation
all are. Questions expected to be "unknown" have no facts and no citation.

The baseline is plain BM25: does the top search hit for the question, as typed, fall on an
expected place? (Counted over the questions that have an expected citation.)

    .venv/bin/python -m tests.questions.score            # the public set, corpora present
    .venv/bin/python -m tests.questions.score --corpus seed -v
    .venv/bin/python -m tests.questions.score --questions tests/questions/heldout_b.jsonl
    .venv/bin/python -m tests.questions.score --questions tests/questions/blind/heldout_d.jsonl
    .venv/bin/python -m tests.questions.score --questions ../shared/questions/real-dev.jsonl \
        --index-cache /tmp/ask-indexes        # keep the indexes between runs
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
QUESTIONS = HERE / "questions.jsonl"
BLIND = HERE / "blind"
DEV = HERE / "dev"
CORPORA = Path(os.environ.get("ASSISTANT_CORPORA", REPO.parent / "shared" / "corpora"))


def public_files() -> list[Path]:
    """The files of the public set: ``questions.jsonl`` first, then the held-out batches."""
    return sorted(HERE.glob("*.jsonl"), key=lambda p: (p != QUESTIONS, p.name))


def load_questions(path: Path | None = None) -> list[dict]:
    """One question file in file order, or (no path) the whole public set."""
    paths = [path] if path is not None else public_files()
    out: list[dict] = []
    for each in paths:
        with open(each, encoding="utf-8") as handle:
            out.extend(json.loads(line) for line in handle if line.strip())
    return out


def corpus_root(name: str) -> Path:
    """Where a question's corpus lives."""
    return REPO / "corpus" if name == "seed" else CORPORA / name


@dataclass
class Judgement:
    """How one answer fared."""

    qid: str
    verdict_ok: bool
    facts_ok: bool
    cite_ok: bool
    baseline_ok: bool | None
    problems: list[str] = field(default_factory=list)
    known: bool = False
    """Marked ``known_failure`` in the question set."""
    verdict_class: str = ""
    """The miss class of the verdict alone (``MISS_CLASSES``), "" when it is accepted."""
    settling_cited: bool = False
    """An expected place is among the citations."""

    @property
    def ok(self) -> bool:
        return self.verdict_ok and self.facts_ok and self.cite_ok

    @property
    def miss(self) -> str:
        """Which class of miss this is ("" when fully right)."""
        if self.ok:
            return ""
        return self.verdict_class or "wrong-place"

    @property
    def useful(self) -> bool:
        """The settling line is cited and the verdict is not a wrong yes/no."""
        return self.settling_cited and self.verdict_class not in (
            "wrong-yes-no", "answered-unanswerable")


def _relative(path: str, root: Path) -> str:
    return os.path.relpath(os.path.abspath(path), os.path.abspath(root)).replace(os.sep, "/")


def place_matches(spec: dict, path: str, line_start: int, line_end: int, root: Path) -> bool:
    """Whether a cited place (path, lines) satisfies one expected-citation spec."""
    if not fnmatch.fnmatch(_relative(path, root), spec["path"]):
        return False
    if "line" in spec:
        return line_start <= spec["line"] <= line_end
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return False
    return any(spec["holds"] in lines[n - 1] for n in range(line_start, line_end + 1)
               if 0 < n <= len(lines))


def judge(question: dict, answer, root: Path, top_hit=None) -> Judgement:
    """Compare one answer (an ``assistant.model.Answer``) with its expectations."""
    problems: list[str] = []
    accepted = accepted_verdicts(question)
    verdict_ok = answer.verdict in accepted
    if not verdict_ok:
        problems.append(f"verdict {answer.verdict!r}, expected {' or '.join(map(repr, accepted))}")
    text = answer.answer.casefold()
    missing = [f for f in question["facts"]
               if not any(alt.casefold() in text for alt in ([f] if isinstance(f, str) else f))]
    if missing:
        problems.append(f"answer lacks {missing}")
    specs = question["cite"]
    cite_ok = not specs or any(
        place_matches(spec, c.path, c.line_start, c.line_end, root)
        for c in answer.citations for spec in specs)
    if not cite_ok:
        cited = [f"{_relative(c.path, root)}:{c.line_start}-{c.line_end}"
                 for c in answer.citations]
        problems.append(f"cites {cited}, expected one of {specs}")
    baseline_ok = None
    if specs:
        baseline_ok = top_hit is not None and any(
            place_matches(spec, top_hit.path, top_hit.line_start, top_hit.line_end, root)
            for spec in specs)
    settled = bool(specs) and any(
        place_matches(spec, c.path, c.line_start, c.line_end, root)
        for c in answer.citations for spec in specs)
    return Judgement(question["id"], verdict_ok, not missing, cite_ok, baseline_ok, problems,
                     bool(question.get("known_failure")),
                     miss_class(question, answer.verdict, verdict_ok), settled)


def accepted_verdicts(question: dict) -> list[str]:
    """The expected verdict, then the others a user accepts (``also_ok``)."""
    return [question["verdict"], *question.get("also_ok", ())]


# What kind of miss an answer is, worst first (see the developers' guide, "How we measure").
MISS_CLASSES = {
    "wrong-yes-no": "a yes/no the docs contradict (or give no ground for)",
    "answered-unanswerable": "answered what the docs do not answer",
    "unknown-answerable": "\"unknown\" though the docs answer",
    "wrong-place": "right verdict, wrong fact or line",
}


def miss_class(question: dict, verdict: str, verdict_ok: bool) -> str:
    """The class of a verdict: "" when the verdict is accepted (a wrong fact or line is then
    "wrong-place", decided by the caller)."""
    if verdict_ok:
        return ""
    if question["verdict"] == "unknown":
        return "answered-unanswerable"
    if verdict == "unknown":
        return "unknown-answerable"
    if verdict in ("yes", "no"):
        return "wrong-yes-no"
    # A plain answer where a yes/no was wanted: not wrong, but not the verdict.
    return "wrong-place"


@dataclass
class Report:
    """The score of a run."""

    judgements: list[Judgement]
    seconds: list[float]
    answers: list = field(default_factory=list)
    """The answers given (``assistant.model.Answer``), in the order asked."""

    @property
    def share(self) -> float:
        return sum(j.ok for j in self.judgements) / max(1, len(self.judgements))

    @property
    def baseline_share(self) -> float:
        scored = [j for j in self.judgements if j.baseline_ok is not None]
        return sum(bool(j.baseline_ok) for j in scored) / max(1, len(scored))

    def lines(self, verbose: bool = False) -> list[str]:
        n = len(self.judgements)
        ok = sum(j.ok for j in self.judgements)
        scored = [j for j in self.judgements if j.baseline_ok is not None]
        out = [f"fully right: {ok}/{n} = {self.share:.1%}",
               f"  verdict right: {sum(j.verdict_ok for j in self.judgements)}/{n}, "
               f"facts: {sum(j.facts_ok for j in self.judgements)}/{n}, "
               f"citation: {sum(j.cite_ok for j in self.judgements)}/{n}",
               f"BM25 top-1 baseline (top hit on an expected place): "
               f"{sum(bool(j.baseline_ok) for j in scored)}/{len(scored)} = "
               f"{self.baseline_share:.1%}"]
        out.append(f"useful (settling line cited, verdict not wrong): "
                   f"{sum(j.useful for j in scored)}/{len(scored)}")
        classes = {c: sum(j.miss == c for j in self.judgements) for c in MISS_CLASSES}
        out.append("misses: " + ", ".join(f"{c} {n}" for c, n in classes.items()))
        known = [j for j in self.judgements if j.known]
        if known:
            out.append(f"known failures (marked known_failure, counted above): "
                       f"{sum(not j.ok for j in known)} of {len(known)} still fail")
        if self.seconds:
            ms = sorted(s * 1000 for s in self.seconds)
            out.append(f"latency: p50 {ms[len(ms) // 2]:.1f} ms, max {ms[-1]:.1f} ms")
        for j in self.judgements:
            if j.ok and j.known:
                label = "PASS"  # a known failure fixed: take its marker off
            elif j.ok:
                label = "ok  "
            else:
                label = "KNWN" if j.known else "FAIL"
            if not j.ok or verbose or j.known:
                why = f"[{j.miss}] " if j.miss else ""
                out.append(f"  {label} {j.qid}: {why}{'; '.join(j.problems)}")
        return out


def build_indexes(names: list[str], workdir: str) -> dict[str, str]:
    """One index per corpus, built into ``workdir``."""
    from assistant.search import build_index

    out = {}
    for name in names:
        index_dir = os.path.join(workdir, name)
        # One parser process: parallel builds order the versions of one page differently
        # from run to run, and search breaks ties between them by that order.
        build_index([str(corpus_root(name))], index_dir, jobs=1)
        out[name] = index_dir
    return out


def run(questions: list[dict], index_dirs: dict[str, str]) -> Report:
    """Answer every question whose corpus has an index; judge the answers."""
    from assistant.answer import Answerer
    from assistant.config import Config
    from assistant.search import Index

    judgements: list[Judgement] = []
    seconds: list[float] = []
    answers: list = []
    for name, index_dir in index_dirs.items():
        with Index.open(index_dir) as index:
            answerer = Answerer(index, config=Config())
            for question in questions:
                if question["corpus"] != name:
                    continue
                started = time.perf_counter()
                answer = answerer.ask(question["question"])
                seconds.append(time.perf_counter() - started)
                answers.append(answer)
                hits = index.search(question["question"], limit=1)
                top = hits[0].passage if hits else None
                judgements.append(judge(question, answer, corpus_root(name), top))
    order = {q["id"]: i for i, q in enumerate(questions)}
    judgements.sort(key=lambda j: order[j.qid])
    return Report(judgements, seconds, answers)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append",
                        help="only these corpora (seed, d365-ai-2019, ...)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every question")
    parser.add_argument("--questions", type=Path, action="append",
                        help="score this question file (repeatable; default: the public set)")
    parser.add_argument("--index-cache", type=Path,
                        help="keep the indexes here between runs (rebuilt incrementally)")
    parser.add_argument("--answers", type=Path,
                        help="write every answer as JSON lines here (to compare two runs)")
    args = parser.parse_args(argv)
    questions = ([q for path in args.questions for q in load_questions(path)]
                 if args.questions else load_questions())
    names = args.corpus or sorted({q["corpus"] for q in questions})
    present = [n for n in names if corpus_root(n).is_dir()]
    for n in set(names) - set(present):
        print(f"skipping {n}: {corpus_root(n)} not found", file=sys.stderr)
    if args.index_cache:
        report = run(questions, build_indexes(present, str(args.index_cache)))
    else:
        with tempfile.TemporaryDirectory(prefix="ask-score-") as workdir:
            report = run(questions, build_indexes(present, workdir))
    print("\n".join(report.lines(args.verbose)))
    if args.answers:
        from assistant.model import to_json_data

        with open(args.answers, "w", encoding="utf-8") as out:
            for answer in report.answers:
                out.write(json.dumps(to_json_data(answer), ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Per-question latency of ``assistant ask --batch`` on an index of the whole corpora (a script).

    .venv/bin/python tests/benchmarks/bench_ask.py [--corpora DIR] [--index DIR] [--keep]
        [--rounds N]

Builds an index of every doc under ``--corpora`` (default ../shared/corpora: the small corpora
and scale/, about 19,600 docs) into a temporary folder, or reuses ``--index DIR`` when it
already holds one. Then answers the public question set (every tests/questions/*.jsonl) the
way ``--batch`` does (one Answerer, reused), ``--rounds`` times, and prints the time to set
the answerer up and the per-question latency: p50, p95 and max, as wall time and as CPU time
of this process (the CPU figure stays honest when other jobs load the machine). Targets:
p50 under 50 ms, p95 under 200 ms. It also scores the questions against this one combined
index (harder than the per-corpus scoring of the test suite: every other doc competes) and
checks every citation with ``quote_holds``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests"))

from questions.score import corpus_root, judge, load_questions  # noqa: E402

from assistant import collector  # noqa: E402
from assistant.answer import Answerer, quote_holds  # noqa: E402
from assistant.config import Config  # noqa: E402
from assistant.search import Index, build_index  # noqa: E402

DEFAULT = Path(os.environ.get("ASSISTANT_CORPORA", REPO.parent / "shared" / "corpora"))


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of the values fall (nearest rank)."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[rank]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT)
    parser.add_argument("--index", help="reuse (or build into) this index folder")
    parser.add_argument("--keep", action="store_true", help="keep the temporary index")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the questions")
    args = parser.parse_args(argv)
    if not args.corpora.is_dir():
        print(f"no corpora at {args.corpora}", file=sys.stderr)
        return 2
    workdir = None
    index_dir = args.index
    if index_dir is None:
        workdir = tempfile.mkdtemp(prefix="bench-ask-")
        index_dir = os.path.join(workdir, "index")
    try:
        started = time.perf_counter()
        summary = build_index([str(args.corpora)], index_dir)
        print(f"index: {summary.docs} docs, {summary.passages} passages, {summary.tables} "
              f"tables, {summary.exception_lists} exception lists "
              f"({'built' if summary.added else 'reused'} in "
              f"{time.perf_counter() - started:.1f} s)")
        questions = [q for q in load_questions() if q["corpus"] != "seed"]
        collector.tune()  # as the command line sets the garbage collector
        with Index.open(index_dir) as index:
            started = time.perf_counter()
            answerer = Answerer(index, config=Config())
            print(f"answerer set up (name tables from the corpus) in "
                  f"{time.perf_counter() - started:.2f} s")
            latencies: list[float] = []
            cpu: list[float] = []
            answers = []
            for round_ in range(args.rounds):
                for q in questions:
                    t0, c0 = time.perf_counter(), time.process_time()
                    answer = answerer.ask(q["question"])
                    latencies.append(time.perf_counter() - t0)
                    cpu.append(time.process_time() - c0)
                    if round_ == 0:
                        answers.append(answer)
        ms = [s * 1000 for s in latencies]
        cpu_ms = [s * 1000 for s in cpu]
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"{len(questions)} questions x {args.rounds} rounds (load average {load:.1f} on "
              f"{os.cpu_count()} cores):")
        print(f"  wall: p50 {percentile(ms, 0.5):.1f} ms, p95 {percentile(ms, 0.95):.1f} ms, "
              f"max {max(ms):.1f} ms (first round: p50 "
              f"{percentile(ms[:len(questions)], 0.5):.1f} ms, p95 "
              f"{percentile(ms[:len(questions)], 0.95):.1f} ms)")
        print(f"  cpu:  p50 {percentile(cpu_ms, 0.5):.1f} ms, p95 "
              f"{percentile(cpu_ms, 0.95):.1f} ms, max {max(cpu_ms):.1f} ms")
        judgements = [judge(q, a, corpus_root(q["corpus"])) for q, a in zip(questions, answers,
                                                                            strict=True)]
        # On one index of everything, another corpus may hold the same text (the versions
        # corpus repeats the d365 doc): count the verdict and facts, and the cited place apart.
        right = sum(j.verdict_ok and j.facts_ok for j in judgements)
        placed = sum(j.ok for j in judgements)
        print(f"on the combined index: verdict and facts right {right}/{len(judgements)} = "
              f"{right / len(judgements):.1%}; also citing the expected file and line "
              f"{placed}/{len(judgements)}")
        for j in judgements:
            if not (j.verdict_ok and j.facts_ok):
                print(f"  FAIL {j.qid}: {'; '.join(j.problems)}")
        citations = [c for a in answers for c in (*a.citations, *a.related)]
        broken = [c for c in citations if not quote_holds(c)]
        print(f"citations checked: {len(citations)}, not holding: {len(broken)}")
    finally:
        if workdir is not None and not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        elif workdir is not None:
            print(f"index kept in {index_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How fast ``assistant check`` runs over the real corpora, and what it finds (a script).

    .venv/bin/python tests/benchmarks/bench_check.py [CORPUS_DIR ...] [--jobs N]
        [--today YYYY-MM-DD] [--sample N] [--seed S] [--baseline] [--workflows]
        [--json-out FILE]

Default corpus: ../shared/corpora (all of it: the small corpora and scale/). Prints the wall
time, docs/s and MB/s, the number of findings per rule, and ``--sample`` random findings (for
an honest review of how many are real). ``--baseline`` first times parsing alone with the
same number of processes, to show what the checks themselves cost. ``--workflows`` also
times what a team adds on top of a check: writing a baseline file of every finding and
checking against it (``--write-baseline`` / ``--baseline``), and planning ``--fix`` (a run
that collects the edits, then the mends worked out per file; nothing is written). Target:
under 30 s for the whole corpora on 2 cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from assistant.check import RULES, check_paths
from assistant.check.baseline import apply_baseline, read_baseline, write_baseline
from assistant.check.fix import plan_fixes
from assistant.check.runner import CheckReport
from assistant.config import Config
from assistant.corpus import find_docs
from assistant.errors import AssistantError
from assistant.model import to_json_data
from assistant.parse import parse_file

REPO = Path(__file__).resolve().parents[2]
DEFAULT = REPO.parent / "shared" / "corpora"


def _parse_chunk(chunk: list[tuple[str, str]]) -> int:
    done = 0
    for path, root in chunk:
        try:
            parse_file(path, root=root)
            done += 1
        except AssistantError:
            pass
    return done


def baseline(roots: list[str], jobs: int) -> float:
    """Seconds to parse every doc (no checks), with ``jobs`` processes."""
    refs = [(r.path, r.root) for r in find_docs(roots)]
    chunks = [refs[i:i + 64] for i in range(0, len(refs), 64)]
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(_parse_chunk, chunks))
    return time.perf_counter() - start


def workflows(report: CheckReport, args: argparse.Namespace, jobs: int) -> None:
    """Time the baseline round trip and the planning of --fix over the same corpus."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "baseline.json")
        start = time.perf_counter()
        entries = write_baseline(path, report)
        written = time.perf_counter()
        left = apply_baseline(report, read_baseline(path), path)
        applied = time.perf_counter()
    print(f"baseline: {entries} entries written in {written - start:.1f} s, read and "
          f"applied in {applied - written:.1f} s: {len(left.findings)} new, "
          f"{left.baselined} known")
    start = time.perf_counter()
    fixing = check_paths(args.corpus, Config(), today=args.today, jobs=jobs, fixing=True)
    checked = time.perf_counter()
    fixes = plan_fixes(fixing)
    planned = time.perf_counter()
    print(f"--fix plan: check collecting edits {checked - start:.1f} s, mends worked out in "
          f"{planned - checked:.1f} s: {sum(len(f.fixed) for f in fixes)} findings in "
          f"{len(fixes)} files")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="*", default=[str(DEFAULT)])
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None)
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--baseline", action="store_true")
    parser.add_argument("--workflows", action="store_true")
    parser.add_argument("--json-out", metavar="FILE", help="also write every finding as JSON")
    args = parser.parse_args()
    missing = [c for c in args.corpus if not os.path.exists(c)]
    if missing:
        print(f"corpus not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    jobs = args.jobs or len(os.sched_getaffinity(0))
    size = sum(os.path.getsize(r.path) for r in find_docs(args.corpus))

    if args.baseline:
        seconds = baseline(args.corpus, jobs)
        print(f"parse only, jobs={jobs}: {seconds:.1f} s")

    start = time.perf_counter()
    report = check_paths(args.corpus, Config(), today=args.today, jobs=jobs)
    seconds = time.perf_counter() - start
    print(f"check, jobs={jobs}: {seconds:.1f} s for {report.files} docs "
          f"({size / 1e6:.1f} MB): {report.files / seconds:.0f} docs/s, "
          f"{size / 1e6 / seconds:.2f} MB/s; {len(report.findings)} findings "
          f"({'under' if seconds < 30 else 'OVER'} the 30 s target)")
    print("phases: " + ", ".join(f"{k} {v:.1f} s" for k, v in report.timings.items()))
    cpu = os.times()
    print(f"CPU: {cpu.user + cpu.children_user:.1f} s user, "
          f"{cpu.system + cpu.children_system:.1f} s system (this process and its workers)")

    if args.workflows:
        workflows(report, args, jobs)

    if args.json_out:
        Path(args.json_out).write_text(json.dumps([to_json_data(f) for f in report.findings]),
                                       encoding="utf-8")
    counts = Counter(f.code for f in report.findings)
    print("\nfindings per rule:")
    for code, rule in RULES.items():
        print(f"  {code:7s} {rule.name:26s} {counts.get(code, 0):7d}")

    if args.sample and report.findings:
        rng = random.Random(args.seed)
        picked = rng.sample(list(report.findings), min(args.sample, len(report.findings)))
        print(f"\n{len(picked)} random findings (seed {args.seed}):")
        for f in sorted(picked, key=lambda f: (f.path, f.line)):
            print(f"  {f.path}:{f.line}:{f.col}: {f.code} {f.message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

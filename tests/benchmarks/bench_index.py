"""Benchmark the index build (a script, not a test).

    .venv/bin/python tests/benchmarks/bench_index.py [CORPUS] [--jobs N] [--whole DIR]

Side by side, on one corpus (default ``../shared/corpora/scale``), each stage in its own
process so its peak memory is its own:

  (a) parse only: every doc parsed and cut into passages, serially;
  (b) whoosh only: the same passages, prepared in memory beforehand, indexed with one
      whoosh writer (the same schema, whoosh's default codec, limitmb=256);
  (c) our full build (``build_index(full=True)``, parallel);
  then a no-op rebuild, and a rebuild after changing one doc. The corpus is never modified:
  the build gets a second root, a temporary folder holding a copy of one of its docs, and
  that copy is what changes.

With ``--whole DIR`` it also builds DIR (e.g. ``../shared/corpora``) once and reports counts.
Last, search latency on the last index built (200 queries: typed questions and doc titles),
with whoosh's own search on the first 30 for comparison.
Figures: wall seconds, CPU seconds (the stage's process and its workers), peak RSS (MB, summed
over the stage's process tree, sampled every 50 ms).
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "scale"


def _usage() -> dict:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "cpu": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
        # ru_maxrss is in KiB on Linux; workers are separate processes, so add the largest.
        "peak_mb": (me.ru_maxrss + kids.ru_maxrss) / 1024,
    }


# -- stages, each run in a child process: python bench_index.py --stage NAME ARGS... -----------
def stage_parse(corpus: str, out: str) -> dict:
    from assistant.corpus import find_docs
    from assistant.errors import AssistantError
    from assistant.parse import clear_include_cache, parse_file
    from assistant.passages import passages_of

    clear_include_cache()
    started = time.perf_counter()
    refs = find_docs([corpus])
    passages, docs, skipped = [], 0, 0
    for ref in refs:
        try:
            doc = parse_file(ref.path, root=ref.root)
        except AssistantError:
            skipped += 1
            continue
        docs += 1
        passages.extend(passages_of(doc, ref.root))
    seconds = time.perf_counter() - started
    with open(out, "wb") as handle:
        pickle.dump(passages, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return {"seconds": seconds, "docs": docs, "skipped": skipped, "passages": len(passages),
            **_usage()}


def stage_whoosh(passages_file: str, folder: str, tuned: str) -> dict:
    from assistant.search.whoosh import schema
    from assistant.search.whoosh._whoosh import index

    with open(passages_file, "rb") as handle:
        passages = pickle.load(handle)
    os.makedirs(folder)
    before = _usage()
    started = time.perf_counter()
    ix = index.create_in(folder, schema.make_schema())
    options = {"codec": schema.codec()} if tuned == "tuned" else {}
    writer = ix.writer(limitmb=256, **options)
    for passage in passages:
        writer.add_document(**schema.entry(passage))
    writer.commit()
    seconds = time.perf_counter() - started
    after = _usage()
    return {"seconds": seconds, "passages": len(passages), "cpu": after["cpu"] - before["cpu"],
            "peak_mb": after["peak_mb"]}


def stage_build(roots: str, folder: str, full: str, jobs: str) -> dict:
    from assistant.search import build_index

    started = time.perf_counter()
    summary = build_index(json.loads(roots), folder, full=full == "full",
                          jobs=int(jobs) or None)
    seconds = time.perf_counter() - started
    data = summary.to_json()
    return {"seconds": seconds, **{k: data[k] for k in ("added", "changed", "removed",
                                                        "unchanged", "skipped", "docs",
                                                        "passages", "tables",
                                                        "exception_lists")},
            "problems": len(summary.problems), **_usage()}


# Questions as support staff type them; the rest of the queries are doc titles picked at
# random (fixed seed), so the set follows whatever corpus is measured.
QUESTIONS = [
    "Can Power BI move my data out of geo?", "which regions are in europe",
    "is customer data encrypted at rest", "where is data stored for australia",
    "how do I restore an environment from a backup", "what happens when I post a sales order",
    "Does Business Central support multiple currencies?", "how to configure IIS logging",
    "set up payment terms discount for a vendor invoice", "power query connector oauth",
]


def stage_search(index_dir: str) -> dict:
    import random
    import statistics

    from assistant.search import Index
    from assistant.search.whoosh.schema import query_terms

    started = time.perf_counter()
    ix = Index.open(index_dir)
    open_ms = 1000 * (time.perf_counter() - started)
    titles = sorted({d.title for d in ix.documents()})
    queries = QUESTIONS + random.Random(7).sample(titles, min(190, len(titles)))
    ix.search("warm up")  # the first search reads the segments' length columns
    timings = []
    for text in queries:
        started = time.perf_counter()
        ix.search(text, limit=10)
        timings.append(1000 * (time.perf_counter() - started))
    reference = []
    for text in queries[:30]:
        started = time.perf_counter()
        ix._whoosh_search(query_terms(text), 10, None, None)
        reference.append(1000 * (time.perf_counter() - started))

    def pct(values: list[float], q: float) -> float:
        return statistics.quantiles(values, n=100)[int(q) - 1]

    return {"open_ms": open_ms, "queries": len(queries), "p50": statistics.median(timings),
            "p95": pct(timings, 95), "max": max(timings), "reference_queries": len(reference),
            "reference_p50": statistics.median(reference), "reference_p95": pct(reference, 95),
            "seconds": 0.0, **_usage()}


STAGES = {"parse": stage_parse, "whoosh": stage_whoosh, "build": stage_build,
          "search": stage_search}


class TreeSampler:
    """Peak RSS (sum over a process and all its descendants) and their CPU, read from /proc.

    Build workers are forked by multiprocessing's fork server, so they are not our waited-for
    children and ``getrusage(RUSAGE_CHILDREN)`` never sees them.
    """

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_kb = 0
        self.cpu_ticks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(0.05)

    def sample(self) -> None:
        parents: dict[int, int] = {}
        stats: dict[int, tuple[int, int]] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
                with open(f"/proc/{entry}/statm") as handle:
                    rss_pages = int(handle.read().split()[1])
            except OSError:
                continue
            parents[int(entry)] = int(fields[1])
            stats[int(entry)] = (int(fields[11]) + int(fields[12]), rss_pages)
        tree, frontier = {self.pid}, [self.pid]
        while frontier:
            parent = frontier.pop()
            for child, ppid in parents.items():
                if ppid == parent and child not in tree:
                    tree.add(child)
                    frontier.append(child)
        rss_kb = 0
        for pid in tree:
            if pid in stats:
                ticks, pages = stats[pid]
                self.cpu_ticks[pid] = max(ticks, self.cpu_ticks.get(pid, 0))
                rss_kb += pages * resource.getpagesize() // 1024
        self.peak_kb = max(self.peak_kb, rss_kb)

    def stop(self) -> tuple[float, float]:
        self._stop.set()
        self._thread.join()
        return sum(self.cpu_ticks.values()) / os.sysconf("SC_CLK_TCK"), self.peak_kb / 1024


def run_stage(name: str, *args: str) -> dict:
    child = subprocess.Popen([sys.executable, __file__, "--stage", name, *args],
                             stdout=subprocess.PIPE, text=True)
    sampler = TreeSampler(child.pid)
    out, _ = child.communicate()
    cpu, peak_mb = sampler.stop()
    if child.returncode:
        raise SystemExit(f"stage {name} failed")
    result = json.loads(out.strip().splitlines()[-1])
    # /proc sampling sees the workers; getrusage in the stage does not. Keep the larger.
    result["cpu"] = max(result["cpu"], cpu)
    result["peak_mb"] = max(result["peak_mb"], peak_mb)
    return result


def line(label: str, result: dict) -> str:
    return (f"{label:<40} {result['seconds']:8.2f} s wall {result['cpu']:8.2f} s cpu "
            f"{result['peak_mb']:8.0f} MB peak")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--jobs", type=int, default=0, help="build processes (0: cores)")
    parser.add_argument("--whole", help="also build this folder once and report counts")
    args = parser.parse_args()
    if not os.path.isdir(args.corpus):
        sys.exit(f"corpus not found: {args.corpus}")
    corpus = os.path.normpath(args.corpus)
    work = Path(tempfile.mkdtemp(prefix="bench-index-"))
    try:
        print(f"corpus: {corpus}  (cores: {os.cpu_count()}, load: {os.getloadavg()[0]:.2f})")
        parsed = run_stage("parse", corpus, str(work / "passages.pickle"))
        print(line("(a) parse only (serial)", parsed),
              f"  {parsed['docs']} docs, {parsed['passages']} passages")
        whoosh_default = run_stage("whoosh", str(work / "passages.pickle"), str(work / "w1"),
                                   "default")
        print(line("(b) whoosh only (one writer)", whoosh_default))
        os.remove(work / "passages.pickle")
        shutil.rmtree(work / "w1", ignore_errors=True)

        # The second root: a copy of one doc of the corpus, which the last rebuild changes.
        extra = work / "extra"
        extra.mkdir()
        by_size = sorted(Path(corpus).rglob("*.md"), key=lambda p: p.stat().st_size)
        sample = by_size[len(by_size) // 2]
        shutil.copy(sample, extra / "changing.md")
        roots = json.dumps([corpus, str(extra)])
        index_dir = str(work / "index")
        full = run_stage("build", roots, index_dir, "full", str(args.jobs))
        print(line("(c) full build", full),
              f"  {full['docs']} docs, {full['passages']} passages, {full['tables']} tables, "
              f"{full['exception_lists']} exception lists, {full['skipped']} skipped")
        noop = run_stage("build", roots, index_dir, "incremental", str(args.jobs))
        print(line("no-op rebuild", noop), f"  {noop['unchanged']} unchanged")
        changing = extra / "changing.md"
        changing.write_text(changing.read_text(encoding="utf-8", errors="replace")
                            + "\nOne more paragraph about okapis.\n", encoding="utf-8")
        one = run_stage("build", roots, index_dir, "incremental", str(args.jobs))
        print(line("rebuild after changing one doc", one), f"  {one['changed']} changed")
        print()
        print(f"full build / (b): {full['seconds'] / whoosh_default['seconds']:.2f}x "
              f"(target <= 1.5x)")
        print(f"no-op / full: {100 * noop['seconds'] / full['seconds']:.1f}% (target <= 3%)")
        print(f"one-doc rebuild: {one['seconds']:.2f} s (target < 2 s)")
        peak = max(r["peak_mb"] for r in (full, noop, one))
        print(f"peak memory of a build: {peak:.0f} MB (target < 1024 MB)")
        searched = index_dir
        if args.whole:
            shutil.rmtree(index_dir, ignore_errors=True)
            searched = str(work / "whole")
            whole = run_stage("build", json.dumps([os.path.normpath(args.whole)]), searched,
                              "full", str(args.jobs))
            print(line(f"whole {args.whole}", whole),
                  f"  {whole['docs']} docs, {whole['passages']} passages, "
                  f"{whole['tables']} tables, {whole['exception_lists']} exception lists, "
                  f"{whole['skipped']} skipped, {whole['problems']} problems reported")
        latency = run_stage("search", searched)
        print(f"search on that index: open {latency['open_ms']:.0f} ms; "
              f"{latency['queries']} queries, p50 {latency['p50']:.1f} ms, "
              f"p95 {latency['p95']:.1f} ms, max {latency['max']:.1f} ms; "
              f"whoosh's own search on the first {latency['reference_queries']}: "
              f"p50 {latency['reference_p50']:.1f} ms, p95 {latency['reference_p95']:.1f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--stage":
        print(json.dumps(STAGES[sys.argv[2]](*sys.argv[3:])))
    else:
        main()

"""Parse throughput on the real corpora (a script, not a test).

    .venv/bin/python tests/benchmarks/bench_parse.py [CORPUS_DIR] [--jobs N] [--limit N]

Default corpus: ../shared/corpora/scale. Prints docs/s and MB/s for one process and for a pool
of --jobs processes (default: the cores), counting bytes as read from disk.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from assistant.corpus import find_docs
from assistant.errors import ParseError
from assistant.parse import parse_file

REPO = Path(__file__).resolve().parents[2]
DEFAULT = REPO.parent / "shared" / "corpora" / "scale"


def _parse_chunk(chunk: list[tuple[str, str]]) -> tuple[int, int, int]:
    """Parse a chunk; returns (docs parsed, docs refused, tables found)."""
    parsed = refused = tables = 0
    for path, root in chunk:
        try:
            tables += len(parse_file(path, root=root).tables)
            parsed += 1
        except ParseError:
            refused += 1
    return parsed, refused, tables


def run(refs: list[tuple[str, str]], jobs: int) -> tuple[float, tuple[int, int, int]]:
    start = time.perf_counter()
    if jobs == 1:
        totals = _parse_chunk(refs)
    else:
        chunks = [refs[i:i + 100] for i in range(0, len(refs), 100)]
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(_parse_chunk, chunks))
        totals = tuple(sum(r[i] for r in results) for i in range(3))  # type: ignore[assignment]
    return time.perf_counter() - start, totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--limit", type=int, default=0, help="parse only the first N docs")
    args = parser.parse_args()
    if not os.path.isdir(args.corpus):
        print(f"corpus not found: {args.corpus} (skipped)")
        return 0
    # Each top-level folder of scale/ is one repository, i.e. its own docset root.
    subdirs = sorted(p for p in Path(args.corpus).iterdir() if p.is_dir())
    roots = [str(p) for p in subdirs] or [args.corpus]
    refs = [(ref.path, ref.root) for ref in find_docs(roots)]
    if args.limit:
        refs = refs[: args.limit]
    size = sum(os.path.getsize(path) for path, _ in refs) / 1e6
    print(f"{len(refs)} docs, {size:.1f} MB in {args.corpus}")
    for jobs in sorted({1, args.jobs}):
        seconds, (parsed, refused, tables) = run(refs, jobs)
        print(f"jobs={jobs}: {seconds:.1f} s, {len(refs) / seconds:.0f} docs/s, "
              f"{size / seconds:.2f} MB/s ({parsed} parsed, {refused} refused as empty/binary, "
              f"{tables} tables)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

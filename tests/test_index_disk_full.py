"""Out of disk at any step of a build (issue 12, item 5), by fault injection: one line on
stderr, exit 2, and the previous index untouched (same generation, same files, same answers),
whether the write that fails is the builder's or a parser process's."""

from __future__ import annotations

import errno
import multiprocessing
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import cli
from assistant.search import Index, build_index, generations, integrity, store
from assistant.search.whoosh import build, segments, worker


def full_disk(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "the-file")


def sqlite_full(*_args: object, **_kwargs: object) -> None:
    raise sqlite3.OperationalError("database or disk is full")


def after(calls: int, fault: Callable[..., None], real: Callable[..., object]
          ) -> Callable[..., object]:
    """``real`` for the first ``calls`` calls, then ``fault``."""
    count = [0]

    def step(*args: object, **kwargs: object) -> object:
        count[0] += 1
        if count[0] > calls:
            fault(*args, **kwargs)
        return real(*args, **kwargs)

    return step


# (where, the attribute to replace, the fault); the parser processes are forked, so a fault
# set here is theirs too.
STEPS = {
    "new generation": (generations, "new_generation", full_disk),
    "hard links and copies": (generations.shutil, "copyfile", full_disk),
    "doc store rows": (store.Store, "put_doc", sqlite_full),
    "pack files": (store.Store, "_append", full_disk),
    "segments (builder)": (worker, "add_to", full_disk),
    "commit": (build, "_commit", full_disk),
    "check of what was written": (build, "_check_written", full_disk),
    "manifest": (integrity, "record", full_disk),
    "syncing the new generation": (generations, "_sync_dir", full_disk),
    "previous pointer": (generations, "_write_small", full_disk),
    # os.replace: the manifest, the previous pointer, then the current pointer (third).
    "current pointer": (generations.os, "replace", after(2, full_disk, os.replace)),
}
WORKER_STEPS = {
    "segments (parser process)": (worker, "add_to", full_disk),
    "parser temporary files": (segments._OwnTempStorage, "temp_storage", full_disk),  # noqa: SLF001
    "half-way through (parser process)": (worker, "add_to", None),
}


def write_corpus(root: Path, count: int, word: str) -> None:
    for n in range(count):
        path = root / f"area{n % 4}" / f"doc{n}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# Doc {n}\n\nThis doc is about {word} number {n}.\n\n"
                        f"| Geo | Region |\n|---|---|\n| Geo{n} | {word} {n} |\n",
                        encoding="utf-8")


@pytest.fixture()
def indexed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, str]:
    """A corpus with a built index, then changed (the next build has work to do)."""
    root, index_dir = tmp_path / "docs", tmp_path / "index"
    write_corpus(root, 40, "alpaca")
    first = build_index([str(root)], str(index_dir), jobs=1)
    write_corpus(root, 40, "vicuna")  # every doc changes
    (root / "area0" / "doc0.md").unlink()
    # Parser processes are forked (they inherit the faults), even if a thread is running.
    monkeypatch.setattr(segments, "_context", lambda: multiprocessing.get_context("fork"))
    assert first.generation
    return root, index_dir, first.generation


def untouched(index_dir: Path, generation: str) -> None:
    assert generations.current_name(str(index_dir)) == generation
    assert [n for n in os.listdir(index_dir) if n.startswith("gen-")] == [generation]
    assert integrity.check(str(index_dir / generation)).ok
    with Index.open(str(index_dir)) as ix:
        assert len(ix.search("alpaca", limit=100, kinds={"paragraph"})) == 40
        assert ix.search("vicuna") == []


def said(stderr: str) -> list[str]:
    """What stderr says besides the progress lines (not a terminal: a few plain lines)."""
    return [line for line in stderr.splitlines()
            if not line.startswith(("indexing ", "writing the index"))]


def build_with_cli(root: Path, index_dir: Path, jobs: int):
    return CliRunner().invoke(cli, ["index", "build", "--corpus", str(root), "--index",
                                    str(index_dir), "--jobs", str(jobs)])


@pytest.mark.parametrize("step", list(STEPS))
def test_out_of_disk_in_the_builder(indexed: tuple[Path, Path, str], step: str,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    root, index_dir, generation = indexed
    owner, name, fault = STEPS[step]
    monkeypatch.setattr(owner, name, fault)
    if step == "hard links and copies":  # a link that fails is copied; the copy fails too
        monkeypatch.setattr(generations.os, "link", full_disk)
    result = build_with_cli(root, index_dir, jobs=1)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = said(result.stderr)
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert ("no space left on device" in lines[0] or "disk is full" in lines[0]), lines[0]
    assert "previous index is untouched" in lines[0]
    monkeypatch.undo()
    untouched(index_dir, generation)
    # With room again, the next build goes through.
    assert build_index([str(root)], str(index_dir)).changed == 39


@pytest.mark.parametrize("step", list(WORKER_STEPS))
def test_out_of_disk_in_a_parser_process(indexed: tuple[Path, Path, str], step: str,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    root, index_dir, generation = indexed
    owner, name, fault = WORKER_STEPS[step]
    real = getattr(owner, name)
    if fault is None:  # the first docs go through, then the disk fills up
        fault = after(6, full_disk, real)
    monkeypatch.setattr(owner, name, fault)
    result = build_with_cli(root, index_dir, jobs=2)
    assert result.exit_code == 2, result.output
    lines = said(result.stderr)
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and "no space left on device" in lines[0]
    assert "previous index is untouched" in lines[0] and "Traceback" not in result.output
    assert not multiprocessing.active_children()  # no parser process left behind
    monkeypatch.undo()
    untouched(index_dir, generation)
    assert build_index([str(root)], str(index_dir), jobs=2).changed == 39


def test_another_failure_in_a_parser_process_is_one_line_too(
        indexed: tuple[Path, Path, str], monkeypatch: pytest.MonkeyPatch) -> None:
    root, index_dir, generation = indexed

    def bug(*_args: object) -> None:
        raise RuntimeError("something no one expected")

    monkeypatch.setattr(worker, "add_to", bug)
    result = build_with_cli(root, index_dir, jobs=2)
    assert result.exit_code == 2
    (line,) = said(result.stderr)
    assert "a parser process failed (RuntimeError: something no one expected)" in line
    assert "previous index is untouched" in line and "Traceback" not in result.output
    monkeypatch.undo()
    untouched(index_dir, generation)

"""A damaged index (issue 12, item 4): every kind of index file truncated, overwritten with
garbage or deleted in turn. Readers say so in one line (the file and the command that mends
it) and never show a traceback; a damaged current generation gives way to the previous one
when that is intact; the next *plain* build finds the damage and mends it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from assistant.cli import cli
from assistant.errors import SearchIndexError
from assistant.search import Index, build_index, generations, integrity

QUESTION = "Can Power BI move my data out of geo?"
KINDS = {  # a file of each kind in a generation
    "docs.sqlite": "docs.sqlite",
    "pack": "pack-*.bin",
    "segment": "MAIN_*.seg",
    "toc": "_MAIN_*.toc",
    "manifest": integrity.MANIFEST,
}


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def two_generations(project: Path, *, shared: bool) -> tuple[str, str]:
    """(previous, current) generation folders. ``shared``: the current one was built
    incrementally, so it shares (hard links) the previous one's segment and pack; else it
    was built in full (nothing shared) from the same docs."""
    first = build_index(["corpus"], "index")
    if shared:
        (project / "corpus" / "new.md").write_text("# New\n\nPangolins are new here.\n")
        second = build_index(["corpus"], "index")
    else:
        second = build_index(["corpus"], "index", full=True)
    assert first.generation and second.generation and first.generation != second.generation
    return (str(project / "index" / first.generation),
            str(project / "index" / second.generation))


def damage(path: Path, how: str) -> None:
    if how == "truncate":
        os.truncate(path, path.stat().st_size // 2)
    elif how == "garbage":
        size = max(path.stat().st_size, 64)
        path.write_bytes(bytes((n * 37 + 11) % 256 for n in range(size)))
    else:
        path.unlink()


def file_of(generation: str, kind: str) -> Path:
    if kind == "CURRENT":
        return Path(generation).parent / generations.POINTER
    found = sorted(Path(generation).glob(KINDS[kind]))
    assert found, kind
    return found[-1]


def one_line(result: Result, path: Path, word: str, *, stale: bool = False) -> str:
    """The one line on stderr: it names the damaged file and the build that mends it
    (``stale``: the previous build answers, and the usual note says docs changed since)."""
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception)
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    if stale and len(lines) == 2:
        assert lines.pop().startswith("note: 1 doc has changed since the index was built")
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(word), lines[0]
    assert f"{path.relative_to(Path.cwd())}" in lines[0]
    assert "mend it with `assistant index build --index index`" in lines[0]
    return lines[0]


def assert_mended_by_a_plain_build() -> None:
    built = run("index", "build")
    assert built.exit_code == 0, built.output
    assert "is damaged" in built.stderr  # it says what it found and mends
    current = generations.current_dir("index")
    assert current is not None and integrity.check(current).ok
    asked = run("ask", QUESTION)
    assert asked.exit_code == 0, asked.output
    assert asked.stdout.startswith("YES") and asked.stderr == ""
    assert run("index", "status").exit_code == 0
    assert run("search", "pangolins").exit_code == 0
    # And nothing is left to mend.
    again = run("index", "build")
    assert "is damaged" not in again.stderr and "0 changed" in again.stdout


@pytest.mark.parametrize("how", ["truncate", "garbage", "delete"])
@pytest.mark.parametrize("kind", [*KINDS, "CURRENT"])
def test_a_damaged_file_falls_back_to_the_previous_build(project: Path, kind: str,
                                                        how: str) -> None:
    previous, current = two_generations(project, shared=False)
    path = file_of(current, kind)
    damage(path, how)

    asked = run("ask", QUESTION)
    assert asked.exit_code == 0 and asked.stdout.startswith("YES")
    line = one_line(asked, path, "warning:")
    assert f"answering from the previous build ({os.path.basename(previous)})" in line
    searched = run("search", "power bi outside geo")
    assert searched.exit_code == 0 and searched.stdout.startswith("1. ")
    one_line(searched, path, "warning:")
    status = run("index", "status")
    assert status.exit_code == 1  # something to mend
    assert f"generation {os.path.basename(previous)}" in status.stdout
    one_line(status, path, "error:")
    with Index.open("index") as ix:
        assert ix.generation == os.path.basename(previous) and ix.note
        assert ix.is_current()  # (so the app does not reopen it every few seconds)
    assert_mended_by_a_plain_build()


@pytest.mark.parametrize("how", ["truncate", "garbage", "delete"])
@pytest.mark.parametrize("kind", ["pack", "segment"])
def test_damage_to_a_file_both_builds_share_is_one_line_then_mended(project: Path, kind: str,
                                                                    how: str) -> None:
    previous, current = two_generations(project, shared=True)
    path = file_of(previous, kind)  # the previous build's file: the current one links it
    assert (Path(current) / path.name).stat().st_ino == path.stat().st_ino
    damage(Path(current) / path.name, how)  # (deleting one link leaves the other whole)

    for args in (["ask", QUESTION], ["search", "pangolins"], ["index", "status"]):
        result = run(*args)
        if how == "delete":  # the previous build still has its link: it answers
            assert result.exit_code == (1 if args[0] == "index" else 0), result.output
            one_line(result, Path(current) / path.name,
                     "error:" if args[0] == "index" else "warning:", stale=True)
        else:
            assert result.exit_code == 2, result.output
            one_line(result, Path(current) / path.name, "error:")
    assert_mended_by_a_plain_build()


def test_a_pack_is_mended_by_indexing_only_the_docs_stored_in_it(project: Path) -> None:
    _, current = two_generations(project, shared=True)
    newest = max(Path(current).glob("pack-*.bin"), key=lambda p: p.stat().st_mtime_ns)
    damage(newest, "truncate")  # the pack of the one doc the last build added
    built = build_index(["corpus"], "index")
    assert built.changed == 1 and built.unchanged == 2
    assert built.mended and "re-indexing the 1 docs stored in it" in built.mended


def test_damage_that_keeps_size_and_time_is_named_when_read(project: Path) -> None:
    """A bad disk block: the cheap check at open cannot see it, the read that meets it
    names the file (and the full build that mends it)."""
    two_generations(project, shared=False)
    current = generations.current_dir("index")
    assert current is not None
    pack = file_of(current, "pack")
    stat = pack.stat()
    with open(pack, "r+b") as handle:
        handle.write(b"\0" * 64)
    os.utime(pack, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    with Index.open("index") as ix:
        assert ix.note is None  # looks intact
        path = ix.documents()[0].path
        with pytest.raises(SearchIndexError) as caught:
            ix.document(path)
        assert f"{pack} is damaged" in str(caught.value)
        assert "`assistant index build --full --index index`" in str(caught.value)
        assert ix.damage == str(caught.value)
    # The answerer goes on without that doc's model; the command still says it in one line.
    asked = run("ask", "Which regions are in the Europe geo?")
    assert "Traceback" not in asked.output
    assert asked.exit_code == 2 and len(asked.stderr.splitlines()) == 1
    assert f"{pack} is damaged" in asked.stderr
    assert run("index", "build", "--full").exit_code == 0
    assert run("ask", QUESTION).stderr == ""


def test_an_index_without_a_manifest_is_read_and_given_one(project: Path) -> None:
    """Built before manifests existed: read as it is; the next plain build adds one."""
    build_index(["corpus"], "index")
    current = generations.current_dir("index")
    assert current is not None
    os.remove(os.path.join(current, integrity.MANIFEST))
    import sqlite3

    with sqlite3.connect(os.path.join(current, generations.STORE)) as db:
        db.execute("DELETE FROM meta WHERE key = ?", (integrity.META_KEY,))
    asked = run("ask", QUESTION)
    assert asked.exit_code == 0 and asked.stderr == ""
    summary = build_index(["corpus"], "index")
    assert summary.generation != os.path.basename(current) and summary.unchanged == 2
    assert integrity.read(os.path.join("index", summary.generation)) is not None


def test_a_copied_index_is_intact_and_the_next_build_records_its_times(project: Path) -> None:
    build_index(["corpus"], "index")
    shutil.copytree("index", "copy")  # copytree keeps times; touch them as a plain cp would
    current = generations.current_dir("copy")
    assert current is not None
    for name in os.listdir(current):
        os.utime(os.path.join(current, name))
    report = integrity.check(current)
    assert report.ok and report.retimed
    assert run("ask", QUESTION, "--index", "copy").stderr == ""
    summary = build_index(["corpus"], "copy")
    assert summary.generation != os.path.basename(current)  # a generation with fresh times
    fresh = integrity.check(os.path.join("copy", summary.generation))
    assert fresh.ok and not fresh.retimed


def test_a_build_checks_what_it_wrote(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = build_index(["corpus"], "index")
    (project / "corpus" / "new.md").write_text("# New\n\nPangolins.\n")
    from assistant.search import store

    # A pack written short (a file system that lost the end of a write).
    original = store.Store.finish_packs

    def lose_the_end(self: store.Store) -> None:
        original(self)
        for name in os.listdir(self.folder):
            if name.startswith("pack-") and os.path.getsize(os.path.join(self.folder, name)) < 1000:
                os.truncate(os.path.join(self.folder, name), 10)

    monkeypatch.setattr(store.Store, "finish_packs", lose_the_end)
    with pytest.raises(SearchIndexError, match="written short.*previous index is untouched"):
        build_index(["corpus"], "index")
    assert generations.current_name("index") == before.generation
    assert sorted(n for n in os.listdir("index") if n.startswith("gen-")) == [before.generation]

"""Reading a corpus never blocks and never loses letters: special files are skipped with a
report, and Windows-1252 docs keep their accented letters."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from assistant.answer.quotes import SourceLines
from assistant.corpus import find_docs, read_source
from assistant.errors import CorpusError
from assistant.parse import parse_bytes, parse_file

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")

# A command that hangs on a FIFO must fail the test, not hang it.
_TIMEOUT = 20
_MAIN = "import sys; from assistant.cli import main; sys.exit(main(sys.argv[1:]))"


def _assistant(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _MAIN, *args], cwd=cwd,
                          capture_output=True, text=True, timeout=_TIMEOUT, check=False)


def _without_hanging(call: Callable[[], Any], fifo: Path) -> Any:
    """Run ``call`` and return its result, or fail the test if it blocks on ``fifo``."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["result"] = call()
        except BaseException as exc:  # noqa: BLE001 - handed to the test below
            outcome["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(_TIMEOUT)
    if thread.is_alive():
        # A reader waits for a writer: open the other end so the blocked thread ends.
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(_TIMEOUT)
        pytest.fail(f"reading {fifo} blocked")
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")


def _corpus_with_a_fifo(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "docs"
    root.mkdir()
    (root / "good.md").write_text("# Good\n\nText about okapis.\n", encoding="utf-8")
    fifo = root / "x.md"
    os.mkfifo(fifo)
    return root, fifo


@needs_fifo
def test_find_docs_skips_a_fifo_and_reports_it(tmp_path: Path) -> None:
    root, fifo = _corpus_with_a_fifo(tmp_path)
    skipped: list = []
    refs = find_docs([str(root)], skipped=skipped)
    assert [ref.relpath for ref in refs] == ["good.md"]
    [diagnostic] = skipped
    assert diagnostic.path == str(fifo) and diagnostic.code == "not-regular-file"
    assert "not a regular file (a FIFO): skipped" in diagnostic.message


@needs_fifo
def test_reading_a_fifo_fails_at_once(tmp_path: Path) -> None:
    _, fifo = _corpus_with_a_fifo(tmp_path)
    with pytest.raises(CorpusError, match="not a regular file"):
        _without_hanging(lambda: read_source(fifo), fifo)


@needs_fifo
def test_index_build_check_and_parse_do_not_hang_on_a_fifo(tmp_path: Path) -> None:
    root, fifo = _corpus_with_a_fifo(tmp_path)

    built = _assistant("index", "build", "--corpus", str(root), "--index",
                       str(tmp_path / "index"), cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert "1 added" in built.stdout
    # Reported once, as a problem of the build (shown relative to the working folder).
    line = f"{fifo.relative_to(tmp_path)}:1: warning: not a regular file (a FIFO): skipped"
    assert built.stderr.count(line) == 1, built.stderr

    checked = _assistant("check", str(root), "--select", "FIL", cwd=tmp_path)
    assert f"{fifo}:1:1: " in checked.stdout
    assert "FIL001 not a regular file (a FIFO): skipped" in checked.stdout
    assert "good.md" not in checked.stdout

    parsed = _assistant("parse", str(fifo), cwd=tmp_path)
    assert parsed.returncode == 2
    assert parsed.stderr.splitlines() == [
        f"error: {fifo}: not a regular file (a FIFO): cannot read it as a doc"]


CP1252_TEXT = "# Offices\n\nSão Paulo – Zürich\n"


def test_windows_1252_doc_keeps_its_letters_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "offices.md"
    path.write_bytes(CP1252_TEXT.encode("cp1252"))
    doc = parse_file(path)
    assert doc.blocks[-1].text == "São Paulo – Zürich" and doc.blocks[-1].line == 3
    [warning] = doc.diagnostics
    assert (warning.path, warning.line, warning.code) == (str(path), 3, "read-as-windows-1252")
    assert "not UTF-8; read as Windows-1252" in warning.message
    # Citations re-read the file through the same decoding, so the quote still holds.
    assert SourceLines().holds(str(path), 3, 3, "São Paulo – Zürich")


def test_utf8_doc_gives_no_warning() -> None:
    doc = parse_bytes(CP1252_TEXT.encode("utf-8"), "offices.md")
    assert doc.blocks[-1].text == "São Paulo – Zürich"
    assert doc.diagnostics == ()


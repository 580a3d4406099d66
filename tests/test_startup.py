"""Start-up (issue 13): what a question needs of the whole corpus is gathered when the index
is built and read as questions need it; the staleness check stats include files instead of
reading them and runs beside the answer; a question from the shell loads neither the builder
nor the parser."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from assistant.answer import Answerer
from assistant.answer.question import analyse
from assistant.answer.retrieval import Retriever
from assistant.config import Config
from assistant.errors import SearchIndexError
from assistant.search import Index, StatusLater, build_index, generations, index_status

REPO = Path(__file__).resolve().parents[1]

# Products named in titles and descriptions: many docs about each, so that the docs about a
# product are a set of numbers far apart (its order is not the numbers' order) and many
# rank equal (same words, same year): the lazy read must rank them as learning them all did.
PRODUCTS = ("Contoso Widgets", "Fabrikam Reports", "Wingtip Portal", "Contoso Portal")


def _doc(number: int) -> str:
    product = PRODUCTS[number % len(PRODUCTS)]
    other = PRODUCTS[(number * 7) % len(PRODUCTS)]
    year = 2020 + number % 3
    return (f"---\ntitle: {product} topic {number}\ndescription: How {other} works with "
            f"{product}.\nms.date: 01/15/{year}\n---\n\n# {product} topic {number}\n\n"
            f"{product} keeps data for {number % 9 + 1} days.\n")


@pytest.fixture(scope="module")
def products(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of 150 short docs about four products."""
    work = tmp_path_factory.mktemp("products")
    corpus = work / "docs"
    corpus.mkdir()
    for number in range(150):
        (corpus / f"topic-{number:03}.md").write_text(_doc(number), encoding="utf-8")
    build_index([str(corpus)], str(work / "index"), jobs=1)
    return work


QUESTIONS = (
    "How long does Contoso Widgets keep data?",
    "Does Fabrikam Reports work with Wingtip Portal?",
    "Which Contoso Portal topics mention Fabrikam Reports?",
    "How long are Wingtip Portal days kept?",
)


def test_docs_about_a_product_read_as_needed_rank_as_learnt_at_the_start(products: Path) -> None:
    with Index.open(str(products / "index")) as index:
        answerer = Answerer(index, config=Config())
        lazy = answerer.retriever
        eager = Retriever(index, answerer.weights)
        eager.learn_docs(index.documents())
        for text in QUESTIONS:
            q = analyse(text, answerer.names, lazy.weigh, lazy.known, answerer.weights)
            assert q.names, text
            found = lazy.about.docs_about(q, 200)
            assert len(found) > 20 and found == eager.about.docs_about(q, 200), text
            assert found[:3] == eager.about.docs_about(q, 3)
        for info in index.documents():
            assert lazy.descriptions.get(info.path, "") == eager.descriptions.get(info.path, "")
        assert lazy.descriptions.get("no/such/doc.md", "") == ""


def _gathered(index_dir: str) -> tuple[object, ...]:
    """What the current generation gathered for answerers (paths made relative)."""
    folder = generations.current_dir(index_dir)
    assert folder is not None
    with sqlite3.connect(os.path.join(folder, generations.STORE)) as db:
        names = json.loads(db.execute("SELECT value FROM meta WHERE key = 'corpus_names'")
                           .fetchone()[0])
        about = db.execute("SELECT stem, docs FROM about ORDER BY stem").fetchall()
        order = [os.path.basename(p) for (p,) in
                 db.execute("SELECT path FROM doc_order ORDER BY number")]
    return names, about, order


def test_what_is_gathered_follows_each_build(tmp_path: Path) -> None:
    corpus = tmp_path / "docs"
    corpus.mkdir()
    for number in range(6):
        (corpus / f"topic-{number}.md").write_text(_doc(number), encoding="utf-8")
    index_dir = str(tmp_path / "index")

    def built_afresh() -> tuple[object, ...]:
        fresh = str(tmp_path / f"fresh-{time.monotonic_ns()}")
        build_index([str(corpus)], fresh, jobs=1)
        return _gathered(fresh)

    build_index([str(corpus)], index_dir, jobs=1)
    assert _gathered(index_dir) == built_afresh()
    first = corpus / "topic-1.md"
    # A change of text only: names and stems as they were, kept as they were.
    first.write_text(_doc(1) + "\nOne more line.\n", encoding="utf-8")
    assert build_index([str(corpus)], index_dir, jobs=1).changed == 1
    assert _gathered(index_dir) == built_afresh()
    # A new title, a new doc, a doc gone: gathered again.
    first.write_text(_doc(1).replace("topic 1", "Northwind Tables 1"), encoding="utf-8")
    build_index([str(corpus)], index_dir, jobs=1)
    names, about, order = _gathered(index_dir)
    assert "northwind" in {stem for stem, _ in about}
    assert (names, about, order) == built_afresh()
    (corpus / "topic-9.md").write_text(_doc(9), encoding="utf-8")
    (corpus / "topic-2.md").unlink()
    build_index([str(corpus)], index_dir, jobs=1)
    assert _gathered(index_dir) == built_afresh()
    assert _gathered(index_dir)[2] == [f"topic-{n}.md" for n in (0, 1, 3, 4, 5, 9)]


def _with_include(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "docs"
    (corpus / "includes").mkdir(parents=True)
    include = corpus / "includes" / "note.md"
    include.write_text("Backups are kept for 7 days.\n", encoding="utf-8")
    old = time.time_ns() - 60 * 10**9  # written a minute ago: its stat may vouch for it
    os.utime(include, ns=(old, old))
    doc = corpus / "backups.md"
    doc.write_text("---\ntitle: Backups\n---\n\n# Backups\n\n"
                   "[!INCLUDE [note](includes/note.md)]\n", encoding="utf-8")
    build_index([str(corpus)], str(tmp_path / "index"), jobs=1)
    return doc, include


def test_an_include_is_statted_not_read_and_a_change_still_shows(tmp_path: Path) -> None:
    doc, include = _with_include(tmp_path)
    index_dir = str(tmp_path / "index")
    folder = generations.current_dir(index_dir)
    assert folder is not None
    with sqlite3.connect(os.path.join(folder, generations.STORE)) as db:
        (deps,) = db.execute("SELECT deps FROM docs WHERE path = ?", (str(doc),)).fetchone()
    stat = include.stat()
    assert json.loads(deps) == [[str(include), json.loads(deps)[0][1], stat.st_size,
                                 stat.st_mtime_ns]]
    assert index_status(index_dir).stale == 0
    os.utime(include)  # touched, the same bytes: not stale (its hash says so)
    assert index_status(index_dir).stale == 0
    include.write_text("Backups are kept for 9 days.\n", encoding="utf-8")  # the same size
    # (The include file is a doc of its own too.)
    assert index_status(index_dir).stale_paths == (str(doc), str(include))


def test_an_include_written_as_it_was_read_is_always_read_again(tmp_path: Path) -> None:
    corpus = tmp_path / "docs"
    (corpus / "includes").mkdir(parents=True)
    include = corpus / "includes" / "note.md"
    include.write_text("Backups are kept for 7 days.\n", encoding="utf-8")  # just now: racy
    doc = corpus / "backups.md"
    doc.write_text("# Backups\n\n[!INCLUDE [note](includes/note.md)]\n", encoding="utf-8")
    index_dir = str(tmp_path / "index")
    build_index([str(corpus)], index_dir, jobs=1)
    folder = generations.current_dir(index_dir)
    assert folder is not None
    with sqlite3.connect(os.path.join(folder, generations.STORE)) as db:
        (deps,) = db.execute("SELECT deps FROM docs WHERE path = ?", (str(doc),)).fetchone()
    assert len(json.loads(deps)[0]) == 2  # no stat kept: it could not vouch
    stat = include.stat()
    include.write_text("Backups are kept for 9 days.\n", encoding="utf-8")
    os.utime(include, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the same size and time
    assert str(doc) in index_status(index_dir).stale_paths


def test_a_question_from_the_shell_loads_neither_the_builder_nor_the_parser(
        tmp_path: Path) -> None:
    index_dir = str(tmp_path / "index")
    build_index([str(REPO / "corpus")], index_dir, jobs=1)
    script = (
        "import sys\n"
        "from assistant.cli import main\n"
        "for args in (['ask', 'Can Power BI move my data out of geo?', '--index', sys.argv[1]],"
        " ['search', 'outside geo', '--index', sys.argv[1]]):\n"
        "    assert main(args) == 0\n"
        "loaded = [m for m in ('assistant.search.whoosh.build', 'assistant.parse', "
        "'markdown_it', 'textual', 'rich') if m in sys.modules]\n"
        "print('LOADED', loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", script, index_dir], capture_output=True,
                            text=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO)},
                            check=True)
    assert result.stdout.strip().splitlines()[-1] == "LOADED []"


def test_the_staleness_check_beside_the_work_says_what_index_status_says(
        tmp_path: Path) -> None:
    corpus = tmp_path / "docs"
    corpus.mkdir()
    for number in range(3):
        (corpus / f"topic-{number}.md").write_text(_doc(number), encoding="utf-8")
    index_dir = str(tmp_path / "index")
    build_index([str(corpus)], index_dir, jobs=1)
    (corpus / "topic-1.md").write_text(_doc(1) + "\nMore.\n", encoding="utf-8")
    (corpus / "topic-7.md").write_text(_doc(7), encoding="utf-8")
    expected = index_status(index_dir)
    assert expected.stale == 2
    with StatusLater(index_dir) as later:  # (a forked child on Linux)
        assert later.result() == expected
    # With another thread running, no fork: the walk runs when the result is asked for.
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        with StatusLater(index_dir) as later:
            assert later.result() == expected
    finally:
        release.set()
        other.join()
    # An index that cannot be read: the same error, from the child.
    folder = generations.current_dir(index_dir)
    assert folder is not None
    Path(folder, generations.STORE).write_bytes(b"not a database" * 100)
    with pytest.raises(SearchIndexError) as direct:
        index_status(index_dir)
    with StatusLater(index_dir) as later, pytest.raises(SearchIndexError) as beside:
        later.result()
    assert str(beside.value) == str(direct.value)

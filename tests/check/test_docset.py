"""docfx.json metadata: which globs match which pages, and which docfx.json governs a doc."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.check import run_checks
from assistant.check.docset import clear_cache, docset_for, glob_pattern, read_docset
from assistant.config import Config


@pytest.mark.parametrize(("glob", "path", "matches"), [
    ("**.md", "a.md", True),
    ("**.md", "admin/deep/a.md", True),
    ("**/*.md", "a.md", True),
    ("**/*.md", "admin/a.md", True),
    ("*.md", "admin/a.md", False),
    ("admin/**/*.md", "admin/a.md", True),
    ("admin/**/*.md", "admin/x/y/a.md", True),
    ("admin/**/*.md", "guides/admin/a.md", False),
    ("admin/*.md", "admin/x/a.md", False),
    ("**/*.{md,yml}", "x/toc.yml", True),
    ("**/*.{md,yml}", "x/a.json", False),
    ("Admin/**", "admin/A.MD", True),
    ("a?.md", "ab.md", True),
    ("a?.md", "a/.md", False),
    ("./docs/**", "docs/x.md", True),
    ("docs/a+b (1).md", "docs/a+b (1).md", True),
])
def test_globs_match_as_docfx_reads_them(glob: str, path: str, matches: bool) -> None:
    assert bool(glob_pattern(glob).fullmatch(path)) is matches


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_global_then_file_metadata_the_later_glob_winning(tmp_path: Path) -> None:
    config = _write(tmp_path / "docfx.json", json.dumps({"build": {
        "globalMetadata": {"author": "owner", "ms.topic": "overview"},
        "fileMetadata": {"ms.topic": {"**.md": "article", "admin/**/*.md": "how-to"},
                         "ms.subservice": {"guides/**": "guides"}},
    }}))
    docset = read_docset(str(config))
    assert docset.error is None
    assert docset.metadata_for(str(tmp_path / "admin" / "x.md")) == {
        "author": "owner", "ms.topic": "how-to"}
    assert docset.metadata_for(str(tmp_path / "guides" / "y.md")) == {
        "author": "owner", "ms.topic": "article", "ms.subservice": "guides"}
    assert docset.metadata_for("/elsewhere/z.md") == {"author": "owner", "ms.topic": "overview"}


def test_globs_are_also_relative_to_a_content_src(tmp_path: Path) -> None:
    config = _write(tmp_path / "docfx.json", json.dumps({"build": {
        "content": [{"files": ["**/*.md"], "src": "articles"}],
        "fileMetadata": {"author": {"admin/**": "admin-owner"}},
    }}))
    docset = read_docset(str(config))
    assert docset.metadata_for(str(tmp_path / "articles" / "admin" / "a.md")) == {
        "author": "admin-owner"}


def test_a_broken_docfx_json_says_where_it_breaks(tmp_path: Path) -> None:
    config = _write(tmp_path / "docfx.json", '{\n  "build": {\n    "globalMetadata": [,]\n}')
    docset = read_docset(str(config))
    assert docset.error is not None and "line 3" in docset.error
    assert docset.metadata_for(str(tmp_path / "a.md")) == {}


def test_the_nearest_docfx_json_governs_and_the_search_stops_at_the_repository(
        tmp_path: Path) -> None:
    clear_cache()
    _write(tmp_path / "docfx.json", "{}")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    doc = _write(repo / "docs" / "deep" / "a.md", "# A\n")
    assert docset_for(str(doc)) is None  # the docfx.json above the repository is not its own
    inner = _write(repo / "docs" / "docfx.json", '{"build": {"globalMetadata": {"a": 1}}}')
    clear_cache()
    found = docset_for(str(doc))
    assert found is not None and found.path == str(inner)


def test_required_fields_set_in_docfx_json_are_not_reported(tmp_path: Path) -> None:
    _write(tmp_path / ".git" / "HEAD", "ref: refs/heads/main\n")
    _write(tmp_path / "docfx.json", json.dumps({"build": {
        "globalMetadata": {"author": "owner"},
        "fileMetadata": {"ms.topic": {"admin/**": "how-to"}},
    }}))
    head = "---\ntitle: T\ndescription: D\nms.date: 05/01/2025\n---\n# T\n\nText.\n"
    _write(tmp_path / "admin" / "a.md", head)
    _write(tmp_path / "guides" / "b.md", head)
    found = run_checks([str(tmp_path)], Config(), select=["FM302"], jobs=1)
    assert [(Path(f.path).name, f.message) for f in found] == [
        ("b.md", f"required field 'ms.topic' is missing from front matter and from "
                 f"{tmp_path / 'docfx.json'}"),
    ]

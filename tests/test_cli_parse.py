"""``assistant parse`` through click's runner, and the error paths a user meets."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from assistant.cli import cli, main
from paths import SEED_CSI


def test_parse_json_has_the_documented_keys() -> None:
    result = CliRunner().invoke(cli, ["parse", str(SEED_CSI), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for key in ("path", "title", "date", "description", "front_matter", "sections", "tables",
                "exception_lists"):
        assert key in data
    assert data["date"] == "2019-04-24"
    assert data["front_matter"]["ms.service"] == ["dynamics-365-ai"]
    assert data["front_matter"]["ms.assetid"] is None
    table = data["tables"][0]
    assert {"line", "section", "header", "rows"} <= set(table)
    assert table["rows"][1] == ["Europe", "North Europe (Ireland)"]
    items = data["exception_lists"][0]["items"]
    assert {"text", "line", "label", "links", "items"} <= set(items[0])


def test_parse_text_output_is_readable() -> None:
    result = CliRunner().invoke(cli, ["parse", str(SEED_CSI)])
    assert result.exit_code == 0
    assert "Data locations  [lines 24-56]" in result.output
    assert "29: Europe | North Europe (Ireland)" in result.output
    assert "74: [Microsoft Power BI, Microsoft PowerApps, and Microsoft Flow]" in result.output


def test_bad_yaml_is_reported_on_stderr_and_the_body_still_printed(tmp_path: Path) -> None:
    doc = tmp_path / "bad.md"
    doc.write_text("---\ntitle: [x\n---\n# Body heading\n")
    result = CliRunner().invoke(cli, ["parse", str(doc)])
    assert result.exit_code == 0
    assert f"{doc}:" in result.stderr and "not valid YAML" in result.stderr
    assert "Body heading" in result.stdout


def test_binary_empty_and_missing_files_give_one_clear_line(tmp_path: Path, capsys) -> None:
    binary = tmp_path / "img.md"
    binary.write_bytes(b"\x00\x01\x02")
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    assert main(["parse", str(binary)]) == 1
    assert main(["parse", str(empty)]) == 1
    assert main(["parse", str(tmp_path / "nope.md")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"error: {binary}:1: binary file (contains NUL bytes): not a markdown doc",
        f"error: {empty}:1: empty file: nothing to parse",
        f"error: {tmp_path / 'nope.md'}: no such file",
    ]

"""``assistant tui`` and bare ``assistant``: options, and a clear refusal without a terminal."""

from __future__ import annotations

from click.testing import CliRunner

from assistant.cli import cli


def test_help_names_the_options() -> None:
    result = CliRunner().invoke(cli, ["tui", "--help"])
    assert result.exit_code == 0
    assert "--index DIR" in result.output and "--corpus DIR" in result.output


def test_without_a_terminal_it_says_what_to_use_instead() -> None:
    for args in (["tui"], []):  # bare `assistant` opens the app too
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2, result.output
        assert "needs a terminal" in result.output
        assert "assistant ask" in result.output

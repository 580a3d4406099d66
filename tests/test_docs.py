"""The README documents every command, option and rule code (sqlite-utils' test_docs idea)."""

from __future__ import annotations

import click
import pytest

from assistant.check import RULES
from assistant.cli import cli
from paths import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _commands() -> list[tuple[str, click.Command]]:
    ctx = click.Context(cli)
    found = []
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        assert command is not None
        if isinstance(command, click.Group):
            sub_ctx = click.Context(command)
            found += [(f"{name} {sub}", command.get_command(sub_ctx, sub))
                      for sub in command.list_commands(sub_ctx)]
        else:
            found.append((name, command))
    return found


@pytest.mark.parametrize(("name", "command"), _commands(), ids=lambda v: str(v))
def test_every_command_and_option_is_in_the_readme(name: str, command: click.Command) -> None:
    assert f"assistant {name}" in README
    for param in command.params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("--") and opt != "--help":
                assert opt in README, f"{opt} of 'assistant {name}' is not documented"


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_code_is_in_the_readme(code: str) -> None:
    assert code in README

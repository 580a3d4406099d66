"""The ``assistant`` command: thin wrappers over the library, one module per command.

Commands are loaded lazily, so ``assistant parse`` never pays for importing Textual or whoosh,
and each command lives in its own module (``parse_cmd``, ``index_cmd``...).
"""

from __future__ import annotations

import importlib
import sys

import click

from .. import collector
from ..errors import AssistantError

# name -> "module:attribute" below assistant.cli
_COMMANDS = {
    "parse": "parse_cmd:parse",
    "index": "index_cmd:index",
    "search": "search_cmd:search",
    "ask": "ask_cmd:ask",
    "check": "check_cmd:check",
    "gaps": "gaps_cmd:gaps",
    "tui": "tui_cmd:tui",
}


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = _COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        module = importlib.import_module(f"{__name__}.{module_name}")
        return getattr(module, attribute)


@click.group(cls=_LazyGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="docs-assistant")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Answers questions from Learn-style docs with citations, and checks the docs.

    With no command, opens the terminal app (same as ``assistant tui``).
    """
    if ctx.invoked_subcommand is None:
        tui = cli.get_command(ctx, "tui")
        assert tui is not None  # "tui" is one of _COMMANDS
        ctx.invoke(tui)


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point: library errors become a message and an exit code."""
    collector.tune()  # (an answerer's caches are many long-lived objects)
    try:
        result = cli.main(args=argv, prog_name="assistant", standalone_mode=False)
    except AssistantError as exc:
        click.echo(f"error: {exc}", err=True)
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())

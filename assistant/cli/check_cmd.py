"""``assistant check [PATH ...]``: consistency checks for writers."""

from __future__ import annotations

import click

from ..check import check_paths, explain
from ..check.formats import FORMATS
from ..check.settings import FAIL_ON, load_settings
from ..config import load_config
from ..errors import ConfigError

_RANK = {"info": 0, "warning": 1, "error": 2}
_THRESHOLD = {"warning": 1, "error": 2}


def _codes(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text",
              show_default=True, help="Output format.")
@click.option("--select", metavar="CODES",
              help="Comma list of codes, prefixes (TBL) or rule names to run (replaces the "
                   "configured selection).")
@click.option("--ignore", metavar="CODES",
              help="Comma list of codes, prefixes or rule names not to run (adds to the "
                   "configured ones).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Exit 1 when a finding is this severe or worse  [default: error, or the "
                   "configured fail-on].")
@click.option("--explain", "explain_code", metavar="CODE",
              help="Print what a rule finds, why it matters and how to fix it, then exit.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for big corpora  [default: the cores].")
def check(paths: tuple[str, ...], fmt: str, select: str | None, ignore: str | None,
          fail_on: str | None, explain_code: str | None, jobs: int | None) -> int:
    """Check docs for unfinished, malformed, outdated or contradictory content.

    PATHS are files or folders (default: the configured corpus). Prints one finding per line,
    `path:line:col: CODE message`, then a summary. Exit status: 1 when a finding reaches
    --fail-on, 0 otherwise, 2 for usage or configuration errors.

    \b
    Examples:
      assistant check corpus
      assistant check docs/ --select DOC,TBL --fail-on warning
      assistant check --format sarif > check.sarif
      assistant check --explain XD601
    """
    try:
        if explain_code:
            click.echo(explain(explain_code), nl=False)
            return 0
        config = load_config()
        report = check_paths(list(paths), config, select=_codes(select), ignore=_codes(ignore),
                             jobs=jobs)
        threshold = fail_on or load_settings(config.check, config.source).fail_on
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(FORMATS[fmt](report))
    if threshold == "never":
        return 0
    failing = any(_RANK[f.severity] >= _THRESHOLD[threshold] for f in report.findings)
    ctx = click.get_current_context()
    ctx.exit(1 if failing else 0)
    return 0

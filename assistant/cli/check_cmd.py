"""``assistant check [PATH ...]``: consistency checks for writers."""

from __future__ import annotations

import click

from ..check import TOPICS, check_paths, explain
from ..check.baseline import apply_baseline, read_baseline, write_baseline
from ..check.changes import changed_since as git_changed_since
from ..check.fix import diff, fix
from ..check.formats import FORMATS
from ..check.formats.text import fixed_entries
from ..check.runner import CheckReport
from ..check.settings import FAIL_ON, load_settings
from ..config import load_config

_RANK = {"info": 0, "warning": 1, "error": 2}
_THRESHOLD = {"warning": 1, "error": 2}


def _codes(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


def _refuse_together(**options: object) -> None:
    given = [name for name, value in options.items() if value]
    if len(given) > 1:
        raise click.UsageError(f"{' and '.join(given)} cannot be used together")


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
@click.option("--baseline", "baseline_file", metavar="FILE", type=click.Path(dir_okay=False),
              help="Report only findings not recorded in FILE, and list its entries that are "
                   "fixed (see --explain baseline).")
@click.option("--write-baseline", "write_baseline_file", metavar="FILE",
              type=click.Path(dir_okay=False),
              help="Record every finding in FILE (the baseline) and exit 0.")
@click.option("--fix", "fix_", is_flag=True,
              help="Mend the mechanical findings in place (TRM501, LNK404, LNK405, FM306), "
                   "then report what is left (see --explain fix).")
@click.option("--diff", "diff_", is_flag=True,
              help="Print what --fix would change as a unified diff and change nothing; exit "
                   "1 when there is something to mend.")
@click.option("--changed-since", metavar="REF",
              help="Check only the docs changed since the git REF, comparing them with the "
                   "rest (see --explain changed-since).")
@click.option("--explain", "explain_code", metavar="CODE",
              help=f"Print what a rule finds, why it matters and how to fix it, or explain a "
                   f"topic ({', '.join(TOPICS)}), then exit.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for big corpora  [default: the cores].")
def check(paths: tuple[str, ...], fmt: str, select: str | None, ignore: str | None,
          fail_on: str | None, baseline_file: str | None, write_baseline_file: str | None,
          fix_: bool, diff_: bool, changed_since: str | None, explain_code: str | None,
          jobs: int | None) -> int:
    """Check docs for unfinished, malformed, outdated or contradictory content.

    PATHS are files or folders (default: the configured corpus). Prints one finding per line,
    `path:line:col: severity: CODE message`, then a summary. Exit status: 1 when a finding
    reaches --fail-on, 0 otherwise, 2 for usage or configuration errors.

    \b
    Examples:
      assistant check corpus
      assistant check docs/ --select DOC,TBL --fail-on warning
      assistant check --format sarif > check.sarif
      assistant check docs --write-baseline .assistant-baseline.json
      assistant check docs --baseline .assistant-baseline.json --changed-since origin/main
      assistant check docs --diff
      assistant check --explain XD601
      assistant check --explain suppressions
    """
    _refuse_together(**{"--fix": fix_, "--diff": diff_})
    _refuse_together(**{"--baseline": baseline_file, "--write-baseline": write_baseline_file})
    _refuse_together(**{"--diff": diff_, "--write-baseline": write_baseline_file})
    ctx = click.get_current_context()
    # A ConfigError (bad settings, codes, baseline file or git ref) reaches the entry point,
    # which prints it as one line, "error: ...", and exits 2.
    if explain_code:
        click.echo(explain(explain_code), nl=False)
        return 0
    config = load_config()
    roots = list(paths) if paths else list(config.corpus)
    changed = git_changed_since(changed_since, roots) if changed_since else None
    entries = read_baseline(baseline_file) if baseline_file else None

    def run(fixing: bool = False) -> CheckReport:
        return check_paths(roots, config, select=_codes(select), ignore=_codes(ignore),
                           jobs=jobs, changed=changed, fixing=fixing)

    if diff_:
        outcome = fix(lambda: run(fixing=True), write=False)
        click.echo(diff(outcome.fixes), nl=False)
        click.echo(f"{outcome.fixed} finding{'s' if outcome.fixed != 1 else ''} "
                   f"would be mended in {len(outcome.fixes)} file"
                   f"{'s' if len(outcome.fixes) != 1 else ''}.", err=True)
        ctx.exit(1 if outcome.fixes else 0)
    if fix_:
        outcome = fix(lambda: run(fixing=True), write=True)
        report = outcome.report
        files = len({f.path for f in outcome.fixes})
        click.echo(f"Mended {outcome.fixed} finding{'s' if outcome.fixed != 1 else ''} in "
                   f"{files} file{'s' if files != 1 else ''}.", err=True)
    else:
        report = run()
    if write_baseline_file:
        count = write_baseline(write_baseline_file, report)
        click.echo(f"Recorded {len(report.findings)} finding"
                   f"{'s' if len(report.findings) != 1 else ''} in {write_baseline_file} "
                   f"({count} entries in all).")
        return 0
    if entries is not None and baseline_file:
        report = apply_baseline(report, entries, baseline_file)
    threshold = fail_on or load_settings(config.check, config.source).fail_on
    click.echo(FORMATS[fmt](report))
    if report.baseline_fixed and fmt not in ("text", "github"):
        # The machine formats keep stdout to their own syntax.
        click.echo(fixed_entries(report), err=True)
    if threshold == "never":
        return 0
    failing = any(_RANK[f.severity] >= _THRESHOLD[threshold] for f in report.findings)
    ctx.exit(1 if failing else 0)
    return 0

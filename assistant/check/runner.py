"""Run the rules: find the docs, check each one (in parallel for big corpora), then compare
them with each other.

Each doc is read and parsed once, in a worker process when there are many. The worker runs
the doc rules and the *collectors* of the corpus rules on it and sends back only findings and
small facts (never the parsed model), so the main process stays light; the corpus rules then
run once over everyone's facts. The suppression comments each worker read are applied last,
to the findings of both kinds.

With ``changed`` (``--changed-since``), doc rules run only on the changed docs (and those
they affect); the other docs are still read for the facts the corpus rules compare.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import threading
import time
from collections.abc import Collection, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from ..config import Config, load_config
from ..corpus import decode, find_docs, read_bytes
from ..errors import CorpusError, ParseError
from ..model import Diagnostic, Finding
from ..parse import clear_include_cache, parse_bytes
from . import docset
from . import rules as _rules  # noqa: F401 - registers the rules
from .changes import ChangedFiles
from .registry import COLLECTORS, RULES, Edit, Hit, Rule, enabled_codes
from .rules import links
from .settings import CheckSettings, load_settings
from .source import DocContext
from .suppress import Suppression, apply_suppressions, read_suppressions

# Below this many docs a process pool costs more than it saves.
_PARALLEL_MIN_DOCS = 300
_BLANK_BYTES = b" \t\r\n\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What a run found."""

    findings: tuple[Finding, ...]
    """Every finding, sorted by path, line, column and code."""
    files: int
    """How many files were checked (skipped special files included: they are reported)."""
    enabled: frozenset[str] = frozenset()
    """Codes of the rules that ran."""
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds spent finding the docs, checking each doc (parse included) and comparing
    docs with each other."""
    checked: frozenset[str] = frozenset()
    """Absolute paths of the docs reported on (with ``--changed-since``, the changed ones)."""
    suppressed: int = 0
    """Findings silenced by suppression comments (not in ``findings``)."""
    edits: tuple[tuple[Finding, Edit], ...] = ()
    """The edit that mends each fixable finding (collected when asked for, see ``fixing``)."""
    baselined: int = 0
    """Findings left out because the baseline holds them (see :mod:`.baseline`)."""
    baseline_fixed: tuple[Finding, ...] = ()
    """Baseline entries no finding matches any more, as they were recorded."""


@dataclass(frozen=True, slots=True)
class _Job:
    """What every worker needs to check a doc (picklable)."""

    settings: CheckSettings
    enabled: frozenset[str]
    today: dt.date
    collectors: tuple[str, ...]
    changed: ChangedFiles | None = None
    """Only the docs these files affect are reported on (None: every doc)."""
    fixing: bool = False
    """Send back the edits of fixable findings."""


@dataclass(slots=True)
class _FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    reported: bool = True
    """False for a doc outside ``--changed-since``: read for its facts only."""
    suppressions: list[Suppression] = field(default_factory=list)
    edits: list[tuple[Finding, Edit]] = field(default_factory=list)


def _finding(rule: Rule, hit: Hit, path: str, settings: CheckSettings) -> Finding:
    return Finding(
        code=rule.code, name=rule.name,
        severity=settings.severity.get(rule.code, rule.severity),
        path=hit.path or path, line=max(hit.line, 1), col=max(hit.col, 1),
        message=hit.message, fix=hit.fix,
    )


def _file_finding(code: str, path: str, reason: str, job: _Job) -> list[Finding]:
    rule = RULES[code]
    if code not in job.enabled:
        return []
    return [_finding(rule, rule.func(path, reason), path, job.settings)]


def check_file(path: str, root: str | None, job: _Job) -> _FileResult:
    """Read, parse and check one doc; never raises for a bad file (it becomes a finding)."""
    result = _FileResult(path)
    changed = job.changed
    if changed is not None:
        result.reported = changed.changed(path)
    try:
        data = read_bytes(path)
    except OSError as exc:
        result.findings = _file_finding("FIL001", path, f"cannot read the file: "
                                        f"{exc.strerror or exc}", job)
        return result
    except CorpusError as exc:  # a FIFO or device that replaced the doc since it was found
        result.findings = _file_finding("FIL001", path, str(exc).removeprefix(f"{path}: "), job)
        return result
    if (changed is not None and not result.reported and not job.collectors
            and not changed.may_touch(data)):
        return result  # unaffected, and no corpus rule needs its facts: not even parsed
    try:
        text = decode(data, path).text
        doc = parse_bytes(data, path, root)
    except ParseError as exc:
        code = "FIL002" if not data.strip(_BLANK_BYTES) else "FIL001"
        reason = str(exc).removeprefix(f"{exc.path}:{exc.line}: ")
        result.findings = _file_finding(code, path, reason, job)
        return result
    lines = text.split("\n")
    if lines and lines[-1] == "" and text.endswith("\n"):
        lines.pop()
    ctx = DocContext(doc, lines, job.settings, job.today, job.enabled, root)
    try:
        if changed is not None and not result.reported:
            result.reported = changed.may_touch(data) and changed.touches(ctx)
        if result.reported:
            _run_doc_rules(ctx, job, result)
        result.suppressions, problems = read_suppressions(ctx)
        if result.reported and "SUP702" in job.enabled:
            result.findings.extend(_finding(RULES["SUP702"], hit, path, job.settings)
                                   for hit in problems)
        for name in job.collectors:
            facts = COLLECTORS[name](ctx)
            if facts is not None:
                result.facts[name] = facts
    except Exception as exc:  # a bug must not cost the rest of the corpus its check
        result.findings = _file_finding(
            "FIL001", path, f"internal error while checking this file "
            f"({type(exc).__name__}: {exc}); please report it", job)
        result.facts = {}
        result.edits = []
    return result


def _run_doc_rules(ctx: DocContext, job: _Job, result: _FileResult) -> None:
    for code in job.enabled:
        rule = RULES[code]
        if rule.kind != "doc":
            continue
        for hit in rule.func(ctx):
            finding = _finding(rule, hit, ctx.path, job.settings)
            result.findings.append(finding)
            if job.fixing and hit.edit is not None:
                result.edits.append((finding, hit.edit))


_worker_job: _Job | None = None


def _init_worker(job: _Job) -> None:
    global _worker_job
    _worker_job = job


def _work(item: tuple[str, str]) -> _FileResult:
    assert _worker_job is not None
    return check_file(item[0], item[1], _worker_job)


def _pool_context() -> multiprocessing.context.BaseContext:
    # fork is the cheapest start (the parent already imported the parser), but forking a
    # process that runs threads (a TUI) is unsafe: then start fresh interpreters.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _check_all(items: list[tuple[str, str]], job: _Job, jobs: int) -> list[_FileResult]:
    if jobs <= 1 or len(items) < _PARALLEL_MIN_DOCS:
        return [check_file(path, root, job) for path, root in items]
    chunk = max(1, min(64, len(items) // (jobs * 8)))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_pool_context(),
                             initializer=_init_worker, initargs=(job,)) as pool:
        return list(pool.map(_work, items, chunksize=chunk))


def _default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def check_paths(
    paths: Sequence[str],
    config: Config | None = None,
    *,
    select: Collection[str] | None = None,
    ignore: Collection[str] | None = None,
    today: dt.date | None = None,
    jobs: int | None = None,
    changed: ChangedFiles | None = None,
    fixing: bool = False,
) -> CheckReport:
    """Check the docs under ``paths`` (default: the configured corpus) and report.

    ``select`` replaces the configured selection; ``ignore`` adds to the configured one.
    ``changed`` (see :func:`~assistant.check.changes.changed_since`) reports only on the docs
    those files affect. ``fixing`` also collects the edit of every fixable finding.
    Raises :class:`~assistant.errors.ConfigError` for invalid settings or unknown codes and
    :class:`~assistant.errors.CorpusError` for a path that does not exist.
    """
    config = config if config is not None else load_config()
    settings = load_settings(config.check, config.source)
    chosen = list(select) if select is not None else settings.select
    enabled = enabled_codes(chosen, [*settings.ignore, *(ignore or ())])
    collectors = tuple(sorted({
        rule.collector for rule in (RULES[c] for c in enabled)
        if rule.kind == "corpus" and rule.collector
    }))
    job = _Job(settings, enabled, today or dt.date.today(), collectors, changed, fixing)

    started = time.perf_counter()
    clear_include_cache()  # files may have changed since the last run in this process
    links.clear_caches()
    docset.clear_cache()
    roots = list(paths) if paths else list(config.corpus)
    seen: set[str] = set()
    items: list[tuple[str, str]] = []
    skipped: list[Diagnostic] = []
    for ref in find_docs(roots, skipped):
        key = os.path.abspath(ref.path)
        if key not in seen:
            seen.add(key)
            items.append((ref.path, ref.root))
    found = time.perf_counter()
    results = _check_all(items, job, jobs if jobs is not None else _default_jobs())
    checked = time.perf_counter()

    findings = [f for r in results if r.reported for f in r.findings]
    skipped = [d for d in skipped if changed is None or changed.changed(d.path)]
    for diagnostic in skipped:  # FIFOs, sockets and devices named like docs
        findings.extend(_file_finding("FIL001", diagnostic.path, diagnostic.message, job))
    reported = {r.path for r in results if r.reported}
    for code in sorted(enabled):
        rule = RULES[code]
        if rule.kind != "corpus":
            continue
        facts = [(r.path, r.facts[rule.collector]) for r in results
                 if rule.collector in r.facts]
        findings.extend(_finding(rule, hit, hit.path or "", settings)
                        for hit in rule.func(facts)
                        if changed is None or hit.path in reported
                        or any(changed.changed(p) for p in hit.related))
    suppressions = {r.path: r.suppressions for r in results if r.suppressions}
    outcome = apply_suppressions(findings, suppressions, enabled,
                                 [path for path in suppressions if path in reported])
    findings = outcome.kept
    findings.extend(_finding(RULES["SUP701"], hit, path, settings)
                    for path, hit in outcome.unused)
    unique = {(f.path, f.line, f.col, f.code, f.message): f for f in findings}
    ordered = sorted(unique.values(), key=lambda f: (f.path, f.line, f.col, f.code, f.message))
    edits: tuple[tuple[Finding, Edit], ...] = ()
    if fixing:  # a silenced finding is not mended either
        kept = set(ordered)
        edits = tuple(pair for r in results for pair in r.edits if pair[0] in kept)
    done = time.perf_counter()
    timings = {"find": found - started, "check": checked - found, "compare": done - checked}
    return CheckReport(tuple(ordered), len(reported) + len(skipped), enabled, timings,
                       checked=frozenset(os.path.abspath(p) for p in reported),
                       suppressed=outcome.silenced, edits=edits)


def run_checks(
    paths: Sequence[str],
    config: Config | None = None,
    *,
    select: Collection[str] | None = None,
    ignore: Collection[str] | None = None,
    today: dt.date | None = None,
    jobs: int | None = None,
    changed: ChangedFiles | None = None,
) -> list[Finding]:
    """Every finding for the docs under ``paths``, sorted by path and line (see
    :func:`check_paths`)."""
    return list(check_paths(paths, config, select=select, ignore=ignore, today=today,
                            jobs=jobs, changed=changed).findings)

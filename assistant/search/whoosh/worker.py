"""One doc -> its passages, its store row and its problems.

Runs in the builder or in its worker processes (see :mod:`.segments`). Nothing here may raise:
a doc that cannot be indexed comes back as *skipped*, with its problems.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field

from ...corpus import content_hash, read_bytes
from ...doc_names import names_of
from ...errors import AssistantError, CorpusError
from ...model import Diagnostic, Document, Passage, to_json_data
from ...parse import parse_bytes
from ...parse.docfx import INCLUDE_TOKEN, resolve_include
from ...passages import passages_of
from ..limits import bounded, cut, cut_diagnostic
from ..scan import stat_vouches
from ..serialize import pack
from ..store import Dep
from . import schema

# Include files are shared by many docs: hash and scan each once per process and build.
# path -> (the record of it a doc keeps, the includes it pulls in)
_dep_cache: dict[str, tuple[Dep, tuple[str, ...]]] = {}


@dataclass(slots=True)
class Job:
    """A doc to (re)index."""

    root: str
    """The corpus root it was found under (its docset)."""
    path: str
    """The doc's path as the user would open it."""


@dataclass(slots=True)
class Parsed:
    """The outcome for one doc."""

    path: str
    """The doc's path."""
    docset: str
    """Its corpus root."""
    hash: str = ""
    """Content hash of the bytes that were parsed."""
    size: int = 0
    """File size."""
    mtime_ns: int = 0
    """Modification time."""
    hashed_ns: int = 0
    """When the bytes were read."""
    deps: list[Dep] = field(default_factory=list)
    """Every include file pulled in, transitively (see ``store.Dep``)."""
    doc_row: tuple | None = None
    """The doc store row; None when the doc was skipped."""
    passages: list[Passage] = field(default_factory=list)
    """The passages to index (emptied once they are in a whoosh writer)."""
    tables: int = 0
    """Tables found."""
    exception_lists: int = 0
    """Exception lists found."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """Problems reported (for a skipped doc: why it was skipped)."""

    @property
    def skipped(self) -> bool:
        """True when nothing of this doc could be indexed."""
        return self.doc_row is None


def reset() -> None:
    """Forget cached include files (at the start of each build)."""
    _dep_cache.clear()


def run(job: Job, max_doc_bytes: int = 0) -> Parsed:
    """Parse and prepare one doc (only its first ``max_doc_bytes``; 0: all); never raises."""
    out = Parsed(job.path, job.root)
    try:
        # (Never blocks: a doc swapped for a FIFO since it was found is refused.)
        stat = os.stat(job.path)
        out.hashed_ns = time.time_ns()
        data = read_bytes(job.path)
    except OSError as exc:
        out.diagnostics.append(Diagnostic(job.path, 1, "unreadable-file",
                                          f"cannot read: {exc.strerror}", "error"))
        return out
    except CorpusError as exc:
        out.diagnostics.append(Diagnostic(job.path, 1, "unreadable-file", str(exc), "error"))
        return out
    out.hash, out.size, out.mtime_ns = content_hash(data), stat.st_size, stat.st_mtime_ns
    kept = cut(data, max_doc_bytes)
    if len(kept) < len(data):
        out.diagnostics.append(cut_diagnostic(job.path, data, kept, max_doc_bytes))
        data = kept
    try:
        doc = parse_bytes(data, job.path, root=job.root)
    except AssistantError as exc:
        line = getattr(exc, "line", 1)
        message = str(exc).removeprefix(f"{job.path}:{line}: ")
        out.diagnostics.append(Diagnostic(job.path, line, "not-indexed", message, "error"))
        return out
    except Exception as exc:  # noqa: BLE001 - one bad doc must not stop a batch build
        out.diagnostics.append(Diagnostic(job.path, 1, "parser-failure",
                                          f"the parser failed ({type(exc).__name__}: {exc}); "
                                          "the doc was not indexed, please report it", "error"))
        return out
    try:
        _prepare(out, doc, job)
    except Exception as exc:  # noqa: BLE001 - same reason
        out.doc_row = None
        out.passages = []
        out.diagnostics.append(Diagnostic(job.path, 1, "indexer-failure",
                                          f"indexing failed ({type(exc).__name__}: {exc}); "
                                          "the doc was not indexed, please report it", "error"))
    return out


def _prepare(out: Parsed, doc: Document, job: Job) -> None:
    out.deps = _deps(doc, job.root)
    out.diagnostics.extend(doc.diagnostics)
    passages = out.passages = list(bounded(passages_of(doc, job.root)))
    facts = None
    if doc.tables or doc.exception_lists:
        facts = pack({"tables": doc.tables, "exception_lists": doc.exception_lists})
    out.tables, out.exception_lists = len(doc.tables), len(doc.exception_lists)
    out.doc_row = (
        doc.path, job.root, doc.title, doc.date, doc.description, doc.line_count,
        out.hash, out.size, out.mtime_ns, out.hashed_ns, json.dumps(out.deps), len(passages),
        out.tables, out.exception_lists, json.dumps(to_json_data(doc.diagnostics)), pack(doc),
        facts, json.dumps(names_of(doc).to_json(), ensure_ascii=False),
    )


def add_to(writer, parsed: Parsed) -> None:  # noqa: ANN001 - a whoosh writer
    """Add the doc's passages to a whoosh writer, then drop them (they are not sent back)."""
    add = writer.add_document
    for passage in parsed.passages:
        add(**schema.entry(passage))
    parsed.passages = []


def _deps(doc: Document, root: str) -> list[Dep]:
    found: dict[str, Dep] = {}
    stack = [inc.resolved for inc in doc.includes if inc.resolved]
    while stack:
        path = stack.pop()
        if path in found:
            continue
        found[path], nested = _dep_info(path, root)
        stack.extend(nested)
    return [found[path] for path in sorted(found)]


def _dep_info(path: str, root: str) -> tuple[Dep, tuple[str, ...]]:
    cached = _dep_cache.get(path)
    if cached is None:
        try:
            stat = os.stat(path)
            read_ns = time.time_ns()
            data = read_bytes(path)
        except (OSError, CorpusError):
            cached = ((path, ""), ())
        else:
            text = data.decode("utf-8", errors="replace")
            nested = (resolve_include(path, m.group("target"), root)
                      for m in INCLUDE_TOKEN.finditer(text))
            digest = content_hash(data)
            # (Its size and time are kept when they may vouch for these bytes: a staleness
            # check then reads no include file that is as it was.)
            dep: Dep = ((path, digest, stat.st_size, stat.st_mtime_ns)
                        if stat_vouches(stat.st_mtime_ns, read_ns) else (path, digest))
            cached = (dep, tuple(n for n in nested if n))
        _dep_cache[path] = cached
    return cached

"""LNK4xx: links and includes that lead nowhere, or lead the old way."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any
from urllib.parse import unquote, urlsplit

from ...corpus import read_source
from ...errors import AssistantError
from ...model import Document
from ...parse import parse_file
from ...parse.docfx import resolve_include
from ...parse.document import anchor_for
from ..registry import Edit, Hit, collector, corpus_rule, doc_rule
from ..source import DocContext

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")
_DOC_SUFFIXES = (".md", ".markdown")
_URL = re.compile(r"https?://[^\s)\]>\"'<`|]+", re.IGNORECASE)
_LOCALE = re.compile(r"^/([a-z]{2}-[a-z]{2}(?:-[a-z]{2,4})?|[a-z]{2}-[a-z]{4}-[a-z]{2})(?=/|$)",
                     re.IGNORECASE)
_OLD_DOCS_HOSTS = ("docs.microsoft.com",)
_LEARN = "https://learn.microsoft.com"
# Where a site-relative path still works as a link: a link target, a reference definition or
# an HTML attribute. A bare URL or an autolink ("<https://...>") needs the host to stay a link.
_LINK_TARGET_BEFORE = re.compile(r"(?:\]\([ \t]*<?|\]:[ \t]+<?|\b(?:href|src)[ \t]*=[ \t]*[\"'])\Z")
# Microsoft sites redirect locale-less URLs to the reader's language.
_MICROSOFT_DOMAINS = (
    "microsoft.com", "office.com", "azure.com", "visualstudio.com", "dynamics.com",
    "powerbi.com", "powerapps.com", "powerautomate.com", "live.com", "bing.com", "windows.com",
    "msdn.com", "office365.com", "microsoft365.com", "sharepoint.com", "microsoftonline.com",
    "skype.com", "xbox.com", "msn.com", "microsoftstore.com",
)
# Explicit anchors written as HTML: <a name="x"></a>, <span id="x">.
_HTML_ANCHOR = re.compile(r"<[a-zA-Z][^>]*?\b(?:name|id)\s*=\s*[\"']([^\"']+)[\"']")
_UNSTRIPPED_DROP = re.compile(r"[^\w\- ]")
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_INLINE_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`]|<[^>]+>")


def _relative_target(url: str) -> tuple[str, str] | None:
    """(path, anchor) of a relative link, unquoted; None for absolute and site-relative URLs."""
    if not url or url.startswith("/") or _SCHEME.match(url):
        return None
    path, _, anchor = url.partition("#")
    path = path.split("?", 1)[0]
    return unquote(path), unquote(anchor)


def _targets(ctx: DocContext) -> list[tuple[Any, tuple[str, str]]]:
    """(link, (path, anchor)) for every relative link of the doc, worked out once."""
    found = ctx.memo.get("relative-links")
    if found is None:
        found = [(link, target) for link in ctx.doc.links
                 if (target := _relative_target(link.url)) is not None]
        ctx.memo["relative-links"] = found
    return found  # type: ignore[return-value]


@lru_cache(maxsize=65536)
def _resolve_from(folder: str, root: str | None, target: str) -> str | None:
    """:func:`_resolve` for a doc in ``folder`` (cached: docs of a folder share targets).

    Letter case is forgiven (``system.webserver`` for ``system.webServer``): Learn's build
    resolves links that way, so the published link works.
    """
    if target.startswith("~/"):
        found = resolve_include(os.path.join(folder, "_.md"), target, root)
        return os.path.abspath(found) if found else None
    base = os.path.normpath(os.path.join(folder, target))
    for candidate in (base, base + ".md") if not os.path.splitext(base)[1] else (base,):
        if os.path.exists(candidate):
            return candidate
        found = _case_blind(candidate)
        if found is not None:
            return found
    return None


def _case_blind(path: str) -> str | None:
    """``path`` looked up component by component ignoring case, or None."""
    current = os.path.sep
    for part in path.split(os.sep)[1:]:
        if not part:
            continue
        try:
            names = _listdir(current)
        except OSError:
            return None
        if part not in names:
            part = next((n for n in names if n.lower() == part.lower()), "")
            if not part:
                return None
        current = os.path.join(current, part)
    return current


def _checked_kind(target: str) -> bool:
    """Links to markdown (or extension-less pages) are checked; images, YAML and the like are
    often kept outside the markdown corpus, so their absence proves nothing."""
    suffix = os.path.splitext(target.rstrip("/"))[1].lower()
    return suffix in _DOC_SUFFIXES or suffix == ""


@cache
def _listdir(folder: str) -> tuple[str, ...]:
    return tuple(os.listdir(folder))


def clear_caches() -> None:
    """Forget what was read from disk (a later run may see edited files)."""
    _listdir.cache_clear()
    _resolve_from.cache_clear()
    _anchors_on_disk.cache_clear()
    _include_anchors.cache_clear()


@doc_rule("LNK401", "broken-link", "error")
def broken_link(ctx: DocContext) -> Iterator[Hit]:
    """A relative link to a doc that does not exist.

    Why it matters: readers land on a 404; the build reports it only after publishing (or
    not at all for a file that was moved within a docset).

    Checked: relative paths (``../regions-overview.md``, ``~/includes/x.md``) to markdown
    files or extension-less pages, resolved from the doc's folder. Not checked: absolute URLs,
    site-relative paths (``/power-platform/admin/...``), and links to images or YAML pages,
    which docsets often keep outside the markdown corpus.

    Letter case is forgiven, as Learn's build resolves links regardless of case.

    Example::

        See [Regions overview](regions-overvew.md).

    Instead: point at the file as it is named on disk::

        See [Regions overview](regions-overview.md).
    """
    for link, target in _targets(ctx):
        if not target[0] or not _checked_kind(target[0]):
            continue
        if _resolve_from(ctx.folder, ctx.root, target[0]) is not None:
            continue
        yield Hit(link.line, link.col, f"link target {target[0]!r} does not exist")


@collector("anchors")
def collect_anchors(ctx: DocContext) -> dict[str, Any]:
    """This doc's anchors, and the links that need another doc's anchors to be checked."""
    pending = []
    for link, (path, anchor) in _targets(ctx):
        if not anchor or anchor.startswith("tab/"):
            continue
        if not path:
            pending.append((link.line, link.col, link.url, "", anchor))
        elif path.lower().endswith(_DOC_SUFFIXES):
            resolved = _resolve_from(ctx.folder, ctx.root, path)
            if resolved is not None and os.path.isfile(resolved):
                pending.append((link.line, link.col, link.url, resolved, anchor))
    anchors = anchors_of(ctx.doc, ctx.text)
    for include in ctx.doc.includes:
        if include.resolved and not include.inline:
            anchors |= _include_anchors(os.path.abspath(include.resolved))
    return {"key": os.path.abspath(ctx.path), "anchors": anchors, "links": pending}


@cache
def _include_anchors(path: str) -> frozenset[str]:
    """Anchors of the headings in an include file: they become headings of the page.

    Read with a light scan of ``#`` headings (the parser keeps an include's text, not its
    headings), cached because one include serves many docs.
    """
    try:
        lines = read_source(path).text.split("\n")
    except AssistantError:
        return frozenset()
    found: set[str] = set()
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and (match := _ATX_HEADING.match(line)):
            title = " ".join(_MARKUP.sub("", _INLINE_LINK.sub(r"\1", match.group(1))).split())
            found.add(anchor_for(title))
            found.add(_UNSTRIPPED_DROP.sub("", title.lower()).replace(" ", "-"))
        if "=" in line and "<" in line:
            found.update(m.group(1) for m in _HTML_ANCHOR.finditer(line))
    return frozenset(found)


def anchors_of(doc: Document, text: str) -> frozenset[str]:
    """Every fragment a link may use on this doc: heading anchors (with the ``-1``, ``-2``
    suffixes DocFX gives repeated headings) and explicit HTML ``name``/``id`` anchors."""
    found: set[str] = set()
    seen: dict[str, int] = {}
    for section in doc.sections:
        count = seen.get(section.anchor, 0)
        seen[section.anchor] = count + 1
        found.add(section.anchor if count == 0 else f"{section.anchor}-{count}")
        # GitHub-style ids keep the dash of a space before dropped punctuation at the end
        # ("Exclusive duration (%)" -> "exclusive-duration-"); accept that spelling too.
        found.add(_UNSTRIPPED_DROP.sub("", section.title.lower()).replace(" ", "-"))
    found.update(m.group(1) for m in _HTML_ANCHOR.finditer(text))
    return frozenset(found)


@cache
def _anchors_on_disk(path: str) -> frozenset[str] | None:
    """Anchors of a doc outside the checked set (parsed on demand, once)."""
    try:
        doc = parse_file(path)
        text = read_source(path).text
    except AssistantError:
        return None
    return anchors_of(doc, text)


@corpus_rule("LNK402", "broken-anchor", "error", collector="anchors")
def broken_anchor(facts: list[tuple[str, dict[str, Any]]]) -> Iterator[Hit]:
    """A link to a heading anchor (``#section``) that the target doc does not have.

    Why it matters: the page opens at the top instead of at the promised section, or the
    section was renamed or removed and the link now promises something the page lacks.

    Anchors are what Learn generates from headings (lower case, punctuation dropped, spaces
    as dashes; ``-1``, ``-2`` for repeated headings), including headings pulled in by
    ``[!INCLUDE]``, plus explicit ``<a name="...">`` anchors. DocFX tab links (``#tab/...``)
    are not checked.

    Example::

        See [Data locations](data-location.md#data-location).

    Instead: use the anchor of the heading as it is now::

        See [Data locations](data-location.md#data-locations).
    """
    by_key = {data["key"]: data["anchors"] for _, data in facts}
    for path, data in facts:
        for line, col, url, target, anchor in data["links"]:
            anchors = by_key.get(target) if target else data["anchors"]
            if anchors is None and target:
                anchors = _anchors_on_disk(target)
            if anchors is None or anchor in anchors:
                continue
            near = next((a for a in anchors if a.lower() == anchor.lower()), None)
            where = "this doc" if not target else repr(os.path.basename(target))
            hint = f" (did you mean #{near}?)" if near else ""
            fix = url.split("#", 1)[0] + "#" + near if near else None
            yield Hit(line, col, f"{where} has no heading or anchor #{anchor}{hint}",
                      fix=fix, path=path, related=(target,) if target else ())


@doc_rule("LNK403", "missing-include", "error")
def missing_include(ctx: DocContext) -> Iterator[Hit]:
    """An ``[!INCLUDE[...](path)]`` token whose file does not exist.

    Why it matters: the build leaves a hole (or fails) where the shared text should be, and
    readers miss the disclaimer, note or steps it holds.

    ``~/`` paths are looked up from the doc's folder upwards, as the docset root is not
    recorded in the file. A token written inside code (```[!INCLUDE[...](...)]```) is shown as
    text, not included, and is not checked.

    Example::

        [!INCLUDE [banner](../includes/cc-data-platform-baner.md)]

    Instead: point at the include file as it is named::

        [!INCLUDE [banner](../includes/cc-data-platform-banner.md)]
    """
    for include in ctx.doc.includes:
        if include.resolved is not None:
            continue
        line, col = ctx.find(include.target, include.line, include.line)
        bracket = ctx.lines[line - 1].rfind("[!", 0, col) if 0 < line <= len(ctx.lines) else -1
        seen = ctx.line_of(ctx.text, line) if 0 < line <= len(ctx.lines) else ""
        if len(seen) < col or seen[col - 1] != ctx.lines[line - 1][col - 1]:
            continue  # written inside code: shown as text, never included
        yield Hit(line, bracket + 1 if bracket >= 0 else col,
                  f"include file {include.target!r} does not exist")


def _urls(ctx: DocContext) -> list[tuple[int, int, str, Any]]:
    """(line, col, url, parts) of every absolute URL a reader can see, worked out once."""
    found = ctx.memo.get("urls")
    if found is None:
        urls: list[tuple[int, int, str, Any]] = []  # (the memo holds objects: type it here)
        for match in _URL.finditer(ctx.visible):
            url = match.group(0).rstrip(".,;:")
            try:
                parts = urlsplit(url)
            except ValueError:
                continue
            urls.append((*ctx.position(match.start()), url, parts))
        ctx.memo["urls"] = found = urls
    return found  # type: ignore[return-value]


def _is_old_host(host: str) -> bool:
    return host in _OLD_DOCS_HOSTS


@doc_rule("LNK404", "old-docs-host", "warning", fixable=True)
def old_docs_host(ctx: DocContext) -> Iterator[Hit]:
    """An absolute link to the retired docs host ``docs.microsoft.com``.

    Why it matters: the old host only redirects (slower, and the redirects are not kept
    forever); absolute links to Learn pages also leave the reader's language and the review
    environment. Learn wants site-relative links between its own pages.

    A URL written bare or as an autolink (``<https://...>``) would stop being a link without
    its host: there the fix is the same page on ``https://learn.microsoft.com``, without the
    locale. ``--fix`` writes the fix in place of the URL.

    Example::

        See [Regions overview](https://docs.microsoft.com/en-us/power-platform/admin/regions-overview).

    Instead: a site-relative link without the locale::

        See [Regions overview](/power-platform/admin/regions-overview).
    """
    for line, col, url, parts in _urls(ctx):
        host = (parts.hostname or "").lower()
        if not _is_old_host(host):
            continue
        path = _LOCALE.sub("", parts.path) or "/"
        fix = path + (f"?{parts.query}" if parts.query else "") + (
            f"#{parts.fragment}" if parts.fragment else "")
        edit = Edit(line, col, url, fix)
        if _LINK_TARGET_BEFORE.search(ctx.lines[line - 1], 0, col - 1):
            message = f"use the site-relative path {fix!r}"
        else:
            edit = Edit(line, col, url, _LEARN + fix)
            message = f"use {edit.new!r}"
        yield Hit(line, col, f"absolute link to the old docs host {host}: {message}",
                  fix=edit.new, edit=edit)


@doc_rule("LNK405", "locale-in-url", "warning", fixable=True)
def locale_in_url(ctx: DocContext) -> Iterator[Hit]:
    """A locale such as ``/en-us/`` in a link to a Microsoft site.

    Why it matters: Microsoft sites send every reader to their own language when the URL has
    no locale; a hard-coded ``en-us`` sends readers of localized pages to English.

    (Links to ``docs.microsoft.com`` are reported by LNK404, whose fix also drops the locale.)
    ``--fix`` drops the locale segment from the URL.

    Example::

        [SDL practices](https://www.microsoft.com/en-us/securityengineering/sdl/practices)

    Instead::

        [SDL practices](https://www.microsoft.com/securityengineering/sdl/practices)
    """
    leave_to_old_host = "LNK404" in ctx.enabled
    for line, col, url, parts in _urls(ctx):
        host = (parts.hostname or "").lower()
        if leave_to_old_host and _is_old_host(host):
            continue
        if not any(host == d or host.endswith("." + d) for d in _MICROSOFT_DOMAINS):
            continue
        match = _LOCALE.match(parts.path)
        if match is None:
            continue
        fixed = url.replace(parts.path, _LOCALE.sub("", parts.path, count=1) or "/", 1)
        yield Hit(line, col, f"locale {match.group(1)!r} in URL: readers of other languages "
                             f"are sent to this one", fix=fixed, edit=Edit(line, col, url, fixed))

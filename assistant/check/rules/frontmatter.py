"""FM3xx: the YAML front matter that Learn's build and search read."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ...parse.docfx import as_given
from ...parse.frontmatter import iso_date
from ..registry import Edit, Hit, doc_rule
from ..source import DocContext

_FRONT_MATTER_DIAGNOSTICS = ("invalid-front-matter", "unclosed-front-matter")
# The ms.date line as written: the value, bare or quoted, and an optional YAML comment.
_DATE_LINE = re.compile(r"^ms\.date[ \t]*:[ \t]*(?P<quote>[\"']?)(?P<value>[^\"'#\s]+)(?P=quote)"
                        r"[ \t]*(?:#.*)?$")
_LEARN_DATE = re.compile(r"\d\d/\d\d/\d{4}")
# Dates that can be rewritten without losing anything: M/D/YYYY and YYYY-MM-DD (or with
# slashes); a value with a time of day is left as written.
_OTHER_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{4}|\d{4}[-/]\d{1,2}[-/]\d{1,2}")


def _blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, dict)):
        return not value or all(_blank(v) for v in value)
    return False


@doc_rule("FM301", "invalid-front-matter", "error")
def invalid_front_matter(ctx: DocContext) -> Iterator[Hit]:
    """Front matter that is not valid YAML (reported at the line YAML stumbles on).

    Why it matters: every field in the block is lost, so the page has no title, description
    or date for the build and for search, even if only one line is wrong.

    Example::

        ---
        title: Control user access to environments: security groups and licenses
        ---

    Instead: quote values that contain a colon followed by a space, and indent lists
    consistently::

        ---
        title: "Control user access to environments: security groups and licenses"
        ---
    """
    for diagnostic in ctx.doc.diagnostics:
        if diagnostic.code in _FRONT_MATTER_DIAGNOSTICS:
            yield Hit(diagnostic.line, 1, diagnostic.message)


def _front_matter_broken(ctx: DocContext) -> bool:
    return any(d.code in _FRONT_MATTER_DIAGNOSTICS for d in ctx.doc.diagnostics)


@doc_rule("FM302", "missing-field", "error")
def missing_field(ctx: DocContext) -> Iterator[Hit]:
    """A required front matter field is missing, from the file and from its ``docfx.json``.

    The ``required-fields`` setting names them; by default title, description, ms.date,
    ms.topic and author. A field the docset's ``docfx.json`` gives the page
    (``globalMetadata``, or a ``fileMetadata`` glob that matches it) counts as present, as it
    does for the Learn build.

    Why it matters: Learn's build rejects or warns on such pages (``author-missing``,
    ``ms-date-missing``), search shows no description, and nobody knows who owns the page.

    Include files, tables of contents, repository files (``front-matter-exempt``) and redirect
    stubs (``redirect_url``) are not checked. When the YAML itself is broken, FM301 reports it
    instead.

    Example::

        ---
        title: Data storage in Power Platform
        ---

    Instead: fill in every required field (or set it for the docset in ``docfx.json``)::

        ---
        title: Data storage in Power Platform
        description: Where Power Platform stores customer data and how it is protected.
        ms.date: 02/15/2022
        ms.topic: conceptual
        author: jimholtz
        ---
    """
    if ctx.front_matter_exempt or _front_matter_broken(ctx):
        return
    data = ctx.doc.front_matter
    missing = [name for name in ctx.settings.required_fields if name not in data]
    if not missing:
        return
    docset = ctx.docset
    if docset is not None:
        given = docset.metadata_for(ctx.path)
        missing = [name for name in missing if name not in given]
    where = "front matter" if ctx.doc.body_line > 1 else "this doc (it has no front matter)"
    if docset is None:
        also = ""
    elif docset.error:
        also = f"; {as_given(docset.path, ctx.path)} {docset.error}, so its metadata is not known"
    else:
        also = f" and from {as_given(docset.path, ctx.path)}"
    for name in missing:
        yield Hit(1, 1, f"required field {name!r} is missing from {where}{also}",
                  fix=f"add '{name}: ...' to the front matter")


@doc_rule("FM303", "empty-field", "error")
def empty_field(ctx: DocContext) -> Iterator[Hit]:
    """A required front matter field is present but empty.

    Why it matters: an empty field is as good as a missing one for the build and for search,
    but it looks filled in, so it survives reviews.

    Example::

        description:
        author: ""

    Instead: give the field a value, or remove it if it is not required::

        description: Where Power Platform stores customer data.
        author: jimholtz
    """
    if ctx.front_matter_exempt or _front_matter_broken(ctx):
        return
    data = ctx.doc.front_matter
    for name in ctx.settings.required_fields:
        if name in data and _blank(data[name]):
            line = ctx.doc.front_matter_lines.get(name, 1)
            yield Hit(line, 1, f"required field {name!r} is empty")


@doc_rule("FM304", "invalid-date", "error")
def invalid_date(ctx: DocContext) -> Iterator[Hit]:
    """``ms.date`` is not a real date, or lies in the future.

    Why it matters: Learn shows the date to readers and the build rejects unreadable ones
    (``ms-date-invalid``); staleness reports and freshness sorting go wrong.

    Accepted forms: ``MM/DD/YYYY`` (Learn's own), ``YYYY-MM-DD``.

    Example::

        ms.date: 13/45/2019

    Instead::

        ms.date: 12/08/2021
    """
    if "ms.date" not in ctx.doc.front_matter or _front_matter_broken(ctx):
        return
    value = ctx.doc.front_matter["ms.date"]
    if _blank(value):
        return  # an empty required field is FM303's business
    line = ctx.doc.front_matter_lines.get("ms.date", 1)
    iso = iso_date(value)
    if iso is None:
        yield Hit(line, 1, f"ms.date {str(value).strip()!r} is not a date "
                           f"(write MM/DD/YYYY)")
    elif dt.date.fromisoformat(iso) > ctx.today:
        yield Hit(line, 1, f"ms.date {iso} is in the future")


@doc_rule("FM305", "stale-date", "warning")
def stale_date(ctx: DocContext) -> Iterator[Hit]:
    """``ms.date`` is older than the staleness threshold (``stale-days``, default 365).

    Why it matters: ``ms.date`` says when the page was last reviewed for accuracy; a page
    nobody has looked at for a year likely names renamed products, retired regions or old
    limits, and readers trust it less.

    Example (checked in 2026)::

        ms.date: 10/21/2019

    Instead: review the page against the product today, fix what changed, and set ms.date to
    the day of the review.
    """
    if ctx.front_matter_exempt or not ctx.doc.date:
        return
    written = dt.date.fromisoformat(ctx.doc.date)
    age = (ctx.today - written).days
    if age > ctx.settings.stale_days:
        line = ctx.doc.front_matter_lines.get("ms.date", 1)
        yield Hit(line, 1, f"ms.date {ctx.doc.date} is {age} days old (more than "
                           f"{ctx.settings.stale_days}); review the page and update ms.date")


@doc_rule("FM306", "date-format", "info", fixable=True)
def date_format(ctx: DocContext) -> Iterator[Hit]:
    """``ms.date`` is a real date written in another form than Learn's ``MM/DD/YYYY``.

    Why it matters: Learn's contributor guide asks for ``MM/DD/YYYY``; scripts that sort,
    compare or bulk-update ``ms.date`` across a repo (and reviewers scanning a diff) expect
    one form, and ``2021-12-08`` beside ``4/24/2019`` reads as two conventions.

    Accepted as dates and rewritten by ``--fix``: ``M/D/YYYY`` (padded to two digits) and
    ``YYYY-MM-DD``. Quotes are kept. A date that is not real is FM304's business.

    Example::

        ms.date: 2021-12-08

    Instead::

        ms.date: 12/08/2021
    """
    if "ms.date" not in ctx.doc.front_matter or _front_matter_broken(ctx):
        return
    number = ctx.doc.front_matter_lines.get("ms.date")
    if number is None or not 0 < number <= len(ctx.lines):
        return
    match = _DATE_LINE.match(ctx.lines[number - 1])
    if match is None:
        return
    value = match.group("value")
    if _LEARN_DATE.fullmatch(value) or not _OTHER_DATE.fullmatch(value):
        return
    iso = iso_date(value)
    if iso is None:
        return
    year, month, day = iso.split("-")
    fixed = f"{month}/{day}/{year}"
    yield Hit(number, match.start("value") + 1,
              f"ms.date {value!r} is not written MM/DD/YYYY (write {fixed!r})",
              fix=fixed, edit=Edit(number, match.start("value") + 1, value, fixed))

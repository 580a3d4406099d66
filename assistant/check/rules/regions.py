"""XD601-XD602: regions placed in different locations or geos by different tables or docs.

Region names are learnt from *region tables*: tables with a column whose header names
regions or datacenters ("Azure datacenters (regions)"), optionally beside a geo column
("Azure geographic areas (geos)"). Every "Region (Place)" written anywhere (a footnote, a
sentence, another table) is then compared with the others of the same region.

When the places (or geos) given for one region disagree, the odd one out is the minority: the
place written least often (on a tie, the one written later); the finding names the place the
others use and where, preferring a place in the same doc.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from ...lexicon import load_lexicon
from ...model import Table
from ..registry import Hit, collector, corpus_rule
from ..source import DocContext

_REGION_HEADER = re.compile(r"\b(regions?|datacent(?:er|re)s?|data cent(?:er|re)s?)\b",
                            re.IGNORECASE)
_GEO_HEADER = re.compile(r"\b(geos?|geograph\w*|areas?)\b", re.IGNORECASE)
# "(Des Moines, IA)": a parenthesis that may place the region named right before it.
_PARENTHESIS = re.compile(r"\((?P<place>[^()\n]{2,60})\)")
# The capitalised words right before a parenthesis ("South Central US "), read backwards
# from the "(" within a short window.
_NAME_BEFORE = re.compile(r"(?<![\w-])(?P<name>[A-Z][\w]*(?:[ \t]+[A-Z][\w]*){0,4})[ \t]*\Z")
_NAME_WINDOW = 80
_COMPASS = re.compile(r"\b(?:East|West|North|South|Central|Southeast|Southwest|Northeast|"
                      r"Northwest|Southcentral|Northcentral|Westcentral)\b")
# A geo is a short name ("Asia Pacific"), not a sentence from a description column.
_MAX_GEO_WORDS = 4
# "South Central US (Des Moines, IA)": capitalised words, then a parenthesis.
_MENTION = re.compile(
    r"(?<![\w-])(?P<name>[A-Z][\w]*(?:[ \t]+[A-Z][\w]*){0,4})[ \t]*"
    r"\((?P<place>[^()\n]{2,60})\)"
)
_PLACE = re.compile(r"^[^\W\d_][\w .,'’\-]*$")
_MAX_PLACE_WORDS = 6
# Lower-case words that may stand inside a place name ("Rio de Janeiro", "Isle of Man").
_PLACE_LINKS = frozenset({"de", "del", "da", "do", "of", "and", "upon", "on", "am", "la", "le"})
# A region name has at least two words ("East US", "Brazil South"); a single word in a
# region column is a geo or a country, which "(...)" after it does not place.
_MIN_REGION_WORDS = 2
# Parentheses after a region name that say something else than where it is.
_NOT_PLACES = frozenset({
    "preview", "beta", "ga", "legacy", "primary", "secondary", "default", "recommended",
    "deprecated", "new", "retired", "restricted", "government", "gov", "public", "paired",
    "optional", "only", "and", "or", "see", "note", "limited", "available", "coming", "soon",
})
# Words that say nothing about which place is meant.
_GENERIC = frozenset({"state", "city", "province", "region", "area", "the", "of", "and", "metro",
                      "county", "prefecture"})
_US_STATES = {
    "al": "alabama", "ak": "alaska", "az": "arizona", "ar": "arkansas", "ca": "california",
    "co": "colorado", "ct": "connecticut", "de": "delaware", "fl": "florida", "ga": "georgia",
    "hi": "hawaii", "id": "idaho", "il": "illinois", "in": "indiana", "ia": "iowa",
    "ks": "kansas", "ky": "kentucky", "la": "louisiana", "me": "maine", "md": "maryland",
    "ma": "massachusetts", "mi": "michigan", "mn": "minnesota", "ms": "mississippi",
    "mo": "missouri", "mt": "montana", "ne": "nebraska", "nv": "nevada",
    "nh": "new hampshire", "nj": "new jersey", "nm": "new mexico", "ny": "new york",
    "nc": "north carolina", "nd": "north dakota", "oh": "ohio", "ok": "oklahoma",
    "or": "oregon", "pa": "pennsylvania", "ri": "rhode island", "sc": "south carolina",
    "sd": "south dakota", "tn": "tennessee", "tx": "texas", "ut": "utah", "vt": "vermont",
    "va": "virginia", "wa": "washington", "wv": "west virginia", "wi": "wisconsin",
    "wy": "wyoming", "dc": "district of columbia",
}


def _squash(text: str) -> str:
    return " ".join(text.split())


def _place_words(place: str) -> frozenset[str]:
    """The words that identify a place, with US state codes spelled out."""
    words: set[str] = set()
    for part in re.split(r"[,/;]| and ", place.lower()):
        part = part.strip(" .")
        if part in _US_STATES:
            part = _US_STATES[part]
        words.update(w for w in re.findall(r"[^\W_]+", part) if w not in _GENERIC)
    return frozenset(words)


def _is_place(place: str) -> bool:
    """A parenthesis that names a place: capitalised words ("Des Moines, IA", "São Paulo
    State"), not a remark ("Preview", "Conversation intelligence")."""
    place = _squash(place)
    if not _PLACE.match(place) or not place[0].isupper():
        return False
    words = place.replace(",", " ").split()
    if len(words) > _MAX_PLACE_WORDS or {w.lower() for w in words} <= _NOT_PLACES:
        return False
    return all(w[0].isupper() or w in _PLACE_LINKS for w in words)


def _columns(table: Table) -> tuple[int | None, int | None]:
    """(region column, geo column) of a region table; region None when it is not one."""
    region = next((i for i, h in enumerate(table.header) if _REGION_HEADER.search(h)), None)
    if region is None:
        return None, None
    geo = next((i for i, h in enumerate(table.header)
                if i != region and _GEO_HEADER.search(h)), None)
    return region, geo


def region_names(cell: str) -> list[str]:
    """The region names written in a region cell ("East US (Blue Ridge, VA), West US")."""
    names = [_squash(m.group("name")) for m in _MENTION.finditer(cell)]
    rest = _MENTION.sub(",", cell)
    names += [_squash(p) for p in rest.split(",") if p.strip() and p.strip()[0].isupper()]
    return [n for n in names if _MIN_REGION_WORDS <= len(n.split()) <= 5]


@collector("regions")
def collect_regions(ctx: DocContext) -> dict[str, Any] | None:
    """Region table entries (name, geo) and every "Name (Place)" mention, with lines."""
    entries = []
    for table in ctx.doc.tables:
        if table.path != ctx.path:
            continue
        region_col, geo_col = _columns(table)
        if region_col is None:
            continue
        for row, lines in zip(table.rows, table.cell_lines, strict=True):
            geo = _squash(row[geo_col]) if geo_col is not None else ""
            if len(geo.split()) > _MAX_GEO_WORDS or any(c in geo for c in ".:;!?"):
                geo = ""
            for name in region_names(row[region_col]):
                line, col = ctx.find_words(name, lines[region_col], lines[region_col])
                entries.append((name, geo, line, col))
    mentions = []
    text = ctx.prose
    for match in _PARENTHESIS.finditer(text):
        place = _squash(match.group("place"))
        if not _is_place(place):
            continue
        start = match.start()
        named = _NAME_BEFORE.search(text, max(0, start - _NAME_WINDOW), start)
        if named is not None:
            mentions.append((_squash(named.group("name")), place,
                             *ctx.position(named.start())))
    if not entries and not mentions:
        return None
    return {"entries": entries, "mentions": mentions}


@dataclass(frozen=True, slots=True)
class _Claim:
    """One statement of where (or in which geo) a region is."""

    region: str
    value: str
    words: frozenset[str]
    path: str
    line: int
    col: int


def _known_regions(facts: list[tuple[str, dict[str, Any]]]) -> set[str]:
    """Region names from region tables: names with a compass word, as Azure names its regions
    ("East US", "Brazil South", "Germany West Central"), that no table uses as a geo."""
    geos = {geo for _, data in facts for _, geo, *_ in data["entries"] if geo}
    return {name for _, data in facts for name, *_ in data["entries"]
            if name not in geos and _COMPASS.search(name)}


def _longest_known(name: str, known: set[str]) -> str | None:
    words = name.split()
    for start in range(len(words)):
        candidate = " ".join(words[start:])
        if candidate in known:
            return candidate
    return None


def _odd_ones(claims: list[_Claim]) -> Iterator[tuple[_Claim, _Claim, int]]:
    """For one region: each claim outside the majority, a claim of the majority to name (same
    doc preferred) and how many claims the majority has."""
    values = sorted({c.value for c in claims})
    parent = {v: v for v in values}

    def find(v: str) -> str:
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    words = {c.value: c.words for c in claims}
    for i, a in enumerate(values):
        for b in values[i + 1:]:
            if words[a] & words[b] or not words[a] or not words[b]:
                parent[find(a)] = find(b)
    groups: dict[str, list[_Claim]] = defaultdict(list)
    for claim in sorted(claims, key=lambda c: (c.path, c.line, c.col)):
        groups[find(claim.value)].append(claim)
    if len(groups) < 2:
        return
    # Majority: most claims; on a tie, the group written first.
    ranked = sorted(groups.values(), key=lambda g: (-len(g), g[0].path, g[0].line))
    majority = ranked[0]
    for group in ranked[1:]:
        for claim in group:
            other = next((m for m in majority if m.path == claim.path), majority[0])
            yield claim, other, len(majority)


def _others(count: int) -> str:
    return f" (and {count - 1} other place{'s' if count > 2 else ''})" if count > 1 else ""


@corpus_rule("XD601", "region-location-conflict", "error", collector="regions")
def region_location_conflict(facts: list[tuple[str, dict[str, Any]]]) -> Iterator[Hit]:
    """The same region placed in different locations, in one doc or across docs.

    Why it matters: data residency answers depend on where a region is; when a table says
    "South Central US (Des Moines, IA)" and a footnote says "South Central US (Texas)",
    at least one is wrong and readers cannot tell which.

    Regions are the names in region tables (a column headed "regions" or "datacenters") that
    have a compass word, as Azure region names do ("East US", "Brazil South"), and are not
    used as a geo anywhere;
    places are the parentheses after a region name anywhere in the text. Places agree when
    they share a word ("Tokyo, Saitama" and "Tokyo"; US state codes count as the state).
    The finding is at the place written least often and names the others.

    Example::

        |    United States   |  South Central US (Des Moines, IA)  |
        ...
        <sup>1</sup> ... may be replicated to South Central US (Texas).

    Instead: check the region's real location and write the same place everywhere::

        |    United States   |  South Central US (Texas)  |
    """
    known = _known_regions(facts)
    claims: dict[str, list[_Claim]] = defaultdict(list)
    for path, data in facts:
        for name, place, line, col in data["mentions"]:
            region = _longest_known(name, known)
            if region is None:
                continue
            offset = name.rfind(region)
            claims[region].append(_Claim(region, place, _place_words(place), path, line,
                                         col + offset))
    for region in sorted(claims):
        for claim, other, count in _odd_ones(claims[region]):
            yield Hit(claim.line, claim.col,
                      f"{region} is placed in {claim.value!r} here but in {other.value!r} at "
                      f"{other.path}:{other.line}{_others(count)}",
                      path=claim.path, related=(other.path,))


@cache
def _geo_synonyms() -> dict[str, str]:
    """Lower-case name -> canonical name, for the lexicon's synonym groups."""
    out: dict[str, str] = {}
    for group in load_lexicon().synonyms:
        for name in group:
            out.setdefault(name.lower(), group[0].lower())
    return out


def _geo_words(geo: str) -> frozenset[str]:
    canonical = _geo_synonyms().get(geo.lower(), geo.lower())
    return frozenset(re.findall(r"[^\W_]+", canonical)) - _GENERIC


@corpus_rule("XD602", "region-geo-conflict", "error", collector="regions")
def region_geo_conflict(facts: list[tuple[str, dict[str, Any]]]) -> Iterator[Hit]:
    """The same region listed under different geos (geographic areas) by different tables.

    Why it matters: the geo decides where customer data may be replicated; a region filed
    under two geos makes one of the residency promises wrong.

    Geos agree when they are equal, synonyms in the lexicon ("United States" and "US"), or one
    is part of the other ("Asia" and "Asia Pacific"). The finding is at the geo written least
    often and names the others.

    Example::

        | Asia Pacific | East Asia (Hong Kong) |      (one doc)
        | Japan        | East Asia (Hong Kong) |      (another doc)

    Instead: file the region under the same geo everywhere::

        | Asia Pacific | East Asia (Hong Kong) |
    """
    known = _known_regions(facts)
    claims: dict[str, list[_Claim]] = defaultdict(list)
    for path, data in facts:
        for name, geo, line, col in data["entries"]:
            if geo and name in known:
                claims[name].append(_Claim(name, geo, _geo_words(geo), path, line, col))
    for region in sorted(claims):
        for claim, other, count in _odd_ones(claims[region]):
            yield Hit(claim.line, claim.col,
                      f"{region} is in geo {claim.value!r} here but in {other.value!r} at "
                      f"{other.path}:{other.line}{_others(count)}",
                      path=claim.path, related=(other.path,))

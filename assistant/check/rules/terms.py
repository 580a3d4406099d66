"""TRM5xx: product and feature names that were renamed (the lexicon's ``[[rename]]`` table)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ...lexicon import Rename, load_lexicon
from ..registry import Edit, Hit, doc_rule
from ..source import DocContext

# A line that explains the rename ("Microsoft Entra ID (formerly Azure AD)") is right to
# name the old product.
_EXPLAINS_RENAME = re.compile(
    r"\b(formerly|previously|renamed|rebranded|now called|now named|now known|known as|"
    r"new name|old name)\b", re.IGNORECASE)


@cache
def _matcher() -> tuple[re.Pattern[str], dict[str, Rename]]:
    """One regex for every old name (longest first) and old name -> rename."""
    by_name: dict[str, Rename] = {}
    for rename in load_lexicon().renames:
        for old in rename.old:
            by_name.setdefault(old, rename)
    names = sorted(by_name, key=len, reverse=True)
    # No look-behind in front: a pattern that starts with literals is scanned much faster.
    # Word boundaries are checked on each match instead (see renamed_product).
    pattern = re.compile("(" + "|".join(re.escape(n) for n in names) + ")")
    return pattern, by_name


# Whole words only, and not part of a dotted, dashed or slashed identifier
# ("Microsoft.PowerApps.Administration", "powerapps-docs", "/PowerApps/").
_BEFORE = re.compile(r"[\w.\-/@]")
_AFTER = re.compile(r"[\w\-/@]|\.\w")
# Products that kept the old name as part of their own ("Azure AD B2C" is still sold so).
_KEPT_SUFFIX = re.compile(r"[ \t]+B2C\b")
# The next capitalised word, when the old name is part of a longer product name.
_COMPOUND = re.compile(r"[ \t]+[A-Z][\w-]*")
# An indefinite article right before the name, as written ("an AAD tenant").
_ARTICLE = re.compile(r"(?<![\w'’\-])(?P<article>[Aa]n?)[ \t]+\Z")
# Letters whose spoken name starts with a vowel: an acronym takes "an" after them ("an MSA").
_VOWEL_LETTER_NAMES = frozenset("AEFHILMNORSX")


def _article_for(name: str) -> str | None:
    """"a" or "an" before ``name``, or None when the sound of its first letter cannot be told
    from the spelling ("an hour" but "a hotel", "an umbrella" but "a unit")."""
    first = name.split()[0]
    if len(first) > 1 and first.isupper():  # an acronym is read letter by letter
        return "an" if first[0] in _VOWEL_LETTER_NAMES else "a"
    letter = first[0].lower()
    if letter in "aeio":
        return "an"
    if letter in "hu" or not letter.isalpha():
        return None
    return "a"


def _in_case_written(written: str, rename: Rename) -> str:
    """The new name, with the capitals the writer gave words it shares with the old name
    ("Office 365 Admin Center" in a title becomes "Microsoft 365 Admin Center")."""
    plain = next((old for old in rename.old if old.lower() == written.lower() and old != written),
                 None)
    if plain is None:
        return rename.new
    recased = {p.lower(): w for p, w in zip(plain.split(), written.split(), strict=False)
               if p != w}
    return " ".join(recased.get(word.lower(), word) for word in rename.new.split())


def _rename_edit(ctx: DocContext, number: int, col: int, written: str, new: str) -> Edit:
    """The edit that writes ``new`` over ``written``, taking in the new name's first word
    when it is already written before the old one ("Microsoft Office 365 admin center" must
    not become "Microsoft Microsoft 365 admin center"), and mending "a"/"an" right before it
    where it can."""
    line = ctx.lines[number - 1]
    start = col - 1
    lead = new.split()[0]
    if " " in new and (before := re.search(rf"(?<![\w'’\-]){re.escape(lead)}[ \t]+\Z",
                                           line[:start])):
        start = before.start()
    old = line[start:col - 1] + written
    article = _ARTICLE.search(line, 0, start)
    wanted = _article_for(new) if article else None
    if article is None or wanted is None or article.group("article").lower() == wanted:
        return Edit(number, start + 1, old, new)
    if article.group("article")[0].isupper():
        wanted = wanted.capitalize()
    return Edit(number, article.start("article") + 1,
                line[article.start("article"):start] + old,
                wanted + line[article.end("article"):start] + new)


@doc_rule("TRM501", "renamed-product", "warning", fixable=True)
def renamed_product(ctx: DocContext) -> Iterator[Hit]:
    """A product or feature under a name it no longer has (from the lexicon, with the year).

    Why it matters: readers search for the current name and do not find the page, or think
    the old product is a different one; support answers quoting the page look out of date.

    Matched case-sensitively as whole words in the visible text; never inside URLs, code,
    identifiers (``Microsoft.PowerApps.Administration``) or front matter, and not on a line
    that explains the rename ("formerly Azure AD"), nor where a product kept the old name in
    its own ("Azure AD B2C"). The fix is given for a standalone name only ("Azure AD Connect"
    became "Microsoft Entra Connect"). The renames live in ``assistant/data/lexicon.toml``.

    ``--fix`` writes the new name for a standalone one, keeps the capitals a title gave the
    words both names share ("Office 365 Admin Center" -> "Microsoft 365 Admin Center") and
    mends "a"/"an" right before it ("a VSTS project" -> "an Azure DevOps project").

    Example::

        Sign in with your Azure Active Directory account.

    Instead::

        Sign in with your Microsoft Entra ID account.
    """
    pattern, by_name = _matcher()
    text = ctx.prose
    for match in pattern.finditer(text):
        start, end = match.span()
        if (start and _BEFORE.match(text, start - 1)) or _AFTER.match(text, end):
            continue
        if _KEPT_SUFFIX.match(text, end):
            continue
        rename = by_name[match.group(1)]
        number, col = ctx.position(match.start())
        line = ctx.line_of(ctx.prose, number)
        if rename.new in line or _EXPLAINS_RENAME.search(line):
            continue
        # "Azure AD Connect" became "Microsoft Entra Connect", not "Microsoft Entra ID
        # Connect": only a standalone name has a sure replacement.
        written = match.group(1)
        if _COMPOUND.match(text, end):
            yield Hit(number, col, f"{written!r} was renamed {rename.new!r} in {rename.year}")
            continue
        new = _in_case_written(written, rename)
        yield Hit(number, col, f"{written!r} was renamed {rename.new!r} in {rename.year}",
                  fix=new, edit=_rename_edit(ctx, number, col, written, new))

"""TRM5xx: product and feature names that were renamed (the lexicon's ``[[rename]]`` table)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ...lexicon import Rename, load_lexicon
from ..registry import Hit, doc_rule
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


@doc_rule("TRM501", "renamed-product", "warning")
def renamed_product(ctx: DocContext) -> Iterator[Hit]:
    """A product or feature under a name it no longer has (from the lexicon, with the year).

    Why it matters: readers search for the current name and do not find the page, or think
    the old product is a different one; support answers quoting the page look out of date.

    Matched case-sensitively as whole words in the visible text; never inside URLs, code,
    identifiers (``Microsoft.PowerApps.Administration``) or front matter, and not on a line
    that explains the rename ("formerly Azure AD"), nor where a product kept the old name in
    its own ("Azure AD B2C"). The fix is given for a standalone name only ("Azure AD Connect"
    became "Microsoft Entra Connect"). The renames live in ``assistant/data/lexicon.toml``.

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
        fix = None if _COMPOUND.match(text, end) else rename.new
        yield Hit(number, col, f"{match.group(1)!r} was renamed {rename.new!r} in "
                               f"{rename.year}", fix=fix)

"""The rule families. Importing this package registers every rule."""

from ..registry import RULES
from . import (  # noqa: F401 - imported for their registrations
    comments,
    exceptions,
    files,
    frontmatter,
    links,
    names,
    regions,
    tables,
    terms,
    unfinished,
)

# The table of codes reads in code order, whatever order the families were imported in.
_ordered = sorted(RULES.items())
RULES.clear()
RULES.update(_ordered)

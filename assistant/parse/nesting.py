"""Deep nesting never costs the rest of a doc.

markdown-it stops block parsing silently at ``maxNesting`` (20 in the commonmark preset, so a
list 10 levels deep) and drops every block after it, later sections included. The limit also
bounds its recursion, so it cannot simply be lifted: inline parsing of ``[[[[...`` thousands
deep recurses once per level. So the limit is raised well above real docs, and a first block
rule takes over a little below it: deeper than :data:`MAX_BLOCK_DEPTH`, lines are read as
plain paragraphs (nothing nests further, nothing is dropped) and the first such line is
recorded for a diagnostic.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock, paragraph

MAX_BLOCK_DEPTH = 64
"""Block nesting levels parsed as markdown (a nested list costs two: the list and its item)."""
MAX_NESTING = MAX_BLOCK_DEPTH + 16
"""markdown-it's own limit: above the guard's (it must never cut blocks), and low enough to
keep its inline recursion far from Python's recursion limit."""
_CUT_KEY = "assistant_nesting_cut"


def _flatten_too_deep(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.level < MAX_BLOCK_DEPTH or silent:
        return False
    state.env.setdefault(_CUT_KEY, start_line)
    return paragraph(state, start_line, end_line, False)


def guard(md: MarkdownIt) -> MarkdownIt:
    """Raise ``md``'s nesting limit and install the rule that flattens deeper blocks."""
    md.options["maxNesting"] = MAX_NESTING
    md.block.ruler.before(md.block.ruler.get_all_rules()[0], "flatten_too_deep",
                          _flatten_too_deep)
    return md


def cut_line(env: dict) -> int | None:
    """The 1-based line (of the parsed text) where blocks were first flattened, if any."""
    line = env.get(_CUT_KEY)
    return None if line is None else line + 1

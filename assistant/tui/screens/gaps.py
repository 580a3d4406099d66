"""The gaps view for writers: what support asked that the docs did not answer, grouped.

The same list as ``assistant gaps``: questions answered "unknown" and answers marked wrong
(ctrl+g), similar questions grouped, most asked first, each with the docs nearest to it.
Enter opens the nearest doc at its line: where a writer would start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer

from ...gaps import GapGroup, group_gaps, local_time
from ...paths import shortened, shown_place
from ..literal import literal
from ..widgets.filtered_table import Column, FilteredTable, Row
from ..widgets.fitted import Fitted, ended
from ..widgets.status_line import StatusLine

if TYPE_CHECKING:
    from ..app import AssistantApp

COLUMNS = (
    Column("Asked", width=5),
    Column("Question", share=3),
    Column("Nearest doc", share=2),
    Column("Last", width=10),
)
NOT_KEPT = "No gaps are kept: ASSISTANT_GAPS (or ASSISTANT_HISTORY) is set empty."
NONE_YET = ("No gaps logged yet: questions answered Unknown, and answers marked wrong with "
            "ctrl+g, are listed here.")


def nearest_name(group: GapGroup) -> str:
    """``title › section`` of the doc nearest to the group ("" when none came near)."""
    if not group.nearest:
        return ""
    near = group.nearest[0]
    return near.title + (f" › {near.section}" if near.section else "")


def gap_row(key: str, group: GapGroup) -> Row:
    """How one group is listed, and the words that find it."""
    cells = (
        Text(f"{group.count}×", justify="right"),
        literal(group.question),
        literal(nearest_name(group)),
        Text(local_time(group.last)[:10]),
    )
    words = [w.question for w in group.wordings]
    words.extend(group.reasons)
    words.extend(f"{n.title} {n.section} {n.path}" for n in group.nearest)
    return Row(key, cells, " ".join(words).lower())


def gap_detail(group: GapGroup, width: int) -> Text:
    """The whole group in ``width`` cells: how often and how, every wording (one line each),
    why wrong, and the nearest docs, each with its place (shortened in the middle, never
    broken) on the line below."""
    kinds = []
    if group.unknown:
        kinds.append(f"{group.unknown} unknown")
    if group.wrong:
        kinds.append(f"{group.wrong} marked wrong")
    text = Text.assemble(
        (f"Asked {group.count}×", "bold"), (f" · {', '.join(kinds)} · last ", ""),
        local_time(group.last),
    )
    for wording in group.wordings:
        count = f" {wording.count}×"
        said = ended(literal(f"“{wording.question}”"), width - len(count))
        text.append_text(Text.assemble("\n", said, (count, "dim")))
    for reason in group.reasons:
        text.append_text(Text.assemble("\n", ("Why wrong: ", "bold"), literal(f"“{reason}”")))
    label = "Nearest: "
    for number, near in enumerate(group.nearest):
        name = near.title + (f" › {near.section}" if near.section else "")
        place = shortened(shown_place(near.path, near.line, near.line), width - len(label))
        text.append_text(Text.assemble(
            "\n", (label if number == 0 else " " * len(label), "bold"),
            ended(literal(name), width - len(label)),
            "\n", " " * len(label), literal(place, "underline"),
        ))
    if not group.nearest:
        text.append_text(Text.assemble("\n", (label, "bold"), "nothing in the docs came near"))
    return text


class GapsScreen(Screen[None]):
    """The gaps log, grouped; Enter opens the highlighted group's nearest doc."""

    BINDINGS = [Binding("f5", "reload", "Reload")]

    app: AssistantApp

    def __init__(self) -> None:
        super().__init__()
        self.groups: dict[str, GapGroup] = {}
        """Groups by row key."""

    def compose(self) -> ComposeResult:
        yield StatusLine("gaps")
        yield FilteredTable(
            COLUMNS,
            noun="questions",
            placeholder="Filter gaps: words of the questions, reasons or nearest docs",
            opens="the nearest doc",
            id="gaps",
        )
        yield Fitted(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#filter").focus()
        # Reload when this app logs a gap; F5 picks up what others appended to a shared log.
        self.watch(self.app, "gaps_logged", lambda _count: self.action_reload())

    def action_reload(self) -> None:
        """Read the gaps log again."""
        if self.app.gaps.path is None:
            self._show({}, [], NOT_KEPT)
            return
        self._load()

    @work(thread=True, exclusive=True, group="gaps-view")
    def _load(self) -> None:
        try:
            read = self.app.gaps.read()
        except OSError as exc:
            message = f"Cannot read the gaps log {self.app.gaps.path}: {exc.strerror or exc}"
            self.app.call_from_thread(self._show, {}, [], message)
            return
        groups = {str(n): group for n, group in enumerate(group_gaps(read.gaps))}
        rows = [gap_row(key, group) for key, group in groups.items()]
        self.app.call_from_thread(self._show, groups, rows, None if rows else NONE_YET)

    def _show(self, groups: dict[str, GapGroup], rows: list[Row], status: str | None) -> None:
        self.groups = groups
        self.query_one(FilteredTable).set_rows(rows, status)
        if not rows:
            self.query_one("#detail", Fitted).show(None)

    def on_filtered_table_moved(self, event: FilteredTable.Moved) -> None:
        group = self.groups.get(event.key)
        self.query_one("#detail", Fitted).show(
            (lambda width: gap_detail(group, width)) if group else None)

    def on_filtered_table_picked(self, event: FilteredTable.Picked) -> None:
        group = self.groups.get(event.key)
        if group is None:
            return
        if not group.nearest:
            self.notify("Nothing in the docs came near this question.", severity="warning")
            return
        near = group.nearest[0]
        self.app.open_source(near.path, near.line, near.line)


__all__ = ["GapsScreen", "gap_detail", "gap_row", "nearest_name"]

"""The checks view for writers: every finding of the consistency checks, each opening its line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer

from ...errors import AssistantError
from ...model import Finding
from ...paths import shortened, shown_path
from ..literal import literal
from ..widgets.filtered_table import Column, FilteredTable, Row
from ..widgets.fitted import Fitted
from ..widgets.status_line import StatusLine

if TYPE_CHECKING:
    from ..app import AssistantApp

COLUMNS = (
    Column("Severity", width=8),
    Column("Code", width=6),
    Column("Where", share=3, path=True),
    Column("Message", share=5),
)
SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def finding_row(key: str, finding: Finding) -> Row:
    """How one finding is listed, and the words that find it."""
    cells = (
        Text(finding.severity, style=SEVERITY_STYLES.get(finding.severity, "")),
        Text(finding.code),
        literal(f"{shown_path(finding.path)}:{finding.line}"),
        literal(finding.message),
    )
    words = (finding.severity, finding.code, finding.name, finding.path, finding.message)
    return Row(key, cells, " ".join(words).lower())


def finding_detail(finding: Finding, width: int) -> Text:
    """The whole finding in ``width`` cells: what rule and where (the place shortened in the
    middle, on a line of its own when it does not fit beside the rule), what, and the fix."""
    rule = f"{finding.code} {finding.name}"
    place = f"{shown_path(finding.path)}:{finding.line}:{finding.col}"
    beside = shortened(place, width - len(rule) - 2)
    if len(rule) + 2 + len(beside) <= width:
        head = Text.assemble((rule, "bold"), "  ", literal(beside))
    else:
        head = Text.assemble((rule, "bold"), "\n", literal(shortened(place, width)))
    text = Text.assemble(head, "\n", literal(finding.message))
    if finding.fix:
        text.append_text(Text.assemble("\n", ("Fix: ", "bold"), literal(finding.fix)))
    return text


class ChecksScreen(Screen[None]):
    """The writers' findings over the corpus; Enter opens the highlighted one at its line."""

    BINDINGS = [Binding("f5", "rerun", "Re-run checks")]

    app: AssistantApp

    def __init__(self) -> None:
        super().__init__()
        self.findings: dict[str, Finding] = {}
        """Findings by row key."""

    def compose(self) -> ComposeResult:
        yield StatusLine("checks")
        yield FilteredTable(
            COLUMNS,
            noun="findings",
            placeholder="Filter findings: code, severity, file or words of the message",
            opens="the line",
            id="findings",
        )
        yield Fitted(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#filter").focus()
        self.action_rerun()

    def action_rerun(self) -> None:
        """Run the checks (again) over the corpus as it is on disk now."""
        roots = ", ".join(shown_path(r) for r in self.app.library.roots)
        self.query_one(FilteredTable).set_rows([], f"Checking {roots}…")
        self._run()

    @work(thread=True, exclusive=True, group="checks")
    def _run(self) -> None:
        try:
            findings = self.app.library.checks()
        except AssistantError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        except Exception as exc:  # shown, never the end of the user's session
            self.app.call_from_thread(self._failed, f"{type(exc).__name__}: {exc}")
            return
        # Rows are made here, off the event loop: a big corpus has thousands of findings.
        keyed = {str(n): finding for n, finding in enumerate(findings)}
        rows = [finding_row(key, finding) for key, finding in keyed.items()]
        self.app.call_from_thread(self._show, keyed, rows)

    def _failed(self, message: str) -> None:
        self.query_one(FilteredTable).set_rows([], f"Cannot run the checks: {message}")

    def _show(self, findings: dict[str, Finding], rows: list[Row]) -> None:
        self.findings = findings
        self.query_one(FilteredTable).set_rows(rows, None if rows else "No findings: all clear.")
        if not rows:
            self.query_one("#detail", Fitted).show(None)

    def on_filtered_table_moved(self, event: FilteredTable.Moved) -> None:
        finding = self.findings.get(event.key)
        self.query_one("#detail", Fitted).show(
            (lambda width: finding_detail(finding, width)) if finding else None)

    def on_filtered_table_picked(self, event: FilteredTable.Picked) -> None:
        finding = self.findings.get(event.key)
        if finding is not None:
            self.app.open_source(finding.path, finding.line, finding.line)


__all__ = ["ChecksScreen", "finding_detail", "finding_row"]

"""The team at a glance (t on the people screen), for review season: what needs
attention first, one line a person, fitted to the terminal; Enter opens their history."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from growtui import locations
from growtui.inert import one_line
from growtui.team import follow_text, goal_text, team_rows
from growtui.widgets.rows import GUTTER, column_widths, fitted, line, plain, text
from growtui.widgets.footer import Footer

if TYPE_CHECKING:  # (the app imports the screens)
    from growtui.app import GrowApp


def when(day: str | None, today: date) -> str:
    """'3 Nov', or '3 Nov 2025' before this year."""
    if day is None:
        return "never"
    d = date.fromisoformat(day)
    return d.strftime("%-d %b") + (f" {d.year}" if d.year != today.year else "")


KEYS = ["name", "last", "goal", "follow", "open", "note", "needs"]
LABELS = ["Name", "Last 1:1", "Goal (done)", "Follow-thr.", "Open", "Note", "Needs"]
# (where the room is short: the needs, then the goal, give way; the line under says them whole)
GIVES_WAY = [("needs", 16), ("goal", 16), ("name", 10), ("needs", 0), ("goal", 10)]


class TeamScreen(Screen[None]):
    CSS_PATH = locations.stylesheet("review.tcss")
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]
    app: GrowApp

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[int, dict[str, Any]] = {}
        self.cells: list[tuple[str, list[Text]]] = []
        self.widths: list[int] = []

    def compose(self) -> ComposeResult:
        yield Static("Team — what needs attention first", classes="screen-title")
        yield DataTable(id="team-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="team-detail")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        found = team_rows(self.app.store, self.app.library, self.app.today)
        self.rows = {r["id"]: r for r in found}
        self.cells = [(str(r["id"]), self.row(r)) for r in found]
        self.draw(first=True)
        self.query_one(DataTable).focus()

    def room(self) -> int:
        return self.app.size.width - 4 + len(GUTTER)  # (the table's padding and scroll bar)

    def draw(self, first: bool = False) -> None:
        """One cell a person (seven cost more than the frame), the widths from every row; on
        the first showing a screenful, the rest right after (the table measures what it holds)."""
        table = self.query_one(DataTable)
        self.widths = fitted(KEYS, column_widths(LABELS, self.cells), self.room(), GIVES_WAY)
        table.clear(columns=True)
        table.add_column(line([Text(label) for label in LABELS], self.widths), key="person")
        now = self.cells[: self.app.size.height] if first else self.cells
        for key, cells in now:
            table.add_row(line(cells, self.widths), key=key)
        if len(now) < len(self.cells):
            self.call_after_refresh(self.add_rest, len(now))

    def add_rest(self, start: int) -> None:
        table = self.query_one(DataTable)
        for key, cells in self.cells[start:]:
            table.add_row(line(cells, self.widths), key=key)

    def on_resize(self) -> None:
        if self.widths and fitted(KEYS, column_widths(LABELS, self.cells), self.room(), GIVES_WAY) != self.widths:
            self.draw()

    def row(self, r: dict[str, Any]) -> list[Text]:
        note = f"{r['days_since_note']} d" if r["days_since_note"] is not None else "never"
        opened = (
            f"{r['open_actions']} ({r['overdue_actions']} late)" if r["overdue_actions"] else str(r["open_actions"])
        )
        return plain(
            r["name"],
            when(r["last_conversation"], self.app.today),
            one_line(goal_text(r["goal"])),
            follow_text(r["follow_through"]),
            opened,
            note,
            ", ".join(r["needs"]) or "-",
        )

    @on(DataTable.RowHighlighted)
    def show_row(self, event: DataTable.RowHighlighted) -> None:
        r = self.rows.get(int(event.row_key.value or 0))
        if r is not None:
            goal = f"goal: {goal_text(r['goal'])}" if r["goal"] else "no goal in their plan"
            needs = ", ".join(r["needs"]) or "nothing pressing"
            line = f"{r['name']} · {goal} · follow-through (6 months) {follow_text(r['follow_through'])} · {needs}"
            self.query_one("#team-detail", Static).update(text(line))

    @on(DataTable.RowSelected)
    def open_history(self, event: DataTable.RowSelected) -> None:
        from growtui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.app.store.person(int(event.row_key.value or 0))))

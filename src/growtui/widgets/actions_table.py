"""Action items with their 1–10 commitment drawn as a bar. Digits set the
highlighted item's score (0 is 10), + and - nudge it, Enter edits it.

The columns that matter come first and the rest only where they fit (no column
is cut off the right edge): narrower, the bar becomes "7/10" and the status a
mark; an action's words wrap (a row is as tall as they need); whatever else is
left out shows in full for the highlighted item on the table's bottom border."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.events import Resize
from textual.message import Message
from textual.widgets import DataTable

from growtui.scores import HIGH, LOW, score_text
from growtui.keygate import InOrder
from growtui.store import Action
from growtui.dues import due_text, is_overdue
from growtui.inert import inert, one_line
from growtui.widgets.rows import highlighted_row_id, text

COLUMN_TITLES = {
    "text": "Action",
    "commitment": "Commitment",
    "score": "Score",
    "due": "Due",
    "status": "Status",
    "mark": "",
    "raise": "To raise it",
    "support": "Support",
}
COLUMN_WIDTHS = {"commitment": 13, "score": 5, "due": 12, "status": 7, "mark": 1, "raise": 20, "support": 20}
STATUS_MARKS = {"open": "·", "done": "✓", "dropped": "✗"}
RAISE_PROMPT = "what would bring this to a higher score?"


def score_bar(score: int | None) -> Text:
    if score is None:
        return Text("░░░░░░░░░░  -", style="dim")
    style = "bold red" if score <= LOW else "bold green" if score >= HIGH else "bold"
    return Text("█" * score + "░" * (10 - score), style=style) + Text(f" {score:>2}", style=style)


class ActionsTable(InOrder, DataTable[object]):
    # The footer shows the table's own keys while it has focus (one entry for the digits).
    BINDINGS = [
        *[Binding(str(d), f"score({d or 10})", "Score", show=d == 1, key_display="1-9 0") for d in range(10)],
        Binding("plus,equals_sign", "nudge(1)", "Raise", key_display="+"),
        Binding("minus", "nudge(-1)", "Lower", key_display="-"),
        Binding("enter", "edit", "Edit"),
    ]

    @dataclass
    class ScoreSet(Message):
        action_id: int
        score: int

    @dataclass
    class EditRequested(Message):
        action_id: int

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.actions: dict[int, Action] = {}
        self.columns_for = 0  # the width the columns were laid out for
        self.today = date.today()  # (overdue: past its due date; the screen sets the app's today)

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self.columns_for:  # (the words' column takes what the others leave)
            self.show(list(self.actions.values()))

    @staticmethod
    def layout_for(width: int) -> tuple[str, ...]:
        """The columns that fit, most important first."""
        if width >= 110:
            return ("text", "commitment", "due", "status", "raise", "support")
        if width >= 90:
            return ("text", "commitment", "due", "status", "raise")
        if width >= 66:
            return ("text", "commitment", "due", "status")
        return ("text", "score", "due", "mark")

    def show(self, actions: list[Action]) -> None:
        current = self.highlighted_id()
        self.columns_for = self.size.width
        layout = self.layout_for(self.columns_for)
        self.clear(columns=True)
        width = max(12, self.columns_for - sum(COLUMN_WIDTHS[k] + 2 for k in layout[1:]) - 4)
        for key in layout:  # fixed widths: nothing runs off the right edge
            self.add_column(COLUMN_TITLES[key], key=key, width=width if key == "text" else COLUMN_WIDTHS[key])
        self.actions = {a.id: a for a in actions}
        for a in actions:
            self.add_row(*[self.cell(a, key) for key in layout], key=str(a.id), height=None)  # (words wrap)
        if current in self.actions:
            self.move_cursor(row=self.get_row_index(str(current)))
        self.describe()
        self.call_after_refresh(self.keep_cursor_in_view)

    def keep_cursor_in_view(self) -> None:
        """The rows were laid out anew: scroll the highlighted one into view again (asked
        before the table knew its new size, the scroll may not have happened)."""
        self.move_cursor(row=self.cursor_row)

    def cell(self, a: Action, key: str) -> Text:
        low = a.commitment is not None and a.commitment <= LOW
        if key == "text":
            words = ("(me) " if a.owner == "me" else "") + a.text  # support the manager promised
            return text(one_line(words), style="bold red" if low else "")  # whole: the row is as tall as it needs
        if key == "due":
            late = is_overdue(a.status, a.due_date, self.today)
            return text(due_text(a.due, a.due_date) + (" !" if late else ""), style="bold red" if late else "")
        if key == "commitment":
            return score_bar(a.commitment)
        if key == "score":
            return Text(score_text(a.commitment, "-"), style="bold red" if low else "")
        if key == "raise":
            return text(a.raise_it or RAISE_PROMPT, style="italic red") if low else text(a.raise_it, style="dim")
        if key == "mark":
            return Text(STATUS_MARKS.get(a.status, a.status))
        return text({"due": due_text(a.due, a.due_date, self.today), "status": a.status, "support": a.support}[key])

    def describe(self) -> None:
        """The highlighted item in full, on the bottom border: what its columns leave out."""
        action_id = self.highlighted_id()
        a = self.actions.get(action_id) if action_id is not None else None
        if a is None:
            self.border_subtitle = ""
            return
        layout = self.layout_for(self.columns_for)
        parts = []
        if a.support and ("support" not in layout or len(a.support) > COLUMN_WIDTHS["support"]):
            parts.append(f"support: {a.support}")
        raise_it = a.raise_it or (RAISE_PROMPT if (a.commitment or 10) <= LOW else "")
        if raise_it and ("raise" not in layout or len(raise_it) > COLUMN_WIDTHS["raise"]):
            parts.append(f"to raise it: {raise_it}")
        self.border_subtitle = Content(inert(" · ".join(parts)))  # text, never markup

    def on_data_table_row_highlighted(self) -> None:
        self.describe()

    def highlighted_id(self) -> int | None:
        return highlighted_row_id(self)

    def action_score(self, score: int) -> None:
        action_id = self.highlighted_id()
        if action_id is not None:
            self.post_message(self.ScoreSet(action_id, score))

    def action_nudge(self, delta: int) -> None:
        action_id = self.highlighted_id()
        if action_id is None:
            return
        current = self.actions[action_id].commitment or 5
        self.post_message(self.ScoreSet(action_id, max(1, min(10, current + delta))))

    def action_edit(self) -> None:
        action_id = self.highlighted_id()
        if action_id is not None:
            self.post_message(self.EditRequested(action_id))

"""Action items with their 1–10 commitment drawn as a bar. Digits set the
highlighted item's score (0 is 10), + and - nudge it, Enter edits it."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from growtui.keygate import InOrder
from growtui.store import Action
from growtui.widgets.rows import highlighted_row_id
from growtui.widgets.rows import text

LOW = 6  # this or less: ask what would bring it higher
RAISE_PROMPT = "what would bring this to a higher score?"


def score_bar(score: int | None) -> Text:
    if score is None:
        return Text("░░░░░░░░░░  -", style="dim")
    style = "bold red" if score <= LOW else "bold green" if score >= 8 else "bold"
    return Text("█" * score + "░" * (10 - score), style=style) + Text(f" {score:>2}", style=style)


class ActionsTable(InOrder, DataTable[object]):
    BINDINGS = [
        *[Binding(str(d), f"score({d or 10})", "Score", show=False) for d in range(10)],
        Binding("plus,equals_sign", "nudge(1)", "+1", show=False),
        Binding("minus", "nudge(-1)", "-1", show=False),
        Binding("enter", "edit", "Edit action", show=False),
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
        self.add_column("Action", key="text")
        self.add_column("Commitment", key="commitment")
        self.add_column("Due", key="due")
        self.add_column("Status", key="status")
        self.add_column("To raise it", key="raise")
        self.add_column("Support", key="support")
        self.actions: dict[int, Action] = {}

    def show(self, actions: list[Action]) -> None:
        current = self.highlighted_id()
        self.clear()
        self.actions = {a.id: a for a in actions}
        for a in actions:
            low = a.commitment is not None and a.commitment <= LOW
            raise_it = text(a.raise_it or RAISE_PROMPT, style="italic red") if low else text(a.raise_it, style="dim")
            short = a.text if len(a.text) <= 36 else a.text[:35] + "…"
            self.add_row(text(short, style="bold red" if low else ""), score_bar(a.commitment), text(a.due),
                         text(a.status), raise_it, text(a.support), key=str(a.id))
        if current in self.actions:
            self.move_cursor(row=self.get_row_index(str(current)))

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

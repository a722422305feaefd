"""The reference: a bare Textual app with the same widget kinds as growtui
(Header, Tree, TextArea, DataTable, Footer) and nothing of ours, laid out like
growtui's conversation screen: the TextArea beside the Tree with the DataTable
below, so a soft-wrapped note wraps at the same width in both (TextArea's cost
grows as its lines narrow; that cost is the floor, not ours).

For starting a conversation: `s` opens a choice (an OptionList, as growtui's
start dialog) and Enter pushes a screen with the conversation screen's widgets;
ROWS (an argument) fills the first table like growtui's people screen."""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Header, OptionList, Static, TextArea, Tree

READY = "bare-ready"  # drawn once the table has its rows
OPENED = "bare-opened"  # drawn once the pushed screen is up

CSS = """
Horizontal { height: 1fr; }
TextArea { width: 1fr; }
Tree { width: 42%; max-width: 70; }
DataTable { height: 8; }
"""


class Conversation(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Static(OPENED)
        with Horizontal():
            with Vertical():
                yield Static("What would you like to achieve?")
                yield TextArea(soft_wrap=True)
            tree: Tree[None] = Tree("agenda")
            for part in ("Goal", "Reality", "Options", "Will"):
                node = tree.root.add(part, expand=True)
                for i in range(4):
                    node.add_leaf(f"{part} question {i}")
            yield tree
        table: DataTable[str] = DataTable()
        table.add_columns("action", "commitment", "due")
        yield table
        yield Footer()


class Choice(ModalScreen[str]):
    BINDINGS = [Binding("escape", "dismiss('')")]

    def compose(self) -> ComposeResult:
        yield OptionList("Resume", "GROW check-in", "First meeting")

    def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        self.dismiss("chosen")


class BareApp(App[None]):
    CSS = CSS
    BINDINGS = [Binding("s", "start")]

    def __init__(self, note: str = "", rows: int = 1) -> None:
        super().__init__()
        self.note = note
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield TextArea(self.note, soft_wrap=True, id="notes")
            yield Tree("agenda")
        yield DataTable(id="table")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("name", "role")
        table.add_rows([(READY, "reference")] + [(f"person {i}", "role") for i in range(1, self.rows)])
        table.focus()

    def action_start(self) -> None:
        self.push_screen(Choice(), lambda _: self.push_screen(Conversation()))


if __name__ == "__main__":
    BareApp(rows=int(sys.argv[1]) if len(sys.argv) > 1 else 1).run()

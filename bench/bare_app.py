"""The reference: a bare Textual app with the same widget kinds as growtui
(Header, Tree, TextArea, DataTable, Footer) and nothing of ours, laid out like
growtui's conversation screen: the TextArea beside the Tree with the DataTable
below, so a soft-wrapped note wraps at the same width in both (TextArea's cost
grows as its lines narrow; that cost is the floor, not ours)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Header, TextArea, Tree

READY = "bare-ready"  # drawn once the table has its rows


class BareApp(App[None]):
    CSS = """
    Horizontal { height: 1fr; }
    TextArea { width: 1fr; }
    Tree { width: 42%; max-width: 70; }
    DataTable { height: 8; }
    """

    def __init__(self, note: str = "") -> None:
        super().__init__()
        self.note = note

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
        table.add_row(READY, "reference")


if __name__ == "__main__":
    BareApp().run()

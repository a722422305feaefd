"""The reference: a bare Textual app with the same widget kinds as growtui
(Header, Tree, TextArea, DataTable, Footer) and nothing of ours."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header, TextArea, Tree

READY = "bare-ready"  # drawn once the table has its rows


class BareApp(App[None]):
    def __init__(self, note: str = "") -> None:
        super().__init__()
        self.note = note

    def compose(self) -> ComposeResult:
        yield Header()
        yield Tree("agenda")
        yield TextArea(self.note, soft_wrap=True, id="notes")
        yield DataTable(id="table")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("name", "role")
        table.add_row(READY, "reference")


if __name__ == "__main__":
    BareApp().run()

"""F1: every key of the app, by screen, as the user's keymap has them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from growtui import keys

SCREEN_TITLES = {"app": "Everywhere", "people": "People", "history": "History", "conversation": "Conversation"}

OTHER_KEYS = [
    ("Conversation", "↑ ↓ → ← space", "Move, expand and collapse in the follow-up tree"),
    ("Conversation", "enter", "In the tree: make that question current"),
    ("Action items", "1–9, 0", "Set the highlighted item's commitment (0 is 10)"),
    ("Action items", "+ / -", "Nudge the commitment up or down"),
    ("Action items", "enter", "Edit the highlighted action item"),
    ("Forms", "enter / esc / tab", "Save / cancel / next field"),
    ("Everywhere", "ctrl+p", "Command palette (also: change theme)"),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        effective = self.app.effective_keys()  # type: ignore[attr-defined]
        table: DataTable[str] = DataTable(id="help-table", cursor_type="row", zebra_stripes=True)
        table.add_columns("Where", "Key", "Does", "Binding id")
        for key in keys.KEYS:
            where = ", ".join(SCREEN_TITLES.get(s, s) for s in key.screens)
            table.add_row(where, effective[key.id], key.description, key.id)
        for where, key_text, does in OTHER_KEYS:
            table.add_row(where, key_text, does, "")
        with VerticalScroll(id="help-box"):
            yield Static("Keys — remap any binding id in config.toml under \\[keymap]. Esc closes.", id="help-title")
            yield table

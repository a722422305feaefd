"""F1: every key of the app, by screen, as the user's keymap has them: two columns
that fit 60 columns, scrolled with the arrows (nothing cut off the right edge)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from growtui import keys

SCREEN_TITLES = {"app": "Everywhere", "people": "People", "history": "History", "conversation": "Conversation"}

OTHER_KEYS = [
    ("Conversation", "tab / shift+tab", "Next / previous pane: notes, action items"),
    ("Follow-up tree", "↑ ↓ → ← space", "Move, expand and collapse"),
    ("Follow-up tree", "enter", "Make that question current (back to the notes)"),
    ("Action items", "1–9, 0", "Set the highlighted item's commitment (0 is 10)"),
    ("Action items", "+ / -", "Raise or lower the commitment by one"),
    ("Action items", "enter", "Edit the highlighted action item"),
    ("Action items", "any letter", "Goes on in the notes"),
    ("Forms", "enter / esc / tab", "Save / cancel (twice if you typed) / next field"),
    ("Summary", "↑ ↓ pgup pgdn", "Scroll"),
    ("Summary", "c c / t / esc", "Complete (asks once more) / to be continued / back"),
    ("Everywhere", "ctrl+p", "Command palette: every action, the theme (in a conversation, ctrl+p is Prev)"),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        effective = self.app.effective_keys()  # type: ignore[attr-defined]
        table: DataTable[Text] = DataTable(id="help-table", cursor_type="row", show_header=False)
        does_width = max(20, min(100, self.app.size.width) - 2 - 18 - 5)  # the box, the key column, padding
        table.add_column("Key", width=18)
        table.add_column("Does", width=does_width)  # long lines wrap (rows of auto height)
        sections: dict[str, list[tuple[str, Text]]] = {}
        for key in keys.KEYS:
            for screen in key.screens:
                does = Text(key.description) + Text(f"  {key.id}", style="dim")
                sections.setdefault(SCREEN_TITLES.get(screen, screen), []).append((keys.readable(effective[key.id]), does))
        for where, key_text, what in OTHER_KEYS:
            sections.setdefault(where, []).append((key_text, Text(what)))
        for where, rows in sections.items():
            table.add_row(Text(where, style="bold underline"), Text(""))
            for key_text, does in rows:
                table.add_row(Text(key_text, style="bold"), does, height=None)
        with Vertical(id="help-box"):
            yield Static("Keys — remap any binding id (dim) in config.toml under \\[keymap]. "
                         "↑↓ scroll · esc closes.", id="help-title")
            yield table

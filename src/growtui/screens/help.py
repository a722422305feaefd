"""F1: every key of the app, by screen, as the user's keymap has them: two columns
that fit 60 columns, scrolled with the arrows (nothing cut off the right edge)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from growtui import keys

SCREEN_TITLES = {
    "app": "Everywhere",
    "people": "People",
    "history": "History",
    "conversation": "Conversation",
    "view": "Past conversation",
}

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
    ("Summary", "a", "Attach the call's transcript"),
    ("History", "→ / ←", "Next / previous tab: conversations, follow-through"),
    ("History", "o / d / x / l", "Follow-through: open, done, dropped or all actions"),
    ("History", "enter", "Open the highlighted conversation (read-only)"),
    ("Past conversation", "a / t / esc", "Attach a transcript / the whole transcript / back"),
    ("Since last time", "tab / ←→ / enter / esc", "Next item / its outcome / save / leave all open"),
    ("Agendas", "c", "Copy the highlighted agenda's invite text"),
    ("Everywhere", "ctrl+p", "Command palette: every action, the theme (in a conversation, ctrl+p is Prev)"),
]


def sections_for(screen: Screen[object]) -> tuple[str, ...]:
    """The help sections of the screen F1 was pressed on: they come first."""
    from growtui.screens.agendas import AgendasScreen
    from growtui.screens.carry_over import CarryOverScreen
    from growtui.screens.conversation import ConversationScreen
    from growtui.screens.conversation_view import ConversationView
    from growtui.screens.forms import FormScreen
    from growtui.screens.history import HistoryScreen
    from growtui.screens.summary import SummaryScreen

    for kind, sections in (
        (ConversationScreen, ("Conversation", "Follow-up tree", "Action items")),
        (HistoryScreen, ("History",)),
        (SummaryScreen, ("Summary",)),
        (FormScreen, ("Forms",)),
        (ConversationView, ("Past conversation",)),
        (CarryOverScreen, ("Since last time",)),
        (AgendasScreen, ("Agendas",)),
    ):
        if isinstance(screen, kind):
            return sections
    return ("People",)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close")]

    def __init__(self, first: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.first = first  # the sections of the screen it was asked from

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
                sections.setdefault(SCREEN_TITLES.get(screen, screen), []).append(
                    (keys.readable(effective[key.id]), does)
                )
        for where, key_text, what in OTHER_KEYS:
            sections.setdefault(where, []).append((key_text, Text(what)))
        order = [
            *[name for name in self.first if name in sections],
            *[name for name in sections if name not in self.first],
        ]
        for where in order:
            rows = sections[where]
            table.add_row(Text(where, style="bold underline"), Text(""))
            for key_text, does in rows:
                table.add_row(Text(key_text, style="bold"), does, height=None)
        with Vertical(id="help-box"):
            yield Static(
                "Keys — remap any binding id (dim) in config.toml under \\[keymap]. ↑↓ scroll · esc closes.",
                id="help-title",
            )
            yield table

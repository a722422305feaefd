"""Full-text search over every note and action item, ranked; Enter opens the
conversation at that question."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static

from growtui import locations
from growtui.inert import inert
from growtui.outline import question_text
from growtui.store import MARK_END, MARK_START, SearchHit, StoreError
from growtui.widgets.rows import plain
from growtui.widgets.footer import Footer

if TYPE_CHECKING:  # (the app imports the screens)
    from growtui.app import GrowApp

DEBOUNCE = 0.15


def highlighted(snippet: str) -> Text:
    out = Text()
    for n, part in enumerate(snippet.replace(MARK_END, MARK_START).split(MARK_START)):
        out.append(inert(part), style="bold reverse" if n % 2 else "")
    return out


class SearchScreen(Screen[None]):
    CSS_PATH = locations.stylesheet("review.tcss")
    BINDINGS = [Binding("escape", "app.pop_screen", "Back"), Binding("down", "to_results", show=False)]
    app: GrowApp

    def compose(self) -> ComposeResult:
        yield Static("Search all notes and action items", classes="screen-title")
        yield Input(placeholder="words to find (the last may be the start of a word)", id="search-input")
        results: DataTable[Any] = DataTable(id="search-results", cursor_type="row", zebra_stripes=True)
        yield results
        yield Static("", id="search-status")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.hits: list[SearchHit] = []
        self.timer: Timer | None = None
        self.query_one("#search-results", DataTable).add_columns("Date", "Person", "Found", "Question")
        self.query_one("#search-input", Input).focus()

    @on(Input.Changed, "#search-input")
    def changed(self, event: Input.Changed) -> None:
        if self.timer:
            self.timer.stop()
        self.timer = self.set_timer(DEBOUNCE, lambda: self.run_search(event.value))

    @on(Input.Submitted, "#search-input")
    def submitted(self, event: Input.Submitted) -> None:
        self.run_search(event.value)
        self.action_to_results()

    def run_search(self, text: str) -> None:
        table = self.query_one("#search-results", DataTable)
        status = self.query_one("#search-status", Static)
        try:
            self.hits = self.app.store.search(text, limit=50)
        except StoreError as e:
            status.update(Text(inert(str(e))))
            return
        table.clear()
        for n, hit in enumerate(self.hits):
            table.add_row(
                *plain(
                    hit.started_at[:10],
                    hit.person + (" (archived)" if hit.archived else ""),
                    highlighted(hit.snippet),
                    self.question_text(hit),
                ),
                key=str(n),
            )
        status.update(f"{len(self.hits)} best matches" if self.hits else ("no matches" if text.strip() else ""))

    def question_text(self, hit: SearchHit) -> str:
        if hit.kind == "between":
            return "(a note between meetings)"
        text = question_text(self.app.library, hit.agenda_id, hit.question_id)
        return text if len(text) <= 40 else text[:39] + "…"

    def action_to_results(self) -> None:
        table = self.query_one("#search-results", DataTable)
        if table.row_count:
            table.focus()

    @on(DataTable.RowSelected, "#search-results")
    def open_hit(self, event: DataTable.RowSelected) -> None:
        from growtui.screens.conversation_view import ConversationView

        hit = self.hits[int(event.row_key.value or 0)]
        if hit.note_id is not None:  # a note between meetings: open it to read or correct
            from growtui.screens.note_form import edit_note

            note = self.app.store.note(hit.note_id)
            edit_note(self.app, self.app.store.person(note.person_id), note)
        elif hit.conversation_id is not None:
            self.app.push_screen(ConversationView(hit.conversation_id, hit.question_id))

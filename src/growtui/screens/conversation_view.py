"""One past conversation, read-only: the same Markdown `growtui export` writes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown, Static

from growtui import locations
from growtui.export import conversation_document, to_markdown
from growtui.inert import inert

if TYPE_CHECKING:  # (the app imports the screens)
    from growtui.app import GrowApp


class ConversationView(Screen[None]):
    CSS_PATH = locations.stylesheet("review.tcss")
    BINDINGS = [Binding("escape", "app.pop_screen", "Back"), Binding("a", "attach_transcript", "Attach transcript"),
                Binding("t", "whole_transcript", "Whole transcript")]
    SAID_PER_QUESTION = 6  # transcript lines under each question until t shows them all
    app: GrowApp

    def __init__(self, conv_id: int, question: str | None = None) -> None:
        super().__init__()
        self.conv_id = conv_id
        self.question = question  # open at this question (a search hit)

    def compose(self) -> ComposeResult:
        doc = conversation_document(self.app.store, self.app.library, self.conv_id)
        self.question_text = next((q["text"] for q in doc["questions"] if q["id"] == self.question), None)
        yield Static(inert(f"{doc['person']} · {doc['started_at'][:10]} · read-only"), classes="screen-title", markup=False)
        with VerticalScroll(id="view-body"):
            yield Markdown(to_markdown(doc, said_per_question=self.SAID_PER_QUESTION), id="view-markdown")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#view-body").focus()

    def action_attach_transcript(self) -> None:
        from growtui.screens.summary import attach_transcript_from

        attach_transcript_from(self.app, self.conv_id, self.refresh_document)

    def refresh_document(self, whole: bool = False) -> None:
        doc = conversation_document(self.app.store, self.app.library, self.conv_id)
        self.query_one("#view-markdown", Markdown).update(
            to_markdown(doc, said_per_question=None if whole else self.SAID_PER_QUESTION))

    def action_whole_transcript(self) -> None:
        self.refresh_document(whole=True)

    def on_markdown_table_of_contents_updated(self, event: Markdown.TableOfContentsUpdated) -> None:
        if not self.question_text:
            return
        for _level, title, header_id in event.table_of_contents:
            if header_id and title.startswith(self.question_text):
                header = event.markdown.query_one(f"#{header_id}")
                self.call_after_refresh(header.scroll_visible, top=True, animate=False)
                return

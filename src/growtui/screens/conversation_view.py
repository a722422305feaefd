"""One past conversation, read-only: the same Markdown `growtui export` writes.

Textual's Markdown widget costs most of opening the view (a widget per block, each
styled), so the first frame gets the sections that fill the screen and the rest is
mounted just after it, below the fold."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown, Static

from growtui import locations
from growtui.bindings import bindings_for
from growtui.export import conversation_document, to_markdown
from growtui.inert import inert
from growtui.widgets.footer import Footer

if TYPE_CHECKING:  # (the app imports the screens)
    from growtui.app import GrowApp


class ConversationView(Screen[None]):
    CSS_PATH = locations.stylesheet("review.tcss")
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("a", "attach_transcript", "Attach transcript"),
        Binding("t", "whole_transcript", "Whole transcript"),
        *bindings_for("view"),
    ]
    SAID_PER_QUESTION = 6  # transcript lines under each question until t shows them all
    app: GrowApp

    def __init__(self, conv_id: int, question: str | None = None) -> None:
        super().__init__()
        self.conv_id = conv_id
        self.question = question  # open at this question (a search hit)
        self.versions = False  # the texts it had before each edit, shown (v)
        self.editing = False

    def compose(self) -> ComposeResult:
        doc = conversation_document(self.app.store, self.app.library, self.conv_id)
        self.question_text = next((q["text"] for q in doc["questions"] if q["id"] == self.question), None)
        self.title_line = f"{doc['person']} · {doc['started_at'][:10]}"
        yield Static(inert(f"{self.title_line} · read-only"), classes="screen-title", markup=False)
        self.source = to_markdown(doc, said_per_question=self.SAID_PER_QUESTION)
        first, self._rest = first_screenful(self.source, self.app.size.height)
        with VerticalScroll(id="view-body"):
            yield Markdown(first, id="view-markdown")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#view-body").focus()
        if self._rest:
            self.call_after_refresh(self._mount_rest)

    async def _mount_rest(self) -> None:
        if self._rest:  # (unless the whole document was put in the first part meanwhile: t, a)
            await self.query_one("#view-body").mount(Markdown(self._rest, id="view-rest"))

    def action_attach_transcript(self) -> None:
        from growtui.screens.summary import attach_transcript_from

        attach_transcript_from(self.app, self.conv_id, self.refresh_document)

    def refresh_document(self) -> None:
        self.redraw()

    def redraw(self) -> AwaitComplete:
        doc = conversation_document(self.app.store, self.app.library, self.conv_id)
        self.source = to_markdown(doc, said_per_question=self.SAID_PER_QUESTION, versions=self.versions)
        self._rest = ""
        self.query("#view-rest").remove()
        return self.query_one("#view-markdown", Markdown).update(self.source)

    def action_edit_conversation(self) -> None:
        """Correct it, with the same panes as in the meeting; its date and timings stay,
        and the text each note had before is kept (v shows it)."""
        from growtui.screens.conversation import ConversationScreen

        if self.app.store.conversation(self.conv_id).status == "in-progress":
            self.notify("This conversation is still in progress: s on the people screen resumes it.", timeout=5)
            return
        self.editing = True
        self.app.push_screen(ConversationScreen(self.conv_id, editing=True))

    def on_screen_resume(self) -> None:
        if self.editing:  # (back from correcting it: the document as saved, once the writes are done)
            self.editing = False
            self.app.after_writes(self.refresh_document)

    async def action_earlier_versions(self) -> None:
        if not self.app.store.earlier_versions(self.conv_id):
            edited = self.app.store.conversation(self.conv_id).edited_at
            said = "only added to" if edited else "not edited after"
            self.notify(f"There is no earlier text: this conversation was {said} the meeting.", timeout=5)
            return
        self.versions = not self.versions
        await self.redraw()
        if self.versions:  # (they are at the end)
            self.call_after_refresh(self.query_one("#view-body").scroll_end, animate=False)

    def action_whole_transcript(self) -> None:
        from growtui.screens.transcript_view import TranscriptView

        if self.app.store.transcript(self.conv_id) is None:
            self.notify("This conversation has no transcript: a attaches the call's.", timeout=5)
            return
        self.app.push_screen(TranscriptView(self.conv_id, self.title_line))

    def on_markdown_table_of_contents_updated(self, event: Markdown.TableOfContentsUpdated) -> None:
        if not self.question_text:
            return
        for _level, title, header_id in event.table_of_contents:
            if header_id and title.startswith(self.question_text):
                header = event.markdown.query_one(f"#{header_id}")
                self.call_after_refresh(header.scroll_visible, top=True, animate=False)
                return


def first_screenful(markdown: str, height: int) -> tuple[str, str]:
    """`markdown` cut at the first section heading past a screen of lines (headings
    begin blocks, so both halves are whole Markdown); a shorter one whole, rest ""."""
    lines = markdown.split("\n")
    for n in range(height, len(lines)):
        if lines[n].startswith("## ") or lines[n].startswith("### "):
            return "\n".join(lines[:n]), "\n".join(lines[n:])
    return markdown, ""

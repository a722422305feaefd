"""The question to ask now, large, with its part, purpose, hints and progress."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from growtui.outline import Entry


class QuestionPanel(Vertical):
    def compose(self) -> ComposeResult:
        yield Static("", id="question-meta")
        yield Static("", id="question-parent")
        yield Static("", id="question-text")
        yield Static("", id="question-hints")
        yield Static("", id="question-purpose")

    def show(self, entry: Entry | None, parent: str | None, progress: tuple[int, int], asked: bool, deferred: bool) -> None:
        position, total = progress
        if entry is None:  # the general notes
            meta, text, hints, purpose = "General notes", "Anything that does not belong to one question.", "", ""
        else:
            marks = " · for next time" if deferred else ""
            meta = f"{entry.part or 'Agenda'} · {position}/{total}{marks}"
            text = entry.text
            hints = "\n".join(f"» {h}" for h in entry.hints)
            purpose = entry.purpose
        self.query_one("#question-meta", Static).update(meta)
        self.query_one("#question-parent", Static).update(f"↳ follow-up of: {parent}" if parent else "")
        self.query_one("#question-text", Static).update(text)
        self.query_one("#question-hints", Static).update(hints)
        self.query_one("#question-purpose", Static).update(purpose)
        self.set_class(bool(parent), "-followup")
        self.set_class(bool(hints), "-has-hints")
        self.set_class(deferred, "-deferred")

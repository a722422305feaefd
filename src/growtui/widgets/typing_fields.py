"""The places a manager types, with keys applied in the order typed (keygate)."""

from __future__ import annotations

from collections.abc import Callable

from textual.events import Blur
from textual.message import Message
from textual.widgets import Button, Input, TextArea

from growtui.inert import inert
from growtui.keygate import InOrder


class NotesArea(InOrder, TextArea):
    """The notes of one question at a time. `question_key` says whose text it holds;
    every edit is reported at once, with that key, to `on_edit` (the Changed message
    arrives later, when another question may already be current)."""

    TAKES_TEXT = True

    def __init__(self, on_edit: Callable[[str | None, str], None], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.question_key: str | None = None  # None until a question's notes are shown
        self.on_edit = on_edit

    def show(self, key: str, text: str) -> None:
        """Another question's notes, the cursor at their end. Control characters
        (from a paste or another program) show inert: saved so once edited."""
        self.question_key = key
        text = inert(text)
        if self.text != text:
            self.load_text(text)
            self.move_cursor(self.document.end)

    def post_message(self, message: Message) -> bool:
        if isinstance(message, TextArea.Changed):  # (at once: the message arrives after later keys)
            self.on_edit(self.question_key, self.text)
        return super().post_message(message)


class FieldInput(InOrder, Input):  # type: ignore[misc]  # (Input's paste handler is sync, ours async: Textual runs both)
    """A one-line form field: Enter submits before the keys typed after it are read."""

    TAKES_TEXT = True

    def on_blur(self, event: Blur) -> None:
        """Left, a long value shows from its start (not the tail where typing ended)."""
        self.call_after_refresh(self.scroll_to, x=0, animate=False)  # (after the scroll the last keys asked for)


class InOrderButton(InOrder, Button):
    """Enter on it closes the gate: what is typed right after (on to the next screen's
    notes) waits for the screen it leaves for, instead of landing on the button."""

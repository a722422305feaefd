"""Beside the notes, in full: what the manager needs for the current question —
its hints, its follow-ups (the current one marked), what answers it from the
action items, their focus (x), the part's purpose, the meeting's purpose and
more questions from the GROW bank. Read without moving focus from the notes;
long content scrolls (with a scrollbar), never cut."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.containers import VerticalScroll
from textual.widgets import Static

from growtui.inert import inert
from growtui.guide import ASKED, CURRENT, Context


def context_text(c: Context) -> Content:
    """Text from agendas and the database stays text (never markup) and inert."""
    parts: list[tuple[str, str]] = []

    def add(words: str, style: str = "") -> None:
        parts.append((inert(words), style))

    def heading(words: str) -> None:
        if parts:
            add("\n")
        add(words + "\n", "bold")

    def hints() -> None:
        for hint in c.hints:
            add(f"» {hint}\n", "italic $warning")

    def followups() -> None:
        heading(f"Follow-ups · {c.next_key} next")
        for entry, mark, hints in c.followups:
            indent = "  " * (entry.depth - 1)
            add(f"{indent}{mark} ")
            add(entry.text + "\n", "bold reverse" if mark == CURRENT else "$text-muted" if mark == ASKED else "")
            for hint in hints:
                add(f"{indent}   » {hint}\n", "italic $warning")

    on_followup = c.entry is not None and c.entry.depth > 0
    if on_followup:  # where it sits among its siblings first, then the question's hints
        followups()
        if c.hints:
            heading("On the question")
            hints()
    else:
        hints()
        if c.followups:
            followups()
    if c.answers:
        title, lines = c.answers
        heading(title)
        for line in lines:
            add(f"• {line}\n")
    if c.topic:
        topic, key, carried = c.topic
        heading("Their focus, the (x)")
        if topic:
            add(topic, "bold $accent")
            add(f"{' · from last time' if carried else ''} · {key} changes it\n", "$text-muted")
        else:
            add(f"not named yet: {key} names it\n", "$warning")
    if c.entry is not None and c.entry.purpose:
        heading(c.entry.part or "Purpose")
        add(c.entry.purpose.strip() + "\n", "$text-muted")
    if c.meeting:
        title, purpose = c.meeting
        heading(f"About this meeting — {title}")
        add(purpose.strip() + "\n", "$text-muted")
    if c.bank:
        title, questions = c.bank
        heading(title)
        for question in questions:
            add(f"· {question}\n", "$text-muted")
    return Content.assemble(*parts).rstrip()


class ContextPanel(VerticalScroll, can_focus=False):
    def __init__(self, more_key: str, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self.more_key = more_key  # the key that reads on: said in the border while there is more below

    def compose(self) -> ComposeResult:
        yield Static("", id="context-text")

    def show(self, context: Context) -> None:
        self.query_one("#context-text", Static).update(context_text(context))
        self.call_after_refresh(self._from_the_top)

    def _from_the_top(self) -> None:
        self.scroll_home(animate=False)
        self.say_more()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self.say_more()

    def on_resize(self) -> None:
        self.say_more()

    def say_more(self) -> None:
        self.border_subtitle = f"{self.more_key} more" if round(self.scroll_y) < self.max_scroll_y else ""

"""The question to ask now, large, with its part, purpose, hints and progress."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from growtui.scores import minutes_text
from growtui.outline import Entry
from growtui.widgets.rows import text


class QuestionPanel(Vertical):
    def compose(self) -> ComposeResult:
        with Horizontal(id="question-top"):
            yield Static("", id="question-meta")
            yield Static("", id="question-pace")
        yield Static("", id="question-parent")
        yield Static("", id="question-text")
        yield Static("", id="question-rewordings")
        # Beside the notes, the context panel holds hints and follow-ups; on a narrow
        # screen it is folded away, so the hints show here, with a sign of follow-ups.
        yield Static("", id="question-more")
        yield Static("", id="question-topic")
        yield Static("", id="question-hints")

    def show(
        self,
        entry: Entry | None,
        parent: str | None,
        progress: tuple[int, int],
        asked: bool,
        deferred: bool,
        hints: list[str],
        followups: int,
        next_key: str,
        list_key: str,
        topic: str = "",
    ) -> None:
        """`topic`: their focus, the (x), where this question speaks of it (shown here on a narrow screen)."""
        position, total = progress
        if entry is None:  # the general notes
            meta, question, rewordings = "General notes", "Anything that does not belong to one question.", ""
        else:
            marks = " · for next time" if deferred else " · asked" if asked else ""
            meta = f"{entry.part or 'Agenda'} · {position}/{total}{marks}"
            question = entry.text
            rewordings = "\n".join(f"or: {r}" for r in entry.rewordings)
        more = (
            f"{followups} follow-up{'s' if followups != 1 else ''} · {next_key} next · {list_key} all"
            if followups
            else ""
        )
        # Agenda text is text (rows.text): never markup, never a control sequence.
        self.query_one("#question-meta", Static).update(text(meta))
        self.query_one("#question-parent", Static).update(text(f"↳ follow-up of: {parent}" if parent else ""))
        self.query_one("#question-text", Static).update(text(question))
        self.query_one("#question-rewordings", Static).update(text(rewordings))
        self.query_one("#question-hints", Static).update(text("\n".join(f"» {h}" for h in hints)))
        self.query_one("#question-more", Static).update(text(more))
        self.query_one("#question-topic", Static).update(text(topic))
        self.set_class(bool(topic), "-has-topic")
        self.set_class(bool(parent), "-followup")
        self.set_class(bool(rewordings), "-has-rewordings")
        self.set_class(bool(hints), "-has-hints")
        self.set_class(bool(more), "-has-more")
        self.set_class(deferred, "-deferred")

    def pace(self, stage: str | None, seconds: float, minutes: int | None) -> None:
        """Time in the current GROW stage, against its time box if the agenda sets one."""
        pace = self.query_one("#question-pace", Static)
        if not stage:
            pace.update("")
            return
        spent = minutes_text(seconds)
        pace.update(f"{stage.title()} {spent}" + (f" / {minutes:02d}:00" if minutes else ""))
        pace.set_class(bool(minutes) and seconds > (minutes or 0) * 60, "-over")

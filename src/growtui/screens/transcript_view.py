"""A call's whole transcript (t in the read-only view), under the questions it was
said during. A Log draws only the lines in view, whatever the call's length: the
first screenful is shown at once, the rest is read and wrapped on a worker thread
and added as it comes (a two-hour call of captions once took a minute to draw)."""

from __future__ import annotations

import textwrap
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from textual import work
from textual.worker import Worker, get_current_worker
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Log, Static

from growtui.scores import clock_text
from growtui import locations
from growtui.inert import inert, one_line
from growtui.outline import question_text
from growtui.store import CueRecord, Store
from growtui.widgets.footer import Footer

if TYPE_CHECKING:  # (the app imports the screens)
    from growtui.app import GrowApp

BATCH = 2_000  # lines handed to the screen at a time


def transcript_lines(cues: Iterable[CueRecord], questions: dict[str, str], width: int) -> Iterator[str]:
    """The transcript as lines of at most `width`: a heading line where the question
    changes, then each cue as `0:01:02  Name: words`, wrapped under its words."""
    current: str | None = None
    wrap = textwrap.TextWrapper(width=max(20, width), subsequent_indent=" " * 10, break_long_words=True)
    for n, cue in enumerate(cues):
        if cue.question_id != current:
            current = cue.question_id
            if n:
                yield " "  # (a Log drops an empty line)
            yield clip_line(questions[current], width)
        clock = clock_text(cue.start)
        yield from wrap.wrap(f"{clock:>8}  {one_line(cue.speaker or '?')}: {inert(cue.text)}") or [" "]


class KeyDict(dict[str, str]):
    """A question's text, looked up once per question the transcript names."""

    def __init__(self, make: Callable[[str], str]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: str) -> str:
        self[key] = value = self.make(key)
        return value


def clip_line(text: str, width: int) -> str:
    text = "▌ " + one_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"


class TranscriptView(Screen[None]):
    CSS_PATH = locations.stylesheet("review.tcss")
    BINDINGS = [Binding("escape,t", "app.pop_screen", "Back")]
    app: GrowApp

    def __init__(self, conv_id: int, title: str) -> None:
        super().__init__()
        self.conv_id = conv_id
        self.title_text = title
        self.lines_shown = 0
        self.batches: list[int] = []  # lines in each hand-over: a screenful first
        self.complete = False  # every line is in
        self.first_shown_at = 0.0  # (time.monotonic(): for make bench)

    def compose(self) -> ComposeResult:
        yield Static(inert(f"{self.title_text} · the whole transcript"), classes="screen-title", markup=False)
        yield Log(auto_scroll=False, id="transcript-log")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(Log).focus()
        self.fill(self.app.size.width - 4, self.app.size.height)

    @work(thread=True, exclusive=True)
    def fill(self, width: int, height: int) -> None:
        store = Store.connect(self.app.db_path)  # (its own connection: this is another thread)
        try:
            self._fill(store, width, height)
        finally:
            store.close()

    def _fill(self, store: Store, width: int, height: int) -> None:
        agenda_id = store.conversation(self.conv_id).agenda_id

        def cues() -> Iterator[CueRecord]:  # a screenful's cues first: the rest are read once those are shown
            yield from store.cues_of(self.conv_id, limit=height)
            yield from store.cues_of(self.conv_id, skip=height)

        questions = KeyDict(lambda key: question_text(self.app.library, agenda_id, key))
        batch: list[str] = []
        size = height  # the first screenful at once, then larger batches
        worker = get_current_worker()
        for line in transcript_lines(cues(), questions, width):
            batch.append(line)
            if len(batch) >= size:
                if not self._hand_over(worker, batch):
                    return
                batch, size = [], BATCH
        self._hand_over(worker, batch, True)

    def _hand_over(self, worker: Worker[None], lines: list[str], last: bool = False) -> bool:
        """False once the screen is closed or the app is closing: nothing more to show."""
        if worker.is_cancelled:
            return False
        try:
            self.app.call_from_thread(self._add, lines, last)
        except RuntimeError:  # (the app stopped meanwhile)
            return False
        return True

    def _add(self, lines: list[str], last: bool = False) -> None:
        if self not in self.app.screen_stack:  # (closed while its lines were on their way)
            return
        self.query_one(Log).write_lines(lines)
        self.first_shown_at = self.first_shown_at or time.monotonic()
        self.lines_shown += len(lines)
        self.batches.append(len(lines))
        self.complete = last

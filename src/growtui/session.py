"""A conversation in progress: which question is current, what was asked or
deferred, and the notes being typed. Knows nothing of Textual; the screen
drives it and the NoteWriter persists its notes."""

from __future__ import annotations

from collections.abc import Callable

from growtui.agendas import Library
from growtui.outline import Entry, outline
from growtui.store import GENERAL, Conversation, Store

# (what, operation on a store): how the session's changes reach the disk; the app
# passes its guarded writer (kept and retried if the disk refuses).
Writer = Callable[[str, Callable[[Store], object]], None]


def _direct(store: Store) -> Writer:
    def write(_what: str, op: Callable[[Store], object]) -> None:
        op(store)

    return write


class Session:
    def __init__(self, store: Store, library: Library, conv_id: int, write: Writer | None = None) -> None:
        self.store = store
        self.write = write or _direct(store)
        self.conversation: Conversation = store.conversation(conv_id)
        self.person = store.person(self.conversation.person_id)
        self.agenda = library.agendas.get(self.conversation.agenda_id)
        records = store.records(conv_id)
        self.entries: list[Entry] = outline(library, self.conversation.agenda_id, records)
        self.by_key = {e.key: e for e in self.entries}
        self.tops = [e.key for e in self.entries if e.depth == 0]
        self.asked = {k for k, r in records.items() if r.asked}
        self.deferred = {k for k, r in records.items() if r.deferred}
        self.notes = {k: r.notes for k, r in records.items()}
        self.shareable = {k for k, r in records.items() if r.shareable}
        self.stage_seconds: dict[str, float] = dict(store.stage_seconds(conv_id))
        self.current = self.first_unasked()

    @property
    def id(self) -> int:
        return self.conversation.id

    def first_unasked(self) -> str:
        """Where a conversation starts or resumes: the first top-level question not yet asked."""
        if not self.tops:
            return GENERAL
        return next((k for k in self.tops if k not in self.asked), self.tops[0])

    def entry(self, key: str | None = None) -> Entry | None:
        return self.by_key.get(key or self.current)

    def go(self, key: str) -> None:
        """Make a question current; it now counts as asked."""
        if key != GENERAL and key not in self.by_key:
            return
        self.current = key
        if key != GENERAL and key not in self.asked:
            self.asked.add(key)
            conv = self.id
            self.write(f"question {key} asked", lambda st: st.mark(conv, key, asked=True))

    def step(self, offset: int) -> str:
        """Next or previous top-level question in agenda order (follow-ups are not steps)."""
        if not self.tops:
            return self.current
        entry = self.entry()
        top = entry.top if entry else self.tops[0]
        index = self.tops.index(top) if top in self.tops else -1
        target = self.tops[max(0, min(len(self.tops) - 1, index + offset))]
        if entry is None and offset > 0:  # from the general notes, "next" is the first question
            target = self.tops[0]
        self.go(target)
        return target

    def toggle_deferred(self, key: str | None = None) -> bool:
        key = key or self.current
        if key == GENERAL:
            return False
        now = key not in self.deferred
        (self.deferred.add if now else self.deferred.discard)(key)
        conv = self.id
        self.write(f"question {key} deferred={now}", lambda st: st.mark(conv, key, deferred=now))
        return now

    def toggle_shareable(self) -> bool:
        key = self.current
        now = key not in self.shareable
        (self.shareable.add if now else self.shareable.discard)(key)
        conv = self.id
        self.write(f"notes of {key} shareable={now}", lambda st: st.set_shareable(conv, key, now))
        return now

    def stage(self) -> str | None:
        entry = self.entry()
        return entry.stage if entry else None

    def add_time(self, seconds: float) -> None:
        """The clock runs for the stage of the current question (GROW pacing)."""
        stage = self.stage()
        if stage and seconds > 0:
            self.stage_seconds[stage] = self.stage_seconds.get(stage, 0.0) + seconds

    def save_pacing(self) -> None:
        if self.stage_seconds:
            seconds = {k: int(v) for k, v in self.stage_seconds.items()}
            conv = self.id
            self.write("time per stage", lambda st: st.save_stage_seconds(conv, seconds))

    def timebox(self) -> int | None:
        """Minutes the agenda allows for the current stage, if it says."""
        stage = self.stage()
        if not (stage and self.agenda):
            return None
        return next((p.minutes for p in self.agenda.parts if p.stage == stage), None)

    def options_noted(self) -> int:
        """Lines of notes under the Options stage: how many options came up."""
        return sum(
            1 for e in self.entries if e.stage == "options"
            for line in self.notes.get(e.key, "").splitlines() if line.strip()
        )

    def progress(self) -> tuple[int, int]:
        """(position of the current top-level question, how many there are)."""
        entry = self.entry()
        if entry is None or entry.top not in self.tops:
            return 0, len(self.tops)
        return self.tops.index(entry.top) + 1, len(self.tops)

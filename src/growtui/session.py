"""A conversation in progress: which question is current, what was asked or
deferred, and the notes being typed. Knows nothing of Textual; the screen
drives it and the NoteWriter persists its notes."""

from __future__ import annotations

from growtui.agendas import Library
from growtui.outline import Entry, outline
from growtui.store import GENERAL, Conversation, Store


class Session:
    def __init__(self, store: Store, library: Library, conv_id: int) -> None:
        self.store = store
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
            self.store.mark(self.id, key, asked=True)

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
        self.store.mark(self.id, key, deferred=now)
        return now

    def progress(self) -> tuple[int, int]:
        """(position of the current top-level question, how many there are)."""
        entry = self.entry()
        if entry is None or entry.top not in self.tops:
            return 0, len(self.tops)
        return self.tops.index(entry.top) + 1, len(self.tops)

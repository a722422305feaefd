"""A conversation in progress: which question is current, what was asked or
deferred, and the notes being typed. Knows nothing of Textual; the screen
drives it and the NoteWriter persists its notes."""

from __future__ import annotations

import time
from collections.abc import Callable

from growtui.agendas import Library
from growtui.autosave import merge
from growtui.outline import TOPIC, Entry, outline
from growtui.store import GENERAL, Conversation, Store, now_iso

# (what, operation on a store): how the session's changes reach the disk; the app
# passes its guarded writer (kept and retried if the disk refuses).
Writer = Callable[[str, Callable[[Store], object]], None]
# (conversation, question key, text): how typed notes reach the disk; the app passes
# its NoteWriter's submit (a dict write that never blocks on disk).
NoteSink = Callable[[int, str, str], None]

# Seconds a question stays current before it counts as asked without notes (it was
# put and listened to); stepping past it quicker leaves it unasked, to come back to.
ASKED_AFTER = 30.0


def _direct(store: Store) -> Writer:
    def write(_what: str, op: Callable[[Store], object]) -> None:
        op(store)

    return write


class Session:
    def __init__(
        self,
        store: Store,
        library: Library,
        conv_id: int,
        write: Writer | None = None,
        clock: Callable[[], float] = time.monotonic,
        notes_to: NoteSink | None = None,
        editing: bool = False,
    ) -> None:
        self.store = store
        self.clock = clock
        self.write = write or _direct(store)
        self.notes_to: NoteSink = notes_to or store.save_notes
        self.dirty: set[str] = set()  # notes typed and not yet handed to notes_to
        # A past conversation opened to correct it: its record of the meeting (when each
        # question was on screen, what was asked, time per stage) stays as the meeting left it.
        self.editing = editing
        self.conversation: Conversation = store.conversation(conv_id)
        self.person = store.person(self.conversation.person_id)
        self.agenda = library.agendas.get(self.conversation.agenda_id)
        records = store.records(conv_id)
        self.library = library
        self.records_keys = list(records)
        self.topic = self.conversation.topic  # the (x) of the GROW questions
        self.worded = {e.key: e.text for e in outline(library, self.conversation.agenda_id, records)}  # (x) as is
        self.entries: list[Entry] = outline(library, self.conversation.agenda_id, records, self.topic)
        self.by_key = {e.key: e for e in self.entries}
        self.tops = [e.key for e in self.entries if e.depth == 0]
        self.asked = {k for k, r in records.items() if r.asked}  # marked asked (see is_asked)
        self.deferred = {k for k, r in records.items() if r.deferred}
        self.notes = {k: r.notes for k, r in records.items()}
        self.shareable = {k for k, r in records.items() if r.shareable}
        self.stage_seconds: dict[str, float] = dict(store.stage_seconds(conv_id))
        # Their focus named in an earlier conversation carries forward (said so, changeable).
        self.topic_carried = False
        if not self.topic and self.uses_topic() and (last := store.last_topic(self.person.id, before=conv_id)):
            self.set_topic(last)
            self.topic_carried = True
        # Left by quitting, a crash or a closed lid (still in progress): exactly where the
        # manager was. Ended "to be continued": the first question not asked.
        # Opened to correct it: at its first note, where corrections are most likely.
        self.current = (
            (self.where_left() if self.conversation.status == "in-progress" else None)
            or (self.first_noted() if editing else None)
            or self.first_unasked()
        )
        self.arrived = clock()  # when the current question became current

    @property
    def id(self) -> int:
        return self.conversation.id

    def where_left(self) -> str | None:
        """The question last on screen, if it is still in the agenda."""
        shown = self.store.question_times(self.id)
        return next((key for _, key in reversed(shown) if key == GENERAL or key in self.by_key), None)

    # -- notes -------------------------------------------------------------------

    def edited(self, key: str, text: str) -> None:
        """A question's notes as they are now typed (handed over at the next hand_over)."""
        if text != self.notes.get(key, ""):
            self.notes[key] = text
            self.dirty.add(key)

    def hand_over(self) -> None:
        """Every changed note to the writer: every 0.5 s, on changing question, ending, quitting."""
        for key in sorted(self.dirty):
            self.notes_to(self.id, key, self.notes.get(key, ""))
        self.dirty.clear()

    def merge_in(self, key: str, ours: str, merged: str) -> str:
        """Another window edited this note, and the writer saved `merged` (both texts) in
        place of `ours`: what is typed here since is kept on top. Returns the note now."""
        local = self.notes.get(key, "")
        text = merge(ours, merged, local) if local != ours else merged
        self.notes[key] = text
        if text != merged:
            self.dirty.add(key)
        return text

    def first_noted(self) -> str | None:
        keys = [e.key for e in self.entries] + [GENERAL]
        return next((k for k in keys if self.notes.get(k, "").strip()), None)

    def first_unasked(self) -> str:
        """Where a conversation starts or resumes: the first top-level question not yet asked."""
        if not self.tops:
            return GENERAL
        return next((k for k in self.tops if not self.is_asked(k)), self.tops[0])

    def is_asked(self, key: str) -> bool:
        """Marked asked, or noted (QuestionRecord.was_asked, live)."""
        return key in self.asked or bool(self.notes.get(key, "").strip())

    def asked_keys(self) -> set[str]:
        return self.asked | {k for k, text in self.notes.items() if k != GENERAL and text.strip()}

    def entry(self, key: str | None = None) -> Entry | None:
        return self.by_key.get(key or self.current)

    def go(self, key: str) -> None:
        """Make a question current (the one left may now count as asked: see settle)."""
        if key != GENERAL and key not in self.by_key:
            return
        self.settle()
        self.current = key
        self.arrived = self.clock()
        if self.editing:
            return
        conv, at = self.id, now_iso()  # when it came on screen, to the second (a transcript is aligned by it)
        self.write(f"question {key} shown", lambda st: st.question_shown(conv, key, at))

    def settle(self) -> None:
        """The current question counts as asked once it has notes or has been on screen
        ASKED_AFTER seconds: marked so (a carried-over question, then, is answered)."""
        key = self.current
        if key == GENERAL or key in self.asked or self.editing:
            return
        if self.notes.get(key, "").strip() or self.clock() - self.arrived >= ASKED_AFTER:
            self.set_asked(key, True)

    def set_asked(self, key: str, asked: bool) -> None:
        (self.asked.add if asked else self.asked.discard)(key)
        conv = self.id
        self.write(f"question {key} asked={asked}", lambda st: st.mark(conv, key, asked=asked))

    def toggle_asked(self) -> bool:
        """By hand: asked, or not asked after all (its notes stay; a noted question stays asked)."""
        key = self.current
        if key == GENERAL:
            return False
        self.set_asked(key, key not in self.asked)
        return self.is_asked(key)

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
        if target != self.current:
            self.go(target)
        return target

    def next_followup(self) -> str:
        """The next follow-up of the current question, depth first; after its last one,
        the next question: one key walks the whole agenda, follow-ups included."""
        entry = self.entry()
        if entry is not None:
            index = self.entries.index(entry)
            after = self.entries[index + 1] if index + 1 < len(self.entries) else None
            if after is not None and after.depth > 0 and after.top == entry.top:
                self.go(after.key)
                return after.key
        return self.step(1)

    def followups(self, key: str | None = None) -> list[Entry]:
        """The follow-ups of a question's top-level question, in order (for the panel)."""
        entry = self.entry(key)
        if entry is None:
            return []
        return [e for e in self.entries if e.top == entry.top and e.depth > 0]

    def mentions_topic(self, key: str | None = None) -> bool:
        """Whether a question (the current one) speaks of (x), as the agenda words it."""
        return TOPIC in self.worded.get(key or self.current, "")

    def uses_topic(self) -> bool:
        """Whether any question of this conversation speaks of (x)."""
        return any(self.mentions_topic(e.key) for e in self.entries)

    def set_topic(self, topic: str) -> None:
        """Name their focus: the questions read with it from now on."""
        self.topic = topic.strip()
        self.topic_carried = False
        self.entries = outline(self.library, self.conversation.agenda_id, self.records_keys, self.topic)
        self.by_key = {e.key: e for e in self.entries}
        conv, value = self.id, self.topic
        self.write(f"their focus {value!r}", lambda st: st.set_topic(conv, value))

    def suggested_topic(self) -> str:
        """What to offer as (x): the first line noted under Goal in this conversation,
        else the focus named last time."""
        for e in self.entries:
            if e.stage == "goal":
                line = next((x.strip() for x in self.notes.get(e.key, "").splitlines() if x.strip()), "")
                if line:
                    return line[:80]
        return self.store.last_topic(self.person.id, before=self.id)

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
        if stage and seconds > 0 and not self.editing:
            self.stage_seconds[stage] = self.stage_seconds.get(stage, 0.0) + seconds

    def save_pacing(self) -> None:
        if self.stage_seconds and not self.editing:
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
            1
            for e in self.entries
            if e.stage == "options"
            for line in self.notes.get(e.key, "").splitlines()
            if line.strip()
        )

    def progress(self) -> tuple[int, int]:
        """(position of the current top-level question, how many there are)."""
        entry = self.entry()
        if entry is None or entry.top not in self.tops:
            return 0, len(self.tops)
        return self.tops.index(entry.top) + 1, len(self.tops)

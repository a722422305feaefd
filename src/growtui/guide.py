"""What the manager is shown for the current question — its hints, follow-ups, what
answers it, their focus, the meeting's purpose, the GROW bank — built from the
session and the store, knowing nothing of Textual. The conversation screen shows
what this returns (the context panel beside the notes, the question panel above)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from growtui.agendas import Library
from growtui.export import answers_from
from growtui.keys import display, with_keys
from growtui.outline import Entry, with_topic
from growtui.session import Session
from growtui.store import GENERAL, Action

ASKED, DEFERRED, UNASKED, CURRENT = "✓", "↷", "·", "▶"  # (the tree and the panel mark questions alike)


@dataclass
class Context:
    """What the panel beside the notes shows."""

    entry: Entry | None  # None: the general notes
    hints: list[str] = field(default_factory=list)  # the current question's, keys named
    followups: list[tuple[Entry, str, list[str]]] = field(default_factory=list)  # (entry, mark, hints)
    next_key: str = ""  # the key that steps through the follow-ups
    answers: tuple[str, list[str]] | None = None  # (heading, lines): what answers it instead of notes
    topic: tuple[str, str, bool] | None = None  # (their focus or "", the key that names it, from last time?)
    meeting: tuple[str, str] | None = None  # (agenda title, purpose), on the first question
    bank: tuple[str, list[str]] | None = None  # (title, questions) of the GROW bank for this stage


# What a question answered by the action form says of an action of theirs that does not answer it yet.
NOT_YET: dict[str, tuple[str, Callable[[Action], bool]]] = {
    "due": ("no date yet", lambda a: bool(a.due)),
    "support": ("none named", lambda a: bool(a.support)),
    "commitment": ("no score yet", lambda a: a.commitment is not None),
}


class Guide:
    def __init__(self, session: Session, library: Library, keymap: Callable[[], dict[str, str]]) -> None:
        self.session = session
        self.library = library
        self.keymap = keymap  # binding id → the user's keys

    def key(self, binding_id: str) -> str:
        """The user's key for a binding, as the footer shows it (^o, f2)."""
        return display(self.keymap()[binding_id])

    def hints(self, entry: Entry | None) -> list[str]:
        keymap = self.keymap()
        return [with_keys(h, keymap) for h in entry.hints] if entry else []

    def topic_line(self, entry: Entry | None) -> str:
        """Their focus in one line, where the question speaks of it (or the Goal part names it)."""
        s, key = self.session, self.key("set-topic")
        if not (s.mentions_topic() or (entry is not None and entry.stage == "goal" and s.uses_topic())):
            return ""
        if not s.topic:
            return f"Their focus, the (x): not named yet · {key} names it"
        return f"Their focus: {s.topic}" + (" (from last time)" if s.topic_carried else "") + f" · {key} changes it"

    def context(self, entry: Entry | None) -> Context:
        """Everything the panel beside the notes shows for this question."""
        s = self.session
        asked, marks = s.asked_keys(), []
        for f in s.followups():
            mark = (
                CURRENT
                if f.key == s.current
                else DEFERRED
                if f.key in s.deferred
                else ASKED
                if f.key in asked
                else UNASKED
            )
            marks.append((f, mark, self.hints(f)))
        agenda = s.agenda
        first = not s.tops or s.current in (GENERAL, s.tops[0])
        context = Context(
            entry, [] if entry and entry.depth > 0 else self.hints(entry), marks, self.key("next-followup")
        )
        if entry is not None and entry.depth > 0:  # a follow-up: its own hints are in the list
            context.hints = self.hints(s.entry(entry.top))
        if entry is not None and entry.answered_by:
            context.answers = self.answers(entry.answered_by, s.store.actions_of(s.id))
        if self.topic_line(entry):  # where it is named, and where it is used
            context.topic = (s.topic, self.key("set-topic"), s.topic_carried)
        if agenda is not None and agenda.purpose and first:
            context.meeting = (agenda.title, agenda.purpose)
        bank = self.library.agendas.get(agenda.bank) if agenda and agenda.bank else None
        if bank is not None and entry is not None and entry.stage:
            questions = [
                with_topic(q.text, s.topic) for part in bank.parts if part.stage == entry.stage for q in part.questions
            ]
            if questions:
                context.bank = (f"More {entry.stage.title()} questions (GROW bank)", questions)
        return context

    def answers(self, answered_by: str, actions: list[Action]) -> tuple[str, list[str]]:
        """What answers a question that a field answers: their action items (what the
        export says, and those that do not answer it yet), or the cadence."""
        if answered_by == "cadence":
            days = self.session.person.cadence_days
            now = f"every {days} days" if days else "not agreed yet"
            return (f"Their cadence: {now}", [f"set it in the summary when you end ({self.key('end-conversation')})"])
        missing, has = NOT_YET[answered_by]
        lines = answers_from(actions, self.session.person)[answered_by]
        lines += [f"{a.text}: {missing}" for a in actions if a.owner != "me" and not has(a)]
        return (f"Answered by their action items ({self.key('add-action')} adds one)", lines or ["none yet"])

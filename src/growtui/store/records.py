"""What the store returns and raises: plain data, no database. Named tuples, not
frozen dataclasses: as immutable, and building fifteen classes costs ~1 ms at import
instead of ~8 (every command and the app's start import them)."""

from __future__ import annotations

from typing import Any, NamedTuple, TypeVar

from growtui.errors import GrowtuiError

STATUSES = ("in-progress", "completed", "to-be-continued")
OUTCOMES = ("done", "progressing", "dropped")
T = TypeVar("T")
OUTCOME_STATUS = {"done": "done", "dropped": "dropped", "progressing": "open"}


class StoreError(GrowtuiError):
    pass


class Person(NamedTuple):
    id: int
    name: str
    role: str
    cadence_days: int | None
    notes: str
    created_at: str
    email: str = ""  # their 1:1s are found in the calendar by it
    archived_at: str | None = None  # (ISO day) they left the company or moved team
    archived_reason: str = ""  # left, or moved


class PersonOverview(NamedTuple):
    person: Person
    last_at: str | None
    conversations: int
    done_agendas: frozenset[str]
    open_actions: int  # theirs
    latest_commitment: int | None
    unfinished_id: int | None
    overdue_actions: int = 0  # theirs, open, and past their due date
    my_open_actions: int = 0  # what I promised them, open
    my_overdue_actions: int = 0


class Conversation(NamedTuple):
    id: int
    person_id: int
    agenda_id: str
    started_at: str
    ended_at: str | None
    status: str
    topic: str  # the (x) of the GROW questions: their focus
    edited_at: str | None = None  # last changed after it ended (see Keeping.keep_earlier)


class QuestionRecord(NamedTuple):
    question_id: str
    asked: bool  # marked asked: stayed on screen long enough, or marked by hand
    deferred: bool
    notes: str
    shareable: bool = False

    @property
    def was_asked(self) -> bool:
        """Asked: marked so, or it has notes. Passing over a question does not ask it."""
        return self.asked or bool(self.notes.strip())


class Action(NamedTuple):
    id: int
    person_id: int
    conversation_id: int
    text: str
    due: str
    support: str
    commitment: int | None
    raise_it: str
    status: str
    outcome: str | None
    result: str
    created_at: str
    updated_at: str
    due_date: str | None = None  # ISO date read from `due`, or None: no date (growtui.dues)
    owner: str = "them"  # them, or me: support the manager promised
    goal_id: int | None = None  # the goal of their plan it serves


class Deferred(NamedTuple):
    key: str  # 'agenda-id:question-id'
    conversation_id: int


class HistoryRow(NamedTuple):
    conversation: Conversation
    actions: int
    mean_commitment: float | None


class FollowThrough(NamedTuple):
    """Of the actions no longer open, how many got done, by commitment band."""

    high_done: int  # scored 8 or more
    high_closed: int
    low_done: int  # scored 6 or less
    low_closed: int


class SearchHit(NamedTuple):
    conversation_id: int | None  # None: a note between meetings (note_id)
    person: str
    started_at: str
    agenda_id: str
    question_id: str | None  # None: an action item
    snippet: str
    kind: str = "note"  # note, action or transcript (what was said on the call)
    archived: bool = False  # the person left or moved team: their history stays searchable
    note_id: int | None = None  # a note between meetings (kind "between"); started_at is its day


GOAL_STATUSES = ("active", "reached", "changed", "dropped")


class Goal(NamedTuple):
    """A goal of a person's development plan."""

    id: int
    person_id: int
    text: str
    by: str  # as typed
    by_date: str | None  # the day it names (ISO)
    measure: str  # how they will know they are on track
    status: str  # active, reached, changed or dropped
    conversation_id: int | None  # the conversation it came from
    question_id: str | None
    created_at: str
    updated_at: str


class Note(NamedTuple):
    """A note between meetings: about the person, on a day, of a kind."""

    id: int
    person_id: int
    kind: str  # win, feedback, concern or note
    text: str
    noted_on: str  # ISO day
    shareable: bool
    created_at: str
    updated_at: str


class Version(NamedTuple):
    """A text a past conversation had before an edit."""

    what: str  # 'notes:<question id>' or 'action:<action id>'
    text: str
    replaced_at: str


class TrashEntry(NamedTuple):
    conversation_id: int
    person_id: int
    label: str  # when · who · agenda, as it was when deleted
    deleted_at: str


def _build(cls: type[T], row: dict[str, Any]) -> T:
    return cls(**{name: row[name] for name in cls._fields})  # type: ignore[attr-defined]


def split_key(key: str, agenda_id: str) -> tuple[str, str]:
    """A question record key to (agenda id, question id)."""
    if ":" in key:
        a, q = key.split(":", 1)
        return a, q
    return agenda_id, key


def as_id(text: str, what: str) -> int:
    """A row id typed by the user; past SQLite's 64-bit integers there is no such row."""
    if not text.isdigit() or int(text) > 2**63 - 1:
        raise StoreError(f"no {what} with id {text}")
    return int(text)

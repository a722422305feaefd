"""The storage layer: one SQLite file. Knows nothing of Textual.

Screens and the command line call `Store`'s methods; no SQL lives anywhere else.
`Store` is a thin facade over one module per concern (people, conversations and
their records, actions, search, the brief's queries, keeping the record, notes
between meetings, the plan), each on `StoreBase` (the
connection); `files` checks the file itself and `records` holds the plain data
the store returns.
"""

from __future__ import annotations

from growtui.schema import GENERAL as GENERAL  # the general notes' question key, for callers
from growtui.store.records import OUTCOME_STATUS as OUTCOME_STATUS
from growtui.store.actions import Actions
from growtui.store.base import StoreBase, now_iso
from growtui.store.brief_queries import BriefQueries
from growtui.store.conversations import Conversations
from growtui.store.files import check_file, damage, damaged, private_mode, read_only_uri
from growtui.store.keeping import ARCHIVE_REASONS, TRASH_DAYS, Keeping
from growtui.store.notes import NOTE_KINDS, Notes
from growtui.store.plan import CHECK_IN_ANSWERS, Plan
from growtui.store.review_queries import ReviewQueries
from growtui.store.people import People
from growtui.store.records import (
    OUTCOMES,
    STATUSES,
    Action,
    Conversation,
    Deferred,
    FollowThrough,
    GOAL_STATUSES,
    Goal,
    HistoryRow,
    Note,
    Person,
    PersonOverview,
    QuestionRecord,
    SearchHit,
    StoreError,
    TrashEntry,
    Version,
    as_id,
    split_key,
)
from growtui.store.search import MARK_END, MARK_START, SEARCH_WINDOW, Search, fts_query
from growtui.store.transcripts import CueRecord, TranscriptInfo, Transcripts


class Store(
    People, Conversations, Actions, Search, BriefQueries, Transcripts, Keeping, Notes, Plan, ReviewQueries, StoreBase
):
    """Everything the app and the command line read and write."""


__all__ = [
    "ARCHIVE_REASONS",
    "NOTE_KINDS",
    "CHECK_IN_ANSWERS",
    "GOAL_STATUSES",
    "Goal",
    "Note",
    "TRASH_DAYS",
    "TrashEntry",
    "Version",
    "GENERAL",
    "MARK_END",
    "MARK_START",
    "OUTCOMES",
    "OUTCOME_STATUS",
    "SEARCH_WINDOW",
    "STATUSES",
    "Action",
    "Conversation",
    "CueRecord",
    "Deferred",
    "TranscriptInfo",
    "FollowThrough",
    "HistoryRow",
    "Person",
    "PersonOverview",
    "QuestionRecord",
    "SearchHit",
    "Store",
    "StoreError",
    "as_id",
    "check_file",
    "damage",
    "damaged",
    "fts_query",
    "now_iso",
    "private_mode",
    "read_only_uri",
    "split_key",
]

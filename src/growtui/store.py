"""The storage layer: one SQLite file through sqlite-utils. Knows nothing of Textual.

Screens and the command line call these methods; no SQL lives anywhere else.
"""

from __future__ import annotations

import os
import stat
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from growtui import schema
from growtui.errors import GrowtuiError
from growtui.schema import GENERAL as GENERAL  # the general notes' question key, for callers

MARK_START, MARK_END = "\x02", "\x03"  # around matched words in search snippets
STATUSES = ("in-progress", "completed", "to-be-continued")
OUTCOMES = ("done", "progressing", "dropped")
# Search ranks the most recent matches only: a word in every note of ten years
# would otherwise cost a bm25 score per note. Rowids grow with time.
SEARCH_WINDOW = 500
# WAL with NORMAL: a crash of the process loses nothing committed, but a power cut
# may lose every commit since the last checkpoint. The note writer uses FULL (an
# fsync per save, ~0.3 ms more in bench/, off the UI thread), so a power cut loses
# at most the last second; its fsync also covers the UI's small NORMAL writes before it.
OUTCOME_STATUS = {"done": "done", "dropped": "dropped", "progressing": "open"}


def now_iso() -> str:
    return datetime.now().isoformat(timespec="seconds")


class StoreError(GrowtuiError):
    pass


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    role: str
    cadence_days: int | None
    notes: str
    created_at: str


@dataclass(frozen=True)
class PersonOverview:
    person: Person
    last_at: str | None
    conversations: int
    done_agendas: frozenset[str]
    open_actions: int
    latest_commitment: int | None
    unfinished_id: int | None


@dataclass(frozen=True)
class Conversation:
    id: int
    person_id: int
    agenda_id: str
    started_at: str
    ended_at: str | None
    status: str


@dataclass(frozen=True)
class QuestionRecord:
    question_id: str
    asked: bool
    deferred: bool
    notes: str
    shareable: bool = False


@dataclass(frozen=True)
class Action:
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


@dataclass(frozen=True)
class Deferred:
    key: str  # 'agenda-id:question-id'
    conversation_id: int


@dataclass(frozen=True)
class HistoryRow:
    conversation: Conversation
    actions: int
    mean_commitment: float | None


@dataclass(frozen=True)
class FollowThrough:
    """Of the actions no longer open, how many got done, by commitment band."""

    high_done: int  # scored 8 or more
    high_closed: int
    low_done: int  # scored 6 or less
    low_closed: int


@dataclass(frozen=True)
class SearchHit:
    conversation_id: int
    person: str
    started_at: str
    agenda_id: str
    question_id: str | None  # None: an action item
    snippet: str


def _build(cls: type, row: dict[str, Any]) -> Any:
    return cls(**{f.name: row[f.name] for f in fields(cls)})


def split_key(key: str, agenda_id: str) -> tuple[str, str]:
    """A question record key to (agenda id, question id)."""
    if ":" in key:
        a, q = key.split(":", 1)
        return a, q
    return agenda_id, key


def fts_query(text: str) -> str:
    """User words to an FTS5 query: every word must match; the last may be a prefix."""
    words = [w.replace('"', '""') for w in text.split()]
    if not words:
        return ""
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def as_id(text: str, what: str) -> int:
    """A row id typed by the user; past SQLite's 64-bit integers there is no such row."""
    if not text.isdigit() or int(text) > 2**63 - 1:
        raise StoreError(f"no {what} with id {text}")
    return int(text)


def read_only_uri(path: Path) -> str:
    """Reading without writing a byte beside the file. With no WAL beside it, the file
    is the whole database and nobody has it open in WAL mode, so it is read as
    immutable: a read-only connection to a WAL database would otherwise create -wal
    and -shm files (or fail, in a folder it cannot write)."""
    return f"file:{path}?mode=ro" + ("&immutable=1" if not Path(f"{path}-wal").exists() else "")


def check_file(path: Path) -> None:
    """Refuse what is not ours before SQLite writes a byte to it.

    Only SQLite reads the file: on POSIX, closing any descriptor of a file drops
    every lock the process holds on it, so a plain open()/close() here while a
    connection is open would let another process delete our WAL under us."""
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a database file")
    try:  # (immutable: probing a file we then refuse must not leave -wal and -shm beside it)
        probe = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as e:
        raise StoreError(f"cannot read {path}: {e}") from None
    try:
        version = probe.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in probe.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as e:
        if "not a database" in str(e):
            raise StoreError(
                f"{path} is not a growtui database (damaged or another kind of file); left untouched"
            ) from None
        if "unable to open" in str(e):
            raise StoreError(f"cannot read {path}: {e}") from None
        raise StoreError(f"{path} is damaged ({e}); left untouched") from None
    finally:
        probe.close()
    if version > schema.VERSION:
        raise StoreError(
            f"{path} was written by a newer growtui (schema {version}, this version knows {schema.VERSION}); "
            "upgrade growtui to open it; left untouched"
        )
    if version == 0 and tables:
        raise StoreError(f"{path} is an SQLite file but not a growtui database; left untouched")


def damage(path: Path) -> str | None:
    """SQLite's quick check of the whole file (about 3 ms per MB): None if sound,
    else the first problem found. For a failure or an empty answer that could be
    damage; too slow to run on every open."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            first = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        return str(e)
    return None if first == "ok" else " ".join(str(first).replace("*** in database main ***", "").split())


def damaged(path: Path, error: Exception | None = None) -> StoreError | None:
    """The one line for a damaged file, if it is (after `error`, if one was raised)."""
    detail = damage(path)
    if detail is None and "Could not decode to UTF-8" in str(error or ""):
        detail = "text that is not UTF-8"
    if detail is None:
        return None
    return StoreError(f"{path} is damaged ({detail}); restore a backup: growtui restore BACKUP_FILE")


def private_mode(path: Path) -> int | None:
    """Make an existing database (and its -wal and -shm) 0600 if group or others
    had any access; returns the mode it had, or None if it was private already."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return None
    if not path.is_file() or not mode & 0o077:
        return None
    for each in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if each.exists():
            os.chmod(each, stat.S_IMODE(each.stat().st_mode) & 0o600)
    return mode


def _check_writable(path: Path) -> None:
    """SQLite writes the file and, in WAL mode, two files beside it."""
    reading = "commands that only read it, like people, export and backup, still work"
    if not os.access(path, os.W_OK):
        raise StoreError(f"{path} is read-only; growtui needs to write to it for this ({reading})")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise StoreError(f"the folder {path.parent} is read-only; growtui needs to write beside the database "
                         f"for this ({reading})")


def _create_private(path: Path, create_folder: bool) -> None:
    """A new database: folder 0700, file 0600 (notes are confidential)."""
    folder = path.parent
    if not folder.exists():
        if not create_folder:
            raise StoreError(f"the folder {folder} does not exist")
        try:
            folder.mkdir(parents=True, mode=0o700)
            os.chmod(folder, 0o700)
        except OSError as e:
            raise StoreError(f"cannot create folder {folder}: {e.strerror}") from None
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except FileExistsError:
        pass
    except OSError as e:
        raise StoreError(f"cannot create {path}: {e.strerror}") from None


class Store:
    def __init__(self, conn: sqlite3.Connection, path: Path, clock: Callable[[], str] = now_iso) -> None:
        self.conn = conn
        self.db = Database(conn)
        self.path = path
        self.clock = clock

    @classmethod
    def open(cls, path: Path | str, clock: Callable[[], str] = now_iso, create_folder: bool = True) -> Store:
        """Open (or create) the database; anything wrong is one StoreError line, the file untouched."""
        path = Path(path)
        if path.exists():
            if not path.is_dir():
                _check_writable(path)
            check_file(path)
        else:
            _create_private(path, create_folder)
        store = cls.connect(path, clock)
        try:
            schema.migrate(store.conn)
        except sqlite3.DatabaseError as e:
            store.close()
            raise StoreError(f"cannot open {path}: {e}") from None
        return store

    @classmethod
    def open_to_read(cls, path: Path | str, clock: Callable[[], str] = now_iso, create_folder: bool = True) -> Store:
        """For what only reads (listings, exports, backups): a database the user cannot
        write (a read-only file or folder, a mounted copy) opens read-only instead of
        being refused. Nothing can be migrated then, so a schema missing what this
        version reads is refused with what to do."""
        path = Path(path)
        if not path.is_file() or (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)):
            return cls.open(path, clock, create_folder)
        check_file(path)
        try:
            conn = sqlite3.connect(read_only_uri(path), uri=True, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            lacking = schema.missing(conn)
        except sqlite3.DatabaseError as e:
            raise StoreError(f"cannot read {path}: {e}") from None
        if [x for x in lacking if x.startswith("column")]:
            conn.close()
            raise StoreError(f"{path} is read-only and from an older growtui; make it writable once so that "
                             "growtui can bring it up to date (left untouched)")
        return cls(conn, path, clock)

    @classmethod
    def connect(cls, path: Path, clock: Callable[[], str] = now_iso, synchronous: str = "NORMAL") -> Store:
        """Another connection to a database this process has already opened (and so
        checked and migrated): the note writer's, on its own thread."""
        try:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=5.0)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute(f"PRAGMA synchronous = {synchronous}")
        except sqlite3.DatabaseError as e:
            raise StoreError(f"cannot open {path}: {e}") from None
        return cls(conn, path, clock)

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self.conn.in_transaction:  # nested: join the outer one
            yield
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            # A COMMIT refused for a full disk leaves the transaction open (SQLite's
            # rule): roll it back below, or the next "transaction" would join it,
            # never commit, and hold the write lock against every other connection.
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def abandon(self) -> None:
        """After a failed write: no transaction may stay open holding the write lock."""
        try:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass

    def _rows(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        return list(self.db.query(sql, params))

    def _one(self, sql: str, params: Any = ()) -> dict[str, Any] | None:
        return next(iter(self.db.query(sql, params)), None)

    # -- people ---------------------------------------------------------------

    def add_person(self, name: str, role: str = "", cadence_days: int | None = None, notes: str = "") -> int:
        name = name.strip()
        if not name:
            raise StoreError("a person needs a name")
        cur = self.db.execute(
            "INSERT INTO people (name, role, cadence_days, notes, created_at) VALUES (?, ?, ?, ?, ?)",
            (name, role.strip(), cadence_days, notes, self.clock()),
        )
        return int(cur.lastrowid or 0)

    def update_person(self, person_id: int, name: str, role: str, cadence_days: int | None, notes: str) -> None:
        if not name.strip():
            raise StoreError("a person needs a name")
        self.db.execute(
            "UPDATE people SET name = ?, role = ?, cadence_days = ?, notes = ? WHERE id = ?",
            (name.strip(), role.strip(), cadence_days, notes, person_id),
        )

    def person(self, person_id: int) -> Person:
        row = self._one("SELECT * FROM people WHERE id = ?", (person_id,))
        if row is None:
            raise StoreError(f"no person with id {person_id}")
        return _build(Person, row)

    def find_person(self, name_or_id: str) -> Person:
        """By id, exact name, or a unique case-insensitive name prefix."""
        if name_or_id.isdigit():
            return self.person(as_id(name_or_id, "person"))
        rows = self._rows("SELECT * FROM people WHERE name = ? COLLATE NOCASE", (name_or_id,))
        if not rows:
            pattern = name_or_id.replace("%", r"\%").replace("_", r"\_") + "%"
            rows = self._rows("SELECT * FROM people WHERE name LIKE ? ESCAPE '\\' ORDER BY name", (pattern,))
        if not rows:
            raise StoreError(f"no person named {name_or_id!r} (see: growtui people)")
        if len(rows) > 1:
            names = ", ".join(r["name"] for r in rows[:5])
            raise StoreError(f"{name_or_id!r} matches several people: {names}")
        return _build(Person, rows[0])

    def people(self) -> list[Person]:
        return [_build(Person, r) for r in self._rows("SELECT * FROM people ORDER BY name COLLATE NOCASE")]

    def people_overview(self) -> list[PersonOverview]:
        rows = self._rows(
            """
            SELECT p.*,
                (SELECT max(started_at) FROM conversations c WHERE c.person_id = p.id) AS last_at,
                (SELECT count(*) FROM conversations c WHERE c.person_id = p.id) AS n_conversations,
                (SELECT group_concat(agenda_id) FROM (SELECT agenda_id FROM conversations c
                    WHERE c.person_id = p.id AND c.status = 'completed' GROUP BY agenda_id)) AS done_agendas,
                (SELECT count(*) FROM action_items a WHERE a.person_id = p.id AND a.status = 'open') AS open_actions,
                (SELECT commitment FROM action_items a WHERE a.person_id = p.id AND commitment IS NOT NULL
                    ORDER BY a.updated_at DESC, a.id DESC LIMIT 1) AS latest_commitment,
                (SELECT id FROM conversations c WHERE c.person_id = p.id AND c.status != 'completed'
                    ORDER BY started_at DESC LIMIT 1) AS unfinished_id
            FROM people p ORDER BY p.name COLLATE NOCASE
            """
        )
        return [
            PersonOverview(
                person=_build(Person, r),
                last_at=r["last_at"],
                conversations=r["n_conversations"],
                done_agendas=frozenset((r["done_agendas"] or "").split(",")) - {""},
                open_actions=r["open_actions"],
                latest_commitment=r["latest_commitment"],
                unfinished_id=r["unfinished_id"],
            )
            for r in rows
        ]

    # -- conversations ----------------------------------------------------------

    def start_conversation(self, person_id: int, agenda_id: str, carried: Sequence[str] = ()) -> int:
        """A new conversation; `carried` are 'agenda:question' keys deferred earlier."""
        now = self.clock()
        with self.transaction():
            cur = self.db.execute(
                "INSERT INTO conversations (person_id, agenda_id, started_at) VALUES (?, ?, ?)",
                (person_id, agenda_id, now),
            )
            conv_id = int(cur.lastrowid or 0)
            for key in carried:
                self._upsert(conv_id, key, now)
        return conv_id

    def conversation(self, conv_id: int) -> Conversation:
        row = self._one("SELECT * FROM conversations WHERE id = ?", (conv_id,))
        if row is None:
            raise StoreError(f"no conversation with id {conv_id}")
        return _build(Conversation, row)

    def latest_conversation_id(self) -> int:
        row = self._one("SELECT id FROM conversations ORDER BY started_at DESC, id DESC LIMIT 1")
        if row is None:
            raise StoreError("there are no conversations yet")
        return int(row["id"])

    def unfinished(self, person_id: int) -> Conversation | None:
        row = self._one(
            "SELECT * FROM conversations WHERE person_id = ? AND status != 'completed' "
            "ORDER BY started_at DESC, id DESC LIMIT 1",
            (person_id,),
        )
        return _build(Conversation, row) if row else None

    def set_status(self, conv_id: int, status: str) -> None:
        if status not in STATUSES:
            raise StoreError(f"unknown status {status!r}")
        ended = None if status == "in-progress" else self.clock()
        self.db.execute("UPDATE conversations SET status = ?, ended_at = ? WHERE id = ?", (status, ended, conv_id))

    def history(self, person_id: int, limit: int = -1, before: Conversation | None = None) -> list[HistoryRow]:
        """A person's conversations, newest first: all, or a page of `limit` older than `before`."""
        rows = self._rows(
            """
            SELECT c.*,
                (SELECT count(*) FROM action_items a WHERE a.conversation_id = c.id) AS n_actions,
                (SELECT avg(commitment) FROM action_items a WHERE a.conversation_id = c.id) AS mean_commitment
            FROM conversations c WHERE c.person_id = :person
              AND (:at IS NULL OR (c.started_at, c.id) < (:at, :id))
            ORDER BY c.started_at DESC, c.id DESC LIMIT :limit
            """,
            {"person": person_id, "limit": limit, "at": before.started_at if before else None,
             "id": before.id if before else None},
        )
        return [HistoryRow(_build(Conversation, r), r["n_actions"], r["mean_commitment"]) for r in rows]

    # -- questions --------------------------------------------------------------

    def _upsert(self, conv_id: int, key: str, now: str) -> None:
        self.db.execute(
            "INSERT INTO question_records (conversation_id, question_id, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (conversation_id, question_id) DO NOTHING",
            (conv_id, key, now),
        )

    def records(self, conv_id: int) -> dict[str, QuestionRecord]:
        rows = self._rows(
            "SELECT question_id, asked, deferred, notes, shareable FROM question_records "
            "WHERE conversation_id = ? ORDER BY id",
            (conv_id,),
        )
        return {
            r["question_id"]: QuestionRecord(
                r["question_id"], bool(r["asked"]), bool(r["deferred"]), r["notes"], bool(r["shareable"])
            )
            for r in rows
        }

    def set_shareable(self, conv_id: int, key: str, shareable: bool) -> None:
        with self.transaction():
            self._upsert(conv_id, key, self.clock())
            self.db.execute(
                "UPDATE question_records SET shareable = ? WHERE conversation_id = ? AND question_id = ?",
                (int(shareable), conv_id, key),
            )

    def stage_seconds(self, conv_id: int) -> dict[str, int]:
        rows = self._rows("SELECT stage, seconds FROM stage_times WHERE conversation_id = ?", (conv_id,))
        return {r["stage"]: r["seconds"] for r in rows}

    def save_stage_seconds(self, conv_id: int, seconds: dict[str, int]) -> None:
        with self.transaction():
            for stage, value in seconds.items():
                self.db.execute(
                    "INSERT INTO stage_times (conversation_id, stage, seconds) VALUES (?, ?, ?) "
                    "ON CONFLICT (conversation_id, stage) DO UPDATE SET seconds = excluded.seconds",
                    (conv_id, stage, value),
                )

    def save_notes(self, conv_id: int, key: str, text: str) -> None:
        self.db.execute(
            "INSERT INTO question_records (conversation_id, question_id, notes, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (conversation_id, question_id) DO UPDATE SET notes = excluded.notes, "
            "updated_at = excluded.updated_at WHERE notes != excluded.notes",
            (conv_id, key, text, self.clock()),
        )

    def notes_of(self, conv_id: int, key: str) -> str:
        row = self._one("SELECT notes FROM question_records WHERE conversation_id = ? AND question_id = ?", (conv_id, key))
        return row["notes"] if row else ""

    def save_notes_unless_changed(self, conv_id: int, key: str, text: str, base: str) -> str | None:
        """Save `text` if the stored note is still `base` (what this window last saw);
        if another window changed it meanwhile, save nothing and return their text."""
        with self.transaction():
            current = self.notes_of(conv_id, key)
            if current not in (base, text):
                return current
            self.save_notes(conv_id, key, text)
        return None

    def mark(self, conv_id: int, key: str, *, asked: bool | None = None, deferred: bool | None = None) -> None:
        """Set a question's asked and/or deferred mark (None leaves it as it is)."""
        a = None if asked is None else int(asked)
        d = None if deferred is None else int(deferred)
        with self.transaction():
            self.db.execute(
                """
                INSERT INTO question_records (conversation_id, question_id, asked, deferred, updated_at)
                VALUES (:conv, :key, coalesce(:asked, 0), coalesce(:deferred, 0), :now)
                ON CONFLICT (conversation_id, question_id) DO UPDATE SET
                    asked = coalesce(:asked, asked), deferred = coalesce(:deferred, deferred), updated_at = :now
                """,
                {"conv": conv_id, "key": key, "asked": a, "deferred": d, "now": self.clock()},
            )
            if asked and ":" in key:
                self._resolve_deferred(conv_id, key)

    def pending_deferred(self, person_id: int, before: int | None = None) -> list[Deferred]:
        """Questions deferred "for next time" and not asked since, oldest first."""
        rows = self._rows(
            """
            SELECT c.id AS conversation_id, c.agenda_id, q.question_id
            -- CROSS JOIN: the few pending rows drive the loop, not the person's whole history
            FROM question_records q INDEXED BY question_records_pending
            CROSS JOIN conversations c ON c.id = q.conversation_id
            WHERE q.deferred = 1 AND q.resolved_in IS NULL AND c.person_id = ? AND (? IS NULL OR c.id != ?)
            ORDER BY c.started_at, c.id
            """,
            (person_id, before, before),
        )
        pending: dict[str, Deferred] = {}
        for r in rows:
            key = ":".join(split_key(r["question_id"], r["agenda_id"]))
            pending.setdefault(key, Deferred(key, r["conversation_id"]))
        return list(pending.values())

    def _resolve_deferred(self, conv_id: int, key: str) -> None:
        """A carried-over question was asked: earlier deferrals of it are answered."""
        agenda_id, qid = key.split(":", 1)
        self.db.execute(
            """
            UPDATE question_records SET resolved_in = :conv WHERE id IN (
                SELECT q.id FROM question_records q INDEXED BY question_records_pending
                CROSS JOIN conversations c ON c.id = q.conversation_id
                WHERE q.deferred = 1 AND q.resolved_in IS NULL AND q.conversation_id != :conv
                  AND c.person_id = (SELECT person_id FROM conversations WHERE id = :conv)
                  AND (q.question_id = :key OR (q.question_id = :qid AND c.agenda_id = :agenda)))
            """,
            {"conv": conv_id, "key": key, "qid": qid, "agenda": agenda_id},
        )

    # -- action items -------------------------------------------------------------

    def add_action(
        self,
        person_id: int,
        conv_id: int,
        text: str,
        due: str = "",
        support: str = "",
        commitment: int | None = None,
        raise_it: str = "",
    ) -> int:
        if not text.strip():
            raise StoreError("an action item needs a text")
        _check_commitment(commitment)
        now = self.clock()
        with self.transaction():
            cur = self.db.execute(
                "INSERT INTO action_items (person_id, conversation_id, text, due, support, commitment, raise_it, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (person_id, conv_id, text.strip(), due, support, commitment, raise_it, now, now),
            )
            action_id = int(cur.lastrowid or 0)
            self._log(action_id, conv_id, now, "status", "open")
            if commitment is not None:
                self._log(action_id, conv_id, now, "commitment", str(commitment))
        return action_id

    def _log(self, action_id: int, conv_id: int | None, at: str, field: str, value: str | None) -> None:
        self.db.execute(
            "INSERT INTO action_history (action_id, conversation_id, at, field, value) VALUES (?, ?, ?, ?, ?)",
            (action_id, conv_id, at, field, value),
        )

    def action(self, action_id: int) -> Action:
        row = self._one("SELECT * FROM action_items WHERE id = ?", (action_id,))
        if row is None:
            raise StoreError(f"no action item with id {action_id}")
        return _build(Action, row)

    def update_action(self, action_id: int, conv_id: int | None = None, **changes: Any) -> Action:
        """Change fields of an action; score, status and outcome changes are logged
        with their time (and the conversation they happened in) for trends."""
        allowed = {"text", "due", "support", "commitment", "raise_it", "status", "outcome", "result"}
        unknown = set(changes) - allowed
        if unknown:
            raise StoreError(f"unknown action fields: {', '.join(sorted(unknown))}")
        if "commitment" in changes:
            _check_commitment(changes["commitment"])
        if "outcome" in changes and changes["outcome"] is not None:
            if changes["outcome"] not in OUTCOMES:
                raise StoreError(f"unknown outcome {changes['outcome']!r}")
            changes.setdefault("status", OUTCOME_STATUS[changes["outcome"]])
        now = self.clock()
        with self.transaction():
            before = self.action(action_id)
            changed = {k: v for k, v in changes.items() if getattr(before, k) != v}
            if changed:
                sets = ", ".join(f"{k} = ?" for k in changed)
                self.db.execute(
                    f"UPDATE action_items SET {sets}, updated_at = ? WHERE id = ?",
                    (*changed.values(), now, action_id),
                )
                for field in ("commitment", "status", "outcome"):
                    if field in changed:
                        value = changed[field]
                        self._log(action_id, conv_id, now, field, None if value is None else str(value))
            return self.action(action_id)

    def actions_of(self, conv_id: int) -> list[Action]:
        rows = self._rows("SELECT * FROM action_items WHERE conversation_id = ? ORDER BY id", (conv_id,))
        return [_build(Action, r) for r in rows]

    def open_actions(self, person_id: int, before: int | None = None) -> list[Action]:
        """Open actions of a person made in earlier conversations (to review next time)."""
        rows = self._rows(
            "SELECT * FROM action_items INDEXED BY action_items_person WHERE person_id = ? AND status = 'open' "
            "AND (? IS NULL OR conversation_id != ?) ORDER BY created_at, id",
            (person_id, before, before),
        )
        return [_build(Action, r) for r in rows]

    def commitment_trend(self, action_id: int) -> list[tuple[str, int]]:
        rows = self._rows(
            "SELECT at, value FROM action_history WHERE action_id = ? AND field = 'commitment' "
            "AND value IS NOT NULL ORDER BY at, id",
            (action_id,),
        )
        return [(r["at"], int(r["value"])) for r in rows]

    def person_actions(
        self, person_id: int, status: str | None = None, limit: int = -1, before: Action | None = None
    ) -> list[tuple[Action, list[int]]]:
        """A person's actions, newest first (a page of `limit` older than `before`), each
        with its commitment trend. Two queries, whatever the number of actions."""
        rows = self._rows(
            """
            SELECT * FROM action_items WHERE person_id = :person AND (:status IS NULL OR status = :status)
              AND (:at IS NULL OR (created_at, id) < (:at, :id))
            ORDER BY created_at DESC, id DESC LIMIT :limit
            """,
            {"person": person_id, "status": status, "limit": limit,
             "at": before.created_at if before else None, "id": before.id if before else None},
        )
        trends: dict[int, list[int]] = {}
        if rows:
            ids = [r["id"] for r in rows]
            marks = ",".join("?" * len(ids))
            for r in self._rows(
                f"SELECT action_id, value FROM action_history WHERE action_id IN ({marks}) "
                "AND field = 'commitment' AND value IS NOT NULL ORDER BY action_id, at, id",
                ids,
            ):
                trends.setdefault(r["action_id"], []).append(int(r["value"]))
        return [(_build(Action, r), trends.get(r["id"], [])) for r in rows]

    def follow_through(self, person_id: int | None = None) -> FollowThrough:
        """Does a high commitment score predict follow-through? (the point of scoring it)"""
        row = self._one(
            """
            SELECT
                sum(commitment >= 8 AND status = 'done') AS high_done,
                sum(commitment >= 8 AND status != 'open') AS high_closed,
                sum(commitment <= 6 AND status = 'done') AS low_done,
                sum(commitment <= 6 AND status != 'open') AS low_closed
            FROM action_items WHERE (? IS NULL OR person_id = ?) AND commitment IS NOT NULL
            """,
            (person_id, person_id),
        ) or {}
        return FollowThrough(*(int(row.get(k) or 0) for k in ("high_done", "high_closed", "low_done", "low_closed")))

    def recent_notes(self, person_id: int, conversations: int = 50) -> list[str]:
        """The notes of a person's most recent conversations (for themes)."""
        rows = self._rows(
            """
            SELECT q.notes FROM question_records q
            WHERE q.notes != '' AND q.conversation_id IN (
                SELECT id FROM conversations WHERE person_id = ? ORDER BY started_at DESC, id DESC LIMIT ?)
            """,
            (person_id, conversations),
        )
        return [r["notes"] for r in rows]

    def asked_questions(self, person_id: int, agenda_ids: list[str]) -> set[tuple[str, str]]:
        """(agenda id, question id) of every question this person has been asked in those agendas."""
        if not agenda_ids:
            return set()
        marks = ",".join("?" * len(agenda_ids))
        rows = self._rows(
            f"""
            SELECT DISTINCT c.agenda_id, q.question_id FROM conversations c
            JOIN question_records q ON q.conversation_id = c.id
            WHERE c.person_id = ? AND c.agenda_id IN ({marks}) AND q.asked = 1
            """,
            (person_id, *agenda_ids),
        )
        asked = set()
        for r in rows:
            asked.add(split_key(r["question_id"], r["agenda_id"]))
        return asked

    def first_commitments(self, action_ids: list[int]) -> dict[int, int]:
        """The score each action had when first given (for "then and now")."""
        if not action_ids:
            return {}
        marks = ",".join("?" * len(action_ids))
        rows = self._rows(
            f"SELECT action_id, value FROM action_history WHERE action_id IN ({marks}) AND field = 'commitment' "
            "AND value IS NOT NULL ORDER BY at DESC, id DESC",
            action_ids,
        )
        return {r["action_id"]: int(r["value"]) for r in rows}  # the oldest wins: rows run newest first

    # -- search --------------------------------------------------------------------

    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        query = fts_query(text)
        if not query:
            return []
        try:
            rows = self._rows(
                """
                SELECT s.conversation_id, s.question_id, s.snippet, p.name AS person, c.started_at, c.agenda_id
                FROM (
                    SELECT conversation_id, question_id, rank,
                           snippet(search_index, 0, char(2), char(3), '…', 12) AS snippet
                    FROM search_index WHERE search_index MATCH :q AND rowid >= coalesce((
                        SELECT min(rowid) FROM (SELECT rowid FROM search_index WHERE search_index MATCH :q
                                                ORDER BY rowid DESC LIMIT :window)), 0)
                    ORDER BY rank LIMIT :limit
                ) s
                JOIN conversations c ON c.id = s.conversation_id
                JOIN people p ON p.id = c.person_id
                ORDER BY s.rank
                """,
                {"q": query, "limit": limit, "window": SEARCH_WINDOW},
            )
        except sqlite3.OperationalError as e:
            raise StoreError(f"cannot search for {text!r}: {e}") from None
        return [
            SearchHit(r["conversation_id"], r["person"], r["started_at"], r["agenda_id"], r["question_id"], r["snippet"])
            for r in rows
        ]


def _check_commitment(value: int | None) -> None:
    if value is not None and not (isinstance(value, int) and 1 <= value <= 10):
        raise StoreError(f"commitment must be 1–10 or empty, not {value!r}")


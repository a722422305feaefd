"""A connection to the database: opened (checked, created private, migrated),
read-only for what only reads, transactions. Every concern's queries build on it."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Self

from growtui import schema
from growtui.store.files import _check_writable, _create_private, check_file, read_only_uri
from growtui.store.records import StoreError

# WAL with NORMAL: a crash of the process loses nothing committed, but a power cut
# may lose every commit since the last checkpoint. The note writer uses FULL (an
# fsync per save, ~0.3 ms more in bench/, off the UI thread), so a power cut loses
# at most the last second; its fsync also covers the UI's small NORMAL writes before it.

ROW_NAMES = {"people": "person", "conversations": "conversation", "action_items": "action", "goals": "goal"}


def now_iso() -> str:
    return datetime.now().isoformat(timespec="seconds")


class StoreBase:
    def __init__(self, conn: sqlite3.Connection, path: Path, clock: Callable[[], str] = now_iso) -> None:
        self.conn = conn
        self.path = path
        self.clock = clock

    @classmethod
    def open(cls, path: Path | str, clock: Callable[[], str] = now_iso, create_folder: bool = True) -> Self:
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
    def open_to_read(cls, path: Path | str, clock: Callable[[], str] = now_iso, create_folder: bool = True) -> Self:
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
            raise StoreError(
                f"{path} is read-only and from an older growtui; make it writable once so that "
                "growtui can bring it up to date (left untouched)"
            )
        return cls(conn, path, clock)

    @classmethod
    def connect(cls, path: Path, clock: Callable[[], str] = now_iso, synchronous: str = "NORMAL") -> Self:
        """Another connection to a database this process has already opened (and so
        checked and migrated): the note writer's, on its own thread."""
        try:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=5.0)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA recursive_triggers = ON")
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
        return [dict(r) for r in self.conn.execute(sql, params)]

    def _one(self, sql: str, params: Any = ()) -> dict[str, Any] | None:
        row = self.conn.execute(sql, params).fetchone()
        return dict(row) if row is not None else None

    # Inserts and updates in plain SQL (names are ours, never typed; values bound): the
    # table API of sqlite-utils cost the app 57 modules, ~4 MiB resident and ~40 ms to
    # import for these two statements (bench/memory.py). Inside a transaction they join it.

    def _insert(self, table: str, values: dict[str, Any]) -> int:
        """A new row, its id back."""
        names = ", ".join(f'"{name}"' for name in values)
        marks = ", ".join("?" * len(values))
        cur = self.conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', tuple(values.values()))
        return int(cur.lastrowid or 0)

    def _update(self, table: str, row_id: int, values: dict[str, Any]) -> None:
        """The row's fields changed; a row that is not there is one clear error."""
        sets = ", ".join(f'"{name}" = ?' for name in values) or "id = id"
        cur = self.conn.execute(f'UPDATE "{table}" SET {sets} WHERE id = ?', (*values.values(), row_id))
        if cur.rowcount == 0:
            raise StoreError(f"no {ROW_NAMES.get(table, table)} with id {row_id}")

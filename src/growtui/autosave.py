"""Saving notes as they are typed, off the UI thread. Knows nothing of Textual.

The screen hands over the latest text of a question with `submit` (cheap: a
dict write); one writer thread with its own connection saves what is pending,
the latest text winning. A failed save keeps the text pending and is retried,
so nothing typed is dropped; `flush` waits until everything is on disk.

Every other write (a question marked asked, an action added...) is `add`ed here
too and made on the same thread, in order; one that fails (a full disk) stays
first in line and is retried with the notes, so no write is lost and none
overtakes another.

The callbacks run on the writer thread, never while it holds its lock, and must
not wait for the UI (the UI may itself be waiting in `flush`): hand over with a
non-blocking call (the app's `soon`).

Two windows on one database: each save checks that the stored note is still
what this window last saw. If another window changed it, both texts are kept
(`merge`) and `on_merge` tells the screen.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from growtui.store import Store

Key = tuple[int, str]  # (conversation id, question key)
RETRY_SECONDS = 1.0
SEPARATOR = "\n\n--- also typed in another growtui window ---\n"


@dataclass
class Write:
    what: str  # for the user, and the recovery file if it never succeeds
    op: Callable[[Store], object]
    then: Callable[[object], None] | None = None  # with op's result, once it is saved
    after: Callable[[], None] | None = None  # once it is saved or has failed for good


# What a full or failing disk raises; anything else is a bug, not worth retrying.
RETRIABLE = (sqlite3.OperationalError, sqlite3.DatabaseError, OSError)


def merge(base: str, theirs: str, ours: str) -> str:
    """Keep both texts. When both only added to the common text, add ours after theirs."""
    if theirs.startswith(base) and ours.startswith(base):
        added = ours[len(base) :]
        return theirs + ("" if theirs.endswith(("\n", " ")) or added.startswith(("\n", " ")) else "\n") + added
    return theirs + SEPARATOR + ours


class NoteWriter:
    def __init__(
        self,
        path: Path,
        on_error: Callable[[str], None] | None = None,
        on_recovered: Callable[[], None] | None = None,
        on_merge: Callable[[int, str, str, str], None] | None = None,
        on_written: Callable[[Write, object], None] | None = None,
        on_stuck: Callable[[Write], None] | None = None,
    ) -> None:
        self._store = Store.connect(path, synchronous="FULL")  # notes survive a power cut
        # A save touches a few pages, and the UI's writes invalidate them anyway: SQLite's
        # default 2 MB cache here was resident for nothing (bench/memory.py; saves unchanged).
        self._store.conn.execute("PRAGMA cache_size = -256")
        self._pending: dict[Key, str] = {}
        self._writes: list[Write] = []  # in order; the first stays while the disk refuses it
        self._base: dict[Key, str] = {}  # what this window last read or wrote, per note
        self._busy = False
        self._closing = False
        self.failing: str | None = None  # the last error while saves fail
        self._on_error = on_error or (lambda _message: None)
        self._on_recovered = on_recovered or (lambda: None)
        self._on_merge = on_merge or (lambda _conv, _key, _ours, _merged: None)
        self._on_written = on_written or (lambda _write, _result: None)
        self._on_stuck = on_stuck or (lambda _write: None)  # the disk refused it: it waits for a retry
        self._cond = threading.Condition()
        self.failures = 0  # failed attempts, for flush to know when to stop waiting
        self._thread = threading.Thread(target=self._run, name="growtui-notes", daemon=True)
        self._thread.start()

    @property
    def store(self) -> Store:
        return self._store

    def watch(self, conv_id: int, notes: dict[str, str]) -> None:
        """The notes of a conversation as this window loaded them."""
        with self._cond:
            for key, text in notes.items():
                if (conv_id, key) not in self._pending:
                    self._base[(conv_id, key)] = text

    def submit(self, conv_id: int, key: str, text: str) -> None:
        with self._cond:
            self._pending[(conv_id, key)] = text
            self._cond.notify()

    def add(self, write: Write) -> None:
        """A write for the writer thread, made after every one added before it."""
        with self._cond:
            self._writes.append(write)
            self._cond.notify()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every submitted text and queued write is saved; False if that did not
        happen in time, or if a save tried after this call failed too (the disk is still full:
        no point freezing the screen for the whole timeout)."""
        with self._cond:
            # Two failures from now: the attempt under way may have started before space returned.
            give_up_at = self.failures + 2
            self._cond.notify()
            self._cond.wait_for(
                lambda: (not self._pending and not self._writes and not self._busy) or self.failures >= give_up_at,
                timeout,
            )
            return not self._pending and not self._writes and not self._busy

    def pending(self) -> dict[Key, str]:
        with self._cond:
            return dict(self._pending)

    def held(self) -> tuple[dict[Key, str], list[str]]:
        """pending() and pending_writes() for a last resort: the lock if it comes within a
        second, else a copy without it (a stuck thread may hold it)."""
        got = self._cond.acquire(timeout=1.0)
        try:
            return dict(self._pending), [w.what for w in list(self._writes) if w.what]
        finally:
            if got:
                self._cond.release()

    def pending_writes(self) -> list[str]:
        with self._cond:
            return [w.what for w in self._writes if w.what]  # (not the barriers: they write nothing)

    def close(self, timeout: float = 10.0) -> bool:
        saved = self.flush(timeout)
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        self._thread.join(timeout)
        self._store.close()
        return saved

    def _save(self, batch: dict[Key, str]) -> tuple[dict[Key, str], list[tuple[int, str, str, str]]]:
        saved: dict[Key, str] = {}
        merges = []
        with self._store.transaction():
            for (conv_id, key), text in batch.items():
                base = self._base.get((conv_id, key), "")
                theirs = self._store.save_notes_unless_changed(conv_id, key, text, base)
                if theirs is not None:
                    merged = merge(base, theirs, text)
                    self._store.save_notes(conv_id, key, merged)
                    merges.append((conv_id, key, text, merged))
                    text = merged
                saved[(conv_id, key)] = text
        return saved, merges

    def _retry_writes(self) -> None:
        """The queued writes, oldest first; stops at the first that fails again, and
        when notes were typed meanwhile (they go first: see _run)."""
        while True:
            with self._cond:
                if not self._writes or self._pending:
                    return
                write = self._writes[0]
            try:
                result = write.op(self._store)
            except RETRIABLE:
                self._on_stuck(write)
                raise
            except Exception as e:  # a bug, not the disk: retrying would fail forever
                result = e
            with self._cond:
                self._writes.pop(0)
            self._on_written(write, result)

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._pending or self._writes or self._closing)
                if self._closing and (not (self._pending or self._writes) or self.failing):
                    return
                batch, self._pending, self._busy = self._pending, {}, True
            merges: list[tuple[int, str, str, str]] = []
            try:
                # The notes typed so far first, then the writes queued behind them: a
                # write's `then` (after_writes) may read what was typed before it.
                saved, merges = self._save(batch)
                with self._cond:
                    self._base.update(saved)
                batch = {}
                self._retry_writes()
            except Exception as e:  # keep the text, tell the user, try again
                self._store.abandon()
                with self._cond:
                    for k, text in batch.items():
                        self._pending.setdefault(k, text)  # a newer submit wins
                    self._busy = False
                    self.failures += 1
                    first = self.failing is None
                    self.failing = message = str(e) or type(e).__name__
                    self._cond.notify_all()
                self._merged(merges)
                if first:  # (outside the lock: flush() may be waiting on it, on the UI thread)
                    self._on_error(message)
                with self._cond:
                    if not self._closing:
                        self._cond.wait(RETRY_SECONDS)
                continue
            with self._cond:
                self._busy = False
                recovered = self.failing is not None
                self.failing = None
                self._cond.notify_all()
            self._merged(merges)
            if recovered:
                self._on_recovered()

    def _merged(self, merges: list[tuple[int, str, str, str]]) -> None:
        for merge_args in merges:  # (outside the lock, as every call out of this thread)
            self._on_merge(*merge_args)

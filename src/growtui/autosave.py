"""Saving notes as they are typed, off the UI thread. Knows nothing of Textual.

The screen hands over the latest text of a question with `submit` (cheap: a
dict write); one writer thread with its own connection saves what is pending,
the latest text winning. A failed save keeps the text pending and is retried,
so nothing typed is dropped; `flush` waits until everything is on disk.

Two windows on one database: each save checks that the stored note is still
what this window last saw. If another window changed it, both texts are kept
(`merge`) and `on_merge` tells the screen.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from growtui.store import Store

Key = tuple[int, str]  # (conversation id, question key)
RETRY_SECONDS = 1.0
SEPARATOR = "\n\n--- also typed in another growtui window ---\n"


def merge(base: str, theirs: str, ours: str) -> str:
    """Keep both texts. When both only added to the common text, add ours after theirs."""
    if theirs.startswith(base) and ours.startswith(base):
        added = ours[len(base):]
        return theirs + ("" if theirs.endswith(("\n", " ")) or added.startswith(("\n", " ")) else "\n") + added
    return theirs + SEPARATOR + ours


class NoteWriter:
    def __init__(
        self,
        path: Path,
        on_error: Callable[[str], None] | None = None,
        on_recovered: Callable[[], None] | None = None,
        on_merge: Callable[[int, str, str, str], None] | None = None,
    ) -> None:
        self._store = Store.connect(path)
        self._pending: dict[Key, str] = {}
        self._base: dict[Key, str] = {}  # what this window last read or wrote, per note
        self._busy = False
        self._closing = False
        self.failing: str | None = None  # the last error while saves fail
        self._on_error = on_error or (lambda _message: None)
        self._on_recovered = on_recovered or (lambda: None)
        self._on_merge = on_merge or (lambda _conv, _key, _ours, _merged: None)
        self._cond = threading.Condition()
        self.saves = 0
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

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every submitted text is saved; False if that did not happen in time."""
        with self._cond:
            self._cond.notify()
            return self._cond.wait_for(lambda: not self._pending and not self._busy, timeout)

    def pending(self) -> dict[Key, str]:
        with self._cond:
            return dict(self._pending)

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

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._pending or self._closing)
                if self._closing and (not self._pending or self.failing):
                    return
                batch, self._pending, self._busy = self._pending, {}, True
            try:
                saved, merges = self._save(batch)
            except Exception as e:  # keep the text, tell the user, try again
                with self._cond:
                    for k, text in batch.items():
                        self._pending.setdefault(k, text)  # a newer submit wins
                    self._busy = False
                    first = self.failing is None
                    self.failing = str(e) or type(e).__name__
                    self._cond.notify_all()
                    if first:
                        self._on_error(self.failing)
                    self._cond.wait(RETRY_SECONDS)
                continue
            with self._cond:
                self._base.update(saved)
                self._busy = False
                self.saves += len(batch)
                recovered = self.failing is not None
                self.failing = None
                self._cond.notify_all()
            for merge_args in merges:
                self._on_merge(*merge_args)
            if recovered:
                self._on_recovered()

"""Whether the app is open on a database: it holds a shared lock on a small file of its
own (in the state folder, never the database: only SQLite opens that) for as long as
it runs. What must not run under an open window (erasing a person) asks for the lock
alone, and refuses if it cannot have it. The kernel drops the lock when the process
dies, however it dies."""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from growtui import locations
from growtui.errors import GrowtuiError


def _lock_file(db: Path) -> Path:
    name = hashlib.sha256(str(db.resolve()).encode()).hexdigest()[:16]
    return locations.state_file().parent / "open" / f"{name}.lock"


def _open(db: Path) -> int | None:
    path = _lock_file(db)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return None  # (a state folder we cannot write: nothing to coordinate through)


@contextmanager
def app_open(db: Path) -> Iterator[None]:
    """Held by the app while it runs on `db`."""
    fd = _open(db)
    try:
        if fd is not None:
            fcntl.flock(fd, fcntl.LOCK_SH)
        yield
    finally:
        if fd is not None:
            os.close(fd)


@contextmanager
def no_app_open(db: Path, doing: str) -> Iterator[None]:
    """For the length of `doing`, no app opens on `db` (it waits for the lock); refused
    with one line if one is open already."""
    fd = _open(db)
    try:
        if fd is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise GrowtuiError(
                    f"growtui is open on {db} in another window: quit it there, then {doing} again"
                ) from None
        yield
    finally:
        if fd is not None:
            os.close(fd)

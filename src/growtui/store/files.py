"""The database file itself: checked before SQLite writes a byte to it, created
private, read without leaving files beside it, checked for damage, kept 0600."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from growtui import schema
from growtui.store.records import StoreError


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
            conn.execute("PRAGMA cache_size = -256")  # one pass over the file: a cache would only hold memory
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
        raise StoreError(
            f"the folder {path.parent} is read-only; growtui needs to write beside the database for this ({reading})"
        )


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

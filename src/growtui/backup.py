"""Backups with SQLite's online backup API (consistent even while the app is
running), and restoring one after checking it, keeping the old file beside it."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from growtui import schema
from growtui.store import Store, StoreError, check_file, read_only_uri

TABLES = {"people", "conversations", "question_records", "action_items", "action_history"}


def copy(source: Path, dest: Path) -> None:
    """Page-by-page copy into a new 0600 file."""
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    writable = os.access(source.parent, os.W_OK)  # else no growtui writes it: read it as it lies
    src = sqlite3.connect(f"file:{source}?mode=ro" if writable else read_only_uri(source), uri=True)
    dst = sqlite3.connect(dest)
    try:
        src.execute("PRAGMA busy_timeout = 5000")
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    finally:
        dst.close()
        src.close()


def verify(path: Path) -> int:
    """A usable growtui database, or StoreError. Returns its number of conversations."""
    if not path.exists():
        raise StoreError(f"{path} does not exist")
    if not path.is_file():
        raise StoreError(f"{path} is not a regular file (a backup is one)")
    check_file(path)
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            count = conn.execute("SELECT count(*) FROM conversations").fetchone()[0] if "conversations" in tables else 0
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        raise StoreError(f"{path} is damaged ({e})") from None
    if ok != "ok":
        raise StoreError(f"{path} fails SQLite's integrity check: {ok}")
    if not TABLES <= tables or version < 1 or version > schema.VERSION:
        raise StoreError(f"{path} is not a growtui database this version can use")
    return int(count)


def backup(db: Path, dest: Path) -> int:
    if dest.exists():
        raise StoreError(f"{dest} already exists; choose a new file for the backup")
    if not dest.parent.is_dir():
        raise StoreError(f"the folder {dest.parent} does not exist")
    Store.open_to_read(db, create_folder=False).close()  # ours, current (a read-only one too)
    try:
        copy(db, dest)
        return verify(dest)
    except (sqlite3.Error, OSError, StoreError) as e:
        dest.unlink(missing_ok=True)
        raise StoreError(f"backup to {dest} failed: {e}") from None


def _take_alone(db: Path) -> sqlite3.Connection:
    """An exclusive hold on the database, or StoreError if any other process has it
    open. Leaving WAL mode needs every other connection gone; SQLite then folds the
    WAL into the file itself, so no saved note is left in a file we replace."""
    Store.open(db, create_folder=False).close()  # ours, current, not damaged
    conn = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        if mode != "delete":
            raise sqlite3.OperationalError("database is locked")
        conn.execute("BEGIN EXCLUSIVE")  # and nobody opens it until the new file is in place
    except sqlite3.OperationalError as e:
        conn.close()
        if "locked" in str(e) or "busy" in str(e):
            raise StoreError(f"{db} is open in another growtui (the app or a command); quit it, then restore") from None
        raise StoreError(f"cannot restore over {db}: {e}") from None
    return conn


def _bring_up_to_date(copy: Path) -> None:
    """Migrate the copy (never the source) and check it has everything this version
    uses: a backup from any earlier growtui restores into a database that works."""
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        schema.migrate(conn)
        lacking = schema.missing(conn)
    finally:
        conn.close()
    if lacking:
        raise StoreError(f"it lacks part of the schema growtui uses ({', '.join(lacking[:3])})")


def _free_name(path: Path) -> Path:
    """The name, or with -2, -3... if taken (two restores within one second)."""
    n, free = 1, path
    while free.exists():
        n += 1
        free = path.with_name(f"{path.name}-{n}")
    return free


def restore(source: Path, db: Path) -> Path | None:
    """Replace the database with a checked copy of `source`; the old file is kept
    beside it (returned). Refused while another process has the database open."""
    if db.exists() and source.exists() and os.path.samefile(source, db):
        raise StoreError(
            f"{source} is the database itself: restore from a backup of it (growtui backup PATH makes one)"
        )
    verify(source)
    kept = None
    hold = None
    if db.exists():
        hold = _take_alone(db)
        kept = _free_name(db.with_name(f"{db.name}.before-restore-{datetime.now():%Y%m%d-%H%M%S}"))
    elif not db.parent.exists():
        db.parent.mkdir(parents=True, mode=0o700)
    incoming = db.with_name(f".{db.name}.restoring")
    incoming.unlink(missing_ok=True)
    try:
        copy(source, incoming)
        verify(incoming)
        _bring_up_to_date(incoming)
        if kept:
            os.link(db, kept)  # the old file stays, under a new name, until the new one is in place
        os.replace(incoming, db)
        os.chmod(db, 0o600)
    except (sqlite3.Error, OSError, StoreError) as e:
        incoming.unlink(missing_ok=True)
        raise StoreError(f"restore from {source} failed: {e}") from None
    finally:
        if hold is not None:
            hold.close()
    return kept


def backups_holding(db: Path, person: str, folder: Path | None = None) -> list[tuple[Path, str, bool]]:
    """The copies that still hold `person` (by name), with the day each was made, oldest
    first: those restore kept (growtui.db.before-restore-…), the data folder's backups/
    and the snapshots' folder. An encrypted snapshot cannot be read to tell: it is
    listed as one that may (False). Erasure cannot reach into any of them."""
    found = []
    folders = {db.parent / "backups", *([folder] if folder else [])}
    candidates = [*db.parent.glob(f"{db.name}.before-restore-*"), *(p for f in folders for p in f.glob("*.db*"))]
    for path in candidates:
        if not path.is_file() or path.name.endswith((".json", ".part")):
            continue
        day = datetime.fromtimestamp(path.stat().st_mtime).date().isoformat()
        if path.name.endswith(".age"):
            found.append((path, day, False))
            continue
        try:
            conn = sqlite3.connect(read_only_uri(path), uri=True)
            try:
                held = conn.execute("SELECT 1 FROM people WHERE name = ? COLLATE NOCASE", (person,)).fetchone()
            finally:
                conn.close()
        except sqlite3.Error:  # not one of ours, or damaged: not something we can say holds them
            continue
        if held:
            found.append((path, day, True))
    return sorted(found, key=lambda f: (f[1], f[0].name))

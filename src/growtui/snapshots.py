"""Automatic snapshots: a consistent copy of the database (SQLite's backup API, as
`growtui backup`) at most once a day when the app or a command runs, and after each
completed conversation; in the backup folder, encrypted with age once a recipient or a
passphrase is set; rotated as restic's `forget` does (7 daily, 5 weekly, 12 monthly).

Taken by a process of its own (`python -m growtui.snapshots`), started and left: the
screen and the command that started it never wait for it, and the copy and the
encryption never take the interpreter from the UI. What it did is kept beside the
database (`.NAME.backups.json`) for the people screen and `growtui backups`."""

from __future__ import annotations

import errno
import json
import os
import re
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from growtui.errors import GrowtuiError
from growtui.snapshot_status import due, last_status, record, start, status_file, warning

__all__ = ["due", "last_status", "start", "status_file", "warning"]  # (the quick part, for commands)

NAME = re.compile(r"^growtui-(\d{8}-\d{6})\.db(\.age)?$")


@dataclass(frozen=True)
class Plan:
    """Where snapshots go and how they are kept (config.toml), for one database."""

    folder: Path
    recipients: tuple[str, ...]
    passphrase_file: Path | None
    keep: dict[str, int]

    @property
    def encrypted(self) -> bool:
        return bool(self.recipients or self.passphrase_file)


@dataclass(frozen=True)
class Snapshot:
    path: Path
    taken: datetime
    size: int
    encrypted: bool
    conversations: int | None  # (None: encrypted and its note lost)
    why: str


def default_folder(db: Path) -> Path:
    return db.parent / "backups"


def plan_for(db: Path) -> Plan | None:
    """The user's settings for `db`'s snapshots, or None when config.toml says `backups = false`."""
    from growtui.config import load_config

    config = load_config()
    if config.backups is False:
        return None
    folder = Path(str(config.backups)).expanduser() if config.backups else default_folder(db)
    passphrase = Path(config.backup_passphrase_file).expanduser() if config.backup_passphrase_file else None
    return Plan(folder, config.backup_recipients, passphrase, dict(config.backup_keep))


# -- taking one ----------------------------------------------------------------------------


def _problem(e: BaseException, folder: Path) -> str:
    if (isinstance(e, OSError) and e.errno == errno.ENOSPC) or (isinstance(e, sqlite3.Error) and "full" in str(e)):
        return f"the disk holding {folder} is full"
    if isinstance(e, OSError) and e.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return f"{folder} cannot be written ({e.strerror})"
    return str(e)


def _ready(folder: Path, db: Path) -> None:
    """The folder, made if it is the default or its parent is there: a backup drive not
    mounted is said as such, never made as an empty folder where the drive would be."""
    if folder.is_dir():
        return
    if folder == default_folder(db) or folder.parent.is_dir():
        folder.mkdir(mode=0o700, exist_ok=True)
        return
    raise GrowtuiError(f"{folder} is not there (a drive not mounted?)")


def take(db: Path, plan: Plan, why: str, now: datetime | None = None) -> Snapshot:
    """One snapshot into the plan's folder, checked, encrypted if the plan says so,
    then the old ones rotated away. GrowtuiError (its reason) if it could not be made."""
    from growtui import backup
    from growtui.store import StoreError

    now = now or datetime.now()
    _ready(plan.folder, db)
    name = f"growtui-{now:%Y%m%d-%H%M%S}.db" + (".age" if plan.encrypted else "")
    final = plan.folder / name
    # The plain copy stays beside the database (private already), never in a folder
    # that leaves the machine; only the encrypted file goes there.
    plain = db.parent / f".{db.name}.snapshot-{os.getpid()}" if plan.encrypted else plan.folder / f".{name}.part"
    part = plan.folder / f".{name}.part"
    try:
        backup.copy(db, plain)
        conversations = backup.verify(plain)
        if plan.encrypted:
            from growtui import age

            age.encrypt_file(plain, part, plan.recipients, plan.passphrase_file)
            os.chmod(part, 0o600)
        with open(part, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(part, final)
    except (OSError, sqlite3.Error, StoreError, GrowtuiError) as e:
        part.unlink(missing_ok=True)
        raise GrowtuiError(_problem(e, plan.folder)) from None
    finally:
        if plan.encrypted:
            plain.unlink(missing_ok=True)
    snapshot = Snapshot(final, now, final.stat().st_size, plan.encrypted, conversations, why)
    _note(snapshot)
    rotate(plan.folder, plan.keep)
    return snapshot


def _note(s: Snapshot) -> None:
    """What `growtui backups` lists without decrypting: beside the snapshot."""
    note = {"taken": s.taken.isoformat(timespec="seconds"), "conversations": s.conversations, "why": s.why}
    try:
        fd = os.open(s.path.with_name(s.path.name + ".json"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(json.dumps(note))
    except OSError:
        pass


def run(db: Path, why: str, now: datetime | None = None) -> Snapshot | None:
    """The snapshot process: one at a time per database (a lock beside it), due checked
    again under the lock, the outcome recorded for the people screen."""
    import fcntl

    now = now or datetime.now()
    try:
        lock = open(db.parent / f".{db.name}.backups.lock", "a")
    except OSError:
        return None
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return None  # (another is taking one now)
        if why == "daily" and not due(db, now):
            return None
        try:
            plan = plan_for(db)
        except GrowtuiError as e:
            record(db, last_try=now.isoformat(timespec="seconds"), problem=str(e))
            return None
        if plan is None:
            record(db, off=now.date().isoformat(), problem=None)
            return None
        try:
            return recorded(db, plan, why, now)
        except GrowtuiError:
            return None


def recorded(db: Path, plan: Plan, why: str, now: datetime | None = None) -> Snapshot:
    """take(), its outcome kept for the people screen and `backups` (a failure's reason too)."""
    now = now or datetime.now()
    stamp = now.isoformat(timespec="seconds")
    try:
        snapshot = take(db, plan, why, now)
    except GrowtuiError as e:
        record(db, last_try=stamp, problem=str(e), folder=str(plan.folder), off=None)
        raise
    record(db, last_try=stamp, last_ok=stamp, problem=None, folder=str(plan.folder), off=None)
    return snapshot


# -- keeping them: restic's forget ------------------------------------------------------


def listed(folder: Path) -> list[Snapshot]:
    """The folder's snapshots, newest first (what growtui wrote there, by name)."""
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for path in entries:
        match = NAME.match(path.name)
        if not match or not path.is_file():
            continue
        taken = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
        note: dict[str, Any] = {}
        try:
            note = json.loads(path.with_name(path.name + ".json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
        conversations = note.get("conversations") if isinstance(note, dict) else None
        found.append(
            Snapshot(
                path,
                taken,
                path.stat().st_size,
                bool(match.group(2)),
                conversations if isinstance(conversations, int) else None,
                str(note.get("why", "")) if isinstance(note, dict) else "",
            )
        )
    return sorted(found, key=lambda s: s.taken, reverse=True)


def kept(snapshots: list[Snapshot], keep: dict[str, int]) -> set[Path]:
    """restic's forget: the newest of each of the last `daily` days that have one, of
    the last `weekly` ISO weeks, of the last `monthly` months; and always the newest."""
    buckets: dict[str, Callable[[datetime], object]] = {
        "daily": lambda t: t.date(),
        "weekly": lambda t: t.isocalendar()[:2],
        "monthly": lambda t: (t.year, t.month),
    }
    keep_paths = {snapshots[0].path} if snapshots else set()
    for policy, bucket in buckets.items():
        seen: set[Any] = set()
        for s in snapshots:  # (newest first)
            if len(seen) >= keep.get(policy, 0):
                break
            if (b := bucket(s.taken)) not in seen:
                seen.add(b)
                keep_paths.add(s.path)
    return keep_paths


def rotate(folder: Path, keep: dict[str, int]) -> list[Path]:
    snapshots = listed(folder)
    keep_paths = kept(snapshots, keep)
    gone = []
    for s in snapshots:
        if s.path not in keep_paths:
            s.path.unlink(missing_ok=True)
            s.path.with_name(s.path.name + ".json").unlink(missing_ok=True)
            gone.append(s.path)
    return gone


if __name__ == "__main__":  # the snapshot process (start() above): DB WHY
    os.nice(10)  # (a background copy: whatever runs in front comes first)
    run(Path(sys.argv[1]), sys.argv[2])

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
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from growtui.errors import GrowtuiError

NAME = re.compile(r"^growtui-(\d{8}-\d{6})\.db(\.age)?$")
STALE_DAYS = 7  # the people screen speaks up when the last snapshot is older than this
OFF_ENV = "GROWTUI_AUTO_BACKUP"  # "0": none are started (the test suite's default)


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


# -- what happened last: beside the database ---------------------------------------------


def status_file(db: Path) -> Path:
    return db.parent / f".{db.name}.backups.json"


def last_status(db: Path) -> dict[str, Any]:
    try:
        data = json.loads(status_file(db).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _record(db: Path, **changes: Any) -> None:
    path = status_file(db)
    try:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps({**last_status(db), **changes}), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # (the next run tries again; the snapshot itself is what matters)


def warning(db: Path, now: datetime) -> str | None:
    """What the people screen says, quietly: the last snapshot failed (and why), or is
    older than a week. None when all is well, or when snapshots are off."""
    status = last_status(db)
    if status.get("off"):
        return None
    if problem := status.get("problem"):
        return f"backup failed: {problem}"
    last = status.get("last_ok")
    if last and now - datetime.fromisoformat(last) > timedelta(days=STALE_DAYS):
        return f"last backup {(now - datetime.fromisoformat(last)).days} days ago"
    return None


def due(db: Path, now: datetime) -> bool:
    """Once a day: not yet today, and (after a failure) not tried in the last hour."""
    status = last_status(db)
    if status.get("off") == now.date().isoformat():
        return False
    if (last := status.get("last_ok")) and last[:10] == now.date().isoformat():
        return False
    tried = status.get("last_try")
    return not (tried and now - datetime.fromisoformat(tried) < timedelta(hours=1))


def start(db: Path, why: str = "daily", now: datetime | None = None) -> bool:
    """Start the snapshot process if one is due (`why` "daily"), or at once (after a
    completed conversation), and return without waiting for it."""
    now = now or datetime.now()
    if os.environ.get(OFF_ENV) == "0" or not db.is_file() or not os.access(db.parent, os.W_OK):
        return False
    if why == "daily" and not due(db, now):
        return False
    import subprocess

    try:
        subprocess.Popen(
            [sys.executable, "-m", "growtui.snapshots", str(db), why],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # (not ended with the terminal that started it)
            close_fds=True,
        )
    except OSError:
        return False
    return True


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
    raise GrowtuiError(f"the folder {folder} is not there (a drive not mounted?)")


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
            _record(db, last_try=now.isoformat(timespec="seconds"), problem=str(e))
            return None
        if plan is None:
            _record(db, off=now.date().isoformat(), problem=None)
            return None
        try:
            snapshot = take(db, plan, why, now)
        except GrowtuiError as e:
            _record(db, last_try=now.isoformat(timespec="seconds"), problem=str(e), folder=str(plan.folder), off=None)
            return None
        _record(
            db,
            last_try=now.isoformat(timespec="seconds"),
            last_ok=now.isoformat(timespec="seconds"),
            problem=None,
            folder=str(plan.folder),
            off=None,
        )
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

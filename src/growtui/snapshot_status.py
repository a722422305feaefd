"""What the last snapshot did (beside the database: `.NAME.backups.json`), whether
one is due, and starting the snapshot process (snapshots.py). Kept apart and small:
every command runs this on its way out, so it imports nothing a quick command lacks."""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

STALE_DAYS = 7  # the people screen speaks up when the last snapshot is older than this
OFF_ENV = "GROWTUI_AUTO_BACKUP"  # "0": none are started (the test suite's default)


def status_file(db: Path) -> Path:
    return db.parent / f".{db.name}.backups.json"


def last_status(db: Path) -> dict[str, Any]:
    try:
        data = json.loads(status_file(db).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def record(db: Path, **changes: Any) -> None:
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

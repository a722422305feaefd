"""A snapshot in `make bench`: the 10,000-conversation database copied, checked and
encrypted to an age key by the snapshot process (plain and encrypted, its time end to
end), and the longest event-loop stall of the app typing while one runs beside it, as
after a completed conversation, from its start until it is done (goal ≤ 16 ms; the
same typing without a snapshot is the reference).

    .venv/bin/python bench/snapshot_bench.py
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
sys.path.insert(0, str(HERE))
from pty_run import run_in_pty  # noqa: E402


def settings(folder: Path, encrypted: bool) -> dict[str, str]:
    """A config folder of its own: backups into `folder`, to a new age key if `encrypted`."""
    import pyrage

    config = Path(tempfile.mkdtemp(prefix="growtui-bench-config-"))
    (config / "growtui").mkdir()
    text = f'backups = "{folder}"\n'
    if encrypted:
        text += f'backup_recipient = "{pyrage.x25519.Identity.generate().to_public()}"\n'
    (config / "growtui" / "config.toml").write_text(text)
    return {"XDG_CONFIG_HOME": str(config), "GROWTUI_AUTO_BACKUP": "1"}


def fresh(db: Path, name: str) -> Path:
    work = CACHE / name
    for p in CACHE.glob(name + "*"):
        p.unlink()
    for p in CACHE.glob(f".{name}*"):  # (its snapshot status and lock)
        p.unlink()
    shutil.copy(db, work)
    return work


def take(db: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "growtui.snapshots", str(db), "bench"], env={**os.environ, **env}, check=True)
    return time.perf_counter() - start


def measure(db: Path, seconds: float, repeat: int) -> dict:
    folder = CACHE / "snapshots"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    plain_env, age_env = settings(folder, False), settings(folder, True)
    work = fresh(db, "snapshot.db")
    plain = [take(work, plain_env) for _ in range(repeat)]
    encrypted = [take(work, age_env) for _ in range(repeat)]
    sizes = [p.stat().st_size for p in folder.glob("*.age")]
    child = str(HERE / "app_child.py")
    during = run_in_pty([child, "snapshot", "growtui", str(fresh(db, "snapshot-app.db")), str(seconds)], env=age_env)
    alone = run_in_pty([child, "stall", "growtui", str(fresh(db, "snapshot-app.db")), str(seconds)], env=age_env)
    shutil.rmtree(folder, ignore_errors=True)
    for env in (plain_env, age_env):
        shutil.rmtree(env["XDG_CONFIG_HOME"], ignore_errors=True)
    lags = sorted(during["lags_during_snapshot_ms"])
    return {
        "snapshot_s": statistics.median(plain),
        "snapshot_encrypted_s": statistics.median(encrypted),
        "snapshot_mb": work.stat().st_size / 1e6,
        "snapshot_encrypted_mb": max(sizes) / 1e6 if sizes else 0.0,
        "snapshot_loop_stall_max_ms": lags[-1],
        "snapshot_loop_stall_p99_ms": lags[min(len(lags) - 1, int(0.99 * (len(lags) - 1)))],
        "snapshot_while_typing_s": during["snapshot_s"],
        "snapshot_typing_stall_max_ms": max(during["lags_ms"]),  # (the whole run, the snapshot in it)
        "typing_stall_alone_max_ms": max(alone["lags_ms"]),  # (the same run without one: the reference)
    }


if __name__ == "__main__":
    import json

    from run import database

    print(json.dumps(measure(database(10_000), 5.0, 3), indent=2))

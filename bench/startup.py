"""Start-up and starting a conversation, in a real terminal (tmux), each beside
the bare Textual app (bare_app.py) in the same run, interleaved so that machine
noise hits both alike. Run alone: `.venv/bin/python bench/startup.py` (a minute or
two); `make bench` runs it with everything else.

- start-up: from launching `growtui --db PATH` until the people screen shows its
  first real row; the bare app until its table shows its first row (with as many
  rows as growtui has people).
- start-conversation: from sending `s` and Enter on the people screen until the
  conversation screen (or the review of last time on top of it) is drawn; the
  bare app pushes a choice and then a screen with the same widgets.

Databases: empty, 8 people with 10,000 conversations (as `make bench`'s), 200
people with 10,000 conversations; made once in bench/.cache.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bare_app import OPENED, READY  # noqa: E402

CACHE = Path(os.environ.get("BENCH_CACHE", HERE / ".cache"))
BIN = Path(sys.executable).parent
CONVERSATION_MARKERS = ("⏱", "Since last time")  # the conversation screen's timer; the review of last time
DATABASES = {"empty": (0, 0), "8p-10k": (8, 10_000), "200p-10k": (200, 10_000)}


def database(name: str) -> Path:
    people, conversations = DATABASES[name]
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"startup-{name}.db"
    if not path.exists():
        tmp = CACHE / f"startup-{name}.tmp.db"
        for p in CACHE.glob(tmp.name + "*"):
            p.unlink()
        if people:
            subprocess.run(
                [
                    str(BIN / "growtui"),
                    "demo",
                    "--db",
                    str(tmp),
                    "--people",
                    str(people),
                    "--conversations",
                    str(conversations),
                    "--seed",
                    "7",
                    "--until",
                    "2026-11-20",
                ],
                check=True,
                capture_output=True,
            )
        else:  # created and migrated by opening it once, with nobody in it
            from growtui.store import Store

            Store.open(tmp).close()
        tmp.rename(path)
    return current(path)


def current(path: Path) -> Path:
    """A database cached by an older growtui, migrated once here: otherwise every
    run's fresh copy would be migrated at start-up, and that is what would be timed."""
    from growtui import schema
    from growtui.store import Store

    conn = sqlite3.connect(path)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.close()
    if version != schema.VERSION:
        Store.open(path).close()
    return path


class Terminal:
    """One tmux server of its own, its pane polled for what it shows."""

    def __init__(self, command: list[str], width: int = 100, height: int = 30) -> None:
        self.tmux = ["tmux", "-L", f"growtui-bench-{uuid.uuid4().hex[:8]}"]
        self.started = time.perf_counter()
        subprocess.run(
            [*self.tmux, "new-session", "-d", "-x", str(width), "-y", str(height), " ".join(command)], check=True
        )

    def wait_for(self, *markers: str, timeout: float = 30) -> float:
        """Seconds from `self.started` until any marker is on screen."""
        while time.perf_counter() - self.started < timeout:
            screen = subprocess.run([*self.tmux, "capture-pane", "-p"], capture_output=True, text=True).stdout
            if any(m in screen for m in markers):
                return time.perf_counter() - self.started
            time.sleep(0.005)
        raise RuntimeError(f"never saw {markers!r}")

    def keys(self, *keys: str) -> None:
        self.started = time.perf_counter()
        subprocess.run([*self.tmux, "send-keys", *keys], check=True)

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)


def row_markers(db: Path) -> list[str]:
    """What shows the people screen's rows are drawn: any person's name (the first
    rows are the most urgent), or the empty screen's text."""
    conn = sqlite3.connect(db)
    names = [r[0] for r in conn.execute("SELECT name FROM people")]
    conn.close()
    return names or ["No one here yet"]


def people_count(db: Path) -> int:
    conn = sqlite3.connect(db)
    count = conn.execute("SELECT count(*) FROM people").fetchone()[0]
    conn.close()
    return int(count)


def fresh(db: Path) -> Path:
    """A copy per run: a conversation started in one run must not change the next."""
    work = CACHE / f"run-{db.name}"
    for p in CACHE.glob(work.name + "*"):
        p.unlink()
    shutil.copy(db, work)
    return work


def once(command: list[str], ready: list[str], start: bool) -> tuple[float, float | None]:
    term = Terminal(command)
    try:
        up = term.wait_for(*ready)
        if not start:
            return up, None
        time.sleep(0.3)  # settled, as a manager would be before pressing s
        term.keys("s", "Enter")
        return up, term.wait_for(*CONVERSATION_MARKERS, OPENED)
    finally:
        term.close()


def measure(name: str, runs: int) -> dict[str, float]:
    db = database(name)
    markers, rows = row_markers(db), people_count(db)
    ours_up, ours_open, bare_up, bare_open = [], [], [], []
    for _ in range(runs):
        up, opened = once([str(BIN / "growtui"), "--db", str(fresh(db))], markers, start=rows > 0)
        ours_up.append(up)
        if opened is not None:
            ours_open.append(opened)
        up, opened = once([sys.executable, str(HERE / "bare_app.py")], [READY], start=rows > 0)
        bare_up.append(up)
        if opened is not None:
            bare_open.append(opened)
    # The ratio is the median of each pair's ratio: a pair runs a second apart, so a busy
    # moment of the machine slows both of it (medians of each side apart drift more).
    result = {"startup_s": statistics.median(ours_up), "startup_bare_s": statistics.median(bare_up)}
    result["startup_ratio"] = statistics.median(o / b for o, b in zip(ours_up, bare_up))
    if ours_open:
        result.update(
            {
                "start_conversation_s": statistics.median(ours_open),
                "start_conversation_bare_s": statistics.median(bare_open),
                "start_conversation_ratio": statistics.median(o / b for o, b in zip(ours_open, bare_open)),
            }
        )
    return result


def run(runs: int) -> dict[str, float]:
    """Every database; `startup_ratio` and `start_conversation_ratio` are the worst of them."""
    results: dict[str, float] = {}
    for name in DATABASES:
        for key, value in measure(name, runs).items():
            results[f"{key}_{name}"] = value
    results["startup_ratio"] = max(v for k, v in results.items() if k.startswith("startup_ratio_"))
    results["start_conversation_ratio"] = max(
        v for k, v in results.items() if k.startswith("start_conversation_ratio_")
    )
    return results


def report(r: dict[str, float]) -> None:
    print(
        f"{'database':10s} {'start-up':>9s} {'bare':>7s} {'ratio':>6s}   {'start conv.':>11s} {'bare':>7s} {'ratio':>6s}"
    )
    for name in DATABASES:
        line = (
            f"{name:10s} {r[f'startup_s_{name}'] * 1000:7.0f}ms {r[f'startup_bare_s_{name}'] * 1000:5.0f}ms "
            f"{r[f'startup_ratio_{name}']:6.2f}"
        )
        if f"start_conversation_s_{name}" in r:
            line += (
                f"   {r[f'start_conversation_s_{name}'] * 1000:9.0f}ms "
                f"{r[f'start_conversation_bare_s_{name}'] * 1000:5.0f}ms {r[f'start_conversation_ratio_{name}']:6.2f}"
            )
        print(line)


if __name__ == "__main__":
    report(run(int(os.environ.get("BENCH_RUNS", "7"))))

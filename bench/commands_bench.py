"""Quick commands beside `growtui --version` (click and the commands' modules, nothing
else), interleaved so a busy minute costs both: `growtui note` must feel as instant.

    .venv/bin/python bench/commands_bench.py [DB]
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def timed(args: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run([str(BIN / "growtui"), *args], check=True, capture_output=True)
    return time.perf_counter() - t


def measure(db: Path, runs: int = 15) -> dict[str, float]:
    work = db.with_name("note-bench.db")
    for p in db.parent.glob("note-bench.db*"):
        p.unlink()
    shutil.copy(db, work)
    person = (
        subprocess.run(
            [str(BIN / "growtui"), "people", "--json", "--db", str(work)], check=True, capture_output=True, text=True
        )
        .stdout.split('"name": "')[1]
        .split('"')[0]
    )
    version, note = [], []
    timed(["--version"])  # (the first run reads the modules from disk)
    for n in range(runs):
        version.append(timed(["--version"]))
        note.append(timed(["note", person, f"bench note {n}", "--kind", "win", "--db", str(work)]))
    return {
        "note_s": statistics.median(note),
        "version_s": statistics.median(version),
        "note_ratio": statistics.median(note) / statistics.median(version),
    }


if __name__ == "__main__":
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / ".cache" / "demo-10000.db"
    for key, value in measure(path).items():
        print(f"{key:12s} {value:8.3f}")

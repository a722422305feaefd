"""Quick commands beside `growtui --version` (click and the commands' modules, nothing
else), interleaved so a busy minute costs both: `growtui note` must feel as instant,
`people`, `brief` and `due` on the 10,000-conversation database nearly so.

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
    commands = {
        "note": lambda n: ["note", person, f"bench note {n}", "--kind", "win"],
        "people": lambda n: ["people"],
        "brief": lambda n: ["brief", person],
        "due": lambda n: ["due"],
    }
    times: dict[str, list[float]] = {"version": [], **{name: [] for name in commands}}
    for args in commands.values():  # (the first run reads the modules from disk)
        timed([*args(0), "--db", str(work)])
    timed(["--version"])
    for n in range(runs):
        for name, args in commands.items():  # each beside a --version of its own, turn about
            times["version"].append(timed(["--version"]))
            times[name].append(timed([*args(n), "--db", str(work)]))
    version = statistics.median(times["version"])
    out = {"version_s": version}
    for name in commands:
        out[f"{name}_s"] = statistics.median(times[name])
        out[f"{name}_ratio"] = out[f"{name}_s"] / version
    return out


if __name__ == "__main__":
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / ".cache" / "demo-10000.db"
    for key, value in measure(path).items():
        print(f"{key:12s} {value:8.3f}")

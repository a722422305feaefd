"""What `growtui --db PATH` imports before the people screen shows its rows, and
what each costs: the start-up profile to re-run when start-up grows.

    .venv/bin/python bench/startup_profile.py [DB]

The app runs in tmux under `python -X importtime` with its stderr in a file; the
moment the first row is on screen, the file's length marks the imports made
before the first frame (Python writes each line as the import completes).
Prints the cost by package (self time, µs summed) and the slowest modules.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from startup import Terminal, database, fresh, row_markers  # noqa: E402

WATCH = (
    "pydantic",
    "sqlite_utils",
    "click",
    "dateutil",
    "pluggy",
    "icalendar",
    "recurring_ical_events",
    "webvtt",
    "srt",
    "dateparser",
)


def profile(db: Path) -> tuple[list[tuple[str, int, int]], float]:
    folder = Path(tempfile.mkdtemp())
    log, script = folder / "importtime.txt", folder / "run.py"
    # -X importtime writes to file descriptor 2, and Textual draws on sys.__stderr__:
    # descriptor 2 goes to the log, the terminal keeps a descriptor of its own.
    script.write_text(
        "import os, sys\n"
        f"terminal = os.dup(2); os.dup2(os.open({str(log)!r}, os.O_WRONLY | os.O_CREAT | os.O_APPEND), 2)\n"
        "sys.__stderr__ = sys.stderr = os.fdopen(terminal, 'w')\n"
        f"sys.argv = ['growtui', '--db', {str(db)!r}]\n"
        "from growtui.cli import main\nmain()\n"
    )
    term = Terminal([sys.executable, "-X", "importtime", str(script)])
    try:
        seconds = term.wait_for(*row_markers(db))
        length = log.stat().st_size
    finally:
        term.close()
    time.sleep(0.1)
    lines = log.read_bytes()[:length].decode(errors="replace").splitlines()
    rows = []
    for line in lines:
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, total, name = line.removeprefix("import time:").split("|")
        rows.append((name.strip(), int(own), int(total)))
    return rows, seconds


def main() -> None:
    db = Path(sys.argv[1]) if len(sys.argv) > 1 else fresh(database("8p-10k"))
    rows, seconds = profile(db)
    by_package: Counter[str] = Counter()
    for name, own, _ in rows:
        by_package[name.split(".")[0]] += own
    print(f"first row on screen after {seconds * 1000:.0f} ms (under -X importtime, which slows imports)")
    print(f"{len(rows)} modules imported before it, {sum(by_package.values()) / 1000:.0f} ms of import time in all\n")
    print("by package (ms):")
    for package, own in by_package.most_common(15):
        print(f"  {package:24s} {own / 1000:7.1f}")
    present = [w for w in WATCH if w in by_package]
    print("\nheavy libraries on the path to the first frame:", ", ".join(present) if present else "none")
    print("\nslowest growtui modules (self ms):")
    for name, own, _ in sorted((r for r in rows if r[0].startswith("growtui")), key=lambda r: -r[1])[:10]:
        print(f"  {name:40s} {own / 1000:7.1f}")


if __name__ == "__main__":
    main()

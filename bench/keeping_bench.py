"""Keeping the record in order in `make bench`: erasing one person from 10,000
conversations among 200 people (the command, as a manager runs it: the rows, the
search index merged, the file rewritten), the person's whole copy, and opening a
past conversation to correct it beside opening a new one (headless, interleaved).

    .venv/bin/python bench/keeping_bench.py
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
BIN = Path(sys.executable).parent


def team_database() -> Path:
    """10,000 conversations with 200 people (made once, kept in bench/.cache)."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / "demo-10000-200people.db"
    if not path.exists():
        tmp = CACHE / "team.tmp.db"
        for p in CACHE.glob("team.tmp.db*"):
            p.unlink()
        args = ["demo", "--db", str(tmp), "--people", "200", "--conversations", "10000", "--seed", "7"]
        subprocess.run([str(BIN / "growtui"), *args, "--until", "2026-11-20"], check=True, capture_output=True)
        tmp.rename(path)
    return path


def copy(db: Path, name: str) -> Path:
    work = CACHE / name
    for p in CACHE.glob(name + "*"):
        p.unlink()
    shutil.copy(db, work)
    work.chmod(0o600)
    return work


def busiest(db: Path) -> tuple[int, str, int]:
    from growtui.store import Store

    store = Store.open(db)
    row = store.conn.execute(
        "SELECT p.id, p.name, count(*) FROM people p JOIN conversations c ON c.person_id = p.id "
        "GROUP BY p.id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    store.close()
    return int(row[0]), str(row[1]), int(row[2])


def erase_s(db: Path, repeat: int) -> list[float]:
    out = []
    for n in range(repeat):
        work = copy(db, f"erase{n}.db")
        _, name, _ = busiest(work)
        t = time.perf_counter()
        r = subprocess.run(
            [str(BIN / "growtui"), "person", "erase", name, "--yes", "--db", str(work)], capture_output=True, text=True
        )
        out.append(time.perf_counter() - t)
        assert r.returncode == 0, r.stderr
    return out


def export_s(db: Path, repeat: int) -> list[float]:
    from growtui.agendas import load_library
    from growtui.person_record import export_person
    from growtui.store import Store

    person_id, _, _ = busiest(db)
    store = Store.open(db)
    library = load_library()
    out = []
    for n in range(repeat):
        folder = CACHE / f"export{n}"
        shutil.rmtree(folder, ignore_errors=True)
        t = time.perf_counter()
        export_person(store, library, person_id, folder)
        out.append(time.perf_counter() - t)
        shutil.rmtree(folder, ignore_errors=True)
    store.close()
    return out


async def open_times(db: Path, repeat: int) -> tuple[list[float], list[float]]:
    """ms from pushing the conversation screen to its first frame: a past one opened to
    correct it, and a new one, turn about."""
    from growtui.agendas import load_library
    from growtui.app import GrowApp
    from growtui.screens.conversation import ConversationScreen
    from growtui.store import Store

    person_id, _, _ = busiest(db)
    store = Store.open(db)
    past = store.history(person_id, 1)[0].conversation.id
    store.close()
    app = GrowApp(db_path=db, library=load_library())
    edit, new = [], []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(repeat):
            for editing, times in ((True, edit), (False, new)):
                conv = past if editing else app.store.start_conversation(person_id, "grow")
                t = time.perf_counter()
                await app.push_screen(ConversationScreen(conv, editing=editing))
                await pilot.pause()
                times.append((time.perf_counter() - t) * 1000)
                app.pop_screen()
                await pilot.pause()
    return edit, new


def measure(repeat: int = 5) -> dict[str, float]:
    db = team_database()
    _, _, conversations = busiest(db)
    erase = erase_s(db, max(2, repeat // 2))
    export = export_s(db, repeat)
    edit, new = asyncio.run(open_times(copy(db, "open.db"), repeat))
    return {
        "erase_person_s": statistics.median(erase),
        "erase_person_max_s": max(erase),
        "person_export_s": statistics.median(export),
        "person_conversations": conversations,
        "edit_open_ms": statistics.median(edit),
        "new_open_ms": statistics.median(new),
        "edit_open_ratio": statistics.median(edit) / statistics.median(new),
    }


if __name__ == "__main__":
    for key, value in measure().items():
        print(f"{key:24s} {value:10.3f}")

"""One notes save as the app does it: the writer thread's transaction that
upserts a ~2 KB note (and re-indexes it for search)."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from growtui.store import Store

NOTE = "Wants more ownership of the API gateway; worried about on-call load. " * 30


WRITER_SYNCHRONOUS = "FULL"  # (autosave.NoteWriter's connection: notes survive a power cut)


def measure(db: Path, n: int = 500, synchronous: str = WRITER_SYNCHRONOUS) -> list[float]:
    """Saves of one question's notes, each its own transaction, at `synchronous` (the note
    writer's FULL unless told: NORMAL is the store's own setting, for the other writes)."""
    store = Store.open(db)
    if synchronous:
        store.conn.execute(f"PRAGMA synchronous = {synchronous}")
    person = store.people()[0]
    conv = store.start_conversation(person.id, "grow-check-in")
    times = []
    for i in range(n):
        text = NOTE + f" revision {i}"
        start = time.perf_counter()
        with store.transaction():
            store.save_notes(conv, "goal-career", text)
        times.append((time.perf_counter() - start) * 1000)
    store.close()
    return times


if __name__ == "__main__":
    t = sorted(measure(Path(sys.argv[1])))
    print(f"autosave p50 {statistics.median(t):.2f} ms  p95 {t[int(len(t) * 0.95)]:.2f} ms  max {t[-1]:.2f} ms")

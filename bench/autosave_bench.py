"""One notes save as the app does it: the writer thread's transaction that
upserts a ~2 KB note (and re-indexes it for search)."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from growtui.store import Store

NOTE = "Wants more ownership of the API gateway; worried about on-call load. " * 30


def measure(db: Path, n: int = 500, synchronous: str = "") -> list[float]:
    """`synchronous`: FULL to price an fsync per save (power-cut safety), else the store's setting."""
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

"""Peak memory beside the bare app, and what it is made of. Run alone:
`.venv/bin/python bench/memory.py` (half a minute); `make bench` runs it too.

- headline: the peak resident memory (VmHWM) of growtui after a history and a
  conversation on the 10,000-conversation database, ÷ the bare app's after its
  conversation screen (app_child.py rss), each the median of RUNS interleaved runs.
- contributors: the same two runs again under tracemalloc (which inflates both, so
  they are not the headline): what Python holds at the end, by what allocated it
  (Textual, Rich, our modules, the code of every module imported, the standard
  library), beside the bare app, biggest difference first; what is resident outside
  Python's allocator (SQLite's caches, thread stacks, C libraries); and the libraries
  imported that the bare app does not import.
"""

from __future__ import annotations

import os
import statistics
import sys
import tracemalloc
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from pty_run import run_in_pty  # noqa: E402

CHILD = str(HERE / "app_child.py")


def where(filename: str) -> str:
    """What an allocation is put down to: its package, our module, or the code loaded on import."""
    if filename.startswith("<frozen importlib"):
        return "module code (imports)"
    if "site-packages/" in filename:
        top = filename.split("site-packages/")[1].split("/")[0]
        return top.removesuffix(".py")
    if "/growtui/" in filename:
        return "growtui/" + filename.split("/growtui/")[-1]
    if filename.startswith("<"):
        return "generated code (dataclasses, namedtuples)"
    return "standard library"


def contributors() -> dict:
    """In the child (app_child.py, under -X tracemalloc): Python's memory by origin, and
    the top-level packages imported."""
    snapshot = tracemalloc.take_snapshot()
    by: Counter[str] = Counter()
    for stat in snapshot.statistics("filename"):
        by[where(stat.traceback[0].filename)] += stat.size
    packages = Counter(name.split(".")[0] for name in list(sys.modules))
    return {"traced": dict(by), "packages": dict(packages)}


def measure(db: Path, runs: int = 3) -> dict:
    from run import fresh_copy  # (a copy a run, as the other measures take)

    def fresh(db: Path) -> str:
        return str(fresh_copy(db, "memory.db"))

    ours, bare = [], []
    for _ in range(runs):  # interleaved: noise hits both alike
        ours.append(run_in_pty([CHILD, "rss", "growtui", fresh(db), "-"])["maxrss_kib"] / 1024)
        bare.append(run_in_pty([CHILD, "rss", "bare", "-", "-"])["maxrss_kib"] / 1024)
    mapped = run_in_pty(["-X", "tracemalloc=1", CHILD, "rss", "growtui", fresh(db), "-"])
    mapped_bare = run_in_pty(["-X", "tracemalloc=1", CHILD, "rss", "bare", "-", "-"])
    return {
        "rss_mib": statistics.median(ours),
        "rss_bare_mib": statistics.median(bare),
        "rss_ratio": statistics.median(ours) / statistics.median(bare),
        "memory_map": {"growtui": mapped, "bare": mapped_bare},
    }


def report(r: dict, top: int = 12) -> None:
    ours, bare = r["memory_map"]["growtui"], r["memory_map"]["bare"]
    a, b = ours["traced"], bare["traced"]
    print(
        f"\nmemory: {r['rss_mib']:.1f} MiB vs bare {r['rss_bare_mib']:.1f} MiB ({r['rss_ratio']:.2f}); made of (KiB):"
    )
    print(f"  {'held by Python, allocated in':46s} {'growtui':>8s} {'bare':>8s} {'more':>8s}")
    for key in sorted(a.keys() | b.keys(), key=lambda k: -(a.get(k, 0) - b.get(k, 0)))[:top]:
        mine, theirs = a.get(key, 0) / 1024, b.get(key, 0) / 1024
        print(f"  {key:46s} {mine:8.0f} {theirs:8.0f} {mine - theirs:8.0f}")
    # (tracemalloc's own tables inflate the traced runs' RSS: the headline runs' RSS less what Python holds)
    outside = [r[f"rss{tag}_mib"] * 1024 - sum(d["traced"].values()) / 1024 for tag, d in (("", ours), ("_bare", bare))]
    label = "the rest: SQLite's caches, stacks, C, slack"
    print(f"  {label:46s} {outside[0]:8.0f} {outside[1]:8.0f} {outside[0] - outside[1]:8.0f}")
    extra = sorted(((k, v) for k, v in ours["packages"].items() if k not in bare["packages"]), key=lambda x: -x[1])
    print("  modules imported that the bare app does not: " + ", ".join(f"{k} {v}" for k, v in extra))


if __name__ == "__main__":
    from run import database  # (the 10,000-conversation database make bench uses)

    os.environ["GROWTUI_AUTO_BACKUP"] = "0"
    result = measure(database(10_000), int(os.environ.get("BENCH_RUNS", "3")))
    report(result)

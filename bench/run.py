"""`make bench`: every figure beside its reference, measured in the same run.

Prints a table and writes bench/results.json. Databases of 1,000, 10,000 and
100,000 conversations are made once with `growtui demo` and kept in
bench/.cache (git-ignored).
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import startup  # noqa: E402
from pty_run import run_in_pty  # noqa: E402

CACHE = Path(os.environ.get("BENCH_CACHE", HERE / ".cache"))  # another folder to compare another version
BIN = Path(sys.executable).parent
SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(",")]  # 10000 is needed
QUICK = os.environ.get("BENCH_QUICK") == "1"  # fewer repetitions, for a smoke run

GOALS = {
    "startup_ratio": ("<=", 1.10),
    "start_conversation_ratio": ("<=", 1.5),
    "keystroke_p50_ratio": ("<=", 1.1),
    "keystroke_p99_ratio": ("<=", 1.1),
    "autosave_p50_ms": ("<=", 1.0),
    "autosave_p95_ms": ("<=", 5.0),
    "autosave_normal_p95_ms": ("report", None),
    "loop_stall_max_ms": ("<=", 16.0),
    "history_p95_ms_10k": ("<=", 2.0),
    "search_p95_ms_10k": ("<=", 10.0),
    "search_p95_ms_100k": ("<=", 50.0),
    "search_ratio_raw": ("<=", 1.5),
    "rss_ratio": ("<=", 1.35),
    "db_mb_per_1k": ("report", None),
    "calendar_read_s": ("report", None),
    "calendar_keys_p95_ratio": ("<=", 1.1),
    "calendar_keys_p99_ratio": ("<=", 1.1),
    "calendar_20mb_people_s": ("<=", 5.0),
    "calendar_20mb_people_mib": ("<=", 300.0),
    "vdir_check_ms": ("<=", 100.0),
    "transcript_attach_s": ("<=", 1.0),
    "transcript_view_terminal_ms": ("<=", 200.0),
    "transcript_50k_save_wait_ms": ("<=", 500.0),
    "transcript_50k_first_screen_ms": ("<=", 200.0),
    "transcript_view_ratio": ("report", None),
    "search_p95_ms_100k_transcripts": ("<=", 50.0),
    "erase_person_s": ("<=", 5.0),
    "person_export_s": ("<=", 1.0),
    "edit_open_ratio": ("<=", 1.5),
    "note_ratio": ("<=", 1.2),
    "people_ratio": ("<=", 1.5),
    "brief_ratio": ("<=", 1.5),
    "due_ratio": ("<=", 1.5),
    "review_5y_s": ("<=", 1.0),
    "team_200_added_ms": ("<=", 200.0),
    "snapshot_encrypted_s": ("report", None),
    "snapshot_loop_stall_max_ms": ("<=", 16.0),
}


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def database(n: int) -> Path:
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"demo-{n}.db"
    if not path.exists():
        t = time.perf_counter()
        tmp = CACHE / f"demo-{n}.tmp.db"
        for p in CACHE.glob(f"demo-{n}.tmp.db*"):
            p.unlink()
        subprocess.run(
            [
                str(BIN / "growtui"),
                "demo",
                "--db",
                str(tmp),
                "--people",
                "8",
                "--conversations",
                str(n),
                "--seed",
                "7",
                "--until",
                "2026-11-20",
            ],
            check=True,
            capture_output=True,
        )
        tmp.rename(path)
        print(f"  made {path.name} in {time.perf_counter() - t:.0f} s", flush=True)
    return startup.current(path)


# -- in-process queries -------------------------------------------------------------------------


def timed(fn, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def queries(db: Path, repeat: int) -> dict:
    import sqlite3

    from growtui.screens.history import PAGE
    from growtui.store import SEARCH_WINDOW, Store, fts_query

    store = Store.open(db)
    people = store.people()
    history = []
    for p in people:
        history += timed(lambda p=p: store.history(p.id, PAGE), repeat)
    words = ["promotion", "mentoring", "marine biologist", "kubernetes upgrade", "tech debt"]  # common and rare
    ours, raw = [], []
    conn = sqlite3.connect(db)
    raw_sql = (
        "SELECT rowid, snippet(search_index, 0, char(2), char(3), '…', 12) FROM search_index "
        "WHERE search_index MATCH ? ORDER BY rank LIMIT 20"
    )
    for w in words:
        for _ in range(repeat):  # interleaved with the raw query on the same file
            ours += timed(lambda w=w: store.search(w, 20), 1)
            raw += timed(lambda w=w: conn.execute(raw_sql, (fts_query(w),)).fetchall(), 1)
    conversations = store.conn.execute("SELECT count(*) FROM conversations").fetchone()[0]
    store.close()
    conn.close()
    size = db.stat().st_size + sum(p.stat().st_size for p in db.parent.glob(db.name + "-*"))
    return {
        "history_p50_ms": statistics.median(history),
        "history_p95_ms": pct(history, 0.95),
        "search_p50_ms": statistics.median(ours),
        "search_p95_ms": pct(ours, 0.95),
        "search_raw_p50_ms": statistics.median(raw),
        "search_raw_p95_ms": pct(raw, 0.95),
        "search_window": SEARCH_WINDOW,
        "db_mb": size / 1e6,
        "conversations": conversations,
    }


def autosave(db: Path, n: int) -> dict:
    """Saves as the note writer does them: synchronous=FULL, its own setting (an fsync a
    save: notes survive a power cut); beside them, with the store's NORMAL, what it costs."""
    from autosave_bench import WRITER_SYNCHRONOUS, measure

    times = measure(fresh_copy(db, "autosave.db"), n, synchronous=WRITER_SYNCHRONOUS)
    normal = measure(fresh_copy(db, "autosave-normal.db"), n, synchronous="NORMAL")
    return {
        "autosave_p50_ms": statistics.median(times),
        "autosave_p95_ms": pct(times, 0.95),
        "autosave_p99_ms": pct(times, 0.99),
        "autosave_max_ms": max(times),
        "autosave_normal_p50_ms": statistics.median(normal),
        "autosave_normal_p95_ms": pct(normal, 0.95),
        "autosave_normal_max_ms": max(normal),
    }


def fresh_copy(db: Path, name: str) -> Path:
    work = CACHE / name
    for p in CACHE.glob(name + "*"):
        p.unlink()
    shutil.copy(db, work)
    return work


def main() -> None:
    # No snapshot process behind the commands and start-ups timed (the once-a-day check still
    # runs in each); snapshot_bench turns them on to time one.
    os.environ["GROWTUI_AUTO_BACKUP"] = "0"
    # An installed wheel runs from bytecode; an editable checkout under PYTHONDONTWRITEBYTECODE
    # compiles every module on every command (~35 ms a start). Time what a user runs.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    import compileall

    import growtui

    compileall.compile_dir(str(Path(growtui.__file__).parent), quiet=1)
    runs, keys, repeat, stall_s = (3, 60, 5, 3.0) if QUICK else (9, 300, 30, 10.0)
    results: dict = {
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "processor": platform.processor() or platform.machine(),
        },
        "repetitions": {"startup_runs": runs, "keystrokes": keys, "query_repeats": repeat, "stall_seconds": stall_s},
    }
    print("databases", flush=True)
    dbs = {n: database(n) for n in SIZES}

    print("queries", flush=True)
    for n, db in dbs.items():
        q = queries(db, repeat)
        tag = f"{n // 1000}k"
        results[f"history_p95_ms_{tag}"] = q["history_p95_ms"]
        results[f"search_p95_ms_{tag}"] = q["search_p95_ms"]
        results[f"search_raw_p95_ms_{tag}"] = q["search_raw_p95_ms"]
        results[f"db_mb_{tag}"] = q["db_mb"]
        if n == 10_000:
            results["search_ratio_raw"] = q["search_p50_ms"] / q["search_raw_p50_ms"]
            results["db_mb_per_1k"] = q["db_mb"] / (q["conversations"] / 1000)

    print("autosave", flush=True)
    results.update(autosave(dbs[10_000], 20 * repeat))

    print("calendar: a 5 MB export, 200 people", flush=True)
    from calendar_bench import measure as calendar_measure

    results.update(calendar_measure(3 if QUICK else 5))
    from calendar_bench import big as calendar_big
    from calendar_bench import typing as calendar_typing

    results.update(calendar_big(dbs[10_000], 2 if QUICK else 3))
    print("typing with a 5 MB calendar read as the app starts and again halfway, and without (pty)", flush=True)
    results.update(calendar_typing(dbs[10_000], keys, 1 if QUICK else 3))

    print("transcripts: a two-hour call, 3,000 cues", flush=True)
    from transcript_bench import measure as transcript_measure

    results.update(transcript_measure(dbs[10_000], dbs.get(100_000), 3 if QUICK else 5))

    print("keeping the record: erase, a person's copy, opening a past conversation to correct it", flush=True)
    from keeping_bench import measure as keeping_measure

    results.update(keeping_measure(3 if QUICK else 5))

    print("the year: a review packet over five years, the team screen for 200 people", flush=True)
    from year_bench import measure as year_measure

    results.update(year_measure(dbs.get(100_000), 3 if QUICK else 5))

    print("growtui note, people, brief and due beside growtui --version", flush=True)
    from commands_bench import measure as commands_measure

    results.update(commands_measure(dbs[10_000], 7 if QUICK else 15))

    print("a snapshot of the 10,000: its process, and the app typing while one runs (pty)", flush=True)
    from snapshot_bench import measure as snapshot_measure

    results.update(snapshot_measure(dbs[10_000], stall_s, 3 if QUICK else 5))

    print("start-up and starting a conversation (tmux)", flush=True)
    results.update(startup.run(3 if QUICK else 15))  # (pairs a database: two runs agree within 0.05)

    print("keystrokes (pty)", flush=True)
    child = str(HERE / "app_child.py")
    ours = run_in_pty([child, "keys", "growtui", str(fresh_copy(dbs[10_000], "keys.db")), str(keys)])["times_ms"]
    bare = run_in_pty([child, "keys", "bare", "-", str(keys)])["times_ms"]
    results.update(
        {
            "keystroke_p50_ms": statistics.median(ours),
            "keystroke_p99_ms": pct(ours, 0.99),
            "keystroke_bare_p50_ms": statistics.median(bare),
            "keystroke_bare_p99_ms": pct(bare, 0.99),
            "keystroke_p50_ratio": statistics.median(ours) / statistics.median(bare),
            "keystroke_p99_ratio": pct(ours, 0.99) / pct(bare, 0.99),
        }
    )

    print("event-loop stalls while typing (pty)", flush=True)
    stall = run_in_pty([child, "stall", "growtui", str(fresh_copy(dbs[10_000], "stall.db")), str(stall_s)])
    stall_bare = run_in_pty([child, "stall", "bare", "-", str(stall_s)])
    results.update(
        {
            "loop_stall_max_ms": max(stall["lags_ms"]),
            "loop_stall_p99_ms": pct(stall["lags_ms"], 0.99),
            "loop_stall_bare_max_ms": max(stall_bare["lags_ms"]),
            "autosaves_during_stall": stall["saves"],
        }
    )

    print("memory, and what it is made of (pty)", flush=True)
    from memory import measure as memory_measure

    results.update(memory_measure(dbs[10_000], 1 if QUICK else 3))

    (HERE / "results.json").write_text(json.dumps(results, indent=2))
    report(results)


def report(r: dict) -> None:
    print(f"\nmachine: {r['machine']['platform']}, {r['machine']['cpus']} cpus, Python {r['machine']['python']}")
    print(f"{'figure':24s} {'value':>10s}  {'goal':>8s}  verdict   reference")
    refs = {
        "startup_ratio": "worst of: "
        + ", ".join(f"{n} {r[f'startup_s_{n}']:.2f} s vs {r[f'startup_bare_s_{n}']:.2f} s" for n in startup.DATABASES),
        "start_conversation_ratio": "worst of: "
        + ", ".join(
            f"{n} {r[f'start_conversation_s_{n}'] * 1000:.0f} vs {r[f'start_conversation_bare_s_{n}'] * 1000:.0f} ms"
            for n in startup.DATABASES
            if f"start_conversation_s_{n}" in r
        ),
        "keystroke_p50_ratio": f"{r['keystroke_p50_ms']:.1f} ms vs bare {r['keystroke_bare_p50_ms']:.1f} ms",
        "keystroke_p99_ratio": f"{r['keystroke_p99_ms']:.1f} ms vs bare {r['keystroke_bare_p99_ms']:.1f} ms",
        "loop_stall_max_ms": f"p99 {r['loop_stall_p99_ms']:.1f} ms; bare max {r['loop_stall_bare_max_ms']:.1f} ms",
        "search_ratio_raw": f"raw FTS5 p95 at 10k {r['search_raw_p95_ms_10k']:.1f} ms",
        "rss_ratio": f"{r['rss_mib']:.1f} MiB vs bare {r['rss_bare_mib']:.1f} MiB (medians; made of: below)",
        "transcript_view_terminal_ms": f"Enter on a search hit to its read-only view drawn, in tmux; "
        f"{r['transcript_view_terminal_bare_ms']:.0f} ms with the transcript detached",
        "transcript_view_ratio": f"the read-only view with its transcript {r['transcript_view_ms']:.0f} ms vs "
        f"{r['transcript_view_bare_ms']:.0f} ms without (headless)",
        "transcript_attach_s": "read, aligned and stored, 3,000 cues",
        "transcript_50k_save_wait_ms": f"the longest wait of a save beside attaching 50,000 cues "
        f"({r['transcript_50k_attach_s']:.1f} s; ratio "
        f"{r['transcript_50k_wait_ratio']:.3f})",
        "transcript_50k_first_screen_ms": f"t on that transcript: its first screenful (every line in "
        f"{r['transcript_50k_whole_s']:.1f} s)",
        "search_p95_ms_100k_transcripts": "1,000 of the 100,000 conversations with a 300-cue transcript",
        "calendar_read_s": f"{r['calendar_mb']:.1f} MB of years of recurring events, matched to 200 people, "
        "on the app's calendar thread (off the UI path)",
        "calendar_keys_p95_ratio": f"key → frame p95 {r['calendar_keys_with_p95_ms']:.1f} ms with the calendar vs "
        f"{r['calendar_keys_without_p95_ms']:.1f} ms without (first 100 keys: {r['calendar_keys_with_first100_p95_ms']:.1f} "
        f"vs {r['calendar_keys_without_first100_p95_ms']:.1f} ms)",
        "calendar_keys_p99_ratio": f"p99 {r['calendar_keys_with_p99_ms']:.1f} vs {r['calendar_keys_without_p99_ms']:.1f} ms; "
        f"max {r['calendar_keys_with_max_ms']:.1f} vs {r['calendar_keys_without_max_ms']:.1f} ms",
        "calendar_20mb_people_s": f"growtui people with a 20 MB export of {r['calendar_20mb_events']:,.0f} events",
        "calendar_20mb_people_mib": "that command's own peak memory (wait4)",
        "vdir_check_ms": "the calendar watch's change check of a folder of 50,000 .ics files",
        "erase_person_s": f"growtui person erase (max {r['erase_person_max_s']:.1f} s): "
        f"{r['person_conversations']:.0f} of 10,000 conversations, 200 people, the file rewritten",
        "person_export_s": f"person export: {r['person_conversations']:.0f} conversations as JSON and Markdown",
        "edit_open_ratio": f"a past conversation opened to correct it {r['edit_open_ms']:.0f} ms vs a new one "
        f"{r['new_open_ms']:.0f} ms (headless)",
        **{
            f"{name}_ratio": f"growtui {name} {r[f'{name}_s'] * 1000:.0f} ms vs growtui --version "
            f"{r['version_s'] * 1000:.0f} ms (medians, interleaved, 10,000 conversations)"
            for name in ("note", "people", "brief", "due")
        },
        "review_5y_s": f"review packet of the busiest person over 5 years of the 100,000 "
        f"({r.get('review_5y_conversations', 0):.0f} conversations), compiled and written as Markdown",
        "team_200_added_ms": f"the team screen for 200 people {r['team_200_ms']:.0f} ms, less a bare screen "
        f"with its widgets {r['team_bare_ms']:.0f} ms (headless, pushed until idle, turn about)",
        "autosave_p95_ms": f"the note writer's own settings (synchronous=FULL: an fsync a save); p50 "
        f"{r['autosave_p50_ms']:.2f} ms, max {r['autosave_max_ms']:.1f} ms",
        "snapshot_encrypted_s": f"python -m growtui.snapshots on {r['snapshot_mb']:.0f} MB: copied, checked, "
        f"encrypted to an age key, rotated (plain: {r['snapshot_s']:.2f} s)",
        "snapshot_loop_stall_max_ms": f"while one runs beside the app typing ({r['snapshot_while_typing_s']:.1f} s); "
        f"the same typing without one: max {r['typing_stall_alone_max_ms']:.1f} ms",
        "autosave_normal_p95_ms": f"the same saves with the store's synchronous=NORMAL: p50 "
        f"{r['autosave_normal_p50_ms']:.2f} ms, max {r['autosave_normal_max_ms']:.1f} ms (the price of FULL)",
    }
    for key, (op, goal) in GOALS.items():
        if key not in r:  # a size left out (BENCH_SIZES)
            continue
        value = r[key]
        verdict = "report" if op == "report" else ("ok" if value <= goal else "MISS")
        goal_text = "" if goal is None else f"{op} {goal:g}"
        print(f"{key:24s} {value:10.2f}  {goal_text:>8s}  {verdict:7s}   {refs.get(key, '')}")
    from memory import report as memory_report

    memory_report(r)
    print("\ngrowth with the number of conversations (p95, ms):")
    print(f"{'':10s} {'1k':>8s} {'10k':>8s} {'100k':>8s}")
    for what in ("history", "search"):
        print(f"{what:10s} " + " ".join(f"{r.get(f'{what}_p95_ms_{n}k', float('nan')):8.2f}" for n in (1, 10, 100)))


if __name__ == "__main__":
    main()

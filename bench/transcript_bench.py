"""Transcripts in `make bench`: attaching a two-hour call's transcript (3,000 cues),
opening its read-only view, and search at 100,000 conversations with transcripts.

The view is timed in a real terminal (tmux), as a manager opens it: from Enter on
the search hit until the view is drawn, beside the same view with the transcript
detached (interleaved, so machine noise hits both alike), and headless.

    .venv/bin/python bench/transcript_bench.py
"""

from __future__ import annotations

import asyncio
import random
import shutil
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
WORDS = (
    "promotion mentoring roadmap oncall billing kubernetes gateway staff feedback growth review design "
    "interview hiring budget scope deadline pairing refactor incident"
).split()


def write_vtt(path: Path, cues: int, seconds: float, seed: int = 7) -> None:
    """A Zoom-style transcript: numbered cues, 'Name: text'."""
    rng = random.Random(seed)
    step = seconds / cues
    out = ["WEBVTT", ""]
    for n in range(cues):
        start, end = n * step, n * step + step * 0.9
        who = rng.choice(["Dana Manager", "Ada Lovelace", "Ada Lovelace"])
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 18)))
        out += [str(n + 1), f"{clock(start)} --> {clock(end)}", f"{who}: {words}", ""]
    path.write_text("\n".join(out))


def clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole // 60 % 60:02d}:{whole % 60:02d}.{int((seconds - whole) * 1000):03d}"


def prepared(db: Path, name: str) -> tuple[Path, int]:
    """A copy of `db` whose latest conversation has its questions timed over two hours."""
    from growtui.store import Store

    work = CACHE / name
    for p in CACHE.glob(name + "*"):
        p.unlink()
    shutil.copy(db, work)
    store = Store.open(work)
    conv = store.latest_conversation_id()
    started = datetime.fromisoformat(store.conversation(conv).started_at)
    keys = list(store.records(conv)) or ["_general"]
    for n, key in enumerate(keys):
        store.question_shown(
            conv, key, (started + timedelta(minutes=n * 120 / len(keys))).isoformat(timespec="seconds")
        )
    store.close()
    return work, conv


def attach_time(db: Path, repeat: int) -> float:
    from growtui.store import Store
    from growtui.transcripts import attach

    vtt = CACHE / "call-2h-3000.vtt"
    if not vtt.exists():
        write_vtt(vtt, 3000, 2 * 3600)
    work, conv = prepared(db, "transcript.db")
    store = Store.open(work)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        attach(store, conv, vtt, replace=True)
        times.append(time.perf_counter() - t)
    store.close()
    return statistics.median(times)


def view_time(work: Path, repeat: int) -> float:
    """From asking for the read-only view of the conversation with the transcript to it
    drawn (headless: Textual's Markdown widget is most of it, transcript or not)."""
    from growtui.agendas import load_library
    from growtui.app import GrowApp
    from growtui.screens.conversation_view import ConversationView
    from growtui.store import Store

    conv = Store.open(work).latest_conversation_id()

    async def run() -> list[float]:
        app = GrowApp(db_path=work, library=load_library())
        out = []
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            for _ in range(repeat):
                t = time.perf_counter()
                await app.push_screen(ConversationView(conv))
                await pilot.pause()
                out.append(time.perf_counter() - t)
                app.pop_screen()
                await pilot.pause()
        return out

    return statistics.median(asyncio.run(run()))


MARK = "benchview"  # a word in the conversation's general notes, to find it by search


def view_in_terminal(runs: int) -> tuple[float, float]:
    """Median seconds from Enter on the search hit until the read-only view is drawn:
    with the transcript attached, and the same conversation without it."""
    from startup import Terminal

    from growtui.store import Store

    work = CACHE / "transcript.db"
    bare = CACHE / "transcript-bare.db"
    store = Store.open(work)
    conv = store.latest_conversation_id()
    store.save_notes(conv, "_general", store.notes_of(conv, "_general") + f" {MARK}")
    store.close()
    for p in CACHE.glob(bare.name + "*"):
        p.unlink()
    shutil.copy(work, bare)
    store = Store.open(bare)
    store.detach_transcript(conv)
    store.close()
    times: dict[Path, list[float]] = {work: [], bare: []}
    for _ in range(runs):
        for db in (work, bare):
            term = Terminal([str(Path(sys.executable).parent / "growtui"), "--db", str(db)])
            try:
                term.wait_for("growtui · people")
                time.sleep(0.3)
                term.keys("/")
                term.wait_for("Search")
                term.keys(MARK, "Enter")
                term.wait_for("best match")
                time.sleep(0.3)  # settled, as a manager reading the hit would be
                term.keys("Enter")
                times[db].append(term.wait_for("read-only"))
            finally:
                term.close()
    return statistics.median(times[work]), statistics.median(times[bare])


def search_with_transcripts(db: Path, conversations: int, repeat: int) -> float:
    """Search p95 (ms) at `db` (100,000 conversations) with a 300-cue transcript on
    `conversations` of them (made once, kept in the cache)."""
    from growtui.store import CueRecord, Store

    work = CACHE / f"{db.stem}-transcripts.db"
    if not work.exists():
        tmp = CACHE / "transcripts.tmp.db"
        for p in CACHE.glob("transcripts.tmp.db*"):
            p.unlink()
        shutil.copy(db, tmp)
        rng = random.Random(7)
        vocabulary = WORDS + [
            "".join(rng.choice("abcdefghiklmnoprstuvw") for _ in range(rng.randint(3, 9))) for _ in range(3000)
        ]  # speech has many words, the topics a few of them
        store = Store.open(tmp)
        ids = [
            r[0] for r in store.conn.execute("SELECT id FROM conversations ORDER BY id DESC LIMIT ?", (conversations,))
        ]
        for conv in ids:
            cues = [
                CueRecord(
                    n * 20.0,
                    n * 20.0 + 18,
                    "Ada",
                    "them",
                    " ".join(rng.choice(vocabulary) for _ in range(12)),
                    "_general",
                )
                for n in range(300)
            ]
            store.attach_transcript(conv, "bench.vtt", "webvtt", 0.0, "", cues)
        store.close()
        tmp.rename(work)
    store = Store.open(work)
    times = []
    for word in ("promotion", "kubernetes gateway", "tech debt", "mentoring", "incident"):
        store.search(word, 20)  # (once untimed: the file into the page cache, as queries() gets by repeating)
        for _ in range(repeat):
            t = time.perf_counter()
            store.search(word, 20)
            times.append((time.perf_counter() - t) * 1000)
    store.close()
    return sorted(times)[int(0.95 * (len(times) - 1))]


def longest_transcript(db: Path) -> dict[str, float]:
    """The most a transcript may hold (50,000 cues): attached while another connection
    saves every 10 ms (its longest wait for the lock, as a window's saves would), then
    t in the read-only view: its first screenful, and every line in."""
    import sqlite3
    import threading

    from growtui.agendas import load_library
    from growtui.app import GrowApp
    from growtui.screens.conversation_view import ConversationView
    from growtui.screens.transcript_view import TranscriptView
    from growtui.store import Store
    from growtui.transcripts import MAX_CUES, attach

    vtt = CACHE / "call-50000.vtt"
    if not vtt.exists():
        write_vtt(vtt, MAX_CUES, 12 * 3600)
    work, conv = prepared(db, "transcript-50k.db")
    store = Store.open(work)
    waits: list[float] = []
    done = threading.Event()

    def save_beside() -> None:
        other = sqlite3.connect(work, timeout=60, isolation_level=None)
        while not done.is_set():
            t = time.perf_counter()
            other.execute("BEGIN IMMEDIATE")
            other.execute("UPDATE people SET role = role")
            other.execute("COMMIT")
            waits.append(time.perf_counter() - t)
            time.sleep(0.01)
        other.close()

    saver = threading.Thread(target=save_beside)
    saver.start()
    t = time.perf_counter()
    attach(store, conv, vtt, replace=True)
    attach_s = time.perf_counter() - t
    done.set()
    saver.join()
    store.close()

    async def view() -> tuple[float, float]:
        app = GrowApp(db_path=work, library=load_library())
        async with app.run_test(size=(100, 30)) as pilot:
            await app.push_screen(ConversationView(conv))
            await pilot.pause()
            t = time.monotonic()  # (the view notes when its first lines went in)
            await pilot.press("t")
            while not (isinstance(app.screen, TranscriptView) and app.screen.complete):
                await pilot.pause(0.01)
            screen = app.screen
            return screen.first_shown_at - t, time.monotonic() - t

    first, whole = asyncio.run(view())
    return {
        "transcript_50k_attach_s": attach_s,
        "transcript_50k_save_wait_ms": max(waits) * 1000,
        "transcript_50k_wait_ratio": max(waits) / attach_s,
        "transcript_50k_first_screen_ms": first * 1000,
        "transcript_50k_whole_s": whole,
    }


def measure(db_10k: Path, db_100k: Path | None, repeat: int = 5) -> dict[str, float]:
    results = {"transcript_attach_s": attach_time(db_10k, repeat)}
    results.update(longest_transcript(db_10k))
    with_transcript, without = view_in_terminal(repeat)  # (makes transcript-bare.db: the same, detached)
    results["transcript_view_terminal_ms"] = with_transcript * 1000
    results["transcript_view_terminal_bare_ms"] = without * 1000
    results["transcript_view_terminal_ratio"] = with_transcript / without
    results["transcript_view_ms"] = view_time(CACHE / "transcript.db", repeat) * 1000
    results["transcript_view_bare_ms"] = view_time(CACHE / "transcript-bare.db", repeat) * 1000
    results["transcript_view_ratio"] = results["transcript_view_ms"] / results["transcript_view_bare_ms"]
    if db_100k is not None:
        results["search_p95_ms_100k_transcripts"] = search_with_transcripts(db_100k, 1000, repeat)
    return results


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    from run import SIZES, database

    r = measure(database(10_000), database(100_000) if 100_000 in SIZES else None)
    for key, value in r.items():
        print(f"{key:34s} {value:8.2f}")

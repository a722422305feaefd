"""Run inside a pty by bench/run.py, so Textual really renders (headless mode
skips rendering). One app, one measurement:

    python app_child.py keys  growtui|bare DB N   key → first frame showing it (ms)
    python app_child.py stall growtui|bare DB S   longest event-loop stall while typing for S seconds (ms)
    python app_child.py snapshot growtui DB S the same, a snapshot process started as typing starts,
                                                  until it is done and S seconds have passed (ms, s)
    python app_child.py rss   growtui|bare DB -   peak memory after a history and a conversation (KiB;
                                                  bare: after pushing its conversation screen); under
                                                  -X tracemalloc, what it is made of (memory.py)

Keys are injected through the driver (`driver.send_message`), as a terminal
would deliver them, and frames are seen at `driver.write`; Pilot is not used
because its waiting would dominate what is measured.
"""

from __future__ import annotations

import asyncio
import os
import resource
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

from textual import events
from textual.app import App
from textual.widgets import TextArea

sys.path.insert(0, str(Path(__file__).parent))
from bare_app import BareApp, Conversation  # noqa: E402
from pty_run import write_result  # noqa: E402

NOTE = (
    "Talked through the quarter: wants more ownership of the API gateway, worried about on-call load, "
    "asked about the promotion criteria and how to show staff-level impact. "
) * 12 + "\n"
# ~2 KB. Typing starts on a fresh line and the note is reset before the line would wrap.
KEY = "Q"  # absent from the note, so a frame holding more of it shows the keystroke
RESET_EVERY = 20


async def open_notes(app: App, kind: str) -> TextArea:
    """growtui: a conversation screen with the note loaded; bare: its TextArea."""
    if kind == "growtui":
        from growtui.screens.conversation import ConversationScreen
        from growtui.screens.history import HistoryScreen

        store = app.store  # type: ignore[attr-defined]
        person = store.people()[0]
        await app.push_screen(HistoryScreen(person))
        await asyncio.sleep(0.3)
        app.pop_screen()
        conv = store.start_conversation(person.id, "grow-check-in")
        await app.push_screen(ConversationScreen(conv))
        await asyncio.sleep(0.5)
    notes = app.screen.query_one("#notes", TextArea)
    notes.cursor_blink = False
    notes.focus()
    notes.load_text(NOTE)
    notes.move_cursor(notes.document.end)
    await asyncio.sleep(0.5)
    return notes


class FrameWatch:
    """Signals when a frame containing the key has been written."""

    def __init__(self, app: App) -> None:
        self.seen = asyncio.Event()
        driver = app._driver
        assert driver is not None
        original = driver.write

        def write(data: str) -> None:
            original(data)
            if KEY in data:
                self.seen.set()

        driver.write = write  # type: ignore[method-assign]
        self.driver = driver


async def type_key(app: App, watch: FrameWatch, notes: TextArea, i: int) -> float:
    if i and i % RESET_EVERY == 0:
        notes.load_text(NOTE)
        notes.move_cursor(notes.document.end)
        await asyncio.sleep(0.05)
    watch.seen.clear()
    start = time.perf_counter()
    watch.driver.send_message(events.Key(KEY, KEY))
    await asyncio.wait_for(watch.seen.wait(), 5)
    return (time.perf_counter() - start) * 1000


async def keys(app: App, notes: TextArea, n: int) -> dict:
    """With a calendar (BENCH_CALENDAR), it is read as the app starts, and again halfway
    through, as when its file changes (the watch's own read, on a thread as the watch does)."""
    import threading

    watch = FrameWatch(app)
    times = []
    calendar = getattr(app, "calendar_watch", None)
    for i in range(n):
        if calendar is not None and i == n // 2:
            threading.Thread(target=lambda: calendar.on_read(*calendar.read()), daemon=True).start()
        times.append(await type_key(app, watch, notes, i))
        await asyncio.sleep(0.03)  # a fast typist: ~30 keys a second
    return {"times_ms": times}


async def stall(app: App, notes: TextArea, seconds: float, snapshot: bool = False) -> dict:
    """Type continuously (autosave on) while a probe measures how late the loop wakes it;
    with `snapshot`, the app starts a snapshot as after a completed conversation (its own
    process) and typing goes on until that is done, the time it took beside the lags."""
    lags: list[float] = []
    at: list[float] = []  # (when each lag was seen, from the start)
    done = asyncio.Event()
    from growtui import snapshots

    db = getattr(app, "db_path", None)
    began = time.perf_counter()
    if snapshot:
        app.snapshot()  # type: ignore[attr-defined]
    took = None

    async def probe() -> None:
        while not done.is_set():
            start = time.perf_counter()
            await asyncio.sleep(0.005)
            lags.append((time.perf_counter() - start - 0.005) * 1000)
            at.append(time.perf_counter() - began)

    task = asyncio.create_task(probe())
    watch = FrameWatch(app)
    end = time.monotonic() + seconds
    i = 0
    while time.monotonic() < end or (snapshot and took is None):
        await type_key(app, watch, notes, i)
        i += 1
        await asyncio.sleep(0.03)
        if snapshot and took is None and db and snapshots.last_status(db).get("last_ok"):
            took = time.perf_counter() - began
    done.set()
    await task
    saves = getattr(getattr(app, "writer", None), "saves", None)
    during = [lag for lag, t in zip(lags, at) if took is not None and t <= took]
    return {"lags_ms": lags, "keys": i, "saves": saves, "snapshot_s": took, "lags_during_snapshot_ms": during}


def main() -> None:
    mode, kind, db, arg = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    if kind == "bare":
        app: App = BareApp()
    else:
        from growtui.agendas import load_library
        from growtui.app import GrowApp

        calendar = os.environ.get("BENCH_CALENDAR")  # (an .ics file: read as the app reads it)
        app = GrowApp(
            db_path=Path(db), library=load_library(), today=date.today(), calendar=Path(calendar) if calendar else None
        )

    async def run() -> None:
        await asyncio.sleep(1.0)
        notes = await open_notes(app, kind)
        if mode == "keys":
            result = await keys(app, notes, int(arg))
        elif mode in ("stall", "snapshot"):
            result = await stall(app, notes, float(arg), snapshot=mode == "snapshot")
        else:
            if kind == "bare":  # its conversation screen too, as growtui has opened one
                await app.push_screen(Conversation())
                await asyncio.sleep(0.5)
            result = {"maxrss_kib": peak_rss_kib()}
            if tracemalloc.is_tracing():  # (bench/memory.py's map of what it is made of)
                from memory import contributors

                result.update(contributors())
        write_result(result)
        app.exit()

    app.call_later(lambda: app.run_worker(run()))
    app.run()


def peak_rss_kib() -> int:
    """This process's peak resident memory. Linux's ru_maxrss keeps the parent's
    peak across fork and exec (a bench process that ran a headless app would count
    as this one's), so VmHWM, which is this program's own, where there is one."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


if __name__ == "__main__":
    main()

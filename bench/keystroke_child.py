"""Inside a pty: type into a notes pane holding a 2 KB note, timing each key from
its injection through the driver to the first frame written that shows it.

    python keystroke_child.py growtui DB N   |   python keystroke_child.py bare - N
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header, TextArea, Tree

sys.path.insert(0, str(Path(__file__).parent))
from pty_run import write_result  # noqa: E402

NOTE = ("Talked through the quarter: wants more ownership of the API gateway, worried about on-call load, "
        "asked about the promotion criteria and how to show staff-level impact. ") * 12 + "\n"
# ~2 KB; typing starts on a fresh line, reset before it would wrap
KEY = "Q"  # absent from the note, so its first appearance in a frame is the keystroke's


class BareApp(App[None]):
    """The reference: the same widget kinds, no growtui."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Tree("agenda")
        yield TextArea(NOTE, soft_wrap=True, id="notes")
        yield DataTable()
        yield Footer()


async def measure(app: App, n: int) -> list[float]:
    driver = app._driver
    assert driver is not None
    original = driver.write
    seen = asyncio.Event()
    state = {"count": 0}

    def write(data: str) -> None:
        original(data)
        if data.count(KEY) > state["count"] or (KEY in data and state["count"] == 0):
            seen.set()

    driver.write = write  # type: ignore[method-assign]
    notes = app.screen.query_one("#notes", TextArea)
    notes.cursor_blink = False
    notes.focus()
    notes.move_cursor(notes.document.end)
    await asyncio.sleep(0.5)
    times = []
    for i in range(n):
        seen.clear()
        start = time.perf_counter()
        driver.send_message(events.Key(KEY, KEY))
        try:
            await asyncio.wait_for(seen.wait(), 5)
        except TimeoutError:
            raise RuntimeError(f"no frame showed the key; focused={app.focused!r} text_end={notes.text[-20:]!r}")
        times.append((time.perf_counter() - start) * 1000)
        await asyncio.sleep(0.03)  # a fast typist: ~30 keys a second
        if i % 20 == 19:  # keep the line from growing without bound
            notes.load_text(NOTE)
            notes.move_cursor(notes.document.end)
            await asyncio.sleep(0.1)
    return times


def main() -> None:
    kind, db, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if kind == "bare":
        app: App = BareApp()
    else:
        from datetime import date

        from growtui.agendas import load_library
        from growtui.app import GrowApp

        app = GrowApp(db_path=Path(db), library=load_library(), today=date.today())

    async def run() -> None:
        await asyncio.sleep(1.0)
        if kind != "bare":
            from growtui.screens.conversation import ConversationScreen

            store = app.store  # type: ignore[attr-defined]
            person = store.people()[0]
            conv = store.start_conversation(person.id, "grow-check-in")
            await app.push_screen(ConversationScreen(conv))
            await asyncio.sleep(0.5)
            notes = app.screen.query_one("#notes", TextArea)
            notes.load_text(NOTE)
            await asyncio.sleep(0.5)
        times = await measure(app, n)
        write_result({"times_ms": times})
        app.exit()

    app.call_later(lambda: app.run_worker(run()))
    app.run()


if __name__ == "__main__":
    main()

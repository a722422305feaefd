"""Regenerate the README's screenshots from the app itself, on demo data with
fixed dates: `make screenshots`."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from datetime import date
from pathlib import Path

from growtui.agendas import load_library
from growtui.app import GrowApp
from growtui.demo import generate

HERE = Path(__file__).resolve().parent
TODAY = date(2026, 11, 23)


async def shoot(demo: Path, name: str, size: tuple[int, int], keys: list[str]) -> None:
    """One screenshot, on its own copy of the demo database (what one shot types is not in the next)."""
    db = demo.with_name(f"{name}.db")
    shutil.copy(demo, db)
    now = [754.0]
    app = GrowApp(db_path=db, library=load_library(Path("/nonexistent")), today=TODAY, clock=lambda: now[0])
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in keys:
            if key.startswith("start:"):  # a new conversation on that agenda with the highlighted person
                from growtui.screens.conversation import ConversationScreen

                person = app.screen.highlighted().overview.person  # type: ignore[attr-defined]
                await app.push_screen(ConversationScreen(app.store.start_conversation(person.id, key[6:])))
            elif key.startswith("advance:"):  # let the conversation clock run
                now[0] += float(key[8:])
                app.screen.tick()
            elif key.startswith("type:"):
                await pilot.press(*key[5:])
            else:
                await pilot.press(key)
            await pilot.pause()
        for area in app.screen.query("TextArea"):
            area.cursor_blink = False
        await pilot.pause(0.3)
        app.save_screenshot(filename=f"{name}.svg", path=str(HERE))
        print(f"screenshots/{name}.svg")


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.db"
        generate(db, load_library(Path("/nonexistent")), people=8, conversations=120, seed=7, until=date(2026, 11, 20))
        await shoot(db, "people", (100, 30), [])
        conversation = [
            "down",
            "s",
            "enter",
            "escape",
            "ctrl+n",
            "ctrl+n",
            "type:Feels performance is good; wants more ownership of the API gateway.",
            "ctrl+t",
            "type:Draft the gateway RFC",
            "tab",
            "type:2026-12-04",
            "tab",
            "type:Review of the first draft",
            "tab",
            "type:6",
            "tab",
            "type:A smaller first step",
            "enter",
            "f3",
        ]
        await shoot(db, "conversation", (100, 30), conversation)
        await shoot(db, "conversation-80x24", (80, 24), conversation)
        await shoot(db, "conversation-60x20", (60, 20), conversation)
        await shoot(db, "blind", (80, 24), [*conversation, "f9"])  # the same meeting, on a shared screen
        follow_ups = [
            "start:third-meeting-grow",
            "type:Wants to lead the API gateway work.",
            "ctrl+n",
            *["ctrl+n"] * 4,
            "type:Two teams own it; nobody decides.",
            "ctrl+f",
        ]
        await shoot(db, "follow-ups", (80, 24), follow_ups)
        await shoot(db, "summary", (80, 24), [*conversation, "ctrl+g"])
        await shoot(db, "due", (80, 24), [])
        await shoot(db, "brief", (100, 30), ["down", "s"])
        pacing = [
            "down",
            "down",
            "s",
            "down",
            "down",
            "down",
            "enter",
            "escape",
            "advance:200",
            "ctrl+n",
            "ctrl+n",
            "ctrl+n",
            "advance:500",
            "ctrl+n",
            "type:Performing well; wants feedback on design docs.",
            "advance:683",
        ]
        await shoot(db, "pacing", (100, 30), pacing)
        await shoot(db, "history", (100, 30), ["h"])
        await shoot(db, "follow-through", (100, 30), ["h", "l"])
        await shoot(db, "search", (100, 30), ["slash", "type:promotion", "enter"])
        await shoot(db, "agendas", (100, 30), ["a", "down", "down"])
        await shoot(db, "plan", (100, 30), ["h", "right", "right"])
        await shoot(db, "notes", (100, 30), ["h", "right", "right", "right"])
        await shoot(db, "team", (80, 24), ["t"])
        await shoot(
            db,
            "note-form",
            (80, 24),
            ["f5", "type:Ran the incident review calmly", "tab", "type:w", "tab", "type:yesterday"],
        )


if __name__ == "__main__":
    asyncio.run(main())

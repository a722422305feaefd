"""Layout snapshots of the people and conversation screens at 80×24 and 120×40 (and the
conversation at 60×20, where the panel beside the notes folds away).

Review changes in snapshot_report.html; accept with `pytest --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TextArea

from conftest import make_app

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_people_screen(snap_compare, demo_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(demo_db), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_conversation_screen(snap_compare, demo_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def open_conversation(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("down", "s", "enter")  # the suggested agenda

        async def screen_is(*names: str) -> str:  # (however loaded the machine: no race with the next key)
            for _ in range(100):
                if pilot.app.screen.__class__.__name__ in names:
                    return str(pilot.app.screen.__class__.__name__)
                await pilot.pause(0.05)
            raise AssertionError(f"never reached {names}")

        if await screen_is("CarryOverScreen", "ConversationScreen") == "CarryOverScreen":
            await pilot.press("escape")
            await screen_is("ConversationScreen")
        await pilot.pause()
        pilot.app.screen.query_one("#notes", TextArea).cursor_blink = False
        await pilot.press("ctrl+n", *"Wants to lead the API gateway work next quarter.")
        await pilot.press("ctrl+t", *"Draft the gateway RFC", "tab", *"2026-12-04", "tab", "tab", *"6", "enter")
        await pilot.pause()
        pilot.app.screen.flush_notes()  # (the notes on disk too: "saved" under them, whatever the timers)
        pilot.app.writer.flush(timeout=5)  # the action saved, and shown
        await pilot.pause(0.3)
        pilot.app.screen.show_saved()
        await pilot.pause()

    assert snap_compare(make_app(demo_db), terminal_size=size, run_before=open_conversation)


def test_conversation_screen_at_60x20(snap_compare, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    """Narrow: the panel beside the notes folds away; hints and a sign of follow-ups
    move into the question panel (the action table's own 60-column layout is held by
    test_live_call, without a scrollbar racing the load)."""

    async def open_conversation(pilot) -> None:  # type: ignore[no-untyped-def]
        from growtui.screens.conversation import ConversationScreen
        from growtui.store import Store

        store = Store.open(demo_db)
        conv = store.start_conversation(store.people()[0].id, "third-meeting-grow")
        store.close()
        await pilot.app.push_screen(ConversationScreen(conv))
        await pilot.pause()
        pilot.app.screen.query_one("#notes", TextArea).cursor_blink = False
        await pilot.press(*["ctrl+n"] * 5, *"Two teams own it; nobody decides.")
        await pilot.pause()
        pilot.app.screen.flush_notes()
        pilot.app.writer.flush(timeout=5)
        pilot.app.screen.show_saved()
        await pilot.pause()

    assert snap_compare(make_app(demo_db), terminal_size=(60, 20), run_before=open_conversation)


def test_history_screen(snap_compare, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(demo_db), terminal_size=(100, 30), press=["h"])


def test_follow_through_tab(snap_compare, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(demo_db), terminal_size=(100, 30), press=["h", "l"])


def test_search_screen(snap_compare, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    async def search(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("slash", *"promotion", "enter")
        await pilot.pause(0.3)

    assert snap_compare(make_app(demo_db), terminal_size=(100, 30), run_before=search)


def test_agendas_screen(snap_compare, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(demo_db), terminal_size=(100, 30), press=["a", "down", "down"])


def test_team_screen_at_80x24(snap_compare, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(demo_db), terminal_size=(80, 24), press=["t"])


def test_plan_tab(snap_compare, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(demo_db), terminal_size=(100, 30), press=["h", "right", "right"])

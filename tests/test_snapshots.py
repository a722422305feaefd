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


@pytest.mark.parametrize("size", [(60, 20), *SIZES], ids=lambda s: f"{s[0]}x{s[1]}")
def test_conversation_screen(snap_compare, demo_db: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def open_conversation(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("down", "s", "enter")  # the suggested agenda
        await pilot.pause()
        if pilot.app.screen.__class__.__name__ == "CarryOverScreen":
            await pilot.press("escape")
        await pilot.pause()
        pilot.app.screen.query_one("#notes", TextArea).cursor_blink = False
        await pilot.press("ctrl+n", *"Wants to lead the API gateway work next quarter.")
        await pilot.press("ctrl+t", *"Draft the gateway RFC", "tab", *"2026-12-04", "tab", "tab", *"6", "enter")
        await pilot.pause()

    assert snap_compare(make_app(demo_db), terminal_size=size, run_before=open_conversation)


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

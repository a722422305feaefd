"""Blind (#29): one chord hides every note, name and action at once, on every screen,
and shows them again; typing goes on while blind and is saved as typed, slowly or in
one burst; notifications and the terminal's title carry nothing private."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest
from conftest import make_app, run_cli, settle, until
from test_type_ahead import burst, export_latest, settled, slowly
from tmux import Terminal, growtui_command

from growtui.store import Store

NAME = "Zoltan Quarrington"
PRIVATE = "Quokka worries about the reorg"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "growtui.db"
    store = Store.open(path)
    person = store.add_person(NAME, "Engineer", 14)
    cid = store.start_conversation(person, "first-meeting")
    store.save_notes(cid, "start", PRIVATE)
    store.add_action(person, cid, "Quarterly plan for the platform", commitment=7)
    store.close()
    return path


def shown(app) -> str:  # type: ignore[no-untyped-def]
    """Everything drawn on the terminal, as text (an SVG of the screen, as a snapshot takes it)."""
    return app.export_screenshot().replace("&#160;", " ")


def nothing_private(screen: str) -> bool:
    return all(word not in screen for word in ("Zoltan", "Quarrington", "Quokka", "Quarterly", "typed blind"))


async def test_the_chord_hides_every_screen_and_typing_goes_on(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert NAME in shown(app)
        await pilot.press("f9")
        assert nothing_private(shown(app)) and "hidden: f9 or ctrl+^ to show" in shown(app)
        await pilot.press("s", "enter")  # (resumes the meeting where it was left: its second question)
        await until(pilot, lambda: type(app.screen).__name__ == "ConversationScreen")
        await pilot.pause()
        assert nothing_private(shown(app)) and "hidden:" in shown(app)
        await slowly(pilot, "and typed blind")
        await pilot.press("ctrl+t")  # a form opened blind is blind too
        await until(pilot, lambda: type(app.screen).__name__ == "ActionForm")
        await pilot.pause()
        assert nothing_private(shown(app))
        await pilot.press("escape")
        await pilot.press("f1")  # ... and the key help
        await until(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
        assert nothing_private(shown(app))
        await pilot.press("f1")
        app.notify(f"Saved {NAME}'s notes")
        await pilot.pause()
        assert nothing_private(shown(app)) and "Zoltan" not in str([n.message for n in app._notifications])
        await pilot.press("ctrl+circumflex_accent")  # the other key of the chord shows it all again
        await pilot.pause()
        assert not app.blind.on and "hidden:" not in shown(app), type(app.screen).__name__
        assert "Zoltan" in shown(app) and "Quarterly" in shown(app) and "and typed blind" in shown(app)
        await settle(pilot, app)
    store = Store.open(db)
    assert store.records(store.latest_conversation_id())["like-most"].notes == "and typed blind"
    store.close()


async def test_going_blind_clears_a_message_already_shown(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.notify(f"A note about {NAME} was saved")
        await pilot.pause()
        assert "Zoltan" in shown(app)
        await pilot.press("f9")
        await pilot.pause()
        assert nothing_private(shown(app)) and not list(app._notifications)


async def blind_meeting(db: Path, fast: bool) -> dict[str, str]:
    """The meeting resumed, then notes typed through the chord and a question change."""
    keys = ("one", "f9", " typed blind", "ctrl+n", "second typed blind", "f9", " and seen")
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "enter")
        await until(pilot, lambda: type(app.screen).__name__ == "ConversationScreen")
        if fast:
            burst(app, *keys)
        else:
            await slowly(pilot, *keys)
        await settled(pilot, app)
        await settle(pilot, app)
        assert not app.blind.on
    store = Store.open(db)
    notes = {k: r.notes for k, r in store.records(store.latest_conversation_id()).items() if r.notes}
    store.close()
    return notes


async def test_typed_blind_in_one_burst_saves_what_slow_typing_saves(db: Path, tmp_path: Path) -> None:
    import shutil

    other = tmp_path / "other.db"
    shutil.copy(db, other)
    slow = await blind_meeting(db, fast=False)
    assert slow == {"start": PRIVATE, "like-most": "one typed blind", "important": "second typed blind and seen"}
    assert await blind_meeting(other, fast=True) == slow


async def test_blind_is_offered_on_every_screen_with_its_key(db: Path) -> None:
    from textual.widgets import DataTable

    app = make_app(db, blind=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert nothing_private(shown(app))  # (--blind: from the first frame)
        for keys, screen in [
            ((), "PeopleScreen"),
            (("h",), "HistoryScreen"),
            (("escape", "s", "enter"), "ConversationScreen"),
        ]:
            await pilot.press(*keys)
            await until(pilot, lambda screen=screen: type(app.screen).__name__ == screen)
            titles = [c.title for c in app.get_system_commands(app.screen)]
            assert any(
                t.startswith("Hide every note, name and action at once") and "(f9,ctrl+circumflex_accent)" in t
                for t in titles
            )
            await pilot.press("f1")
            await until(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
            table = app.screen.query_one("#help-table", DataTable)
            rows = [" ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]
            assert any(row.startswith("f9, ctrl+^ Hide every note") and row.endswith("blind") for row in rows)
            assert nothing_private(shown(app))
            await pilot.press("f1")
            await until(pilot, lambda screen=screen: type(app.screen).__name__ == screen)


def test_growtui_keys_lists_blind() -> None:
    r = run_cli("keys", "--json")
    assert r.returncode == 0
    assert json.loads(r.stdout)["blind"] == "f9,ctrl+circumflex_accent"


@pytest.mark.e2e
def test_blind_in_a_real_terminal_shows_nothing_private_and_keeps_every_key(
    db: Path, terminal_env: dict[str, str]
) -> None:
    term = Terminal(growtui_command("--blind", "--db", str(db)), 80, 24, terminal_env)
    try:
        screen = term.wait_for("hidden: f9 or ctrl+^ to show")
        assert nothing_private(screen)
        term.keys("s")
        term.keys("Enter")
        term.type("and typed blind")
        os.kill(term.pid, signal.SIGSTOP)  # (and a burst, as a busy machine delivers it)
        try:
            term.keys("C-n", pause=0)
            term.type("second typed blind", pause=0)
            time.sleep(0.2)
        finally:
            os.kill(term.pid, signal.SIGCONT)
        screen = term.wait_quiet()
        assert nothing_private(screen) and "hidden:" in screen
        assert not any(
            w in term._run("display-message", "-p", "-t", "t", "#{pane_title}") for w in ("Zoltan", "Quokka")
        )
        term.keys("F9")
        term.wait_for("second typed blind")
        term.keys("C-q", pause=0.5)
        term.wait_exit()
    finally:
        term.close()
    notes = {q["id"]: q["notes"] for q in export_latest(db)["questions"] if q["notes"]}
    assert notes == {"start": PRIVATE, "like-most": "and typed blind", "important": "second typed blind"}

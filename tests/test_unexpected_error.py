"""An unexpected error in the app: one line, a private report, exit 1 — never
Textual's traceback with local variables (names, notes) on a shared screen."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from growtui.store import Store

from conftest import make_app, settle
from tmux import Terminal, growtui_command

SECRET = "Dana Confidential"


def crash_reports(home: Path) -> list[Path]:
    return sorted((home / "state" / "growtui" / "recovery").glob("crash-*.txt"))


@pytest.mark.e2e
def test_a_database_changed_under_the_app_ends_it_with_one_line_and_exit_1(
    tmp_path: Path, terminal_env: dict[str, str], isolated_dirs: Path
) -> None:
    db = tmp_path / "growtui.db"
    store = Store.open(db)
    store.add_person(SECRET, role="staff engineer")
    store.close()
    term = Terminal(growtui_command("--db", str(db)), 80, 24, terminal_env, keep=True)
    try:
        term.wait_for(SECRET)
        with sqlite3.connect(db) as other:  # another program breaks the schema the app relies on
            other.execute("ALTER TABLE conversations RENAME TO gone")
        term.keys("h")
        assert term.exit_status() == 1
        screen = term.screen(scrollback=True)
    finally:
        term.close()
    assert "growtui: the app stopped on an unexpected error" in screen
    assert "Traceback" not in screen and SECRET not in screen and "locals" not in screen
    [report] = crash_reports(isolated_dirs)
    assert str(report) in screen
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert "OperationalError" in report.read_text()


async def test_an_error_in_a_handler_saves_the_notes_and_keeps_the_report(
    tmp_path: Path, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from growtui.screens.conversation import ConversationScreen

    db = tmp_path / "growtui.db"
    store = Store.open(db)
    store.start_conversation(store.add_person(SECRET), "first-meeting")
    store.close()

    def broken(self: ConversationScreen) -> None:
        raise RuntimeError(f"a bug, with {SECRET}'s notes in scope")

    monkeypatch.setattr(ConversationScreen, "action_defer_question", broken)
    app = make_app(db)
    with pytest.raises(RuntimeError):  # (run_test raises it again for the test)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("s", "enter")
            await pilot.press(*"typed before")
            await settle(pilot, app)
            await pilot.press("ctrl+r", "x", "y")
            await pilot.pause()
    assert isinstance(app.crash, RuntimeError) and app.return_code == 1
    assert app._exit_renderables == []  # nothing for Textual to print
    [report] = crash_reports(isolated_dirs)
    assert os.stat(report).st_mode & 0o077 == 0 and "a bug, with" in report.read_text()
    store = Store.open(db)
    records = store.records(store.latest_conversation_id())
    assert records["start"].notes == "typed before"
    store.close()

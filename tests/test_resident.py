"""What the app keeps in memory: a whole conversation (notes, an action, its end)
loads none of the libraries only commands or other processes need. The figures
(peak memory beside the bare app, and what it is made of) are bench/memory.py's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from growtui.store import Store, StoreError

import pytest

# (the libraries a conversation never needs: the click group, the calendar's and
# transcripts' readers, which run elsewhere or in commands; sqlite-utils is not used)
ABSENT = ("click", "icalendar", "recurring_ical_events", "webvtt", "srt", "sqlite_utils", "pyrage")

CONVERSATION = """
import asyncio, sys
from datetime import date
from pathlib import Path
from growtui.agendas import load_library
from growtui.app import GrowApp

async def main() -> None:
    app = GrowApp(db_path=Path(sys.argv[1]), library=load_library(), today=date.today())
    async with app.run_test(size=(100, 30)) as pilot:
        async def until(check) -> None:
            for _ in range(600):
                if check():
                    return
                await pilot.pause(0.05)
            raise SystemExit("never held")
        await until(lambda: type(app.screen).__name__ == "PeopleScreen")
        await pilot.press("s")
        await until(lambda: type(app.screen).__name__ == "StartScreen")
        await pilot.press("enter")
        await until(lambda: type(app.screen).__name__ == "ConversationScreen")
        await pilot.press(*"Wants the API work", "ctrl+t")
        await until(lambda: type(app.screen).__name__ == "ActionForm")
        await pilot.press(*"Write the RFC", "enter")
        await until(lambda: type(app.screen).__name__ == "ConversationScreen")
        app.screen.flush_notes()
        assert app.writer.flush(30)
    print(",".join(sorted(set(sys.argv[2].split(",")) & set(sys.modules))))

asyncio.run(main())
"""


def test_a_whole_conversation_loads_no_library_it_does_not_need(tmp_path: Path) -> None:
    db = tmp_path / "growtui.db"
    store = Store.open(db)
    store.add_person("Ada Lovelace", cadence_days=14)
    store.close()
    done = subprocess.run(
        [sys.executable, "-c", CONVERSATION, str(db), ",".join(ABSENT)],
        capture_output=True,
        text=True,
        env={**os.environ, "GROWTUI_AUTO_BACKUP": "0"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == ""
    store = Store.open(db)
    cid = store.latest_conversation_id()
    assert [a.text for a in store.actions_of(cid)] == ["Write the RFC"]
    assert store.records(cid)["start"].notes == "Wants the API work"
    store.close()


def test_changing_what_is_not_there_is_one_clear_error(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "growtui.db")
    with pytest.raises(StoreError, match="no person with id 7"):
        store.set_cadence(7, 14)
    with pytest.raises(StoreError, match="no conversation with id 9"):
        store.set_topic(9, "growth")
    store.close()


async def test_the_footer_keeps_only_the_keys_it_shows_however_often_focus_moves(
    conversation: tuple[Path, int],
) -> None:
    from textual.widgets._footer import FooterKey

    from conftest import make_app, until
    from growtui.screens.conversation import ConversationScreen
    from growtui.widgets.footer import Footer

    db, cid = conversation
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(ConversationScreen(cid))
        await until(pilot, lambda: isinstance(app.screen, ConversationScreen))
        footer = app.screen.query_one(Footer)
        for _ in range(40):  # notes, tree, actions, and round again: the footer composed anew each time
            await pilot.press("tab")
        await until(pilot, lambda: bool(footer.query(FooterKey)))
        await pilot.pause()
        bound = getattr(footer, "__watchers")["compact"]
        shown = len(footer.query(FooterKey))
        assert len(bound) <= shown + 10, f"{len(bound)} keys bound, {shown} shown"

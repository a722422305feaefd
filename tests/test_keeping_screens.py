"""Keeping the record in order from the screens (#27): correcting a past conversation,
closing an action between meetings and confirming it in the next carry-over, deleting
a conversation, archiving a person."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_app, settle, until
from test_type_ahead import burst, slowly

from growtui.store import Store

NOTE = "Started with Logo at ten"


def past(db: Path) -> dict[str, int]:
    """Ada, with one completed first meeting (a note, an action of hers) and its timings."""
    now = ["2026-11-10T10:00:00"]
    store = Store.open(db, clock=lambda: now[0])
    ada = store.add_person("Ada Lovelace", cadence_days=14)
    cid = store.start_conversation(ada, "first-meeting")
    store.question_shown(cid, "start", "2026-11-10T10:00:05")
    store.save_notes(cid, "start", NOTE)
    store.save_stage_seconds(cid, {"goal": 300})
    action = store.add_action(ada, cid, "Write the RFC", commitment=7)
    now[0] = "2026-11-10T10:40:00"
    store.set_status(cid, "completed")
    store.close()
    return {"ada": ada, "conv": cid, "action": action}


def shape(db: Path, cid: int) -> tuple[object, ...]:
    """What an edit must never move: the dates, status, timings and when questions were shown."""
    store = Store.open(db)
    c = store.conversation(cid)
    out = (c.started_at, c.ended_at, c.status, store.question_times(cid), store.stage_seconds(cid))
    store.close()
    return out


async def correct(db: Path, fast: bool) -> tuple[str, str | None, list[str]]:
    """From the people screen: history, the conversation, e, type, end."""
    app = make_app(db)
    keys = ("h", "enter", "e", " (and Python at twelve)", "ctrl+g")  # (the cursor opens at the end)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.screen.__class__.__name__ == "PeopleScreen")
        if fast:
            burst(app, *keys)
        else:
            await slowly(pilot, *keys)
        # (the view shows before `e` is taken, so wait for the edit's mark, not the screen)
        await until(pilot, lambda: "edited on" in getattr(app.screen, "source", ""))
        await settle(pilot, app)
        markdown = app.screen.source
    store = Store.open(db)
    cid = store.latest_conversation_id()
    notes = store.records(cid)["start"].notes
    versions = [v.text for v in store.earlier_versions(cid)]
    edited = store.conversation(cid).edited_at
    store.close()
    assert edited is not None and f"edited on {edited[:16].replace('T', ' ')}" in markdown
    return notes, edited[:10] if edited else None, versions


@pytest.mark.parametrize("fast", [False, True], ids=["slowly", "in-one-burst"])
async def test_a_past_conversation_is_corrected_and_its_earlier_text_kept_its_date_unmoved(
    tmp_path: Path, fast: bool
) -> None:
    db = tmp_path / "growtui.db"
    ids = past(db)
    before = shape(db, ids["conv"])
    notes, _, versions = await correct(db, fast)
    assert notes == NOTE + " (and Python at twelve)"
    assert versions == [NOTE]
    assert shape(db, ids["conv"]) == before


async def test_v_shows_the_earlier_text_and_e_refuses_a_conversation_in_progress(tmp_path: Path) -> None:
    db = tmp_path / "growtui.db"
    ids = past(db)
    store = Store.open(db)
    store.save_notes(ids["conv"], "start", "rewritten")
    live = store.start_conversation(ids["ada"], "second-meeting")
    store.close()
    from growtui.screens.conversation_view import ConversationView

    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(ConversationView(ids["conv"]))
        assert "Earlier versions" not in app.screen.source
        await pilot.press("v")
        await until(pilot, lambda: "Earlier versions" in app.screen.source)
        assert NOTE in app.screen.source
        await pilot.press("v")
        await until(pilot, lambda: "Earlier versions" not in app.screen.source)
        await app.push_screen(ConversationView(live))
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ConversationView)  # (not opened for editing)


async def test_an_action_closed_between_meetings_is_confirmed_in_the_next_carry_over(tmp_path: Path) -> None:
    db = tmp_path / "growtui.db"
    ids = past(db)
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await until(pilot, lambda: app.screen.__class__.__name__ == "HistoryScreen")
        await pilot.press("right")
        await until(pilot, lambda: bool(app.screen.actions))
        await pilot.press("D")
        await until(pilot, lambda: app.screen.__class__.__name__ == "ResultForm")
        await pilot.press(*"RFC merged", "enter")
        await until(pilot, lambda: app.screen.__class__.__name__ == "HistoryScreen")
        await settle(pilot, app)
        store = Store.open(db)
        action = store.action(ids["action"])
        assert (action.status, action.outcome, action.result) == ("done", "done", "RFC merged")
        assert store.action_changes(action.id)[-1]["conversation_id"] is None
        store.close()
        # The next conversation: its carry-over shows it as recorded, with done chosen.
        await pilot.press("escape", "s")
        await until(pilot, lambda: app.screen.__class__.__name__ == "StartScreen")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.__class__.__name__ == "CarryOverScreen")
        review = app.screen.query_one("ActionReview")
        assert review.outcome() == "done"  # type: ignore[attr-defined]
        seen = " ".join(str(s.render()) for s in review.query("Static"))
        assert "recorded 20" in seen and "confirm" in seen
        await pilot.click("#carry-continue")
        await until(pilot, lambda: app.screen.__class__.__name__ == "ConversationScreen")
        await settle(pilot, app)
    store = Store.open(db)
    assert store.recorded_between(ids["ada"]) == {}  # (confirmed: the one after does not ask again)
    assert store.action(ids["action"]).outcome == "done"
    store.close()


async def test_a_conversation_deleted_from_the_history_goes_to_the_trash(tmp_path: Path) -> None:
    db = tmp_path / "growtui.db"
    ids = past(db)
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await until(pilot, lambda: app.screen.__class__.__name__ == "HistoryScreen")
        await pilot.press("delete")
        await until(pilot, lambda: app.screen.__class__.__name__ == "ChoiceScreen")
        assert "Ada Lovelace" in app.screen.question and "2026-11-10 10:00" in app.screen.question
        await pilot.press("escape")  # (kept: esc is "keep it")
        await settle(pilot, app)
        assert app.screen.__class__.__name__ == "HistoryScreen" and app.screen.rows
        await pilot.press("delete", "down", "enter")
        await until(pilot, lambda: app.screen.__class__.__name__ == "HistoryScreen" and not app.screen.rows)
    store = Store.open(db)
    assert [t.conversation_id for t in store.trash()] == [ids["conv"]] and store.history(ids["ada"]) == []
    store.close()


async def test_a_person_archived_from_the_people_screen_is_hidden_until_z_shows_them(tmp_path: Path) -> None:
    db = tmp_path / "growtui.db"
    ids = past(db)
    store = Store.open(db)
    ids["bob"] = store.add_person("Bob Brown")
    store.close()
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: len(getattr(app.screen, "standings", {})) == 2)
        while app.screen.highlighted().overview.person.id != ids["ada"]:  # type: ignore[attr-defined]
            await pilot.press("down")
        await pilot.press("A")
        await until(pilot, lambda: app.screen.__class__.__name__ == "ChoiceScreen")
        await pilot.press("down", "down", "enter")  # moved to another team
        await until(pilot, lambda: list(getattr(app.screen, "standings", {})) == [ids["bob"]])
        await pilot.press("z")
        await until(pilot, lambda: ids["ada"] in app.screen.standings)
        standing = app.screen.standings[ids["ada"]]
        assert standing.due is None and standing.overview.person.archived_reason == "moved"
        assert list(app.screen.standings)[-1] == ids["ada"]  # (archived: last)
        await pilot.press("slash")  # her history stays searchable, labelled archived
        await until(pilot, lambda: app.screen.__class__.__name__ == "SearchScreen")
        await pilot.press(*"Logo", "enter")
        await until(pilot, lambda: bool(getattr(app.screen, "hits", [])))
        table = app.screen.query_one("#search-results")
        assert str(table.get_row_at(0)[1]) == "Ada Lovelace (archived)"  # type: ignore[attr-defined]
    store = Store.open(db)
    assert store.person(ids["ada"]).archived_at
    store.close()

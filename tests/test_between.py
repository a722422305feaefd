"""Notes between meetings (#28, part 1): written from the shell and from the app (the
people screen, history, during a conversation — slowly or in one burst), listed,
corrected, deleted, searched, in the brief and the next carry-over, in the exports
that ask for them, and gone with the person."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import TODAY, make_app, run_cli, settle, until
from test_type_ahead import burst, settled, slowly

from growtui.between import kind_of, parse_day
from growtui.screens.person_panes import NotesPane
from growtui.store import Store

WIN = "Shipped the quokka migration a week early"
CONCERN = "Missed the zeppelin design review again"


def cli(db: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_cli(*args, "--db", str(db))


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """Ada (one completed conversation on 2026-11-10) and Bob (none)."""
    db = tmp_path / "growtui.db"
    now = ["2026-11-10T10:00:00"]
    store = Store.open(db, clock=lambda: now[0])
    ada = store.add_person("Ada Lovelace", cadence_days=14)
    store.add_person("Bob Brown")
    cid = store.start_conversation(ada, "first-meeting")
    store.save_notes(cid, "start", "Started with Logo")
    now[0] = "2026-11-10T10:40:00"
    store.set_status(cid, "completed")
    store.close()
    return db


def test_the_day_a_note_is_about_is_read_looking_back() -> None:
    wed = date(2026, 12, 2)  # a Wednesday
    assert parse_day("", wed) == parse_day("today", wed) == wed
    assert parse_day("yesterday", wed) == date(2026, 12, 1)
    assert parse_day("Friday", wed) == parse_day("on fri", wed) == date(2026, 11, 27)
    assert parse_day("wednesday", wed) == wed and parse_day("last wednesday", wed) == date(2026, 11, 25)
    assert parse_day("3 days ago", wed) == date(2026, 11, 29) and parse_day("two weeks ago", wed) == date(2026, 11, 18)
    assert parse_day("5 Dec", wed) == date(2025, 12, 5)  # (no year: the last one)
    assert parse_day("2026-11-20", wed) == date(2026, 11, 20)
    assert parse_day("tomorrow", wed) is None and parse_day("2026-12-03", wed) is None
    assert parse_day("soon", wed) is None
    assert [kind_of(w) for w in ("w", "Win", "praise", "f", "concern", "", "n", "x")] == [
        "win",
        "win",
        "win",
        "feedback",
        "concern",
        "note",
        "note",
        None,
    ]


def test_a_note_from_the_shell_is_listed_corrected_and_deleted(team: Path) -> None:
    r = cli(team, "note", "Ada", *WIN.split(), "--kind", "win", "--date", "2026-11-20")
    assert r.returncode == 0, r.stderr
    assert cli(team, "note", "Ada", CONCERN, "--kind", "concern", "--shareable").returncode == 0
    listed = json.loads(cli(team, "notes", "Ada", "--json").stdout)
    assert [(n["kind"], n["text"], n["shareable"]) for n in listed] == [
        ("concern", CONCERN, True),
        ("win", WIN, False),
    ]
    assert listed[1]["date"] == "2026-11-20" and listed[0]["date"] == date.today().isoformat()
    assert [n["kind"] for n in json.loads(cli(team, "notes", "Ada", "--kind", "win", "--json").stdout)] == ["win"]
    since = json.loads(cli(team, "notes", "Ada", "--since", "2026-11-21", "--json").stdout)
    assert [n["kind"] for n in since] == ["concern"]
    win_id = listed[1]["id"]
    assert (
        cli(team, "notes", "edit", str(win_id), "--text", WIN + " (and documented it)", "--shareable").returncode == 0
    )
    edited = json.loads(cli(team, "notes", "Ada", "--json").stdout)[1]
    assert edited["text"].endswith("(and documented it)") and edited["shareable"] is True
    assert cli(team, "notes", "delete", str(win_id)).returncode == 2  # (no terminal, no --yes)
    assert cli(team, "notes", "delete", str(win_id), "--yes").returncode == 0
    assert [n["id"] for n in json.loads(cli(team, "notes", "Ada", "--json").stdout)] == [listed[0]["id"]]
    assert "quokka" not in cli(team, "search", "quokka").stdout  # (the index forgets it too)
    for bad in (("note", "Ada", "x", "--date", "tomorrow"), ("note", "Ada", "x", "--kind", "rant")):
        r = cli(team, *bad)
        assert r.returncode == 2 and r.stderr.count("\n") == 1, r.stderr
    missing = cli(team, "notes", "edit", "999", "--text", "x")
    assert missing.returncode == 1 and "999" in missing.stderr and missing.stderr.count("\n") == 1
    assert cli(team, "note", "Nobody", "x").returncode == 1
    empty = cli(team, "notes", "Bob")
    assert empty.returncode == 0 and "no notes" in empty.stderr


def test_a_note_is_found_by_search_and_shown_in_the_brief_since_last_time(team: Path) -> None:
    cli(team, "note", "Ada", WIN, "--kind", "win", "--date", "2026-11-20")
    cli(team, "note", "Ada", "Before the last meeting", "--date", "2026-11-01")
    hits = json.loads(cli(team, "search", "quokka", "--json").stdout)
    assert [(h["kind"], h["conversation"], h["person"]) for h in hits] == [("between", None, "Ada Lovelace")]
    assert hits[0]["note"] and hits[0]["date"] == "2026-11-20"
    assert "(a note between meetings)" in cli(team, "search", "quokka").stdout
    brief = cli(team, "brief", "Ada").stdout
    assert "Since last time you noted (1):" in brief and f"win: {WIN}" in brief
    assert "Before the last meeting" not in brief  # (noted before the last conversation)
    noted = json.loads(cli(team, "brief", "Ada", "--json").stdout)["noted"]
    assert [(n["kind"], n["date"]) for n in noted] == [("win", "2026-11-20")]


def test_the_exports_that_ask_for_notes_hold_them_and_the_shared_copy_only_the_shareable(
    team: Path, tmp_path: Path
) -> None:
    cli(team, "note", "Ada", WIN, "--kind", "win", "--shareable")
    cli(team, "note", "Ada", CONCERN, "--kind", "concern")
    whole = cli(team, "export", "Ada", "--all", "--format", "md").stdout
    assert "## Notes between meetings" in whole and WIN in whole and CONCERN in whole and "### Concerns" in whole
    shared = cli(team, "export", "Ada", "--all", "--format", "md", "--shareable").stdout
    assert WIN in shared and CONCERN not in shared
    handover = cli(team, "handover", "Ada").stdout
    assert WIN in handover and CONCERN not in handover
    assert CONCERN in run_cli("handover", "Ada", "--with-private", "--db", str(team)).stdout
    out = tmp_path / "ada"
    assert cli(team, "person", "export", "Ada", "--out", str(out)).returncode == 0
    held = json.loads((out / "notes.json").read_text())
    assert {n["text"] for n in held} == {WIN, CONCERN}
    assert CONCERN in (out / "index.md").read_text()


def test_erasing_the_person_erases_their_notes_to_the_byte(team: Path) -> None:
    cli(team, "note", "Ada", WIN, "--kind", "win")
    assert cli(team, "person", "erase", "Ada", "--yes").returncode == 0
    held = b"".join(p.read_bytes() for p in (team, Path(f"{team}-wal")) if p.exists())
    assert b"quokka" not in held
    store = Store.open(team)
    assert store.conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 0
    store.close()


def notes_of(db: Path, person: str = "Ada Lovelace") -> list[tuple[str, str, str, bool]]:
    store = Store.open(db)
    who = store.find_person(person)
    out = [(n.kind, n.text, n.noted_on, n.shareable) for n in store.notes(who.id)]
    store.close()
    return out


async def to_ada(pilot, app) -> None:  # type: ignore[no-untyped-def]
    """The people screen's cursor on Ada (Bob, never met, is due first)."""
    await until(pilot, lambda: len(getattr(app.screen, "standings", {})) == 2)
    while app.screen.highlighted().overview.person.name != "Ada Lovelace":
        await pilot.press("down")


async def from_the_people_screen(db: Path, fast: bool) -> list[tuple[str, str, str, bool]]:
    """f5 on Ada's row, the note, Tab, its kind, Tab, the day in words, Enter."""
    app = make_app(db)
    keys = ("f5", WIN, "tab", "w", "tab", "yesterday", "enter")
    async with app.run_test(size=(100, 30)) as pilot:
        await to_ada(pilot, app)
        if fast:
            burst(app, *keys)
        else:
            await slowly(pilot, *keys)
        await settled(pilot, app)
        await settle(pilot, app)
        assert type(app.screen).__name__ == "PeopleScreen"
    return notes_of(db)


@pytest.mark.parametrize("fast", [False, True], ids=["slowly", "in-one-burst"])
async def test_a_note_from_the_people_screen_is_saved_as_typed(team: Path, fast: bool) -> None:
    yesterday = date.fromordinal(TODAY.toordinal() - 1).isoformat()
    assert await from_the_people_screen(team, fast) == [("win", WIN, yesterday, False)]


async def test_a_note_during_a_conversation_leaves_the_meeting_s_notes_alone(team: Path) -> None:
    """ctrl+_ in the notes, typed in one burst around it: the meeting's notes keep what
    was typed before and after; the note between meetings holds its own words."""
    app = make_app(team)
    async with app.run_test(size=(100, 30)) as pilot:
        await to_ada(pilot, app)
        await pilot.press("s", "enter")
        await until(pilot, lambda: type(app.screen).__name__ == "ConversationScreen")
        burst(app, "before ", "ctrl+underscore", CONCERN, "tab", "c", "enter", "after")
        await settled(pilot, app)
        await settle(pilot, app)
        await pilot.press("ctrl+q")
    store = Store.open(team)
    cid = store.latest_conversation_id()
    meeting_notes = "".join(r.notes for r in store.records(cid).values())
    store.close()
    assert meeting_notes == "before after"
    assert notes_of(team) == [("concern", CONCERN, TODAY.isoformat(), False)]


async def test_history_lists_the_notes_and_corrects_and_deletes_them(team: Path) -> None:
    cli(team, "note", "Ada", WIN, "--kind", "win", "--date", "2026-11-20")
    cli(team, "note", "Ada", CONCERN, "--kind", "concern", "--date", "2026-11-21")
    app = make_app(team)
    async with app.run_test(size=(100, 30)) as pilot:
        await to_ada(pilot, app)
        await pilot.press("h")
        await until(pilot, lambda: type(app.screen).__name__ == "HistoryScreen")
        await pilot.press("right", "right", "right")
        history = app.screen
        pane = history.query_one(NotesPane)
        await until(pilot, lambda: len(pane.notes) == 2)
        assert "Missed the zeppelin" in str(history.query_one("#note-detail").render())
        await pilot.press("enter")  # correct the newest (the concern)
        await until(pilot, lambda: type(app.screen).__name__ == "NoteForm")
        await pilot.press("end", *" - talked it through", "enter")
        await until(pilot, lambda: app.screen is history and any("talked" in n.text for n in pane.notes.values()))
        await pilot.press("down", "delete")
        await until(pilot, lambda: type(app.screen).__name__ == "ChoiceScreen")
        await pilot.press("down", "enter")
        await until(pilot, lambda: app.screen is history and len(pane.notes) == 1)
        await settle(pilot, app)
    assert notes_of(team) == [("concern", CONCERN + " - talked it through", "2026-11-21", False)]


async def test_the_next_conversation_opens_with_what_was_noted_since_last_time(team: Path) -> None:
    cli(team, "note", "Ada", WIN, "--kind", "win", "--date", "2026-11-20")
    app = make_app(team)
    async with app.run_test(size=(100, 30)) as pilot:
        await to_ada(pilot, app)
        await pilot.press("s", "enter")
        await until(pilot, lambda: type(app.screen).__name__ == "CarryOverScreen")
        shown = " ".join(str(s.render()) for s in app.screen.query(".noted"))
        assert f"win: {WIN}" in shown and "Fri 20 Nov" in shown
        await pilot.press("escape")
        await until(pilot, lambda: type(app.screen).__name__ == "ConversationScreen")

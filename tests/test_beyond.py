"""Beyond the 1-on-1 tools: the brief, GROW pacing, who is due, shareable notes,
and a running file per person."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.notifications import Notify

from growtui.agendas import load_library
from growtui.brief import brief_dict, brief_lines, make_brief, themes
from growtui.screens.conversation import ConversationScreen
from growtui.screens.start import StartScreen
from growtui.screens.summary import SummaryScreen
from growtui.store import GENERAL, Person, Store

from conftest import make_app, run_cli


@pytest.fixture
def history_db(tmp_path: Path) -> Path:
    """Ana: a first meeting with a deferred question, an action re-scored, recurring themes."""
    db = tmp_path / "growtui.db"
    store = Store.open(db, clock=lambda: "2026-10-01T10:00:00")
    pid = store.add_person("Ana Berg", "Engineer", 14)
    c1 = store.start_conversation(pid, "first-meeting")
    store.mark(c1, "start", asked=True)
    store.save_notes(c1, "start", "Worried about on-call load. Wants a conference talk.")
    store.mark(c1, "like-most", asked=True)
    store.save_notes(c1, "like-most", "Loves the on-call tooling work; a conference talk would help.")
    store.mark(c1, "important", deferred=True)
    aid = store.add_action(pid, c1, "Draft the talk abstract", "2026-10-15", commitment=5)
    store.update_action(aid, None, commitment=8)  # re-scored later, outside that conversation: a point of its own
    done = store.add_action(pid, c1, "Book the course", commitment=9)
    store.update_action(done, c1, outcome="done", result="booked")
    store.set_status(c1, "completed")
    store.close()
    return db


def test_themes_are_recurring_words_and_phrases() -> None:
    person = Person(1, "Ana Berg", "", None, "", "")
    notes = ["Ana worried about on-call load.", "On-call load again; conference talk?", "A conference talk, maybe."]
    found = dict(themes(notes, person))
    assert found.get("conference talk") == 2 and "ana" not in found
    assert "the" not in found and "load" in found or "on-call load" in found


def test_words_of_time_are_no_theme() -> None:
    """'week (7)' led the themes of a real series (#25.4d)."""
    person = Person(1, "Ana Berg", "", None, "", "")
    notes = [
        "This week: the migration.",
        "Last week the migration slipped",
        "Next week, migration done?",
        "Said on Monday it was good, okay",
    ]
    found = dict(themes(notes, person))
    assert "migration" in found and not {"week", "monday", "said", "good", "okay"} & set(found)


def test_brief_reads_in_thirty_seconds(history_db: Path) -> None:
    store = Store.open(history_db)
    lines = brief_lines(make_brief(store, load_library(Path("/none")), store.find_person("Ana")))
    text = "\n".join(lines)
    assert "Last conversation: 2026-10-01, First meeting — the past and the present" in text
    assert "Draft the talk abstract — commitment 5/10 → 8/10, due 2026-10-15" in text
    assert "Book the course" not in text  # done: no longer open
    assert "• What is most important for you professionally?" in text  # deferred
    assert "What challenges are you facing today?  (First meeting)" in text  # not yet asked
    assert "conference talk (2)" in text
    assert "scored 8+: 1/1 done (100%)" in text
    assert len(lines) < 25
    store.close()
    r = run_cli("brief", "ana", "--db", str(history_db))
    assert r.returncode == 0 and r.stdout.strip().splitlines() == lines


async def test_the_brief_opens_before_the_conversation(history_db: Path) -> None:
    app = make_app(history_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, StartScreen)
        assert "Since last time — Ana Berg" in str(app.screen.query_one("#brief-text").render())
        await pilot.press("enter")  # Enter still accepts the suggested agenda
        assert app.screen.__class__.__name__ == "CarryOverScreen"


async def test_grow_pacing_time_boxes_and_the_will_nudge(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    store = Store.open(db)
    store.add_person("Bo")
    store.close()
    now = [0.0]
    app = make_app(db, clock=lambda: now[0])
    told: list[str] = []
    async with app.run_test(
        size=(100, 30), message_hook=lambda m: told.append(m.notification.message) if isinstance(m, Notify) else None
    ) as pilot:
        await pilot.press("s", "down", "down", "down", "enter")  # GROW check-in
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConversationScreen) and screen.session.stage() == "goal"
        now[0] += 65
        screen.tick()
        assert str(screen.query_one("#question-pace").render()) == "Goal 01:05 / 05:00"
        now[0] += 300  # over the five-minute box
        screen.tick()
        assert screen.query_one("#question-pace").has_class("-over")
        screen.go("options-steps")
        await pilot.press(*"ask for a mentor")
        now[0] += 120
        screen.go("will-next-steps")  # one option noted: a nudge
        await pilot.pause()
        assert any("Fewer than two options" in m for m in told)
        await pilot.press("ctrl+g")
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert "Time by stage: Goal 6.1 min · Options 2 min" in str(summary.query_one("#summary-text").render())
        await pilot.press("c", "c")
    md = run_cli("export", "latest", "--db", str(db)).stdout
    assert "Time by stage: Goal 6.1 min · Options 2 min" in md
    doc = json.loads(run_cli("export", "latest", "--format", "json", "--db", str(db)).stdout)
    assert doc["stage_minutes"] == {"goal": 6.1, "options": 2.0}


async def test_the_stage_clock_counts_only_the_conversation_and_follows_a_change_at_once(tmp_path: Path) -> None:
    """Two minutes reviewing last time's actions are no Goal time; the pace shows the new
    stage as soon as the question changes, not at the next second's tick."""
    db = tmp_path / "g.db"
    store = Store.open(db)
    pid = store.add_person("Bo")
    first = store.start_conversation(pid, "grow-check-in")
    store.add_action(pid, first, "Ask for a mentor", commitment=7)
    store.set_status(first, "completed")
    store.close()
    now = [0.0]
    app = make_app(db, clock=lambda: now[0])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "down", "down", "down", "enter")  # GROW check-in again
        await pilot.pause()
        assert app.screen.__class__.__name__ == "CarryOverScreen"
        screen = app.screen_stack[-2]
        assert isinstance(screen, ConversationScreen)
        now[0] += 120  # reviewing last time's action
        screen.tick()
        await pilot.press("escape")
        await pilot.pause()
        now[0] += 30
        screen.tick()
        assert screen.session.stage_seconds == {"goal": 30}
        now[0] += 5
        screen.go("options-steps")
        assert str(screen.query_one("#question-pace").render()).startswith("Options 00:00")
        assert screen.session.stage_seconds["goal"] == 35
        await pilot.press("ctrl+q")


async def test_two_options_mean_no_nudge(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    Store.open(db).add_person("Cy")
    app = make_app(db)
    told: list[str] = []
    async with app.run_test(
        size=(100, 30), message_hook=lambda m: told.append(m.notification.message) if isinstance(m, Notify) else None
    ) as pilot:
        await pilot.press("s", "down", "down", "down", "enter")
        await pilot.pause()
        app.screen.go("options-steps")
        await pilot.press(*"pair with Dee", "enter", *"take the course")
        app.screen.go("will-next-steps")
        await pilot.pause()
        assert not any("Fewer than two options" in m for m in told)


def test_due_lists_who_is_due_this_week(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    store = Store.open(db)
    today = date.today()
    for name, cadence, days_ago in [
        ("Late Lu", 7, 12),
        ("Soon Sam", 14, 10),
        ("Later Lee", 30, 2),
        ("No Cadence", None, 3),
    ]:
        pid = store.add_person(name, cadence_days=cadence)
        store.clock = lambda d=days_ago: (today - timedelta(days=d)).isoformat() + "T10:00:00"
        store.set_status(store.start_conversation(pid, "first-meeting"), "completed")
    store.add_person("New Nia", cadence_days=14)
    store.close()
    lines = run_cli("due", "--db", str(db)).stdout.strip().splitlines()
    assert lines[0].startswith("Late Lu: overdue by 5 days")
    assert any(line.startswith("Soon Sam: due in 4 days") for line in lines)
    assert any(line.startswith("New Nia: due today (never met") for line in lines)
    assert not any("Later Lee" in line or "No Cadence" in line for line in lines)
    rows = json.loads(run_cli("due", "--json", "--days", "30", "--db", str(db)).stdout)
    assert [r["name"] for r in rows][:1] == ["Late Lu"] and "Later Lee" in [r["name"] for r in rows]


async def test_notes_are_private_unless_marked_shareable(history_db: Path) -> None:
    app = make_app(history_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "escape")  # the brief; cancel
        await pilot.press("s", "enter", "escape")  # first meeting again: leave the old action open
        await pilot.pause()
        screen = app.screen
        assert "private" in str(screen.query_one("#notes").border_title)
        await pilot.press(*"Shared: great progress on the talk", "ctrl+o")
        assert "shareable" in str(screen.query_one("#notes").border_title)
        await pilot.press("ctrl+n", *"Private: thinking about leaving")
        screen.go(GENERAL)
        await pilot.press(*"private general note", "ctrl+q")
    shared = run_cli("export", "latest", "--shareable", "--db", str(history_db)).stdout
    assert shared.splitlines()[2] == "*Shared copy: private notes are left out.*"
    assert "great progress on the talk" in shared
    assert "leaving" not in shared and "private general note" not in shared
    full = run_cli("export", "latest", "--db", str(history_db)).stdout
    assert "leaving" in full and "Shared copy" not in full
    doc = json.loads(run_cli("export", "latest", "--format", "json", "--shareable", "--db", str(history_db)).stdout)
    assert all(q["notes"] == "" or q["shareable"] for q in doc["questions"]) and doc["general_notes"] == ""


def test_running_file_per_person_newest_first(history_db: Path) -> None:
    store = Store.open(history_db, clock=lambda: "2026-11-01T10:00:00")
    pid = store.find_person("Ana").id
    c2 = store.start_conversation(pid, "second-meeting")
    store.save_notes(c2, "kid-dream", "Astronaut")
    store.close()
    md = run_cli("export", "Ana", "--format", "md", "--all", "--db", str(history_db)).stdout
    assert md.startswith("# 1-on-1s with Ana Berg\n")
    first, second = md.index("## 2026-11-01 — Second meeting"), md.index("## 2026-10-01 — First meeting")
    assert first < second
    assert "### Agenda for the 1-1" in md and "#### As a kid" in md and "Astronaut" in md
    r = run_cli("export", "Ana", "--all", "--format", "json", "--db", str(history_db))
    assert r.returncode == 2 and "--all writes Markdown" in r.stderr


def test_questions_the_action_form_answered_are_not_listed_as_not_yet_asked(tmp_path: Path) -> None:
    """The brief said 'When will you do this? / What support do you need? / On a scale
    1-10…' were not yet asked, though the action form had answered them (#25.4a)."""
    db = tmp_path / "g.db"
    store = Store.open(db)
    ana = store.add_person("Ana Berg")
    conv = store.start_conversation(ana, "third-meeting-grow")
    store.add_action(
        ana, conv, "Draft the talk", due="2026-12-04", due_date="2026-12-04", support="a reviewer", commitment=8
    )
    store.set_status(conv, "completed")
    bo = store.add_person("Bo Lind")  # only my own promise: it answers none of their questions
    mine = store.start_conversation(bo, "third-meeting-grow")
    store.add_action(bo, mine, "Find a reviewer", due="2026-12-04", support="x", commitment=9, owner="me")
    store.set_status(mine, "completed")
    not_yet = [text for _, text in make_brief(store, load_library(Path("/none")), store.person(ana)).not_yet_asked]
    not_yet_bo = [text for _, text in make_brief(store, load_library(Path("/none")), store.person(bo)).not_yet_asked]
    store.close()
    asked_by_the_form = [
        q.text
        for q in load_library(Path("/none")).agendas["third-meeting-grow"].questions()
        if q.answered_by in ("due", "support", "commitment")
    ]
    assert len(asked_by_the_form) == 3 and not set(asked_by_the_form) & set(not_yet), not_yet
    assert set(asked_by_the_form) <= set(not_yet_bo), not_yet_bo


def test_the_brief_recalls_what_the_manager_keeps_about_them(tmp_path: Path) -> None:
    """The person form's notes never appeared in the brief (#25.4c)."""
    db = tmp_path / "g.db"
    store = Store.open(db)
    ana = store.add_person("Ana Berg", notes="Prefers written feedback;\nback from leave in March")
    brief = make_brief(store, load_library(Path("/none")), store.person(ana))
    store.close()
    assert "About them: Prefers written feedback; back from leave in March" in brief_lines(brief)
    assert brief_dict(brief)["about"] == "Prefers written feedback;\nback from leave in March"

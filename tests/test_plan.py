"""A development plan that lasts (#28, part 2): goals from the shell and from the third
meeting's Goal notes, actions that serve them, "still the goal?" at a check-in, and
the plan where the manager looks: history, the people screen, the brief, exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import make_app, run_cli, settle, until
from test_type_ahead import burst, settled, slowly

from growtui.screens.person_panes import PlanPane
from growtui.store import Store

GOAL = "Lead the API gateway work"


def cli(db: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_cli(*args, "--db", str(db))


def series_done(db: Path, upto: tuple[str, ...]) -> tuple[int, int]:
    """Ada, with these meetings completed (a day apart, in November); her id and the last one's."""
    now = ["2026-11-01T10:00:00"]
    store = Store.open(db, clock=lambda: now[0])
    ada = store.add_person("Ada Lovelace", cadence_days=14)
    cid = 0
    for n, agenda in enumerate(upto):
        now[0] = f"2026-11-{n + 1:02d}T10:00:00"
        cid = store.start_conversation(ada, agenda)
        store.save_notes(cid, "_general", f"meeting {n}")
        now[0] = f"2026-11-{n + 1:02d}T10:40:00"
        store.set_status(cid, "completed")
    store.close()
    return ada, cid


def test_a_plan_from_the_shell_keeps_every_change_with_its_date(tmp_path: Path) -> None:
    db = tmp_path / "growtui.db"
    ada, cid = series_done(db, ("first-meeting",))
    r = cli(db, "plan", "Ada", "add", *GOAL.split(), "--by", "2027-06-30", "--measure", "the RFC is merged")
    assert r.returncode == 0, r.stderr
    goal_id = json.loads(cli(db, "plan", "Ada", "--json").stdout)[0]["id"]
    store = Store.open(db)
    store.add_action(ada, cid, "Write the RFC", commitment=8, goal_id=goal_id)
    done = store.add_action(ada, cid, "Pair with the platform team", goal_id=goal_id)
    store.update_action(done, None, outcome="done")
    store.add_action(ada, cid, "Unrelated")
    store.close()
    assert cli(db, "plan", "Ada", "set", str(goal_id), "--status", "reached").returncode == 0
    plan = json.loads(cli(db, "plan", "Ada", "--json").stdout)
    [g] = plan
    assert (g["text"], g["by_date"], g["measure"], g["status"]) == (GOAL, "2027-06-30", "the RFC is merged", "reached")
    assert [a["text"] for a in g["actions"]] == ["Write the RFC", "Pair with the platform team"]
    assert g["progress"] == {"done": 1, "closed": 1, "actions": 2}
    assert [(c["field"], c["value"]) for c in g["changes"]] == [("created", GOAL), ("status", "reached")]
    shown = cli(db, "plan", "Ada").stdout
    assert f"[reached] {GOAL}" in shown and "actions: 1 of 2 done" in shown and "status → reached" in shown
    assert cli(db, "plan", "Ada", "set", str(goal_id), "--status", "won").returncode == 2
    other = cli(db, "people", "add", "Bob")
    assert other.returncode == 0
    refused = cli(db, "plan", "Bob", "set", str(goal_id), "--status", "dropped")
    assert refused.returncode == 2 and "not in Bob's plan" in refused.stderr
    assert cli(db, "plan", "Ada", "set", "999", "--status", "dropped").returncode == 1
    assert cli(db, "plan").returncode == 2


def test_the_plan_is_in_the_brief_the_exports_and_a_person_s_copy(tmp_path: Path) -> None:
    db = tmp_path / "growtui.db"
    series_done(db, ("first-meeting",))
    cli(db, "plan", "Ada", "add", GOAL, "--measure", "the RFC is merged")
    brief = cli(db, "brief", "Ada").stdout
    assert f"Their goal: {GOAL} · on track when: the RFC is merged" in brief
    assert [g["text"] for g in json.loads(cli(db, "brief", "Ada", "--json").stdout)["goals"]] == [GOAL]
    assert "## Development plan" in cli(db, "export", "Ada", "--all", "--format", "md").stdout
    assert GOAL in cli(db, "handover", "Ada").stdout
    out = tmp_path / "copy"
    assert cli(db, "person", "export", "Ada", "--out", str(out)).returncode == 0
    assert json.loads((out / "plan.json").read_text())[0]["text"] == GOAL
    assert cli(db, "person", "erase", "Ada", "--yes").returncode == 0
    assert b"API gateway" not in db.read_bytes()


async def test_the_third_meeting_s_goal_notes_become_their_goal_and_actions_serve_it(tmp_path: Path) -> None:
    """In the third meeting, typed in one burst: notes under "What would you like to
    achieve?" and "How will you know?"; the summary offers them as their goal, g and
    Enter make it; the next action made serves it (the form's default)."""
    db = tmp_path / "growtui.db"
    series_done(db, ("first-meeting", "second-meeting"))
    store = Store.open(db)
    cid = store.start_conversation(store.find_person("Ada").id, "third-meeting-grow")
    store.close()
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "enter")  # (resumes the third meeting)
        await until(pilot, lambda: type(app.screen).__name__ == "ConversationScreen")
        burst(app, "a clear outcome", "ctrl+n", GOAL, "ctrl+n", "the RFC is merged")
        await settled(pilot, app)
        await pilot.press("ctrl+g")
        await until(pilot, lambda: type(app.screen).__name__ == "SummaryScreen")
        assert GOAL in str(app.screen.query_one("#summary-goal").render())
        await pilot.press("g")
        await until(pilot, lambda: type(app.screen).__name__ == "GoalForm")
        assert app.screen.query_one("#measure").value == "the RFC is merged"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "SummaryScreen")
        await settle(pilot, app)
        await pilot.press("escape")  # back to the conversation: the next action serves the goal
        await until(pilot, lambda: type(app.screen).__name__ == "ConversationScreen")
        burst(app, "ctrl+t", "Write the RFC", "enter")
        await settled(pilot, app)
        await settle(pilot, app)
    store = Store.open(db)
    [goal] = store.goals(store.find_person("Ada").id)
    [action] = store.actions_of(cid)
    store.close()
    assert (goal.text, goal.measure, goal.conversation_id, goal.question_id) == (
        GOAL,
        "the RFC is merged",
        cid,
        "goal-achieve",
    )
    assert action.goal_id == goal.id


@pytest.mark.parametrize("fast", [False, True], ids=["slowly", "in-one-burst"])
@pytest.mark.parametrize("answer,keys,status", [("kept", ("right",), "active"), ("reached", ("right",) * 3, "reached")])
async def test_a_check_in_asks_still_the_goal_and_keeps_the_answer(
    tmp_path: Path, answer: str, keys: tuple[str, ...], status: str, fast: bool
) -> None:
    db = tmp_path / "growtui.db"
    ada, _ = series_done(db, ("first-meeting", "second-meeting", "third-meeting-grow"))
    store = Store.open(db)
    goal_id = store.add_goal(ada, GOAL, measure="the RFC is merged")
    store.close()
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: len(getattr(app.screen, "standings", {})) == 1)
        assert f"goal: {GOAL}" in str(app.screen.query_one("#people-detail").render())
        await pilot.press("s", "enter")  # (the GROW check-in, next in the series)
        await until(pilot, lambda: type(app.screen).__name__ == "CarryOverScreen")
        shown = " ".join(str(s.render()) for s in app.screen.query(".noted"))
        assert GOAL in shown
        answer_then_type = (*keys, "tab", "enter", "first words")  # (the answer; Continue; the notes)
        if fast:
            burst(app, *answer_then_type)
            await settled(pilot, app)
        else:
            await slowly(pilot, *answer_then_type)
        await until(pilot, lambda: type(app.screen).__name__ == "ConversationScreen")
        await settle(pilot, app)
        conv = app.screen.conv_id  # type: ignore[attr-defined]
    store = Store.open(db)
    changes = [(c["field"], c["value"], c["conversation_id"]) for c in store.goal_changes(goal_id)]
    assert ("check-in", answer, conv) in changes and store.goal(goal_id).status == status
    assert "first words" in [r.notes for r in store.records(conv).values()]
    store.close()


async def test_the_plan_tab_shows_each_goal_and_g_adds_one(tmp_path: Path) -> None:
    db = tmp_path / "growtui.db"
    series_done(db, ("first-meeting",))
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: len(getattr(app.screen, "standings", {})) == 1)
        await pilot.press("h")
        await until(pilot, lambda: type(app.screen).__name__ == "HistoryScreen")
        history = app.screen
        burst(app, "g", "Speak at a conference", "tab", "in 6 months", "enter")  # (typed at once)
        await settled(pilot, app)
        pane = history.query_one(PlanPane)
        await until(pilot, lambda: app.screen is history and len(pane.goals) == 1)
        assert "Speak at a conference" in str(pane.query_one("#goal-detail").render())
        await settle(pilot, app)
    plan = json.loads(cli(db, "plan", "Ada", "--json").stdout)
    assert plan[0]["text"] == "Speak at a conference" and plan[0]["by"] == "in 6 months" and plan[0]["by_date"]


def test_the_team_puts_who_needs_attention_first_and_says_why(tmp_path: Path) -> None:
    db = tmp_path / "growtui.db"
    ada, cid = series_done(db, ("first-meeting",))  # (met 1 Nov, every 14 days: overdue)
    store = Store.open(db)
    bob = store.add_person("Bob Brown", cadence_days=365)
    store.add_goal(ada, GOAL)
    store.close()
    cli(db, "note", "Ada", "Shipped it", "--kind", "win")
    rows = json.loads(cli(db, "team", "--json").stdout)
    by_name = {r["name"]: r for r in rows}
    assert by_name["Ada Lovelace"]["goal"]["text"] == GOAL and by_name["Ada Lovelace"]["days_since_note"] == 0
    assert by_name["Bob Brown"]["goal"] is None and "no goal" in by_name["Bob Brown"]["needs"]
    assert (
        by_name["Bob Brown"]["id"] == bob
        and rows[0]["conversation_overdue_days"] >= rows[-1]["conversation_overdue_days"]
    )
    table = cli(db, "team").stdout
    assert GOAL in table and "no goal" in table


async def test_t_shows_the_team_whole_at_80x24_and_enter_opens_their_history(tmp_path: Path) -> None:
    db = tmp_path / "growtui.db"
    series_done(db, ("first-meeting",))
    cli(db, "plan", "Ada", "add", GOAL)
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: len(getattr(app.screen, "standings", {})) == 1)
        await pilot.press("t")
        await until(pilot, lambda: type(app.screen).__name__ == "TeamScreen")
        table = app.screen.query_one("#team-table")
        assert sum(c.width for c in table.columns.values()) + 2 * len(table.columns) <= 80  # type: ignore[attr-defined]
        assert GOAL in str(app.screen.query_one("#team-detail").render())
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "HistoryScreen")

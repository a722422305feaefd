"""The installed `growtui` in a real terminal through the manager's year (#28): a note
between meetings, the third meeting whose Goal notes become her goal, a check-in that
asks "still the goal?", then the review packet — every line of which names a real source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli
from test_review_packet import sources
from tmux import Terminal, complete_and_quit, growtui_command

from growtui.store import Store

pytestmark = pytest.mark.e2e

GOAL = "Lead the gateway work"
WIN = "Ran the incident review calmly"


def test_notes_a_goal_from_meeting_three_a_check_in_and_the_review_packet(
    tmp_path: Path, terminal_env: dict[str, str]
) -> None:
    db = tmp_path / "growtui.db"
    now = ["2026-10-01T10:00:00"]
    store = Store.open(db, clock=lambda: now[0])
    ada = store.add_person("Ada Lovelace", "Engineer", 14)
    for day, agenda in (("2026-10-01", "first-meeting"), ("2026-10-15", "second-meeting")):
        now[0] = f"{day}T10:00:00"
        cid = store.start_conversation(ada, agenda)
        store.save_notes(cid, "_general", f"{agenda} notes")
        now[0] = f"{day}T10:40:00"
        store.set_status(cid, "completed")
    store.close()
    term = Terminal(growtui_command("--db", str(db)), 100, 30, terminal_env)
    try:
        term.wait_for("growtui · people")
        term.wait_for("Ada Lovelace")
        # A note between meetings, from the people screen.
        term.keys("F5")
        term.wait_for("A note between meetings — Ada Lovelace")
        term.type(WIN)
        term.keys("Tab")
        term.type("win")
        term.keys("Enter")
        term.wait_for("Noted (win")
        # The third meeting: its carry-over opens with the note; then her goal, in her words.
        term.keys("s")
        term.wait_for("enter start ·")
        term.keys("Enter")
        term.wait_for("You noted since last time")
        term.keys("Enter")  # (Continue)
        term.wait_for("What outcome would you like")
        term.type("Clarity on where to grow")
        term.keys("C-n")
        term.wait_for("What would you like to achieve?")
        term.type(GOAL)
        term.keys("C-n")
        term.wait_for("How will you know")
        term.type("the RFC is merged")
        term.wait_for("saved")
        term.keys("C-g")
        term.wait_for("Make this their goal?")
        term.keys("g")
        term.wait_for("Their goal: what would they like to achieve?")
        term.keys("Enter")
        term.wait_for("A goal of their plan now")
        term.keys("c", "c")
        term.wait_for("growtui · people")
        # The check-in: "still the goal?" — kept.
        term.keys("s")
        term.wait_for("enter start ·")
        term.keys("Enter")
        term.wait_for("still the goal?")
        term.keys("Right", "Tab", "Enter")
        term.wait_for("⏱")
        complete_and_quit(term)
    finally:
        term.close()
    r = run_cli("review", "Ada", "--from", "2026-01-01", "--to", "2099-12-31", "--format", "json", "--db", str(db))
    assert r.returncode == 0, r.stderr
    packet = json.loads(r.stdout)
    [goal] = packet["goals"]
    assert goal["text"] == GOAL and goal["measure"] == "the RFC is merged" and goal["status"] == "active"
    assert [c["value"] for c in goal["changes"] if c["field"] == "check-in"] == ["kept"]
    assert [e["text"] for e in packet["notes_between_meetings"]["win"]] == [WIN]
    assert GOAL in {s["text"] for s in packet["goal_answers"]}
    store = Store.open(db)
    for s in sources(packet):  # every line names a real source
        if "conversation" in s:
            assert store.conversation(s["conversation"]).started_at[:10] == s["date"]
        elif "note" in s:
            assert store.note(s["note"]).noted_on == s["date"]
    store.close()
    md = run_cli("review", "Ada", "--from", "2026-01-01", "--to", "2099-12-31", "--db", str(db)).stdout
    assert all("(20" in line for line in md.splitlines() if line.startswith("- "))

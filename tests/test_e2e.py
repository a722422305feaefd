"""The installed `growtui` in a real terminal (tmux), as a manager uses it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from growtui.dues import due_text

from conftest import run_cli
from tmux import Terminal, complete_and_quit, growtui_command

pytestmark = pytest.mark.e2e


def export(db: Path) -> dict:  # type: ignore[type-arg]
    r = run_cli("export", "latest", "--format", "json", "--db", str(db))
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_a_whole_first_meeting_at_80x24(tmp_path: Path, terminal_env: dict[str, str]) -> None:
    db = tmp_path / "growtui.db"
    term = Terminal(growtui_command("--db", str(db)), 80, 24, terminal_env)
    try:
        term.wait_for("growtui · people")
        term.keys("n")
        term.wait_for("Meet every")
        term.type("Ada Lovelace")
        term.keys("Tab")
        term.type("Engineer")
        term.keys("Enter")
        term.wait_for("Ada Lovelace")
        term.keys("s")
        term.wait_for("enter start ·")
        term.keys("Enter")
        term.wait_for("How did you start with programming?")
        term.type("Started with BASIC on a C64")
        term.keys("C-n")
        term.wait_for("What do you like the most in your job?")
        term.type("Likes the people and the pace")
        term.keys("C-t")
        term.wait_for("What will you do?")
        term.type("Write the onboarding RFC")
        term.keys("Enter")
        term.wait_for("Write the onboarding RFC")
        term.keys("F4", "7")
        term.wait_for("███████░░░")
        complete_and_quit(term)
    finally:
        term.close()
    doc = export(db)
    assert doc["person"] == "Ada Lovelace" and doc["agenda"] == "first-meeting" and doc["status"] == "completed"
    notes = {q["id"]: q["notes"] for q in doc["questions"]}
    assert notes["start"] == "Started with BASIC on a C64"
    assert notes["like-most"] == "Likes the people and the pace"
    assert [(a["text"], a["commitment"]) for a in doc["actions"]] == [("Write the onboarding RFC", 7)]


def test_sigkill_loses_nothing_typed_a_second_before(tmp_path: Path, terminal_env: dict[str, str]) -> None:
    db = tmp_path / "growtui.db"
    run_cli("demo", "--db", str(db), "--people", "1", "--conversations", "0")
    term = Terminal(growtui_command("--db", str(db)), 80, 24, terminal_env)
    words = "mentoring kubernetes promotion conference pairing roadmap".split()
    try:
        term.wait_for("growtui · people")
        term.keys("s")
        term.wait_for("enter start ·")
        term.keys("Enter")
        term.wait_for("How did you start with programming?")
        for word in words[:3]:
            term.type(word + " ", pause=0.05)
        term.keys("C-n")
        term.wait_for("What do you like the most")
        for word in words[3:]:
            term.type(word + " ", pause=0.05)
        time.sleep(1.5)
        os.kill(term.pid, signal.SIGKILL)
        term.wait_exit()
    finally:
        term.close()
    text = " ".join(q["notes"] for q in export(db)["questions"])
    for word in words:
        assert word in text


def test_the_demo_says_its_data_is_thrown_away(terminal_env: dict[str, str]) -> None:
    term = Terminal(growtui_command("--demo"), 100, 30, terminal_env)
    try:
        term.wait_for("growtui · people · sample data, thrown away when you quit")
        term.keys("C-q")
        term.wait_exit()
    finally:
        term.close()


def test_a_whole_third_meeting_every_follow_up_in_at_most_45_navigation_keys(
    tmp_path: Path, terminal_env: dict[str, str]
) -> None:
    """Meeting 3 at 80×24, every question and follow-up noted, an action that answers
    the Will questions, completed: the keys that are not notes are counted."""
    from growtui.agendas import load_library
    from growtui.store import Store

    db = tmp_path / "growtui.db"
    store = Store.open(db)
    person = store.add_person("Ada Lovelace", cadence_days=14)
    for agenda in ("first-meeting", "second-meeting"):
        store.set_status(store.start_conversation(person, agenda), "completed")
    store.close()
    agenda = load_library(Path("/nonexistent")).agendas["third-meeting-grow"]
    questions = [n.item for n in agenda.nodes()]
    navigation = 0

    def keys(*names: str) -> None:
        nonlocal navigation
        navigation += len(names)
        term.keys(*names)

    term = Terminal(growtui_command("--db", str(db)), 80, 24, terminal_env)
    try:
        term.wait_for("Ada Lovelace")
        keys("s")
        term.wait_for("Third meeting")
        keys("Enter")
        for n, item in enumerate(questions):
            term.wait_for(item.text[:30])
            term.type(f"note {n}")
            if item.id == "will-actions":
                keys("C-t")
                term.wait_for("What will you do?")
                term.type("Draft the gateway RFC")
                keys("Tab")
                term.type("2026-12-04")
                keys("Tab")
                term.type("a reviewer")
                keys("Tab")
                term.type("8")
                keys("Enter")
                term.wait_for("Draft the gateway RFC")
            if n < len(questions) - 1:
                keys("C-f")
        keys("C-g")
        term.wait_for("Summary")
        keys("c", "c")
        term.wait_for("growtui · people")
        term.keys("C-q")
        term.wait_exit()
    finally:
        term.close()
    assert navigation <= 45, navigation
    doc = export(db)
    notes = {q["id"]: q["notes"] for q in doc["questions"]}
    assert [notes[item.id] for item in questions] == [f"note {n}" for n in range(len(questions))]
    assert doc["status"] == "completed" and all(q["asked"] for q in doc["questions"])
    will_when = next(q for q in doc["questions"] if q["id"] == "will-when")
    assert will_when["answers"] == [f"Draft the gateway RFC: {due_text('2026-12-04', '2026-12-04')}"]


def require_faketime() -> None:
    import shutil

    if shutil.which("faketime") is None:
        if os.environ.get("CI"):
            pytest.fail("faketime is missing: .ci/run should have installed it")
        pytest.skip("faketime is not installed")


def at(day: str, *args: str) -> str:
    """The installed app (or a command) under faketime: the clock starts there and runs."""
    return f"faketime -f '@{day} 10:00:00' " + growtui_command(*args)


def an_action_due_next_friday(term: Terminal, text: str) -> None:
    """On the people screen: the first meeting, a note, and an action due "next Friday"
    typed in its form (left open: its other fields are the caller's)."""
    term.wait_for("Ada Lovelace")
    term.keys("s")
    term.wait_for("enter start ·")
    term.keys("Enter")
    term.wait_for("How did you start with programming?")
    term.type("Started with Logo")
    term.keys("C-t")
    term.wait_for("What will you do?")
    term.type(text)
    term.keys("Tab")
    term.type("next Friday")
    term.wait_for("→ Fri 11 Dec")


def test_an_action_due_next_friday_is_overdue_once_the_clock_passes_it(
    tmp_path: Path, terminal_env: dict[str, str]
) -> None:
    """The installed app under faketime: typed on Tuesday 1 December, "next Friday" is
    the 11th; on the 10th nothing is late, on the 14th it is, everywhere."""
    require_faketime()
    db = tmp_path / "growtui.db"
    assert run_cli("people", "add", "Ada Lovelace", "--cadence", "14", "--db", str(db)).returncode == 0

    env = {**terminal_env, "FAKETIME_DONT_FAKE_MONOTONIC": "1"}  # (the app's timers run on real time)
    term = Terminal(at("2026-12-01", "--db", str(db)), 80, 24, env)
    try:
        an_action_due_next_friday(term, "Draft the RFC")
        term.keys("Enter")
        term.wait_for("Fri 11 Dec")
        complete_and_quit(term)
    finally:
        term.close()

    def overdue(day: str) -> list[str]:
        r = subprocess.run(
            at(day, "actions", "--overdue", "--json", "--db", str(db)),
            shell=True,
            capture_output=True,
            text=True,
            env={**os.environ, **env},
        )
        assert r.returncode == 0, r.stderr
        return [a["text"] for a in json.loads(r.stdout)]

    assert overdue("2026-12-10") == []
    assert overdue("2026-12-14") == ["Draft the RFC"]
    term = Terminal(at("2026-12-14", "--db", str(db)), 80, 24, env)
    try:
        screen = term.wait_for("Ada Lovelace")
        assert "1 (1 late)" in screen
        term.keys("C-q")
        term.wait_exit()
    finally:
        term.close()


def test_a_transcript_of_the_call_just_held_lands_under_its_questions(
    tmp_path: Path, terminal_env: dict[str, str]
) -> None:
    """Hold a short first meeting in the installed app (about five seconds on the first
    question, then the second), attach a recording of it, and read each line under
    the question that was on screen when it was said."""
    db = tmp_path / "growtui.db"
    assert run_cli("people", "add", "Ada Lovelace", "--db", str(db)).returncode == 0
    term = Terminal(growtui_command("--db", str(db)), 80, 24, terminal_env)
    try:
        term.wait_for("Ada Lovelace")
        term.keys("s")
        term.wait_for("enter start ·")
        term.keys("Enter")
        term.wait_for("How did you start with programming?")
        term.type("Logo at school")
        time.sleep(5)
        term.keys("C-n")
        term.wait_for("What do you like the most in your job?")
        term.type("the people")
        time.sleep(5)
        complete_and_quit(term)
    finally:
        term.close()
    vtt = tmp_path / "GMT20261201-100000_Recording.transcript.vtt"
    vtt.write_text(
        "WEBVTT\n\n1\n00:00:03.000 --> 00:00:04.000\nDana Manager: How did you start?\n\n"
        "2\n00:00:08.500 --> 00:00:10.000\nAda Lovelace: The people, mostly.\n"
    )
    r = run_cli("transcript", "attach", "latest", str(vtt), "--db", str(db))
    assert r.returncode == 0, r.stderr
    lines = json.loads(run_cli("transcript", "show", "latest", "--json", "--db", str(db)).stdout)["transcript"]
    assert [(c["question_id"], c["speaker"], c["side"]) for c in lines] == [
        ("start", "Dana Manager", "me"),
        ("like-most", "Ada Lovelace", "them"),
    ]


def test_meeting_one_read_a_week_later_keeps_its_cadence_dates_and_whose_promise_is_whose(
    tmp_path: Path, terminal_env: dict[str, str]
) -> None:
    """The installed app under faketime (#25): on Tuesday 1 December meeting 1 agrees a
    cadence of 14 days, an action of theirs and one of mine, both "next Friday". A week
    later the people screen, the brief, the follow-through tab and the copy sent to the
    report say Fri 11 Dec (never "next Friday"), count their score, not mine, and list
    my promise as mine."""
    require_faketime()
    db = tmp_path / "growtui.db"
    assert run_cli("people", "add", "Ada Lovelace", "--db", str(db)).returncode == 0

    env = {**terminal_env, "FAKETIME_DONT_FAKE_MONOTONIC": "1"}  # (the app's timers run on real time)
    term = Terminal(at("2026-12-01", "--db", str(db)), 80, 24, env)
    try:
        an_action_due_next_friday(term, "Draft the onboarding RFC")
        term.keys("Tab", "Tab")
        term.type("8")
        term.keys("Enter")
        term.wait_for("Draft the onboarding RFC")
        term.keys("C-t")
        term.wait_for("What will you do?")
        term.type("Book the conference for Ada")
        term.keys("Tab")
        term.type("next Friday")
        term.wait_for("→ Fri 11 Dec")
        term.keys("Tab", "Tab", "Tab", "Tab")
        term.type("me")
        term.wait_for("What will you do for them?")
        term.keys("Enter")
        term.wait_for("(me) Book the conference for Ada")
        term.keys("C-g")
        term.wait_for("They want to meet every")
        term.keys("Tab")
        term.type("14")
        term.keys("Enter", "c", "c")
        term.wait_for("growtui · people")
        term.keys("C-q")
        term.wait_exit()
    finally:
        term.close()

    def cli(*args: str) -> str:
        r = subprocess.run(
            at("2026-12-08", *args, "--db", str(db)),
            shell=True,
            capture_output=True,
            text=True,
            env={**os.environ, **env},
        )
        assert r.returncode == 0, r.stderr
        return r.stdout

    people = json.loads(cli("people", "--json"))[0]
    assert (people["cadence_days"], people["next_due"]) == (14, "2026-12-15")
    assert (people["open_actions"], people["my_open_actions"], people["latest_commitment"]) == (1, 1, 8)
    brief = cli("brief", "Ada Lovelace")
    assert "next Friday" not in brief and brief.count("Fri 11 Dec") == 2
    theirs, mine = brief.split("What I promised")
    assert "Draft the onboarding RFC" in theirs and "Book the conference" not in theirs
    assert "Book the conference for Ada" in mine
    shared = cli("export", "latest", "--shareable")
    assert "next Friday" not in shared and "Fri 11 Dec" in shared
    theirs, mine = shared.split("What I promised")
    assert "Draft the onboarding RFC" in theirs and "Book the conference for Ada" in mine

    term = Terminal(at("2026-12-08", "--db", str(db)), 80, 24, env)
    try:
        screen = term.wait_for("Ada Lovelace")
        row = next(line for line in screen.splitlines() if "Ada Lovelace" in line and "Dec" in line)
        assert "in 7d" in row and "8/10" in row
        term.wait_for("1 of my promises open")  # (the Open column counts theirs)
        term.keys("h")
        term.wait_for("Follow-through")
        term.keys("Right")
        screen = term.wait_for("(me) Book the conference")
        assert "Draft the onboarding RFC" in screen
        term.wait_for("Mine: Book the conference for Ada · due Fri 11 Dec")  # (the newest first)
        term.keys("Down")
        term.wait_for("Theirs: Draft the onboarding RFC · due Fri 11 Dec · commitment 8")
        term.keys("C-q")
        term.wait_exit()
    finally:
        term.close()

"""Every key lands where it was typed: keys delivered as one burst (all queued
before the app handles the first) save exactly what slow typing saves."""

from __future__ import annotations

import json
import os
import signal
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from textual import events
from textual.keys import _character_to_key as character_to_key

from growtui.store import Store

from conftest import ada_in_a_meeting, make_app, run_cli, settle, until
from tmux import Terminal, growtui_command, start_first_meeting

NAMED = {
    "ctrl+n",
    "ctrl+p",
    "ctrl+f",
    "ctrl+t",
    "ctrl+r",
    "ctrl+o",
    "ctrl+g",
    "enter",
    "escape",
    "tab",
    "f2",
    "f3",
    "f4",
    "f5",
    "f9",
    "ctrl+underscore",
    "down",
    "up",
    "right",
    "left",
}


def key_events(*items: str) -> list[events.Key]:
    """Text is typed character by character; named keys ('ctrl+n') are pressed."""
    out = []
    for item in items:
        for key in [item] if item in NAMED else list(item):
            name = character_to_key(key) if len(key) == 1 and not key.isalnum() else key
            if len(key) == 1:
                char: str | None = key
            else:
                try:
                    char = unicodedata.lookup(name.upper()) if name in ("enter", "tab", "escape") else None
                except KeyError:
                    char = None
                char = {"enter": "\r", "tab": "\t", "escape": "\x1b"}.get(name, char)
            out.append(events.Key(name, char))
    return out


def burst(app, *items: str) -> None:  # type: ignore[no-untyped-def]
    """All keys into the app's queue at once, as a busy machine delivers them."""
    for event in key_events(*items):
        event.set_sender(app)
        app._driver.send_message(event)


async def slowly(pilot, *items: str) -> None:  # type: ignore[no-untyped-def]
    for event in key_events(*items):
        await pilot.press(event.key if event.key != "space" else "space")


@pytest.fixture
def db(conversation: tuple[Path, int]) -> Path:
    return conversation[0]


def saved(db: Path) -> tuple[dict[str, str], list[str]]:
    store = Store.open(db)
    cid = store.latest_conversation_id()
    notes = {k: r.notes for k, r in store.records(cid).items() if r.notes}
    actions = [a.text for a in store.actions_of(cid)]
    store.close()
    return notes, actions


async def type_in(db: Path, items: tuple[str, ...], fast: bool, screen: str = "ConversationScreen") -> None:
    """`s`, Enter (resume the conversation, or start the suggested one), then the keys:
    slowly, or all queued at once; then quit."""
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == screen
        if fast:
            burst(app, *items)
        else:
            await slowly(pilot, *items)
        await settled(pilot, app)
        await pilot.press("ctrl+q")


async def settled(pilot, app) -> None:  # type: ignore[no-untyped-def]
    """Until the app has taken every key of the burst (none held, none being replayed,
    no transition in flight), however loaded the machine: then quit, as a person would."""
    quiet = 0
    for _ in range(100):
        await pilot.pause(0.1)
        gate = app.gate
        quiet = quiet + 1 if not (gate.held or gate.in_flight or gate.replaying) else 0
        if quiet >= 3:
            return


async def run(db: Path, items: tuple[str, ...], fast: bool) -> tuple[dict[str, str], list[str]]:
    await type_in(db, items, fast)
    return saved(db)


async def test_a_burst_of_notes_and_next_question_lands_on_each_question(db: Path) -> None:
    notes, _ = await run(db, ("alpha one", "ctrl+n", "bravo two", "ctrl+n", "charlie three"), fast=True)
    assert notes == {"start": "alpha one", "like-most": "bravo two", "important": "charlie three"}


async def test_a_burst_through_the_action_form_keeps_notes_and_action_apart(db: Path) -> None:
    notes, actions = await run(db, ("note one", "ctrl+t", "Write the proposal", "enter", " more notes"), fast=True)
    assert notes == {"start": "note one more notes"}
    assert actions == ["Write the proposal"]


# Meeting 1's record, typed: notes, an action of theirs (score 8), one of mine ("me"), both
# "next Friday"; then the cadence in the summary, and complete.
MEETING_ONE_RECORD = (
    "first words",
    "ctrl+t",
    "Draft the RFC",
    "tab",
    "next Friday",
    "tab",
    "tab",
    "8",
    "enter",
    "ctrl+t",
    "Book the room",
    "tab",
    "next Friday",
    "tab",
    "tab",
    "tab",
    "tab",
    "me",
    "enter",
    "ctrl+g",
    "tab",
    "14",
    "enter",
    "c",
    "c",
)


async def test_meeting_one_s_record_typed_in_one_burst_is_what_slow_typing_keeps(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The record #25 set right, at a manager's speed: an action of theirs and one of
    mine, both "next Friday" (the form's questions turn as "me" is typed), then the
    cadence in the summary and complete, all delivered at once, keep what slow typing
    keeps: the owners, the dates understood, the score, the cadence."""
    items = MEETING_ONE_RECORD
    kept = []
    for fast in (False, True):
        path = tmp_path_factory.mktemp("record") / "growtui.db"
        ada_in_a_meeting(path)
        await type_in(path, items, fast)
        store = Store.open(path)
        cid = store.latest_conversation_id()
        kept.append(
            (
                [(a.text, a.owner, a.due_date, a.commitment) for a in store.actions_of(cid)],
                store.conversation(cid).status,
                store.people()[0].cadence_days,
            )
        )
        store.close()
    slow, fast_ = kept
    assert slow == fast_
    assert slow[0][0][:2] == ("Draft the RFC", "them") and slow[0][0][3] == 8 and slow[0][0][2]
    assert slow[0][1][:2] == ("Book the room", "me") and slow[0][1][2] == slow[0][0][2]
    assert slow[1:] == ("completed", 14)


async def test_keys_waiting_in_the_queue_when_the_gate_opens_come_after_the_held_ones(db: Path) -> None:
    """The race the terminal burst hit about 1 in 6 under load: held keys are replayed
    through the app's queue, behind keys the terminal had already put there, which
    then landed first ("Wrnote one"). Here: two keys held, two more waiting in the
    queue as the transition settles."""
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "enter")
        await pilot.pause()
        gate = app.gate
        gate.in_flight.add(-1)  # a transition in flight (no safety-net timer)
        first, later = key_events("ab"), key_events("cd")
        for event in first:
            gate.hold(event)
        for event in later:  # typed after, already in the app's queue
            app.post_message(event)
        gate._settled(-1, app.screen)  # settles now, with c and d still in the queue
        for _ in range(3):
            await pilot.pause(0.05)
        assert app.screen.query_one("#notes").text == "abcd"
        await pilot.press("ctrl+q")


async def test_a_burst_from_the_people_screen_creates_starts_and_types(tmp_path: Path) -> None:
    db = tmp_path / "growtui.db"
    Store.open(db).close()
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "n", "Ada Lovelace", "enter", "s", "enter", "hello there")
        await settled(pilot, app)  # (conditions, not a time: a busy machine takes longer)
        await until(pilot, lambda: type(app.screen).__name__ == "ConversationScreen")
        await settle(pilot, app)
        await pilot.press("ctrl+q")
    notes, _ = saved(db)
    assert notes == {"start": "hello there"}


async def carry_over(tmp_path: Path, fast: bool) -> tuple[tuple[str | None, str], dict[str, str]]:
    """Last time's open action reviewed in the carry-over, then straight on to the notes."""
    db = tmp_path / ("fast.db" if fast else "slow.db")
    store = Store.open(db)
    pid = store.add_person("Ada")
    first = store.start_conversation(pid, "first-meeting")
    action_id = store.add_action(pid, first, "Write the RFC", commitment=7)
    store.set_status(first, "completed")
    store.close()
    # the suggested next meeting: the carry-over opens first
    await type_in(db, ("down", "enter", "tab", "Finished it", "enter", "note after"), fast, "CarryOverScreen")
    store = Store.open(db)
    action = store.action(action_id)
    notes = {k: r.notes for k, r in store.records(store.latest_conversation_id()).items() if r.notes}
    store.close()
    return (action.outcome, action.result), notes


async def test_a_burst_through_the_carry_over_saves_what_slow_typing_saves(tmp_path: Path) -> None:
    slow = await carry_over(tmp_path, fast=False)
    assert slow == (("done", "Finished it"), {"kid-dream": "note after"})  # the second meeting's first question
    assert await carry_over(tmp_path, fast=True) == slow


async def test_a_bracketed_paste_lands_whole_on_the_current_question(db: Path) -> None:
    text = "\n".join(f"line {i} of a long paste " + "x" * 40 for i in range(700))  # about 50 KB
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "enter")
        await pilot.pause()
        burst(app, "before ")
        app._driver.send_message(events.Paste(text))
        burst(app, "ctrl+t")
        app._driver.send_message(events.Paste("First line only\nnot this"))
        burst(app, "enter", " after")
        for _ in range(8):
            await pilot.pause(0.1)
        await pilot.press("ctrl+q")
    notes, actions = saved(db)
    assert notes == {"start": "before " + text + " after"}
    assert actions == ["First line only"]


TEXT = st.text(alphabet="abc xyz", min_size=1, max_size=6)
STEP = st.one_of(
    TEXT,
    st.sampled_from(["ctrl+n", "ctrl+p", "ctrl+f", "ctrl+r", "ctrl+o", "f4", "f3", "f2", "down"]),
    st.builds(lambda t: ("ctrl+t", t, "enter"), st.text(alphabet="pq", min_size=1, max_size=4)),
)


# Random locally (to find new cases); the same examples in CI (a landing must not hang on luck).
@settings(
    max_examples=6,
    deadline=None,
    phases=[Phase.generate],
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=list(HealthCheck),
)
@given(steps=st.lists(STEP, min_size=1, max_size=8))
async def test_any_sequence_saves_the_same_typed_slowly_or_in_one_burst(steps: list, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    items = tuple(x for s in steps for x in (s if isinstance(s, tuple) else (s,)))
    results = []
    for fast in (False, True):
        path = tmp_path_factory.mktemp("prop") / "growtui.db"
        ada_in_a_meeting(path)
        results.append(await run(path, items, fast))
    assert results[0] == results[1], (items, results)


# -- the installed growtui in a real terminal: stopped, sent a burst, resumed -------------


TMUX_KEYS = {
    "ctrl+n": "C-n",
    "ctrl+t": "C-t",
    "ctrl+g": "C-g",
    "enter": "Enter",
    "f2": "F2",
    "f3": "F3",
    "f4": "F4",
    "down": "Down",
    "escape": "Escape",
    "tab": "Tab",
}


def send_burst(term: Terminal, *items: str) -> None:
    """What a busy machine does: the app is stopped while the keys arrive, then resumes
    and reads them all at once."""
    os.kill(term.pid, signal.SIGSTOP)
    try:
        for item in items:
            if item in TMUX_KEYS:
                term.keys(TMUX_KEYS[item], pause=0)
            else:
                term.type(item, pause=0)
        time.sleep(0.2)
    finally:
        os.kill(term.pid, signal.SIGCONT)


def export_latest(db: Path) -> dict:  # type: ignore[type-arg]
    r = run_cli("export", "latest", "--format", "json", "--db", str(db))
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def in_tmux(db: Path, env: dict[str, str], *items: str, start: bool = True) -> dict:  # type: ignore[type-arg]
    if start:
        term = start_first_meeting(db, env)
    else:
        term = Terminal(growtui_command("--db", str(db)), 80, 24, env)
        term.wait_for("growtui · people")
    try:
        send_burst(term, *items)
        print("the screen once every key was taken:", term.wait_quiet(), sep="\n")  # (shown if the test fails)
        term.keys("C-q", pause=0.5)
        term.wait_exit()
    finally:
        term.close()
    return export_latest(db)


def notes_in(doc: dict) -> dict[str, str]:  # type: ignore[type-arg]
    return {q["id"]: q["notes"] for q in doc["questions"] if q["notes"]}


@pytest.fixture
def one_person(tmp_path: Path) -> Path:
    db = tmp_path / "growtui.db"
    assert run_cli("demo", "--db", str(db), "--people", "1", "--conversations", "0").returncode == 0
    return db


@pytest.mark.e2e
def test_burst_in_a_terminal_notes_and_next_question(one_person: Path, terminal_env: dict[str, str]) -> None:
    doc = in_tmux(one_person, terminal_env, "alpha one", "ctrl+n", "bravo two", "ctrl+n", "charlie three")
    assert notes_in(doc) == {"start": "alpha one", "like-most": "bravo two", "important": "charlie three"}


@pytest.mark.e2e
def test_burst_in_a_terminal_through_the_action_form(one_person: Path, terminal_env: dict[str, str]) -> None:
    doc = in_tmux(one_person, terminal_env, "note one", "ctrl+t", "Write the proposal", "enter", " more notes")
    assert notes_in(doc) == {"start": "note one more notes"}
    assert [a["text"] for a in doc["actions"]] == ["Write the proposal"]


@pytest.mark.e2e
def test_burst_in_a_terminal_through_the_tree(one_person: Path, terminal_env: dict[str, str]) -> None:
    doc = in_tmux(one_person, terminal_env, "top", "f2", "down", "enter", "age twelve", "f4", "x", "y")
    assert notes_in(doc) == {"start": "top", "start-age": "age twelvexy"}  # printable keys in the table: notes


@pytest.mark.e2e
def test_burst_in_a_terminal_to_the_summary_and_out(one_person: Path, terminal_env: dict[str, str]) -> None:
    doc = in_tmux(one_person, terminal_env, "last words", "ctrl+g", "c", "c", "h")
    assert notes_in(doc) == {"start": "last words"} and doc["status"] == "completed"


@pytest.mark.e2e
def test_burst_in_a_terminal_from_the_people_screen(tmp_path: Path, terminal_env: dict[str, str]) -> None:
    db = tmp_path / "growtui.db"
    doc = in_tmux(db, terminal_env, "n", "Ada Lovelace", "enter", "s", "enter", "hello there", start=False)
    assert doc["person"] == "Ada Lovelace" and notes_in(doc) == {"start": "hello there"}


@pytest.mark.e2e
def test_keys_typed_as_the_app_starts_are_not_lost(one_person: Path, terminal_env: dict[str, str]) -> None:
    """`growtui⏎ s ⏎` and the first words, typed at once: the keys reach the terminal
    before the first frame (the people table had no rows yet, so `s` started nothing)."""
    term = Terminal(growtui_command("--db", str(one_person)), 80, 24, terminal_env)
    try:
        term.keys("s", "Enter", "first words", pause=0)
        term.wait_for("How did you start with programming?")
        term.wait_for("first words")
        term.keys("C-q")
        term.wait_exit()
    finally:
        term.close()
    assert notes_in(export_latest(one_person)) == {"start": "first words"}


def test_nothing_is_bound_to_ctrl_j() -> None:
    """Enter typed before the terminal is raw arrives as ctrl+j and is read as Enter (keygate)."""
    from growtui import keys

    assert not [k.id for k in keys.KEYS if "ctrl+j" in k.key.split(",")]


@pytest.mark.e2e
def test_meeting_one_s_record_in_one_burst_in_a_terminal(one_person: Path, terminal_env: dict[str, str]) -> None:
    """The installed app stopped while the whole end of meeting 1 arrives: an action of
    theirs, one of mine, the cadence, complete. Once it is back on the people screen
    (a condition, not a pause), the record is what slow typing keeps."""
    store = Store.open(one_person)
    with store.transaction():
        store.conn.execute("UPDATE people SET cadence_days = NULL")  # (not agreed yet: the summary asks)
    store.close()
    term = start_first_meeting(one_person, terminal_env)
    try:
        send_burst(term, *MEETING_ONE_RECORD)
        term.wait_for("growtui · people", timeout=60)
        term.keys("C-q")
        term.wait_exit()
    finally:
        term.close()
    doc = export_latest(one_person)
    assert doc["status"] == "completed" and notes_in(doc) == {"start": "first words"}
    kept = [(a["text"], a["owner"], a["commitment"], a["due_date"] is not None) for a in doc["actions"]]
    assert kept == [("Draft the RFC", "them", 8, True), ("Book the room", "me", None, True)]
    store = Store.open(one_person)
    assert store.people()[0].cadence_days == 14
    store.close()

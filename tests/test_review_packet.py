"""The review packet (#28, part 3): compiled from the record over a period, every entry
citing a source that is really there, the shared copy holding no private word, and R in
a person's history writing it."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from conftest import make_app, run_cli, settle, until

from growtui.store import Store

PRIVATE = "Zorblatt thinks the reorg was handled badly"
SHARED = "Wants to lead the quasar gateway work"
SAID = "I really want to own the quasar gateway"
PRIVATE_NOTE = "Snippily dismissive in the design review"
SHARED_WIN = "Demoed the gateway to the board"
OLD = "Ancient history from two years ago"


def record(db: Path, tmp_path: Path) -> dict[str, int]:
    """Ada: an old conversation (2024), then a third meeting on 2026-03-10 (a shareable
    Goal note, a private one, a transcript of her saying her goal), her actions (one done
    on time, one late, one open), one of mine done; notes between meetings; a goal from
    the meeting, kept at a check-in."""
    now = ["2024-01-10T10:00:00"]
    store = Store.open(db, clock=lambda: now[0])
    ada = store.add_person("Ada Lovelace", "Engineer", 14)
    old = store.start_conversation(ada, "first-meeting")
    store.save_notes(old, "start", OLD)
    store.set_status(old, "completed")
    now[0] = "2026-03-10T10:00:00"
    cid = store.start_conversation(ada, "third-meeting-grow")
    store.save_notes(cid, "goal-achieve", SHARED)
    store.set_shareable(cid, "goal-achieve", True)
    store.save_notes(cid, "reality-now", PRIVATE)
    on_time = store.add_action(ada, cid, "Write the gateway RFC", "2026-03-20", commitment=8, due_date="2026-03-20")
    late = store.add_action(ada, cid, "Pair with platform", "2026-03-15", commitment=5, due_date="2026-03-15")
    store.add_action(ada, cid, "Present at the guild", commitment=6)
    mine = store.add_action(ada, cid, "Book her the conference", owner="me")
    goal = store.add_goal(ada, SHARED, measure="the RFC is merged", conv_id=cid, question_id="goal-achieve")
    now[0] = "2026-03-10T10:45:00"
    store.set_status(cid, "completed")
    now[0] = "2026-03-18T09:00:00"
    store.update_action(on_time, None, outcome="done", result="merged")
    store.update_action(mine, None, outcome="done")
    now[0] = "2026-03-25T09:00:00"
    store.update_action(late, None, outcome="done")
    store.add_note(ada, SHARED_WIN, "win", "2026-04-01", shareable=True)
    store.add_note(ada, PRIVATE_NOTE, "concern", "2026-04-02")
    now[0] = "2026-04-10T10:00:00"
    check = store.start_conversation(ada, "grow-check-in")
    store.check_in(goal, "kept", check)
    store.set_status(check, "completed")
    store.close()
    vtt = tmp_path / "call.vtt"
    vtt.write_text(
        f"WEBVTT\n\n00:00:01.000 --> 00:00:09.000\n<v Ada Lovelace>{SAID}\n\n00:00:10.000 --> 00:00:12.000\n<v Me>Why?\n"
    )
    r = run_cli("transcript", "attach", str(cid), str(vtt), "--me", "Me", "--db", str(db))
    assert r.returncode == 0, r.stderr
    with sqlite3.connect(db) as conn:  # (the whole call sat under the Goal question it was aligned to)
        conn.execute("UPDATE transcript_cues SET question_id = 'goal-achieve' WHERE conversation_id = ?", (cid,))
    return {"ada": ada, "cid": cid, "old": old, "check": check, "goal": goal}


def packet(db: Path, *extra: str) -> dict[str, Any]:
    r = run_cli(
        "review", "Ada", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "json", *extra, "--db", str(db)
    )
    assert r.returncode == 0, r.stderr
    return dict(json.loads(r.stdout))


def sources(p: dict[str, Any]) -> list[dict[str, Any]]:
    """Every source the packet cites, from every section."""
    out: list[dict[str, Any]] = []
    for g in p["goals"]:
        out += [g["source"], *(c["source"] for c in g["changes"])]
    for section in ("actions", "my_promises", "their_talk", "goal_answers"):
        out += [e["source"] for e in p[section]]
    for entries in p["notes_between_meetings"].values():
        out += [e["source"] for e in entries]
    for t in p["themes"]:
        out += t["sources"]
    return out


def test_every_entry_cites_a_source_that_is_really_there(tmp_path: Path) -> None:
    db = tmp_path / "growtui.db"
    ids = record(db, tmp_path)
    p = packet(db)
    cited = sources(p)
    assert cited and all(s for s in cited)
    store = Store.open(db)
    for s in cited:
        if "conversation" in s:
            conv = store.conversation(s["conversation"])  # (raises if it is not there)
            assert conv.started_at[:10] == s["date"] and conv.person_id == ids["ada"]
            if s.get("question"):
                assert s["question"] in store.records(conv.id) or s["question"] in {
                    c.question_id for c in store.cues_of(conv.id)
                }
        elif "note" in s:
            assert store.note(s["note"]).noted_on == s["date"]
        else:
            assert s.get("plan_goal") == ids["goal"] or s.get("plan")
    store.close()
    assert p["conversations"] == 2  # (the 2024 one is outside the period)
    assert OLD not in json.dumps(p)
    actions = {a["text"]: a for a in p["actions"]}
    assert actions["Write the gateway RFC"]["on_time"] is True and actions["Write the gateway RFC"]["committed"] == 8
    assert (
        actions["Pair with platform"]["on_time"] is False and actions["Pair with platform"]["closed_on"] == "2026-03-25"
    )
    assert actions["Present at the guild"]["on_time"] is None
    assert [a["text"] for a in p["my_promises"]] == ["Book her the conference"]  # (mine, never theirs)
    assert "Book her the conference" not in actions
    [goal] = p["goals"]
    assert goal["source"]["conversation"] == ids["cid"] and goal["source"]["question"] == "goal-achieve"
    assert [(c["field"], c["value"], c["source"]["conversation"]) for c in goal["changes"]][-1] == (
        "check-in",
        "kept",
        ids["check"],
    )
    said = {(s["from"], s["text"]) for s in p["goal_answers"]}
    assert ("notes", SHARED) in said and ("transcript", SAID) in said
    assert PRIVATE not in {s["text"] for s in p["goal_answers"]}  # (not a Goal question)
    assert [t["their_share"] for t in p["their_talk"]] == [80]
    assert [e["text"] for e in p["notes_between_meetings"]["win"]] == [SHARED_WIN]


def test_the_shared_copy_holds_no_private_word(tmp_path: Path) -> None:
    db = tmp_path / "growtui.db"
    record(db, tmp_path)
    for text in (
        json.dumps(packet(db, "--shareable")),
        run_cli("review", "Ada", "--from", "2026-01-01", "--to", "2026-12-31", "--shareable", "--db", str(db)).stdout,
    ):
        for private in (PRIVATE, PRIVATE_NOTE, SAID, "Zorblatt", "Snippily"):
            assert private not in text, private
        assert SHARED in text and SHARED_WIN in text
    assert (
        PRIVATE_NOTE in run_cli("review", "Ada", "--from", "2026-01-01", "--to", "2026-12-31", "--db", str(db)).stdout
    )


def test_every_line_of_the_markdown_names_where_it_came_from(tmp_path: Path) -> None:
    db = tmp_path / "growtui.db"
    record(db, tmp_path)
    md = run_cli("review", "Ada", "--from", "2026-01-01", "--to", "2026-12-31", "--db", str(db)).stdout
    bullets = [line for line in md.splitlines() if line.lstrip().startswith("- ")]
    assert len(bullets) >= 8
    cited = re.compile(r"\d{4}-\d{2}-\d{2}, (.+ \(#\d+\)|note between meetings #\d+|the plan)")
    for line in bullets:
        assert cited.search(line), line
    assert "## What I promised" in md and "on time (due 2026-03-20, done 2026-03-18)" in md
    goal = next(line for line in bullets if line.startswith(f"- **{SHARED}"))
    assert "Third meeting" in goal  # (the meeting it came from, not "the plan")
    assert "check-in → kept (2026-04-10, GROW check-in" in md


@pytest.mark.parametrize(
    "args", [("--from", "soon"), ("--from", "2026-12-01", "--to", "2026-01-01"), ("--format", "pdf")]
)
def test_a_bad_period_is_one_line_and_exit_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    db = tmp_path / "growtui.db"
    Store.open(db).close()
    assert run_cli("people", "add", "Ada", "--db", str(db)).returncode == 0
    r = run_cli("review", "Ada", *args, "--db", str(db))
    assert r.returncode == 2 and r.stderr.count("\n") == 1, r.stderr


async def test_r_in_the_history_writes_the_packet_to_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "growtui.db"
    record(db, tmp_path)
    home = tmp_path / "me"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    app = make_app(db)  # (today: 2026-11-23: the last 12 months hold the 2026 meetings)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: len(getattr(app.screen, "standings", {})) == 1)
        await pilot.press("h")
        await until(pilot, lambda: type(app.screen).__name__ == "HistoryScreen")
        await pilot.press("R")
        await until(pilot, lambda: any(home.glob("growtui-review-ada-lovelace-*.md")))
        await settle(pilot, app)
    [written] = home.glob("growtui-review-*.md")
    assert SHARED in written.read_text() and (written.stat().st_mode & 0o077) == 0

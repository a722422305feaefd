"""The installed `growtui` in a real terminal keeping its record in order (#27): a past
note corrected, an action closed between meetings and confirmed in the next carry-over,
a person archived, another erased — and the file's bytes checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli
from test_keeping import SECRET_ACTION, record
from tmux import Terminal, growtui_command

pytestmark = pytest.mark.e2e


def test_correct_close_archive_and_erase_in_a_real_terminal(
    tmp_path: Path, terminal_env: dict[str, str], isolated_dirs: Path
) -> None:
    db = tmp_path / "growtui.db"
    ids = record(db)  # Ada: a completed meeting (a private note, her action, mine); Bob: one of his own
    term = Terminal(growtui_command("--db", str(db)), 100, 30, terminal_env)
    try:
        term.wait_for("growtui · people")
        term.wait_for("Ada Lovelace")  # (due soonest: the first row)
        # 1. Correct a note of the past conversation, from its read-only view.
        term.keys("h")
        term.wait_for("Ada Lovelace — history")
        term.keys("Enter")
        term.wait_for("read-only")
        term.keys("e")
        term.wait_for("editing the notes of 2026-11-20")
        term.type(" (corrected: it was the merger)")
        term.wait_for("saved")
        term.keys("C-g")
        term.wait_for("edited on")
        # refused while the app is open: erasure never runs under an open window
        busy = run_cli("person", "erase", "Bob", "--yes", "--db", str(db))
        assert busy.returncode == 1 and "open" in busy.stderr, busy.stderr
        # 2. Close her action between meetings, on the follow-through tab.
        term.keys("Escape")
        term.wait_for("Ada Lovelace — history")
        term.keys("Right")
        term.wait_for("D Done")
        term.keys("Down")  # (newest first: my promise, then hers)
        term.wait_for("Theirs: Quokkaplan")
        term.keys("D")
        term.wait_for("What did they do, and the result?")
        term.type("RFC merged")
        term.keys("Enter")
        term.wait_for("The next carry-over shows it")
        # 3. The next conversation's carry-over shows it as recorded; confirmed as it is.
        term.keys("Escape")
        term.wait_for("growtui · people")
        term.keys("s")
        term.wait_for("enter start ·")
        term.keys("Enter")
        screen = term.wait_for("(confirm, or change it)")  # (the picker's brief also says "Since last time")
        assert SECRET_ACTION in screen, screen
        term.keys("Tab")
        term.keys("Enter")  # (Enter in its result field saves the carry-over)
        term.wait_for("⏱")
        term.keys("C-g")
        term.wait_for("Summary")
        term.keys("c", "c")
        term.wait_for("growtui · people")
        # 4. Archive Ada (moved to another team): she leaves the people screen.
        term.keys("A")
        term.wait_for("Archive Ada Lovelace")
        term.keys("Down", "Down", "Enter")
        term.wait_for("Ada Lovelace archived")
        assert "Ada Lovelace  " not in term.screen()
        term.keys("C-q")
        term.wait_exit()
    finally:
        term.close()
    store_check = run_cli("actions", "Ada", "--json", "--db", str(db))
    action = next(a for a in json.loads(store_check.stdout) if a["id"] == ids["a1"])
    assert (action["status"], action["outcome"]) == ("done", "done")
    history = json.loads(run_cli("history", "Ada", "--json", "--db", str(db)).stdout)
    first = next(h for h in history if h["id"] == ids["c1"])
    doc = json.loads(run_cli("export", str(first["id"]), "--format", "json", "--db", str(db)).stdout)
    start = next(q for q in doc["questions"] if q["id"] == "start")
    assert start["notes"].endswith(" (corrected: it was the merger)") and doc["edited_at"]
    assert doc["started_at"] == "2026-11-20T10:00:00" and doc["ended_at"] == "2026-11-20T10:30:00"
    assert [v["text"] for v in doc["earlier_versions"]] == ["Zanzibarquill worries about the reorg"]
    assert [p["name"] for p in json.loads(run_cli("people", "--json", "--db", str(db)).stdout)] == ["Bob Brown"]
    # 5. Erase Bob, now that no window is open; then read the bytes.
    erased = run_cli("person", "erase", "Bob", "--yes", "--db", str(db))
    assert erased.returncode == 0, erased.stderr
    recovery = isolated_dirs / "state" / "growtui" / "recovery"
    files = [db, Path(f"{db}-wal"), Path(f"{db}-shm"), *(recovery.iterdir() if recovery.exists() else [])]
    held = b"".join(p.read_bytes() for p in files if p.exists())
    assert b"Bob Brown" not in held and b"Bob likes Rust" not in held
    assert b"Ada Lovelace" in held  # (the archived one is kept, whole)

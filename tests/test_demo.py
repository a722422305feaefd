"""The demo generator: realistic, varied, deterministic."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from growtui.agendas import Library
from growtui.demo import generate
from growtui.store import Store

from conftest import DEMO_UNTIL


def dump(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    rows = []
    for table in ["people", "conversations", "question_records", "action_items", "action_history"]:
        rows += [(table, *r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY id")]
    conn.close()
    return rows


def test_same_seed_same_data_other_seed_other_data(tmp_path: Path, library: Library) -> None:
    a, b, c = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "c.db"
    generate(a, library, people=4, conversations=30, seed=3, until=DEMO_UNTIL)
    generate(b, library, people=4, conversations=30, seed=3, until=DEMO_UNTIL)
    generate(c, library, people=4, conversations=30, seed=4, until=DEMO_UNTIL)
    assert dump(a) == dump(b)
    assert dump(a) != dump(c)


def test_demo_is_varied_and_realistic(demo_db: Path) -> None:
    store = Store.open(demo_db)
    conn = store.conn
    assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == 6
    assert conn.execute("SELECT count(*) FROM conversations").fetchone()[0] == 60
    agendas = {r[0] for r in conn.execute("SELECT DISTINCT agenda_id FROM conversations")}
    assert agendas == {"first-meeting", "second-meeting", "third-meeting-grow", "grow-check-in"}
    assert conn.execute("SELECT count(*) FROM question_records WHERE deferred = 1").fetchone()[0] > 0
    assert (
        conn.execute("SELECT count(*) FROM question_records WHERE question_id LIKE '%:%' AND asked = 1").fetchone()[0]
        > 0
    )
    # Commitment changes over time on some actions, and outcomes are mixed.
    changed = conn.execute(
        "SELECT count(*) FROM (SELECT action_id FROM action_history WHERE field = 'commitment' "
        "GROUP BY action_id HAVING count(*) > 1)"
    ).fetchone()[0]
    assert changed > 0
    outcomes = {r[0] for r in conn.execute("SELECT DISTINCT outcome FROM action_items")}
    assert {"done", "progressing", "dropped"} <= outcomes
    for (first,) in conn.execute("SELECT min(started_at) FROM conversations GROUP BY person_id"):
        assert first < DEMO_UNTIL.isoformat()
    assert conn.execute("SELECT max(started_at) FROM conversations").fetchone()[0] < DEMO_UNTIL.isoformat()
    # Every person's series starts with the first meeting.
    firsts = conn.execute(
        "SELECT agenda_id FROM conversations c WHERE started_at = "
        "(SELECT min(started_at) FROM conversations d WHERE d.person_id = c.person_id)"
    ).fetchall()
    assert {r[0] for r in firsts} == {"first-meeting"}
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.close()

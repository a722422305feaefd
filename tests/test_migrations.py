"""Every database any released growtui wrote opens, keeps its data, exports and
restores — including the five shapes of the schema version 1 that was edited in
place. Released migrations are frozen: their fingerprints are written here."""

from __future__ import annotations

import hashlib
import inspect
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from growtui import schema
from growtui.store import GENERAL, Store

from conftest import run_cli

FIXTURES = Path(__file__).parent / "fixtures"
SHAPES = sorted(FIXTURES.glob("schema-v*.db"))

# sha256 of each released migration (SQL text, or a function's source). A change
# here means a released migration was edited: add a new one instead.
FROZEN = {
    1: "aabd6005db004784bf2e66d479a23a5c844329359e8879f883bf69cf7c2a6cb5",
    2: "bac6361bee9dd720f3a1e0c8c28e99af381f394c7387f484cc2fe028f4022ffe",
    3: "cbb056bdbb2264702f4910e85f240bc15a0517867a3bee3f96761142498694ab",
    4: "27787d14f6c5df6cd9fe3094b74e11422f163c66d456c380fbe7726af9ed3f36",
    5: "682812690714b2e8271972cbd46f11d3e39f478195259ed4ea55365732388163",
    6: "b28f242a5ee63fac610ead1332adb5a217ea88c357bb0eb59822a920c4be3561",
    7: "0926ae64a94e033aacee406d6928ea99c9294e4d7e1f2ce5c4a20083626c4870",
}


def fingerprint(step: schema.Migration) -> str:
    text = step if isinstance(step, str) else inspect.getsource(step)
    return hashlib.sha256(text.encode()).hexdigest()


def had_shareable(fixture: Path) -> bool:
    conn = sqlite3.connect(f"file:{fixture}?mode=ro", uri=True)
    try:
        return "shareable" in {row[1] for row in conn.execute("PRAGMA table_info(question_records)")}
    finally:
        conn.close()


@pytest.mark.parametrize("fixture", SHAPES, ids=lambda p: p.stem)
def test_every_earlier_schema_opens_migrates_and_keeps_its_data(fixture: Path, tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    shutil.copy(fixture, db)
    store = Store.open(db)
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION
    assert schema.missing(store.conn) == []
    (person,) = store.people()
    assert (person.name, person.cadence_days, person.notes) == ("Fixture Person", 14, "likes tea")
    cid = store.latest_conversation_id()
    records = store.records(cid)
    assert records["start"].notes == "Started with Logo" and records["start"].asked
    assert records["start"].shareable == had_shareable(fixture)
    assert records["important"].deferred and records[GENERAL].notes == "general words"
    (action,) = store.actions_of(cid)
    assert (action.text, action.commitment, action.raise_it) == ("Read SICP", 8, "a study buddy")
    assert (action.due, action.due_date, action.owner) == ("2026-02-01", "2026-02-01", "them")  # read once (v4)
    assert [v for _, v in store.commitment_trend(action.id)] == [8]  # 6 then 8, in one conversation: one point
    assert store.search("logo")[0].question_id == "start"
    store.close()


@pytest.mark.parametrize("fixture", SHAPES, ids=lambda p: p.stem)
def test_every_earlier_schema_works_from_the_command_line(fixture: Path, tmp_path: Path) -> None:
    """`no such column: shareable` on open and export was how the first v1 failed."""
    db = tmp_path / "old.db"
    shutil.copy(fixture, db)
    for args in (["people"], ["export", "latest"], ["export", "latest", "--shareable"], ["brief", "Fixture"]):
        r = run_cli(*args, "--db", str(db))
        assert r.returncode == 0, (args, r.stderr)
    doc = json.loads(run_cli("export", "latest", "--format", "json", "--db", str(db)).stdout)
    assert doc["actions"][0]["text"] == "Read SICP"


@pytest.mark.parametrize("fixture", SHAPES, ids=lambda p: p.stem)
def test_a_backup_from_any_earlier_schema_restores_into_a_working_database(fixture: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.db"
    shutil.copy(fixture, backup)
    before = backup.read_bytes()
    db = tmp_path / "growtui.db"
    r = run_cli("restore", str(backup), "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert backup.read_bytes() == before  # the backup itself is never migrated
    store = Store.open(db)
    assert schema.missing(store.conn) == []
    assert store.records(store.latest_conversation_id())["start"].notes == "Started with Logo"
    store.close()


def test_restore_refuses_a_backup_that_lacks_part_of_the_schema(tmp_path: Path) -> None:
    backup = tmp_path / "backup.db"
    shutil.copy(FIXTURES / f"schema-v{schema.VERSION}.db", backup)
    with sqlite3.connect(backup) as conn:
        conn.execute("DROP TRIGGER action_items_ai")
    db = tmp_path / "growtui.db"
    r = run_cli("restore", str(backup), "--db", str(db))
    assert (
        r.returncode == 1 and "failed: it lacks part of the schema growtui uses (trigger action_items_ai)" in r.stderr
    )
    assert not db.exists()


def test_there_is_a_fixture_for_every_schema_version() -> None:
    versions = {int(p.stem.split("-")[1].removeprefix("v")) for p in SHAPES}
    assert versions == set(range(1, schema.VERSION + 1))


def test_released_migrations_are_frozen() -> None:
    assert {n: fingerprint(step) for n, step in enumerate(schema.MIGRATIONS, 1)} == FROZEN

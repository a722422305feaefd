"""Who can read the notes, and what a script's mistake can reach: an existing
database others can read is made private; `--db ""` is refused; a database on a
read-only disk can still be listed, exported and backed up."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import run_cli


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_an_existing_database_others_can_read_is_made_private(demo_db: Path) -> None:
    os.chmod(demo_db, 0o644)
    r = run_cli("people", "--db", str(demo_db))
    assert r.returncode == 0, r.stderr
    assert r.stderr == f"growtui: warning: {demo_db} could be read by others (mode 0644); made private (0600)\n"
    assert mode(demo_db) == 0o600
    assert run_cli("people", "--db", str(demo_db)).stderr == ""  # said once


def test_the_app_makes_it_private_too(demo_db: Path, terminal_env: dict[str, str]) -> None:
    from tmux import Terminal, growtui_command

    os.chmod(demo_db, 0o664)
    term = Terminal(growtui_command("--db", str(demo_db)), 80, 24, terminal_env, keep=True)
    try:
        term.wait_for("growtui · people")
        assert mode(demo_db) == 0o600 and mode(Path(f"{demo_db}-wal")) == 0o600
        term.keys("C-q")
        assert term.exit_status() == 0
        assert "made private (0600)" in term.screen(scrollback=True)
    finally:
        term.close()


@pytest.mark.parametrize("args", [["people", "--db", ""], ["--db", " ", "people"], ["export", "latest", "--db", ""]])
def test_an_empty_db_path_is_refused_not_the_default_database(args: list[str], isolated_dirs: Path) -> None:
    r = run_cli(*args)
    assert r.returncode == 2
    assert r.stderr == "growtui: Invalid value for --db: is empty (an unset variable?); give the database file's path\n"
    assert not (isolated_dirs / "data" / "growtui").exists()  # the real default was not touched


@pytest.fixture
def read_only_copy(demo_db: Path, tmp_path: Path) -> Iterator[Path]:
    """The demo database in a folder mounted read-only (as a backup disk or a snapshot):
    read-only even for root, who runs the tests in CI."""
    source, mnt = tmp_path / "src", tmp_path / "ro"
    source.mkdir()
    mnt.mkdir()
    shutil.copy(demo_db, source / "growtui.db")
    os.chmod(source / "growtui.db", 0o600)
    if subprocess.run(["mount", "--bind", str(source), str(mnt)], capture_output=True).returncode != 0:
        pytest.skip("cannot bind-mount here (needs root)")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(mnt)], check=True, capture_output=True)
        yield mnt / "growtui.db"
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


@pytest.mark.parametrize(
    "args",
    [
        ["people"],
        ["history", "1"],
        ["search", "design"],
        ["brief", "1"],
        ["due"],
        ["export", "latest"],
        ["export", "1", "--all"],
    ],
    ids=lambda a: " ".join(a),
)
def test_a_read_only_database_can_be_read(read_only_copy: Path, args: list[str]) -> None:
    r = run_cli(*args, "--db", str(read_only_copy))
    assert r.returncode == 0, r.stderr
    assert r.stdout and not r.stderr


def test_a_read_only_database_can_be_backed_up(read_only_copy: Path, tmp_path: Path) -> None:
    dest = tmp_path / "backup.db"
    r = run_cli("backup", str(dest), "--db", str(read_only_copy))
    assert r.returncode == 0, r.stderr
    assert "backed up 60 conversations" in r.stdout


def test_the_app_on_a_read_only_database_says_why_it_cannot_open(read_only_copy: Path) -> None:
    r = run_cli("--db", str(read_only_copy))
    assert r.returncode == 1
    assert r.stderr == (
        f"growtui: {read_only_copy} is read-only; growtui needs to write to it for this (commands "
        "that only read it, like people, export and backup, still work)\n"
    )

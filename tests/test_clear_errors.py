"""Errors that used to be a Python exception's name: each is one clear line now,
or just works."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import run_cli

HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    "args, what",
    [
        (["export", HUGE], "conversation"),
        (["history", HUGE], "person"),
        (["brief", HUGE], "person"),
        (["export", HUGE, "--all"], "person"),
    ],
    ids=lambda a: a[0] if isinstance(a, list) else a,
)
def test_an_id_beyond_any_row_is_not_found(demo_db: Path, args: list[str], what: str) -> None:
    r = run_cli(*args, "--db", str(demo_db))
    assert r.returncode == 1 and r.stderr == f"growtui: no {what} with id {HUGE}\n"


@pytest.mark.parametrize("until", ["9999-12-31", "0001-01-02"])
def test_demo_beyond_the_calendar_says_so_and_leaves_no_file(tmp_path: Path, until: str) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    r = run_cli("demo", "--db", str(folder / "demo.db"), "--until", until, "--people", "1", "--conversations", "3")
    assert r.returncode == 1 and r.stderr == (
        "growtui: the sample history does not fit the calendar (years 1 to "
        "9999): choose another --until or fewer conversations\n"
    )
    assert list(folder.iterdir()) == []


def test_demo_on_a_full_disk_says_so_and_leaves_no_partial_file(small_disk: Path) -> None:
    db = small_disk / "demo.db"
    r = run_cli("demo", "--db", str(db), "--people", "8", "--conversations", "3000")
    assert r.returncode == 1
    assert r.stderr.startswith(f"growtui: could not write the sample database {db}: ") and r.stderr.count("\n") == 1
    assert "full" in r.stderr and "rollback" not in r.stderr
    assert list(small_disk.iterdir()) == []


def test_two_restores_in_one_second_keep_both_earlier_files(demo_db: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.db"
    assert run_cli("backup", str(backup), "--db", str(demo_db)).returncode == 0
    for _ in range(3):
        r = run_cli("restore", str(backup), "--db", str(demo_db))
        assert r.returncode == 0, r.stderr
    kept = sorted(p.name for p in tmp_path.iterdir() if ".before-restore-" in p.name)
    assert len(kept) == 3 and len(set(kept)) == 3


@pytest.mark.parametrize(
    "keymap, clash",
    [
        ('next-question = "ctrl+t"', "'ctrl+t' is bound to both next-question and add-action"),
        ('search = "n"', "'n' is bound to both new-person and search"),
        ('help = "s"', "'s' is bound to both help and start-conversation"),
    ],
    ids=["conversation", "people", "app-wide"],
)
def test_a_key_bound_to_two_actions_is_refused(isolated_dirs: Path, keymap: str, clash: str) -> None:
    config = isolated_dirs / "config" / "growtui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f"[keymap]\n{keymap}\n")
    r = run_cli("keys")
    assert r.returncode == 1
    assert r.stderr == f"growtui: {config}: keymap: {clash} (one key, one action; see: growtui keys)\n"


def test_a_remap_that_frees_the_key_first_is_fine(isolated_dirs: Path) -> None:
    config = isolated_dirs / "config" / "growtui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[keymap]\nnext-question = "ctrl+t"\nadd-action = "ctrl+a"\n')
    r = run_cli("keys")
    assert r.returncode == 0, r.stderr


def test_restore_over_a_missing_database_still_works(tmp_path: Path, demo_db: Path) -> None:
    target = tmp_path / "new" / "growtui.db"
    shutil.copy(demo_db, tmp_path / "b.db")
    assert run_cli("restore", str(tmp_path / "b.db"), "--db", str(target)).returncode == 0


@pytest.mark.parametrize(
    "keymap, key",
    [
        ('next-question = "e"', "e"),
        ('add-action = "ctrl+y,space"', "space"),
        ('quit = "q"', "q"),
        ('end-conversation = "shift+g"', "shift+g"),
    ],
)
def test_a_plain_key_for_a_binding_used_among_text_is_refused(isolated_dirs: Path, keymap: str, key: str) -> None:
    """`next-question = "e"` passed the check and then did nothing: 'e' is typed into the notes."""
    config = isolated_dirs / "config" / "growtui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f"[keymap]\n{keymap}\n")
    r = run_cli("keys")
    assert r.returncode == 1 and f"{key!r} types into the notes and forms" in r.stderr and r.stderr.count("\n") == 1
    config.write_text('[keymap]\nnext-question = "f6"\nsearch = "ctrl+k,f"\n')  # (the people screen types nothing)
    assert run_cli("keys").returncode == 0


def test_restoring_a_database_onto_itself_is_refused_at_once(demo_db: Path) -> None:
    """It once ran for minutes holding a lock, left an empty .restoring file and
    rewrote the header's journal mode."""
    header = demo_db.read_bytes()[:100]
    link = demo_db.with_name("same.db")
    link.symlink_to(demo_db)
    for source in (demo_db, link):
        r = run_cli("restore", str(source), "--db", str(demo_db))
        assert r.returncode == 1 and "is the database itself" in r.stderr and r.stderr.count("\n") == 1, r.stderr
    assert sorted(p.name for p in demo_db.parent.iterdir()) == ["demo.db", "same.db"]
    assert demo_db.read_bytes()[:100] == header


def test_restoring_from_a_device_says_what_it_is(demo_db: Path) -> None:
    r = run_cli("restore", "/dev/zero", "--db", str(demo_db))
    assert r.returncode == 1 and r.stderr == "growtui: /dev/zero is not a regular file (a backup is one)\n"

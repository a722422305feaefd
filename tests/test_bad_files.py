"""One bad file in the user's folders never takes down a command: not a FIFO, not a
link to /dev/zero, not a huge file, not absurd nesting, not Notepad's BOM."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import run_cli

GOOD = """id = "mine"
title = "My agenda"
[[parts]]
title = "Goal"
[[parts.questions]]
id = "q1"
text = "What would you like to get out of this?"
"""


def nested_followups(levels: int) -> str:
    """An agenda whose one question has follow-ups `levels` deep, as inline tables."""
    item = '{ id = "deep", text = "deepest" }'
    for n in range(levels):
        item = f'{{ id = "f{n}", text = "follow-up {n}", followups = [{item}] }}'
    return f'id = "deep"\ntitle = "Deep"\n[[parts]]\nquestions = [{item}]\n'


@pytest.fixture
def agendas_dir(isolated_dirs: Path) -> Path:
    folder = isolated_dirs / "config" / "growtui" / "agendas"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(GOOD)
    return folder


def check_skipped(folder: Path, name: str, reason: str, db: Path) -> None:
    """`agendas` lists the good agenda and names the bad file and why; every other command works."""
    r = run_cli("agendas")
    assert r.returncode == 0, r.stderr
    assert "mine" in r.stdout
    assert f"skipped agenda {folder / name}" in r.stderr and reason in r.stderr
    assert "Traceback" not in r.stderr and "RecursionError" not in r.stderr
    assert run_cli("people", "--db", str(db)).returncode == 0


def test_a_fifo_in_the_agendas_folder_is_skipped_not_waited_on(agendas_dir: Path, tmp_path: Path) -> None:
    os.mkfifo(agendas_dir / "x.toml")
    check_skipped(agendas_dir, "x.toml", "not a regular file", tmp_path / "g.db")


def test_a_link_to_dev_zero_is_skipped(agendas_dir: Path, tmp_path: Path) -> None:
    (agendas_dir / "zero.toml").symlink_to("/dev/zero")
    check_skipped(agendas_dir, "zero.toml", "not a regular file", tmp_path / "g.db")


def test_a_huge_agenda_is_skipped_with_its_size(agendas_dir: Path, tmp_path: Path) -> None:
    (agendas_dir / "huge.toml").write_text(GOOD + "# " + "x" * 2_000_000 + "\n")
    check_skipped(agendas_dir, "huge.toml", "too large", tmp_path / "g.db")


@pytest.mark.parametrize("levels", [200, 20])
def test_deeply_nested_followups_are_skipped_with_the_reason(agendas_dir: Path, tmp_path: Path, levels: int) -> None:
    (agendas_dir / "deep.toml").write_text(nested_followups(levels))
    check_skipped(agendas_dir, "deep.toml", "nested more than 32 levels deep", tmp_path / "g.db")


def test_a_deeply_nested_array_is_skipped(agendas_dir: Path, tmp_path: Path) -> None:
    (agendas_dir / "arr.toml").write_text(GOOD + "x = " + "[" * 5000 + "]" * 5000 + "\n")
    check_skipped(agendas_dir, "arr.toml", "nested more than 32 levels deep", tmp_path / "g.db")


def test_followups_a_dozen_deep_still_load(agendas_dir: Path) -> None:
    (agendas_dir / "deep.toml").write_text(nested_followups(12))
    r = run_cli("agendas", "show", "deep")
    assert r.returncode == 0, r.stderr
    assert "deepest" in r.stdout


def test_an_agenda_saved_by_notepad_with_a_bom_loads(agendas_dir: Path) -> None:
    (agendas_dir / "mine.toml").write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode())
    r = run_cli("agendas", "show", "mine")
    assert r.returncode == 0 and not r.stderr, r.stderr
    assert "What would you like to get out of this?" in r.stdout


@pytest.mark.parametrize(
    "content", ["keymap = " + "[" * 5000 + "]" * 5000, "\ufeff[keymap]\nquit = 'ctrl+c'"], ids=["nested", "bom"]
)
def test_config_toml_deeply_nested_or_with_a_bom(isolated_dirs: Path, content: str) -> None:
    config = isolated_dirs / "config" / "growtui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(content, encoding="utf-8")
    r = run_cli("keys")
    if content.startswith("\ufeff"):
        assert r.returncode == 0, r.stderr
    else:
        assert r.returncode == 1 and r.stderr.strip() == f"growtui: {config}: file: nested more than 32 levels deep"


def test_a_fifo_as_config_toml_is_refused_not_waited_on(isolated_dirs: Path) -> None:
    config = isolated_dirs / "config" / "growtui" / "config.toml"
    config.parent.mkdir(parents=True)
    os.mkfifo(config)
    r = run_cli("keys")
    assert r.returncode == 1 and r.stderr.strip() == f"growtui: {config}: file: not a regular file"

"""Output that terminals and scripts can trust (#17): tables measured as terminals
draw them and fitted to their width, --json on every listing, grep's exit codes,
help with every option and examples, `growtui paths`, the theme in config.toml,
an honest clipboard message, shell completion."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click
import pytest
from rich.cells import cell_len

from growtui.cli.commands import cli
from growtui.cli.output import render
from growtui.store import Store

from conftest import make_app, run_cli
from tmux import Terminal, growtui_command

NAMES = ["名前 田中", "Zoë Åström", "Noe\u0308l Combining", "🙂 Emoji Person", "Plain Name"]


@pytest.fixture
def wide_db(tmp_path: Path) -> Path:
    db = tmp_path / "g.db"
    store = Store.open(db)
    for name in NAMES:
        pid = store.add_person(name, role="Engineer", cadence_days=7)
        cid = store.start_conversation(pid, "first-meeting")
        store.save_notes(cid, "start", f"{name} talked about kubernetes")
    store.close()
    return db


def column_starts(lines: list[str], word: str) -> set[int]:
    """Where `word` starts, in terminal cells, on each line that has it."""
    return {cell_len(line[: line.index(word)]) for line in lines if word in line}


def test_tables_line_up_with_wide_characters_when_piped(wide_db: Path) -> None:
    out = run_cli("people", "--db", str(wide_db)).stdout.splitlines()
    assert len(column_starts(out, "Engineer")) == 1  # the role column starts at one cell for everyone
    assert all(name in "\n".join(out) for name in NAMES)  # piped: whole


def test_tables_are_cut_with_an_ellipsis_to_fit_the_terminal() -> None:
    rows = [("1", "名前 " * 20, "Engineer"), ("2", "Plain", "Engineer")]
    text = render(["id", "name", "role"], rows, width=40)
    lines = text.splitlines()
    assert all(cell_len(line) <= 40 for line in lines) and "…" in lines[2]
    assert len(column_starts(lines[2:], "Engineer")) == 1


def test_a_table_in_a_real_terminal_fits_its_width(wide_db: Path, terminal_env: dict[str, str]) -> None:
    term = Terminal(growtui_command("search", "kubernetes", "--db", str(wide_db)), 50, 20, terminal_env, keep=True)
    try:
        screen = term.wait_for("[growtui exited with status 0]")
    finally:
        term.close()
    lines = [line for line in screen.splitlines() if "kubernetes" in line or "talked" in line]
    assert lines and all(cell_len(line.rstrip()) <= 50 for line in lines)


LISTINGS = [
    (["people"], list),
    (["history", "Plain"], list),
    (["search", "kubernetes"], list),
    (["due", "--days", "30"], list),
    (["brief", "Plain"], dict),
    (["agendas"], list),
    (["agendas", "show", "first-meeting"], dict),
    (["keys"], dict),
    (["paths"], dict),
]


@pytest.mark.parametrize("args,kind", LISTINGS, ids=lambda a: " ".join(a) if isinstance(a, list) else "")
def test_every_listing_prints_json(wide_db: Path, args: list[str], kind: type) -> None:
    r = run_cli(*args, "--json", "--db", str(wide_db))
    assert r.returncode == 0, r.stderr
    value = json.loads(r.stdout)
    assert isinstance(value, kind) and value


def test_exit_codes_are_greps(wide_db: Path) -> None:
    found = run_cli("search", "kubernetes", "--db", str(wide_db))
    assert found.returncode == 0
    none = run_cli("search", "zeppelin", "--db", str(wide_db))
    assert none.returncode == 1 and none.stdout == "" and none.stderr == "no matches\n"
    assert run_cli("search", "zeppelin", "--json", "--db", str(wide_db)).returncode == 1
    usage = run_cli("people", "--bogus")
    assert usage.returncode == 2 and usage.stderr.count("\n") == 1
    error = run_cli("history", "Nobody", "--db", str(wide_db))
    assert (
        error.returncode == 1 and error.stderr.startswith("growtui: no person named") and error.stderr.count("\n") == 1
    )


def commands() -> list[tuple[str, click.Command]]:
    found = []

    def walk(cmd: click.Command, path: str) -> None:
        found.append((path, cmd))
        if isinstance(cmd, click.Group):
            for name, sub in cmd.commands.items():
                walk(sub, f"{path} {name}")

    walk(cli, "growtui")
    return found


@pytest.mark.parametrize("path,command", commands(), ids=lambda c: c if isinstance(c, str) else "")
def test_every_option_has_help_and_every_command_examples(path: str, command: click.Command) -> None:
    assert all(p.help for p in command.params if isinstance(p, click.Option)), path
    r = run_cli(*path.split()[1:], "--help")
    assert r.returncode == 0 and "Examples:" in r.stdout.split("Options:")[-1], path


def test_paths_names_every_place(isolated_dirs: Path) -> None:
    paths = json.loads(run_cli("paths", "--json").stdout)
    assert paths["database"] == str(isolated_dirs / "data" / "growtui" / "growtui.db")
    assert paths["config"] == str(isolated_dirs / "config" / "growtui" / "config.toml")
    assert paths["agendas"] == str(isolated_dirs / "config" / "growtui" / "agendas")
    assert set(paths) == {"database", "config", "agendas", "state", "cache", "backups"}
    text = run_cli("paths").stdout
    assert "config.toml" in text and "recovery files" in text


async def test_the_theme_can_be_set_in_config_toml(isolated_dirs: Path, tmp_path: Path) -> None:
    config = isolated_dirs / "config" / "growtui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('theme = "nord"\n')
    from growtui.config import load_config

    assert load_config().theme == "nord"
    app = make_app(tmp_path / "g.db", theme="nord")
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "nord"
    config.write_text('theme = "no-such-theme"\n')
    r = run_cli("--db", str(tmp_path / "g.db"))
    assert r.returncode == 1 and "theme: no theme named 'no-such-theme'" in r.stderr and r.stderr.count("\n") == 1


async def test_copying_the_invite_says_honestly_what_happened(tmp_path: Path) -> None:
    app = make_app(tmp_path / "g.db")
    told: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        app.notify = lambda message, **kw: told.append(str(message))  # type: ignore[method-assign]
        await pilot.press("a", "down", "c")
        await pilot.pause()
    assert any("if it allows OSC 52" in m and "growtui agendas invite" in m for m in told)


def test_shell_completion_is_answered_not_the_app(tmp_path: Path) -> None:
    r = run_cli(env={"_GROWTUI_COMPLETE": "bash_source", "GROWTUI_DB": str(tmp_path / "g.db")})
    assert r.returncode == 0 and "_growtui_completion" in r.stdout
    assert not (tmp_path / "g.db").exists()


def test_license_is_mit() -> None:
    root = Path(__file__).parent.parent
    assert (root / "LICENSE").read_text().startswith("MIT License")
    assert 'license = "MIT"' in (root / "pyproject.toml").read_text()
    assert os.path.exists(root / "LICENSE")

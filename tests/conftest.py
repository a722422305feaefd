"""Every test runs with its own data, config and state folders: nothing touches
the real user's files."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from growtui.agendas import Library, load_library

BIN = Path(sys.executable).parent
DEMO_UNTIL = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    for var, sub in [
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
    ]:
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.delenv("GROWTUI_DB", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    # No snapshot process behind every test's first command (tests/test_snapshots.py turns them on).
    monkeypatch.setenv("GROWTUI_AUTO_BACKUP", "0")
    return home


@pytest.fixture
def small_disk(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A real 2 MiB file system (tmpfs), so ENOSPC comes from the kernel."""
    mnt = tmp_path / "disk"
    mnt.mkdir()
    if (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(mnt)], capture_output=True
        ).returncode
        != 0
    ):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


@pytest.fixture
def terminal_env(isolated_dirs: Path) -> dict[str, str]:
    """The test's own folders, for the app started in a terminal (tmux does not pass ours on)."""
    names = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "GROWTUI_AUTO_BACKUP")
    return {k: os.environ[k] for k in names if k in os.environ}


def ada_in_a_meeting(db: Path) -> int:
    """Ada, with her first meeting in progress (`s`, Enter resumes it); its id."""
    from growtui.store import Store

    store = Store.open(db)
    cid = store.start_conversation(store.add_person("Ada"), "first-meeting")
    store.close()
    return cid


@pytest.fixture
def conversation(tmp_path: Path) -> tuple[Path, int]:
    """A database holding `ada_in_a_meeting`, and that meeting's id."""
    db = tmp_path / "growtui.db"
    return db, ada_in_a_meeting(db)


@pytest.fixture
def library() -> Library:
    return load_library()


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo database, made once, copied per test."""
    from growtui.demo import generate

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    generate(path, load_library(Path("/nonexistent")), people=6, conversations=60, seed=7, until=DEMO_UNTIL)
    return path


@pytest.fixture
def demo_db(demo_db_template: Path, tmp_path: Path) -> Path:
    import shutil

    path = tmp_path / "demo.db"
    shutil.copy(demo_db_template, path)
    return path


def run_cli(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The real console entry point, as a user runs it."""
    return subprocess.run(
        [str(BIN / "growtui"), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        input=input,
        timeout=120,
    )


TODAY = date(2026, 11, 23)


def make_app(db: Path, **kwargs: object):  # type: ignore[no-untyped-def]
    """The app as the CLI builds it, with a fixed today and a frozen timer."""
    from growtui.app import GrowApp

    options = {"today": TODAY, "clock": lambda: 0.0, **kwargs}
    return GrowApp(db_path=db, library=load_library(Path("/nonexistent")), **options)  # type: ignore[arg-type]


async def until(pilot, check, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    """Until `check()` holds (what a thread of the app hands over arrives when it does)."""
    import time

    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "the condition never held"
        await pilot.pause(0.05)


async def settle(pilot, app) -> None:  # type: ignore[no-untyped-def]
    """Until the notes typed so far and every write made so far are on disk, and the
    screen has run what follows them: a condition, however loaded the machine."""
    import asyncio

    await pilot.pause()
    for screen in app.screen_stack:
        if flush_notes := getattr(screen, "flush_notes", None):
            flush_notes()  # (what the autosave interval would hand over)
    assert await asyncio.to_thread(app.writer.flush, 30), "the note writer did not get everything to disk"
    await pilot.pause()

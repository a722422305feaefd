"""Crash safety, tested the way SQLite tests itself: kill the real app (SIGKILL)
at random moments of a scripted conversation, then check the database is whole
and every note typed more than a second before the kill is there.

`make test` runs a few trials; `make test-crash` runs 50 (GROWTUI_CRASH_TRIALS).
SIGTERM and SIGHUP (the terminal closed with the call) must save and exit.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from conftest import run_cli
from tmux import start_first_meeting

pytestmark = pytest.mark.e2e

TRIALS = int(os.environ.get("GROWTUI_CRASH_TRIALS", "4"))
QUESTIONS = ["start", "like-most", "important", "challenges", "help", "cadence"]  # the first meeting, in order
WORDS = "mentor roadmap pairing promotion oncall conference rfc feedback growth kubernetes staff lead".split()
SAFE_AFTER = 1.0  # seconds: what was typed this long before the kill must be on disk


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crash") / "template.db"
    assert run_cli("demo", "--db", str(path), "--people", "1", "--conversations", "0").returncode == 0
    return path


def exported_notes(db: Path) -> dict[str, str]:
    r = run_cli("export", "latest", "--format", "json", "--db", str(db))
    assert r.returncode == 0, r.stderr
    return {q["id"]: q["notes"] for q in json.loads(r.stdout)["questions"]}


def run_trial(seed: int, db: Path, env: dict[str, str]) -> tuple[int, int]:
    """One scripted conversation killed at a random moment; returns (notes checked, notes lost)."""
    rng = random.Random(seed)
    term = start_first_meeting(db, env)
    typed: list[tuple[float, str, str]] = []  # (sent at, question, its whole text so far)
    texts: dict[str, str] = {}
    question = 0
    killed_at: list[float] = []

    def kill() -> None:
        killed_at.append(time.monotonic())
        os.kill(term.pid, signal.SIGKILL)

    timer = threading.Timer(rng.uniform(0.3, 4.0), kill)
    timer.start()
    try:
        while not killed_at:
            step = rng.random()
            if step < 0.65:
                key = QUESTIONS[question]
                word = rng.choice(WORDS) + " "
                sent = time.monotonic()
                term.type(word, pause=rng.uniform(0.01, 0.15))
                texts[key] = texts.get(key, "") + word
                typed.append((sent, key, texts[key]))
            elif step < 0.8:
                term.keys("C-n", pause=0.1)
                question = min(question + 1, len(QUESTIONS) - 1)
            elif step < 0.92:
                term.keys("C-t", pause=0.2)
                term.type(f"action {rng.randint(1, 99)}", pause=0.1)
                term.keys("Enter", "F4", str(rng.randint(0, 9)), "F3", pause=0.15)
            else:
                term.keys("C-g", pause=0.3)
                term.keys("t", pause=0.2)
                break  # the conversation ended; nothing more is typed
        while not killed_at:
            time.sleep(0.05)
        term.wait_exit()
    finally:
        timer.cancel()
        term.close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    saved = exported_notes(db)
    deadline = killed_at[0] - SAFE_AFTER
    expected: dict[str, str] = {}
    for sent, key, text in typed:
        if sent <= deadline:
            expected[key] = text
    lost = [k for k, text in expected.items() if not saved.get(k, "").startswith(text.rstrip())]
    assert not lost, f"seed {seed}: lost notes of {lost}: expected {expected}, saved {saved}"
    return len(expected), len(lost)


def test_sigkill_at_random_moments(template: Path, tmp_path: Path, isolated_dirs: Path) -> None:
    env = {k: os.environ[k] for k in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME")}
    checked = 0
    for trial in range(TRIALS):
        db = tmp_path / f"trial-{trial}.db"
        shutil.copy(template, db)
        n, lost = run_trial(1000 + trial, db, env)
        checked += n
    print(f"\ncrash trials: {TRIALS}, notes checked: {checked}, notes lost: 0")


@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP (terminal closed)"])
def test_sigterm_and_sighup_save_everything_and_exit(
    how: str, template: Path, tmp_path: Path, isolated_dirs: Path
) -> None:
    env = {k: os.environ[k] for k in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME")}
    db = tmp_path / "growtui.db"
    shutil.copy(template, db)
    term = start_first_meeting(db, env)
    try:
        term.type("said just now", pause=0)  # less than the autosave interval before the signal
        # The promise is for what the app has read: keys still in the terminal's buffer when
        # the signal comes (a busy machine) are not yet the app's. On screen, they are.
        term.wait_for("said just now")
        if how == "SIGTERM":
            os.kill(term.pid, signal.SIGTERM)
        else:
            term.hang_up()
        term.wait_exit()
    finally:
        term.close()
    assert exported_notes(db)["start"] == "said just now"

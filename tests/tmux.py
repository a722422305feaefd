"""Drive the installed `growtui` in a real terminal: tmux on a private socket."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import time
import uuid

import pytest

from conftest import BIN


def require_tmux() -> str:
    path = shutil.which("tmux")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is missing: .ci/run should have installed it")
        pytest.skip("tmux is not installed")
    return path


class Terminal:
    def __init__(
        self, command: str, width: int = 80, height: int = 24, env: dict[str, str] | None = None, keep: bool = False
    ) -> None:
        """keep: a shell runs the app and, once it exits, prints its exit status and stays,
        so the last screen can be read (`exit_status`); `pid` is then the shell's. (tmux's
        own remain-on-exit may leave the app a zombie, never reported dead, under load.)"""
        self.tmux = require_tmux()
        self.socket = f"growtui-test-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{k}={v}" for k, v in (env or {}).items())
        run = (
            f'{exports} {command}; echo "[growtui exited with status $?]"; exec sleep 600'
            if keep
            else f"{exports} exec {command}"
        )
        self._run("new-session", "-d", "-s", "t", "-x", str(width), "-y", str(height), f"cd /tmp && {run}")
        self.pid = int(self._run("display-message", "-p", "-t", "t", "#{pane_pid}").strip())

    def _run(self, *args: str) -> str:
        return subprocess.run([self.tmux, "-L", self.socket, *args], capture_output=True, text=True, check=False).stdout

    def screen(self, scrollback: bool = False) -> str:
        """The screen; with scrollback, everything printed, wrapped lines joined whole."""
        return self._run("capture-pane", "-p", "-t", "t", *(["-J", "-S", "-"] if scrollback else []))

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen:\n{self.screen()}")

    def wait_quiet(self, still: float = 1.0, timeout: float = 30.0) -> str:
        """Until the screen has not changed for `still` seconds (the app has taken every
        key it was sent, however loaded the machine): the screen then."""

        def seen() -> str:  # (the conversation's timer ticks every second: not a change)
            return re.sub(r"⏱ [\d:]+", "⏱", self.screen())

        deadline = time.monotonic() + timeout
        last, since = seen(), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.1)
            now = seen()
            if now != last:
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= still:
                return now
        return last

    def keys(self, *keys: str, pause: float = 0.3) -> None:
        """Named keys (Enter, C-n, F2...), one at a time as a person presses them."""
        for key in keys:
            self._run("send-keys", "-t", "t", key)
            time.sleep(pause)

    def type(self, text: str, pause: float = 0.3) -> None:
        self._run("send-keys", "-t", "t", "-l", text)
        time.sleep(pause)

    def paste(self, text: str, pause: float = 0.3) -> None:
        """A bracketed paste, as a terminal delivers a clipboard: one event, however long."""
        subprocess.run(
            [self.tmux, "-L", self.socket, "load-buffer", "-b", "paste", "-"], input=text, text=True, check=True
        )  # from stdin: set-buffer's argument is limited in length
        self._run("paste-buffer", "-p", "-d", "-b", "paste", "-t", "t")
        time.sleep(pause)

    def alive(self) -> bool:
        return alive(self.pid)

    def wait_exit(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while self.alive() and time.monotonic() < deadline:
            time.sleep(0.1)
        ps = subprocess.run(
            ["ps", "-o", "pid,ppid,stat,wchan:20,cmd", "-p", str(self.pid)], capture_output=True, text=True
        ).stdout
        assert not self.alive(), f"growtui did not exit ({ps}); the screen:\n{self.screen()}"

    def exit_status(self, timeout: float = 15.0) -> int:
        """The app's exit status, once it has exited (the pane stays, showing what it printed last)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if found := re.search(r"\[growtui exited with status (\d+)\]", self.screen(scrollback=True)):
                return int(found.group(1))
            time.sleep(0.1)
        ps = subprocess.run(
            ["ps", "-o", "pid,ppid,stat,wchan:20,cmd", "-p", str(self.pid)], capture_output=True, text=True
        ).stdout
        raise AssertionError(f"growtui did not exit ({ps}); the screen:\n{self.screen()}")

    def hang_up(self) -> None:
        """The terminal goes, as when its window is closed: the kernel sends the app SIGHUP."""
        self._run("kill-server")

    def close(self) -> None:
        """The terminal goes; an app still there seconds later is killed, so that a
        failed test cannot leave it spinning on the machine."""
        self.hang_up()
        deadline = time.monotonic() + 10
        while self.alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        if self.alive():
            os.kill(self.pid, 9)


def alive(pid: int) -> bool:
    """Running (a zombie, ended and waiting for its parent to reap it, is not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        return open(f"/proc/{pid}/stat").read().rsplit(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return False


def growtui_command(*args: str) -> str:
    return " ".join(shlex.quote(str(part)) for part in [BIN / "growtui", *args])


def start_first_meeting(db: object, env: dict[str, str], command: str | None = None) -> Terminal:
    """The installed app (or `command`) at 80x24 on `db`, in the first person's suggested (first) meeting."""
    term = Terminal(command or growtui_command("--db", str(db)), 80, 24, env)
    term.wait_for("growtui · people")
    term.keys("s")
    term.wait_for("enter start ·")
    term.keys("Enter")
    term.wait_for("How did you start with programming?")
    return term


def complete_and_quit(term: Terminal) -> None:
    """End the conversation on screen, complete it (c, then c to confirm), and quit."""
    term.keys("C-g")
    term.wait_for("Summary")
    term.keys("c", "c")
    term.wait_for("growtui · people")
    term.keys("C-q")
    term.wait_exit()

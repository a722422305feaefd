"""SIGTERM and SIGHUP end the process within seconds, whatever else happens.

The app answers them on its UI loop (save, then exit). If that loop is stuck (a
bug, a write that never returns), nothing there will run: so the signal also arms
a guard thread, which waits a grace period for the app to close, and otherwise
writes what the note writer still holds to a recovery file, puts the terminal
back as it was, says one line and ends the process. Knows nothing of Textual.

The signals are taken by a thread of their own (`Signals`): a Python handler runs
only on the main thread, and only when the kernel interrupts that thread; a
terminal's hang-up often lands on another thread, and a stuck main thread then
never hears of it.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from growtui.recovery import write_recovery

GRACE_SECONDS = 8.0  # saving on a refusing disk gives up after ~5 s, closing after 2 more


class ExitGuard:
    def __init__(
        self, unsaved: Callable[[], str | None], restore_terminal: Callable[[], None], grace: float = GRACE_SECONDS
    ) -> None:
        self.unsaved = unsaved  # the recovery text, or None when nothing is unsaved (called off the UI thread)
        self.restore_terminal = restore_terminal
        self.grace = grace
        self.closed = threading.Event()  # the app has closed on its own: nothing to do
        self._armed = False

    def arm(self, signum: int) -> None:
        """A signal came: from now the app has `grace` seconds to close."""
        if self._armed:
            return
        self._armed = True
        threading.Thread(target=self._watch, args=(signum,), name="growtui-exit-guard", daemon=True).start()

    def _watch(self, signum: int) -> None:
        if self.closed.wait(self.grace):
            return
        where: Path | None = None
        try:
            text = self.unsaved()
            where = write_recovery(text) if text else None
        except Exception:  # (leaving matters more than anything else now)
            text = None
        try:
            self.restore_terminal()
        except Exception:
            pass
        name = signal.Signals(signum).name
        said = f"; unsaved notes are in {where}" if where else ""
        try:
            sys.stderr.write(f"growtui: did not close within {self.grace:.0f} s of {name}, so it stopped{said}\n")
            sys.stderr.flush()
        except Exception:
            pass
        os._exit(128 + signum)


CAUGHT = {signal.SIGTERM, signal.SIGHUP}


def terminal_open(fileno: int | None) -> bool:
    """Whether the terminal is still there: a hung-up one answers EIO. Job control also
    hangs up a stopped job of an orphaned process group (kill -STOP, then -CONT, of
    growtui run by a script; its number comes garbled from sigtimedwait): while the
    terminal is still open, that hang-up is no reason to go."""
    if fileno is None:
        return False
    try:
        os.tcgetpgrp(fileno)
    except OSError:
        return False
    return True


class Signals:
    """`with Signals() as signals:` around making and running the app (every thread
    made inside inherits the mask): SIGTERM and SIGHUP are held from every thread and
    handed to `signals.handler(signum)` on a thread of their own."""

    def __init__(self) -> None:
        self.handler: Callable[[int], None] | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="growtui-signals", daemon=True)
        self._before: set[int | signal.Signals] = set()

    def __enter__(self) -> Signals:
        self._before = signal.pthread_sigmask(signal.SIG_BLOCK, CAUGHT)
        self._thread.start()
        return self

    def __exit__(self, *_exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self._stop.set()
        self._thread.join(2)
        signal.pthread_sigmask(signal.SIG_SETMASK, self._before)  # (one that came meanwhile ends the process)

    def _run(self) -> None:
        while not self._stop.is_set():
            info = signal.sigtimedwait(CAUGHT, 0.25)
            if info is None:
                continue
            if self.handler is None:  # before the app is up: nothing typed yet, nothing to save
                os._exit(128 + info.si_signo)
            self.handler(info.si_signo)


def guard_sigcont(driver: object) -> None:
    """Textual's driver re-enters application mode on every SIGCONT, even one that
    ends a plain SIGSTOP (a debugger, `kill -STOP`, a frozen laptop's job control):
    that starts a second input and output thread, and the process then hangs when
    it quits. Resume only after a suspend (ctrl+z, SIGTSTP), which flags it."""
    resume = getattr(driver, "_sigcont_application", None)
    if resume is None or signal.getsignal(signal.SIGCONT) != resume:
        return

    def on_sigcont(*args: object) -> None:
        if getattr(driver, "_must_signal_resume", False):
            resume(*args)

    signal.signal(signal.SIGCONT, on_sigcont)


def restore_terminal(driver: object) -> None:
    """The terminal as it was, straight to its file (the driver's writer may be stuck too)."""
    fileno = getattr(driver, "fileno", None)
    if fileno is None:
        return
    if (attrs := getattr(driver, "attrs_before", None)) is not None:
        import termios

        termios.tcsetattr(fileno, termios.TCSANOW, attrs)
    os.write(
        fileno,
        b"\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?2004l\x1b[?7h\x1b[<u\x1b[?1049l\x1b[?25h\x1b[?1004l",
    )

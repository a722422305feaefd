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

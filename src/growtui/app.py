"""The Textual app: thin. It owns the store, the agenda library and the note
writer; the screens do the work."""

from __future__ import annotations

import contextvars
import gc
import signal
import threading
import time
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Input, TextArea

from growtui import keys, locations
from growtui.agendas import Library
from growtui.autosave import NoteWriter, Write
from growtui.bindings import bindings_for
from growtui.blind import Blind
from growtui.config import load_state, save_state
from growtui.contracts import HoldsNotes, OffersPaletteOnly, Reloads
from growtui.inert import inert
from growtui.keygate import InOrder, KeyGate
from growtui.leaving import ExitGuard, guard_sigcont, restore_terminal, terminal_open
from growtui.meetings import Meeting
from growtui.recovery import recovery_text, write_crash_report, write_recovery
from growtui.store import Store, damage


# Widgets whose own key handler comes before bindings (typing) or that run them in order.
TYPING = (InOrder, Input, TextArea)


class GrowApp(App[None]):
    TITLE = "growtui"
    CSS_PATH = [locations.stylesheet("app.tcss")]
    # The palette: not a priority binding (Textual's default), so that the conversation
    # screen can use ctrl+p for the previous question; everywhere else it opens the palette.
    BINDINGS = [*bindings_for("app"), Binding("ctrl+p", "command_palette", "Palette", show=False)]

    def __init__(
        self,
        db_path: Path,
        library: Library,
        keymap: dict[str, str] | None = None,
        today: date | None = None,
        clock: Callable[[], float] = time.monotonic,
        demo: bool = False,
        theme: str | None = None,
        calendar: Path | None = None,
        blind: bool = False,
        warning: str | None = None,
    ) -> None:
        super().__init__()
        self.db_path = db_path
        self.demo = demo  # sample data, thrown away on quit: the people screen says so
        self.library = library
        self.today = today or date.today()
        self.clock = clock  # for the conversation timer; tests freeze it
        self.store = Store.open(db_path)
        self.store.conn.execute("PRAGMA cache_size = -512")  # (2 MB by default: queries as fast from the OS's cache)
        self.calendar = calendar  # an .ics file or folder: the next 1:1s, read off the UI path
        self.booked: dict[int, Meeting] = {}  # person id → their next 1:1 (calendar.py)
        self.writer = NoteWriter(
            db_path,
            on_error=self._save_failed,
            on_recovered=self._save_recovered,
            on_merge=self._merged,
            on_written=self._written,
            on_stuck=self._stuck,
        )
        self.recovery_path: Path | None = None  # where unsaved notes went, if saving failed to the end
        self.unsaved_text: str | None = None  # ... or, if no folder took them, printed after the app closes
        self.crash: Exception | None = None  # the unexpected error that closed the app (see _handle_exception)
        self.crash_report: Path | None = None
        self._quit_warned = False
        self._calendar_problem: str | None = None
        self.exit_guard = ExitGuard(self._unsaved_text, lambda: restore_terminal(self._driver))
        self._ui_context: contextvars.Context | None = None  # (on_mount: the context soon() runs callbacks in)
        self.set_keymap(keymap or {})
        self.gate = KeyGate(self)
        self.blind = Blind(self, on=blind)  # (f9: nothing private drawn on a shared screen)
        self.warning = warning  # where the database lies, said once (places.py)
        # config.toml's theme, else the one last chosen in the palette
        chosen = theme or load_state().get("theme")
        if chosen in self.available_themes:
            self.theme = chosen

    def get_default_screen(self) -> Screen[Any]:
        """Home is the people screen itself (not a blank screen with it pushed on top:
        one screen less to build and draw before the first frame)."""
        from growtui.screens.people import PeopleScreen

        return PeopleScreen()

    def on_mount(self) -> None:
        self._ui_context = contextvars.copy_context()
        self.gate.start()
        self.blind.start()
        if self.warning:
            self.notify(self.warning, title="Where the database is", severity="warning", timeout=60, markup=False)
        self.call_after_refresh(self._quiet_gc)
        self.call_after_refresh(self._check_for_damage)
        if self.calendar is not None:
            self.call_after_refresh(self._watch_calendar)
        guard_sigcont(self._driver)

    def _check_for_damage(self) -> None:
        """SQLite checks nothing on open, and damage can hide until a page is read:
        the whole file is checked once, off the UI path, after the first screen."""

        def check() -> None:
            if problem := damage(self.db_path):
                text = (
                    f"{self.db_path} is damaged ({problem}). What you type is still saved, but restore a "
                    "backup soon: growtui restore BACKUP_FILE"
                )
                self.soon(
                    lambda: self.notify(
                        inert(text), title="Database damaged", severity="error", timeout=600, markup=False
                    )
                )

        threading.Thread(target=check, name="growtui-check", daemon=True).start()

    def _watch_calendar(self) -> None:
        """The calendar is read on a thread of its own (a calendar of years of recurring
        events takes a while), and read again whenever its files change."""
        from growtui.calendar_watch import CalendarWatch

        def now() -> datetime:  # (the app's day: tests fix it)
            return datetime.combine(self.today, datetime.now().time()).astimezone()

        self.calendar_watch = CalendarWatch(
            self.db_path,
            self.calendar,
            now=now,
            on_read=lambda booked, problem: self.soon(lambda: self._calendar_read(booked, problem)),
        )
        self.calendar_watch.start()

    def _calendar_read(self, booked: dict[int, Meeting], problem: str | None) -> None:
        if problem and problem != self._calendar_problem:
            self.notify(inert(f"Calendar {problem}"), title="Calendar", severity="warning", timeout=15, markup=False)
        self._calendar_problem = problem
        self.booked = booked
        if self.screen_stack and isinstance(home := self.screen_stack[0], Reloads):
            home.reload()

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error: Textual would print a traceback with local variables
        (names, note text) to a terminal that may be on a shared screen. Instead, the
        report goes to a private file, the app closes saving what it can (on_unmount),
        and the command line says one line and exits 1."""
        self.crash = self.crash or error
        if self.crash_report is None:
            self.crash_report = write_crash_report(error)
        self._return_code = 1
        if self._exception is None:  # (tests under run_test() see it raised)
            self._exception = error
            self._exception_event.set()
        self._close_messages_no_wait()

    async def on_event(self, event: events.Event) -> None:
        """Keys (and pastes) in the order typed (see keygate): held while a transition
        is in flight; where the focused widget does not run bindings in order itself
        (buttons, lists), a binding runs here, before the keys that follow it."""
        if isinstance(event, (events.Key, events.Paste)) and not self.screen_stack and not self.gate.holding:
            return  # the app is closing: no screen left to type into (starting, the gate holds it)
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded and self.gate.arrived(event):
            return  # held (a forwarded one has been delivered already and is only bubbling up)
        if isinstance(event, events.Key) and not event.is_forwarded and not isinstance(self.focused, TYPING):
            if await self._check_bindings(event.key, priority=True):
                return
            if await self.gate.run_binding(self.focused or self.screen, event.key):
                return
        await super().on_event(event)

    def _quiet_gc(self) -> None:
        """Typing must not stutter: a full garbage collection over every object of
        Textual and its modules took up to 30 ms mid-keystroke (bench/). Objects that
        live as long as the app move out of the collector's way, and it runs less often."""
        gc.collect()
        gc.freeze()
        gc.set_threshold(10_000, 50, 50)
        gc.enable()  # (the command line starts the app with it off: cli/__init__.py)
        # A screen left is garbage held in cycles until the collector's rare full pass:
        # collected once the next screen is drawn (a few ms, while keys are held anyway).
        self.screen_change_signal.subscribe(self, lambda _screen: self.call_after_refresh(gc.collect))

    def on_signal(self, signum: int) -> None:
        """The terminal closed with the call (SIGHUP), or a polite kill (SIGTERM), on the
        signal thread (leaving.Signals): save, then go; and if the UI loop is stuck and
        cannot, the guard ends the process."""
        if signum != signal.SIGTERM:  # a hang-up: leave only if the terminal went (see leaving.terminal_open)
            if terminal_open(getattr(self._driver, "fileno", None)):
                return
            signum = signal.SIGHUP
        self.exit_guard.arm(signum)
        self.soon(self._save_and_exit)

    def _save_and_exit(self) -> None:
        self.save_everything()
        self.exit()

    def _unsaved_text(self) -> str | None:
        """What the writer still holds, for the guard (the lock may be stuck: a copy without it)."""
        unsaved, writes = self.writer.held()
        return (
            recovery_text(unsaved, writes, self.writer.failing or "growtui did not close in time")
            if (unsaved or writes)
            else None
        )

    def action_blind(self) -> None:
        self.blind.toggle()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        if self.blind.on:  # (a message may quote a note or name someone)
            message, title, markup = "A message is hidden (blind).", "", False
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def snapshot(self) -> None:
        """A snapshot after a completed conversation, by a process of its own (snapshots.py)."""
        if not self.demo:
            from growtui.snapshot_status import start

            start(self.db_path, why="conversation")

    def watch_theme(self, theme: str) -> None:
        save_state(theme=theme)

    def effective_keys(self) -> dict[str, str]:
        return keys.effective(dict(self._keymap))

    def action_help(self) -> None:
        from growtui.screens.help import HelpScreen, sections_for

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()  # (the key that opened it closes it)
        else:
            self.push_screen(HelpScreen(sections_for(self.screen)))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette offers every action of the current screen, with its key."""
        yield from super().get_system_commands(screen)
        effective = self.effective_keys()
        bound = {b.id for b in [*self.BINDINGS, *screen.BINDINGS] if isinstance(b, Binding)}
        for key in keys.KEYS:
            if key.id in bound and key.id != "quit":  # Textual's palette already offers Quit
                target = self if key.action.startswith("app.") else screen
                action = key.action.removeprefix("app.")
                yield SystemCommand(
                    f"{key.description} ({effective[key.id]})",
                    f"binding id: {key.id}",
                    lambda target=target, action=action: self.call_later(target.run_action, action),
                )
        for title, help_text, action in screen.PALETTE_ONLY if isinstance(screen, OffersPaletteOnly) else ():
            yield SystemCommand(title, help_text, lambda action=action: self.call_later(screen.run_action, action))

    def write(self, what: str, op: Callable[[Store], object], then: Callable[[object], None] | None = None) -> None:
        """Every write but the notes' and a new conversation's row: off the UI thread, on
        the writer's, in order with the notes; kept and retried while the disk refuses it.
        `then` runs on the UI with the result once it is saved, and keys typed meanwhile
        wait for it: what the next key does may depend on it (the new person selected,
        the new action highlighted, the conversation closed)."""
        # (not while the disk refuses writes: they would only be held for the safety net's time)
        release = self.gate.hold_for_write() if then and not self.writer.failing else None
        self.writer.add(Write(what, op, then, release))

    def after_writes(self, callback: Callable[[], None]) -> None:
        """`callback` once every write made so far is saved (reads then see them all)."""
        self.write("", lambda _store: None, lambda _: callback())

    def _stuck(self, write: Write) -> None:
        """The disk refused a write: keys no longer wait for it (it is retried, and its
        `then` still runs once it is saved)."""
        after, write.after = write.after, None
        if after:
            self.soon(after)

    def _written(self, write: Write, result: object) -> None:
        """A queued write reached the disk (or failed for good) on the writer thread."""

        def done() -> None:
            try:
                if isinstance(result, Exception):
                    self.notify(
                        inert(f"Could not save {write.what}: {result}"), severity="error", timeout=30, markup=False
                    )
                elif write.then and _still_shown(write.then, self.screen_stack):
                    write.then(result)
            finally:
                if write.after:
                    write.after()

        self.soon(done)

    def soon(self, callback: Callable[[], None]) -> None:
        """Run on the UI loop without waiting for it (call_from_thread waits, and would
        deadlock a writer thread that the UI is itself waiting for while quitting)."""
        if self._loop is not None and not self._loop.is_closed():
            # In the UI's context, not the calling thread's: what the callback starts (a
            # timer, a worker) needs Textual's active app, which only the UI's context holds.
            self._loop.call_soon_threadsafe(callback, context=self._ui_context)

    def _save_failed(self, message: str) -> None:
        text = (
            f"Not saved yet ({message}). Notes and changes are kept in memory and retried every second; "
            "nothing is lost while growtui stays open."
        )
        self.soon(lambda: self.notify(text, title="Not saved yet", severity="error", timeout=30))

    def _save_recovered(self) -> None:
        self.soon(lambda: self.notify("Everything is saved again.", title="Saved"))

    def _merged(self, conv_id: int, key: str, ours: str, merged: str) -> None:
        def apply() -> None:
            for screen in self.screen_stack:
                if isinstance(screen, HoldsNotes) and screen.conv_id == conv_id:
                    screen.apply_merge(key, ours, merged)
            self.notify(
                "These notes were also edited in another growtui window; both texts are kept.",
                title="Notes merged",
                timeout=8,
            )

        self.soon(apply)

    async def action_quit(self) -> None:
        """Quit, unless something is not saved yet: then say so once (as vim's E37 does);
        quitting again leaves anyway and puts the unsaved text somewhere that works."""
        if not self.save_everything() and not self._quit_warned:
            self._quit_warned = True
            self.notify(
                f"Not everything is saved yet ({self.writer.failing or 'the disk is slow'}). Free some space and "
                "growtui saves it within a second. Quit again to leave anyway: the unsaved text goes to a "
                "recovery file, or is printed when growtui closes.",
                title="Not saved",
                severity="error",
                timeout=60,
            )
            return
        self.exit()

    def save_everything(self) -> bool:
        """Everything typed reaches the disk before the app goes (or a recovery file)."""
        for screen in self.screen_stack:
            if isinstance(screen, HoldsNotes):
                screen.save_all()
        return self.writer.flush(timeout=5)

    def on_unmount(self) -> None:
        gc.unfreeze()
        if watch := getattr(self, "calendar_watch", None):
            watch.stop()
        self.save_everything()
        unsaved, writes, reason = self.writer.pending(), self.writer.pending_writes(), self.writer.failing
        self.writer.close(timeout=2)
        if unsaved or writes:
            text = recovery_text(unsaved, writes, reason)
            self.recovery_path = write_recovery(text)
            if self.recovery_path is None:
                self.unsaved_text = text
        self.store.close()
        self.exit_guard.closed.set()


def _still_shown(callback: Callable[..., object], stack: list[Screen[Any]]) -> bool:
    """False when the callback belongs to a screen that has gone meanwhile (the app
    quitting, a screen dismissed): it would only look for widgets that are not there.
    Its screen is the one it is a method of, or the one its closure holds."""
    held: list[object] = [getattr(callback, "__self__", None)]
    for cell in getattr(callback, "__closure__", None) or ():
        try:
            value = cell.cell_contents
        except ValueError:  # (a cell not yet filled)
            continue
        held += [value, getattr(value, "__self__", None)]  # (a method handed on: after_writes(self.reload))
    return all(s in stack for s in held if isinstance(s, Screen))

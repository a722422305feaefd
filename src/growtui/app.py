"""The Textual app: thin. It owns the store, the agenda library and the note
writer; the screens do the work."""

from __future__ import annotations

import asyncio
import gc
import os
import signal
import time
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from growtui import keys, locations
from growtui.agendas import Library
from growtui.autosave import NoteWriter
from growtui.config import load_state, save_state
from growtui.store import Store


def write_recovery(unsaved: dict[tuple[int, str], str], reason: str | None) -> Path:
    """Notes the database would not take, as a Markdown file the user can paste back."""
    folder = locations.state_file().parent / "recovery"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / f"unsaved-notes-{datetime.now():%Y%m%d-%H%M%S}.md"
    lines = ["# growtui: notes that could not be saved", "", f"Reason: {reason or 'unknown'}", ""]
    for (conv_id, key), text in sorted(unsaved.items()):
        lines += [f"## Conversation {conv_id}, question {key}", "", text, ""]
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    return path


def bindings_for(screen: str) -> list[Binding]:
    """A screen's Bindings from the key map, each with its id (so users can remap it)."""
    return [
        Binding(k.key, k.action, k.short, id=k.id, tooltip=k.description, show=k.footer)
        for k in keys.for_screen(screen)
    ]


class GrowApp(App[None]):
    TITLE = "growtui"
    CSS_PATH = [str(locations.styles_dir() / "app.tcss")]
    BINDINGS = bindings_for("app")

    def __init__(
        self,
        db_path: Path,
        library: Library,
        keymap: dict[str, str] | None = None,
        today: date | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.db_path = db_path
        self.library = library
        self.today = today or date.today()
        self.clock = clock  # for the conversation timer; tests freeze it
        self.store = Store.open(db_path)
        self.writer = NoteWriter(
            db_path, on_error=self._save_failed, on_recovered=self._save_recovered, on_merge=self._merged
        )
        self.recovery_path: Path | None = None  # where unsaved notes went, if saving failed to the end
        self.set_keymap(keymap or {})
        saved_theme = load_state().get("theme")
        if saved_theme in self.available_themes:
            self.theme = saved_theme

    def on_mount(self) -> None:
        from growtui.screens.people import PeopleScreen

        # The terminal closed with the call (SIGHUP), or a polite kill (SIGTERM): save, then go.
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGHUP):
            loop.add_signal_handler(sig, self._save_and_exit)
        self.push_screen(PeopleScreen())
        self.call_after_refresh(self._quiet_gc)

    def _quiet_gc(self) -> None:
        """Typing must not stutter: a full garbage collection over every object of
        Textual and its modules took up to 30 ms mid-keystroke (bench/). Objects that
        live as long as the app move out of the collector's way, and it runs less often."""
        gc.collect()
        gc.freeze()
        gc.set_threshold(10_000, 50, 50)

    def _save_and_exit(self) -> None:
        self.save_everything()
        self.exit()

    def watch_theme(self, theme: str) -> None:
        save_state(theme=theme)

    def effective_keys(self) -> dict[str, str]:
        return keys.effective(dict(self._keymap))

    def action_help(self) -> None:
        from growtui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
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

    def _save_failed(self, message: str) -> None:
        self.call_from_thread(
            self.notify,
            f"Notes could not be saved ({message}). They are kept in memory and retried every second.",
            title="Not saved yet",
            severity="error",
            timeout=30,
        )

    def _save_recovered(self) -> None:
        self.call_from_thread(self.notify, "Notes are saved again.", title="Saved")

    def _merged(self, conv_id: int, key: str, ours: str, merged: str) -> None:
        def apply() -> None:
            for screen in self.screen_stack:
                if getattr(screen, "conv_id", None) == conv_id and hasattr(screen, "apply_merge"):
                    screen.apply_merge(key, ours, merged)
            self.notify("These notes were also edited in another growtui window; both texts are kept.",
                        title="Notes merged", timeout=8)

        self.call_from_thread(apply)

    def action_quit(self) -> None:
        self.save_everything()
        self.exit()

    def save_everything(self) -> bool:
        """Everything typed reaches the disk before the app goes (or a recovery file)."""
        for screen in self.screen_stack:
            save = getattr(screen, "save_all", None)
            if save:
                save()
        return self.writer.flush(timeout=5)

    def on_unmount(self) -> None:
        gc.unfreeze()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGHUP):
            loop.remove_signal_handler(sig)
        self.save_everything()
        unsaved = self.writer.pending()
        self.writer.close(timeout=2)
        if unsaved:
            self.recovery_path = write_recovery(unsaved, self.writer.failing)
        self.store.close()

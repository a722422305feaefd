"""Opening the app. `growtui` and `growtui --db PATH` come straight here, without
click and the commands' modules (~50 ms of imports the first frame does not need);
everything else goes through the click group (group.py), which comes here too."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from growtui import locations
from growtui.errors import GrowtuiError
from growtui.inert import inert

if TYPE_CHECKING:
    from growtui.agendas import Library
    from growtui.store import Store

in_use: list[Path] = []  # the database this command opened, for the damage check in main()
opened: list[Path] = []  # ... and if it read or wrote the notes: the day's snapshot is due (snapshots.py)


def say(text: str = "", err: bool = False) -> None:
    """A line for people, inert (see growtui.inert)."""
    print(inert(text), file=sys.stderr if err else sys.stdout, flush=True)


def only_opens_the_app(args: list[str]) -> Path | None:
    """The database to open if the arguments ask for nothing but the app on it, else
    None (anything else, an empty --db included, is for click to parse and check;
    so is shell completion, which click answers through the environment)."""
    if any(name.startswith("_GROWTUI_COMPLETE") for name in os.environ):
        return None
    if not args:
        flag = None
    elif len(args) == 2 and args[0] == "--db":
        flag = args[1]
    elif len(args) == 1 and args[0].startswith("--db="):
        flag = args[0].removeprefix("--db=")
    else:
        return None
    if flag is not None and not flag.strip():
        return None
    return use(locations.db_path(flag))


def use(path: Path) -> Path:
    in_use[:] = [path]
    return path


def make_private(path: Path) -> None:
    """Notes are confidential: an existing database others can read (a copy made with
    cp, a file from another tool) is made 0600, with SQLite's files beside it, as ssh
    insists on private keys. chmod does not open the file (see store.check_file)."""
    from growtui.store import StoreError, check_file, private_mode

    try:
        if path.is_file():
            check_file(path)  # only our own database: anything else is refused, untouched, when opened
        tightened = private_mode(path)
    except StoreError:
        return
    except OSError as e:
        say(f"growtui: warning: {path} can be read by others and could not be made private: {e.strerror}", err=True)
        return
    if tightened is not None:
        say(f"growtui: warning: {path} could be read by others (mode {tightened:04o}); made private (0600)", err=True)


def is_default(path: Path) -> bool:
    """Only the default location's folder is made on demand; a chosen path must exist."""
    return path == locations.default_db_path()


def agenda_library() -> Library:
    from growtui.agendas import load_library

    library = load_library()
    for error in library.errors:
        say(f"growtui: warning: skipped agenda {error}", err=True)
    return library


def expire_trash(store: Store, path: Path) -> None:
    """Conversations deleted over 30 days ago are erased for good (the file rewritten):
    when the app opens with no other window on it (one quick query when none expired)."""
    from growtui.inuse import no_app_open
    from growtui.store import TRASH_DAYS

    if not store.trash_expired(TRASH_DAYS):
        return
    try:
        with no_app_open(path, "open"):
            store.empty_trash(older_than_days=TRASH_DAYS)
    except GrowtuiError:
        pass  # (another window is open: the next start erases them)


def run_app(path: Path, demo: bool = False, calendar: str | None = None, blind: bool = False) -> None:
    from growtui.config import load_config
    from growtui.store import Store

    config = load_config()
    library = agenda_library()
    make_private(path)
    store = Store.open(path, create_folder=is_default(path))
    try:
        expire_trash(store, path)
    finally:
        store.close()  # checked and migrated before the screen takes over
    warning = None
    if not demo:
        from growtui.places import warn_once
        from growtui.snapshot_status import start

        start(path)  # (the day's snapshot, if not taken yet: a process of its own, not waited for)
        warning = warn_once(path)  # (a synced folder, a network filesystem: said once, in the app)
    from growtui.app import GrowApp

    from textual.theme import BUILTIN_THEMES

    if config.theme and config.theme not in BUILTIN_THEMES:
        names = ", ".join(sorted(BUILTIN_THEMES))
        raise GrowtuiError(f"{locations.config_file()}: theme: no theme named {config.theme!r} (there are: {names})")
    from growtui.meetings import configured

    from growtui.leaving import Signals

    with Signals() as signals:  # (before the app's threads start: they inherit its mask)
        app = GrowApp(
            db_path=path,
            library=library,
            keymap=config.keymap,
            demo=demo,
            theme=config.theme,
            calendar=configured(calendar, config.calendar),
            blind=blind,
            warning=warning,
        )
        signals.handler = app.on_signal
        from growtui.inuse import app_open

        with app_open(path):  # (what must not run under an open window waits or refuses: inuse.py)
            app.run()
    if app.crash is not None:
        import sqlite3

        from growtui.store import damaged

        problem = damaged(path, app.crash) if isinstance(app.crash, sqlite3.DatabaseError) else None
        what = f"the app stopped: {problem}" if problem else "the app stopped on an unexpected error"
        saved = (
            f"some notes could not be saved; they are in {app.recovery_path}"
            if app.recovery_path
            else ("notes typed before it are saved")
        )
        report = f"the report is in {app.crash_report}" if app.crash_report else "no report could be written"
        if app.unsaved_text:
            say(app.unsaved_text)
            saved = "some notes could not be saved; they are printed above"
        raise GrowtuiError(f"{what} ({saved}; {report})")
    if app.recovery_path:
        raise GrowtuiError(f"some notes could not be saved to {path}; they are in {app.recovery_path}")
    if app.unsaved_text:  # no folder would take a recovery file: the terminal is the last place left
        say(app.unsaved_text)
        raise GrowtuiError(f"some notes could not be saved to {path} nor to a recovery file; they are printed above")


def run_demo_app(blind: bool = False) -> None:
    from growtui.demo import generate

    folder = Path(tempfile.mkdtemp(prefix="growtui-demo-"))
    try:
        path = folder / "demo.db"
        generate(path, agenda_library(), people=8, conversations=60, seed=7)
        run_app(path, demo=True, blind=blind)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

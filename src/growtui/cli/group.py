"""`growtui` itself: with no command, the app (or the demo); the commands join
this group from their modules."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import click

from growtui import __version__
from growtui.cli.common import agenda_library, db_option, db_path, is_default, make_private
from growtui.cli.output import echo
from growtui.errors import GrowtuiError


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@db_option
@click.option("--demo", is_flag=True, help="Open the app on a throwaway database of sample data.")
@click.version_option(__version__, "--version", prog_name="growtui", message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context, demo: bool) -> None:
    """growtui: career conversations with the GROW model, from the keyboard."""
    if ctx.invoked_subcommand is not None:
        return
    if demo:
        run_demo_app()
    else:
        run_app(db_path())


def run_app(path: Path, demo: bool = False) -> None:
    from growtui.config import load_config
    from growtui.store import Store

    config = load_config()
    library = agenda_library()
    make_private(path)
    store = Store.open(path, create_folder=is_default(path))
    store.close()  # checked and migrated before the screen takes over
    from growtui.app import GrowApp

    app = GrowApp(db_path=path, library=library, keymap=config.keymap, demo=demo)
    app.run()
    if app.crash is not None:
        import sqlite3

        from growtui.store import damaged

        problem = damaged(path, app.crash) if isinstance(app.crash, sqlite3.DatabaseError) else None
        what = f"the app stopped: {problem}" if problem else "the app stopped on an unexpected error"
        saved = f"some notes could not be saved; they are in {app.recovery_path}" if app.recovery_path else (
            "notes typed before it are saved")
        report = f"the report is in {app.crash_report}" if app.crash_report else "no report could be written"
        if app.unsaved_text:
            echo(app.unsaved_text)
            saved = "some notes could not be saved; they are printed above"
        raise GrowtuiError(f"{what} ({saved}; {report})")
    if app.recovery_path:
        raise GrowtuiError(f"some notes could not be saved to {path}; they are in {app.recovery_path}")
    if app.unsaved_text:  # no folder would take a recovery file: the terminal is the last place left
        echo(app.unsaved_text)
        raise GrowtuiError(f"some notes could not be saved to {path} nor to a recovery file; they are printed above")


def run_demo_app() -> None:
    from growtui.demo import generate

    folder = Path(tempfile.mkdtemp(prefix="growtui-demo-"))
    try:
        path = folder / "demo.db"
        generate(path, agenda_library(), people=8, conversations=60, seed=7)
        run_app(path, demo=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

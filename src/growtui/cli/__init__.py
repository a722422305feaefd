"""The command line (its commands, flags and --json fields are a contract): `cli` is the
group (group.py), one module per command group joins it (commands.py gathers
them), output.py prints.

`growtui` and `growtui --db PATH` open the app without importing click or the
commands (launch.py): start-up is what a manager feels every day. Textual is
imported only when the app opens, so commands stay quick. Every error is one
line on stderr with a non-zero exit, never a traceback.
"""

from __future__ import annotations

import gc
import sys
from typing import Any

from growtui.cli.launch import in_use, only_opens_the_app, opened, run_app, say
from growtui.errors import GrowtuiError


def _damage_or_unexpected(error: Exception) -> str:
    """SQLite does not check the whole file on open: damage shows as the first error
    reading it. Say so, and what to do, if a quick check confirms it."""
    import sqlite3

    if isinstance(error, sqlite3.DatabaseError) and in_use:
        from growtui.store import damaged

        if found := damaged(in_use[0], error):
            return str(found)
    if isinstance(error, sqlite3.OperationalError) and "full" in str(error):  # (SQLite's word for ENOSPC)
        where = f" ({in_use[0]})" if in_use else ""
        return f"the disk holding the database{where} is full: nothing was changed; free some space and try again"
    return f"unexpected error: {type(error).__name__}: {error}"


def _commands(args: list[str]) -> int:
    """Everything but opening the app: click parses, the command runs."""
    import click

    from growtui.cli.commands import cli

    try:
        code = cli.main(args=args, prog_name="growtui", standalone_mode=False)
    except click.exceptions.Abort:
        say("growtui: aborted", err=True)
        return 130
    except click.ClickException as e:
        say(f"growtui: {e.format_message()}", err=True)
        return e.exit_code
    if opened:
        from growtui.places import warn_once
        from growtui.snapshot_status import start

        start(opened[0])  # (the day's snapshot, if not taken yet: a process of its own, not waited for)
        if warning := warn_once(opened[0]):  # (a synced folder, a network filesystem: said once)
            say(f"growtui: warning: {warning}", err=True)
    return code if isinstance(code, int) else 0


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command line; turn every failure into one line."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if (path := only_opens_the_app(args)) is not None:
            # Start-up allocates much and frees little: no collection until the first
            # frame is drawn (the app collects then, and freezes what lives on; app.py).
            gc.disable()
            run_app(path)
            code = 0
        else:
            code = _commands(args)
    except GrowtuiError as e:
        say(f"growtui: {e}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as e:  # the last line of defence: never a traceback
        say(f"growtui: {_damage_or_unexpected(e)}", err=True)
        sys.exit(1)
    sys.exit(code)


def __getattr__(name: str) -> Any:
    if name == "cli":  # the click group, for tests and tools (imported only when asked for)
        from growtui.cli.commands import cli

        return cli
    raise AttributeError(name)


__all__ = ["cli", "main"]

"""The command line (DESIGN.md "Command line" is the contract): `cli` is the
group (group.py), one module per command group joins it, output.py prints.

Textual is imported only when the app opens, so commands stay quick. Every
error is one line on stderr with a non-zero exit, never a traceback.
"""

from __future__ import annotations

import sys

import click

from growtui.cli import agendas, conversations, data, keymap, people  # noqa: F401  (each adds its commands)
from growtui.cli.common import in_use
from growtui.cli.group import cli
from growtui.cli.output import echo
from growtui.errors import GrowtuiError


def _damage_or_unexpected(error: Exception) -> str:
    """SQLite does not check the whole file on open: damage shows as the first error
    reading it. Say so, and what to do, if a quick check confirms it."""
    import sqlite3

    if isinstance(error, sqlite3.DatabaseError) and in_use:
        from growtui.store import damaged

        if found := damaged(in_use[0], error):
            return str(found)
    return f"unexpected error: {type(error).__name__}: {error}"


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command line; turn every failure into one line."""
    try:
        code = cli.main(args=argv, prog_name="growtui", standalone_mode=False)
    except click.exceptions.Abort:
        echo("growtui: aborted", err=True)
        sys.exit(130)
    except click.ClickException as e:
        echo(f"growtui: {e.format_message()}", err=True)
        sys.exit(e.exit_code)
    except GrowtuiError as e:
        echo(f"growtui: {e}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as e:  # the last line of defence: never a traceback
        echo(f"growtui: {_damage_or_unexpected(e)}", err=True)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


__all__ = ["cli", "main"]

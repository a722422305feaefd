"""What commands share: the --db option, the database they open (made private,
read-only where it cannot be written) and the agenda library."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from growtui import locations
from growtui.cli.output import echo

if TYPE_CHECKING:
    from growtui.agendas import Library
    from growtui.store import Store


def _remember_db(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not value.strip():  # `--db "$UNSET"` must not fall back to the real notes
        raise click.BadParameter("is empty (an unset variable?); give the database file's path", param_hint="--db")
    if value:
        ctx.find_root().ensure_object(dict)["db"] = value
    return value


def db_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """--db works on the group and on every command (the command's wins)."""
    return click.option(
        "--db",
        metavar="PATH",
        expose_value=False,
        callback=_remember_db,
        help="Database file (default: GROWTUI_DB, then the user data folder).",
    )(f)


in_use: list[Path] = []  # the database this command opened, for the damage check in main()


def db_path() -> Path:
    ctx = click.get_current_context()
    root = ctx.find_root()
    path = locations.db_path((root.obj or {}).get("db"))
    in_use[:] = [path]
    return path


def open_store() -> Store:
    from growtui.store import Store

    make_private(db_path())
    return Store.open_to_read(db_path(), create_folder=is_default(db_path()))  # every command using it reads


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
        echo(f"growtui: warning: {path} can be read by others and could not be made private: {e.strerror}", err=True)
        return
    if tightened is not None:
        echo(f"growtui: warning: {path} could be read by others (mode {tightened:04o}); made private (0600)", err=True)


def is_default(path: Path) -> bool:
    """Only the default location's folder is made on demand; a chosen path must exist."""
    return path == locations.default_db_path()


def agenda_library() -> Library:
    from growtui.agendas import load_library

    library = load_library()
    for error in library.errors:
        echo(f"growtui: warning: skipped agenda {error}", err=True)
    return library

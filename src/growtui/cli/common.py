"""What commands share: the --db option and the database they open (made private,
read-only where it cannot be written)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from growtui import locations
from growtui.cli.launch import is_default, make_private, use

if TYPE_CHECKING:
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


def db_path() -> Path:
    ctx = click.get_current_context()
    root = ctx.find_root()
    return use(locations.db_path((root.obj or {}).get("db")))


def open_store() -> Store:
    from growtui.store import Store

    make_private(db_path())
    return Store.open_to_read(db_path(), create_folder=is_default(db_path()))  # every command using it reads

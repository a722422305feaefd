"""What commands share: the --db option and the database they open (made private,
read-only where it cannot be written)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from growtui import locations
from growtui.cli.launch import is_default, make_private, opened, use
from growtui.cli.output import echo
from growtui.errors import GrowtuiError

if TYPE_CHECKING:
    from growtui.meetings import Meeting
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


def open_store(write: bool = False) -> Store:
    """The database: opened read-only where it cannot be written, for what only reads."""
    from growtui.store import Store

    make_private(db_path())
    opened[:] = [db_path()]
    if write:
        return Store.open(db_path(), create_folder=is_default(db_path()))
    return Store.open_to_read(db_path(), create_folder=is_default(db_path()))


def calendar_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--calendar",
        "calendar_path",
        metavar="PATH",
        help="An exported .ics file, or a folder of them (khal, vdirsyncer); default: calendar in config.toml.",
    )(f)


def booked(store: Store, flag: str | None, now: datetime, days: int = 120) -> dict[int, Meeting]:
    """Each person's next 1:1 in the calendar (none configured: nobody's). A calendar
    that cannot be read is one line on stderr: the command goes on without it."""
    from growtui.meetings import next_meetings

    return next_meetings(one_on_ones(store, flag, now - timedelta(days=1), now + timedelta(days=days))[0], now)


def one_on_ones(
    store: Store, flag: str | None, start: datetime, end: datetime, strict: bool = False
) -> tuple[list[Meeting], list[Meeting]]:
    """(1:1s matched to a person, events that look like 1:1s but matched nobody).
    `strict`: a calendar that cannot be read is the command's error, not a warning."""
    from growtui.config import load_config
    from growtui.meetings import CalendarError, configured, iter_people, looks_like_a_one_on_one, match, occurrences

    path = configured(flag, load_config().calendar)
    if path is None:
        return [], []
    try:
        events, problems = occurrences(path, start, end)
    except CalendarError as e:
        if strict:
            raise
        echo(f"growtui: warning: calendar not read: {e}", err=True)
        return [], []
    for problem in problems:
        echo(f"growtui: warning: {problem}", err=True)
    matched = match(events, iter_people(store.people(archived=False)))
    return [m for m in matched if m.person_id is not None], [m for m in matched if looks_like_a_one_on_one(m)]


def conversation_id(store: Store, given: str) -> int:
    """A conversation by its id, or 'latest'."""
    from growtui.errors import GrowtuiError
    from growtui.store import as_id

    if given == "latest":
        return store.latest_conversation_id()
    if given.isdigit():
        return as_id(given, "conversation")
    raise GrowtuiError(f"{given!r} is not a conversation id or 'latest'")


class ListOrVerb(click.Group):
    """`actions [PERSON]` lists, `actions done ID` records: the first word that is not an
    option (nor --db's path) and not one of the group's commands is the PERSON listed."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        for i, arg in enumerate(args):
            if arg.startswith("-") or (i and args[i - 1] == "--db"):
                continue
            if arg not in self.commands:
                ctx.meta["person"] = arg
                args = args[:i] + args[i + 1 :]
            break
        return super().parse_args(ctx, args)


def confirmed(question: str, yes: bool, typed: str | None = None) -> None:
    """A destructive command goes on only when told: --yes, or on a terminal, the
    answer (`typed`: the word to type back, as a name to erase). Without a terminal and
    without --yes it refuses (exit 2): a script must say --yes."""
    import sys

    if yes:
        return
    if not sys.stdin.isatty():
        raise click.UsageError(f"{question} — this asks for confirmation: run it on a terminal, or add --yes")
    if typed is None:
        if not click.confirm(question, default=False):
            raise GrowtuiError("not confirmed: nothing was changed")
        return
    answer = click.prompt(f"{question}\nType {typed!r} to confirm", default="", show_default=False)
    if answer.strip() != typed:
        raise GrowtuiError(f"{answer.strip()!r} is not {typed!r}: nothing was changed")

"""Notes between meetings from the shell: `growtui note PERSON TEXT` writes one (it
must feel instant), `growtui notes PERSON` lists them; edit and delete by id."""

from __future__ import annotations

from datetime import date
from collections.abc import Callable
from typing import Any

import click

from growtui.cli.common import ListOrVerb, confirmed, db_option, open_store
from growtui.cli.group import cli
from growtui.cli.output import echo, echo_table, json_option, print_json

KINDS = ("win", "feedback", "concern", "note")
NOTE_FIELDS = "{id, person, kind (win, feedback, concern or note), date, text, shareable, created_at, updated_at}"


def day_option(help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option("--date", "day", metavar="DAY", help=help)


def read_day(typed: str | None, option: str = "--date") -> str | None:
    """A day in words or as a date, looking back (growtui.between), as ISO."""
    if typed is None:
        return None
    from growtui.between import parse_day

    day = parse_day(typed, date.today())
    if day is None:
        raise click.BadParameter(
            f"{typed!r} is not a day today or before (try 2026-11-27, yesterday, Friday, 3 days ago)", param_hint=option
        )
    return day.isoformat()


@cli.command(
    epilog="\b\nExamples:\n  growtui note Ada shipped the migration a week early --kind win\n"
    '  growtui note Bob "missed the design review again" --kind concern --date yesterday\n'
    "  growtui notes Ada"
)
@db_option
@click.argument("person")
@click.argument("text", nargs=-1, required=True)
@click.option("--kind", type=click.Choice(KINDS), default="note", show_default=True, help="What kind of note.")
@day_option("The day it was about: a date, or words like yesterday, Friday, 3 days ago (default: today).")
@click.option("--shareable", is_flag=True, help="You may share it with them (notes are private by default).")
def note(person: str, text: tuple[str, ...], kind: str, day: str | None, shareable: bool) -> None:
    """Note something about PERSON between meetings: a win, feedback, a concern. It is
    private, searchable, in their brief and at the start of the next conversation."""
    on = read_day(day)
    store = open_store(write=True)
    who = store.find_person(person)
    note_id = store.add_note(who.id, " ".join(text), kind, on, shareable)
    echo(f"noted ({kind}, {on or 'today'}) for {who.name}: note {note_id}")


@cli.group(
    cls=ListOrVerb,
    invoke_without_command=True,
    epilog="\b\nExamples:\n  growtui notes Ada\n  growtui notes Ada --kind win --since 2026-06-01 --json\n"
    "  growtui notes edit 12 --text 'shipped the migration'\n  growtui notes delete 12",
)
@db_option
@json_option(f"an array of {NOTE_FIELDS}, newest first")
@click.option("--kind", type=click.Choice(KINDS), help="Only this kind.")
@click.option("--since", "day", metavar="DAY", help="Only those on or after this day (a date, or words).")
@click.pass_context
def notes(ctx: click.Context, as_json: bool, kind: str | None, day: str | None) -> None:
    """PERSON's notes between meetings, newest first; edit or delete one by its id."""
    if ctx.invoked_subcommand is not None:
        return
    person: str | None = ctx.meta.get("person")
    if not person:
        raise click.UsageError("whose notes? growtui notes PERSON")
    since = read_day(day, "--since")
    store = open_store()
    who = store.find_person(person)
    rows: list[dict[str, Any]] = [
        {
            "id": n.id,
            "person": who.name,
            "kind": n.kind,
            "date": n.noted_on,
            "text": n.text,
            "shareable": n.shareable,
            "created_at": n.created_at,
            "updated_at": n.updated_at,
        }
        for n in store.notes(who.id, kind, since)
    ]
    if as_json:
        print_json(rows)
        return
    if not rows:
        echo(f"no notes between meetings for {who.name}" + (f" of kind {kind}" if kind else ""), err=True)
        return
    echo_table(
        ["id", "date", "kind", "note", "shared"],
        [(r["id"], r["date"], r["kind"], r["text"], "yes" if r["shareable"] else "-") for r in rows],
    )


@notes.command("edit", epilog="\b\nExamples:\n  growtui notes edit 12 --kind win --shareable")
@db_option
@click.argument("note_id", metavar="ID", type=int)
@click.option("--text", help="Its new words.")
@click.option("--kind", type=click.Choice(KINDS), help="Its kind.")
@day_option("The day it was about.")
@click.option("--shareable/--private", default=None, help="Whether you may share it with them.")
def notes_edit(note_id: int, text: str | None, kind: str | None, day: str | None, shareable: bool | None) -> None:
    """Correct a note between meetings."""
    on = read_day(day)
    if text is None and kind is None and on is None and shareable is None:
        raise click.UsageError("nothing to change: give --text, --kind, --date, --shareable or --private")
    store = open_store(write=True)
    store.update_note(note_id, text, kind, on, shareable)
    echo(f"note {note_id} changed")


@notes.command("delete", epilog="\b\nExamples:\n  growtui notes delete 12 --yes")
@db_option
@click.argument("note_id", metavar="ID", type=int)
@click.option("--yes", is_flag=True, help="Do it without asking (for scripts).")
def notes_delete(note_id: int, yes: bool) -> None:
    """Delete a note between meetings (for good: the search index forgets it too)."""
    store = open_store(write=True)
    was = store.note(note_id)
    confirmed(f"Delete the note of {was.noted_on}: {was.text[:60]!r}?", yes)
    store.delete_note(note_id)
    echo(f"note {note_id} deleted")

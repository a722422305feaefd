"""`growtui agendas`: list, show, invite, check."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from growtui.cli.common import db_option
from growtui.cli.launch import agenda_library
from growtui.cli.group import cli
from growtui.cli.output import echo, echo_table, json_option, print_json

if TYPE_CHECKING:
    from growtui.store import Person


@cli.group(
    invoke_without_command=True,
    epilog="\b\nExamples:\n  growtui agendas\n  growtui agendas --json | jq -r '.[].id'\n"
    "  growtui agendas show third-meeting-grow",
)
@db_option
@json_option("an array of {id, title, series, questions, followups, hints, from, file}")
@click.pass_context
def agendas(ctx: click.Context, as_json: bool) -> None:
    """List agendas (id, title, questions); see also show, invite, check."""
    if ctx.invoked_subcommand is not None:
        return

    library = agenda_library()
    rows = [
        {
            "id": a.id,
            "title": a.title,
            "series": a.series,
            "questions": a.counts()[0],
            "followups": a.counts()[1],
            "hints": a.counts()[2],
            "from": "user" if library.is_user(a.id) else "bundled",
            "file": str(library.origins[a.id]),
        }
        for a in library.in_order()
    ]
    if as_json:
        print_json(rows)
        return
    echo_table(
        ["id", "title", "questions", "follow-ups", "from"],
        [(r["id"], r["title"], r["questions"], r["followups"], r["from"]) for r in rows],
    )


@agendas.command(
    "show",
    epilog="\b\nExamples:\n  growtui agendas show first-meeting\n"
    "  growtui agendas show grow-check-in --json | jq '.parts[].title'",
)
@db_option
@json_option(
    "one object {id, title, purpose, series, invite, bank, parts: [{title, stage, minutes, purpose, "
    "questions: [{id, text, hints, followups (the same shape), invite_text, rewordings, answered_by, makes}]}]}"
)
@click.argument("agenda_id")
def agendas_show(agenda_id: str, as_json: bool) -> None:
    """Print one agenda as an indented tree: questions, follow-ups and hints."""
    from dataclasses import asdict

    from growtui.config import load_config
    from growtui.keys import effective, with_keys

    agenda = agenda_library().get(agenda_id)
    if as_json:
        print_json(asdict(agenda))
        return
    keymap = effective(load_config().keymap)
    out = [agenda.title]
    if agenda.purpose:
        out.append(f"  {agenda.purpose.strip()}")
    for part in agenda.parts:
        out.append("")
        if part.title:
            out.append(f"{part.title}" + (f" — {part.purpose}" if part.purpose else ""))
        number = 0
        for node in agenda.nodes():
            if node.part is not part:
                continue
            indent = "  " * (node.depth + 1)
            if node.depth == 0:
                number += 1
                out.append(f"{indent}{number}. {node.item.text}  [{node.item.id}]")
            else:
                out.append(f"{indent}- {node.item.text}  [{node.item.id}]")
            for wording in node.item.rewordings:
                out.append(f"{indent}    (or) {wording}")
            for hint in node.item.hints:
                out.append(f"{indent}    (hint) {with_keys(hint, keymap)}")
            if node.item.answered_by:
                out.append(f"{indent}    (answered by the {ANSWERED_BY[node.item.answered_by]})")
    if agenda.bank:
        out += ["", f"The questions of {agenda.bank} are offered beside each part of the same stage."]
    echo("\n".join(out))


ANSWERED_BY = {
    "due": "action item's due date",
    "support": "action item's support",
    "commitment": "action item's commitment score",
    "cadence": "person's cadence, set when the conversation ends",
}


@agendas.command(
    "invite",
    epilog="\b\nExamples:\n  growtui agendas invite first-meeting | pbcopy\n"
    "  growtui agendas invite third-meeting-grow --ics --start 2026-12-01T10:00 "
    "--person Ada --out ada.ics\n"
    "  growtui agendas invite grow-check-in --ics --start 2026-12-07T09:30 --person Ada "
    "--repeat cadence --tz Europe/Berlin",
)
@db_option
@click.argument("agenda_id")
@click.option("--ics", is_flag=True, help="Print an iCalendar event instead of text.")
@click.option(
    "--start",
    type=click.DateTime(["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]),
    help="Start, e.g. 2026-12-01T10:00, a wall-clock time in --tz.",
)
@click.option("--minutes", default=45, show_default=True, type=click.IntRange(5, 600), help="How long the meeting is.")
@click.option(
    "--person",
    help="Who the 1-on-1 is with: a person's name or id (their email becomes the attendee), or any name for the title.",
)
@click.option("--tz", "tz_name", metavar="ZONE", help="The time zone of --start, e.g. Europe/Berlin (default: yours).")
@click.option(
    "--repeat",
    type=click.Choice(["weekly", "biweekly", "monthly", "cadence"]),
    help="Repeat it; cadence: every N days, as the person's cadence says.",
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write it to this file (mode 0600).")
def agendas_invite(
    agenda_id: str,
    ics: bool,
    start: datetime | None,
    minutes: int,
    person: str | None,
    tz_name: str | None,
    repeat: str | None,
    out: Path | None,
) -> None:
    """Print the meeting-invite agenda: top-level questions only; with --ics, an
    invite your calendar accepts (time zone, attendee, repeat)."""
    agenda = agenda_library().get(agenda_id)
    text = agenda.invite_text()
    if not ics:
        if out or repeat or tz_name:
            raise click.UsageError("--out, --repeat and --tz go with --ics")
        echo(text)
        return
    if start is None:
        raise click.UsageError("--ics needs --start, e.g. --start 2026-12-01T10:00")
    from growtui.ics import event, write_private, zone

    name, email, cadence = person or "", "", None
    if person:
        found = known_person(person)
        if found is not None:
            name, email, cadence = found.name, found.email, found.cadence_days
    summary = f"1-on-1: {agenda.title}" + (f" with {name}" if name else "")
    data = event(summary, text, start, minutes, zone(tz_name), email, name, repeat, cadence)
    if out:
        write_private(out, data)
        echo(f"wrote {out}")
    else:
        click.echo(data.decode(), nl=False)


def known_person(name_or_id: str) -> Person | None:
    """The person a --person names, if the database knows exactly one; else None."""
    from growtui.cli.common import db_path, open_store
    from growtui.store import StoreError

    if not db_path().exists():
        return None
    try:
        return open_store().find_person(name_or_id)
    except StoreError:
        return None


@agendas.command("check", epilog="\b\nExamples:\n  growtui agendas check ~/.config/growtui/agendas/*.toml")
@db_option
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def agendas_check(files: tuple[Path, ...]) -> None:
    """Validate agenda files; exit 1 if any is bad."""
    from growtui.agendas import AgendaError, load_agenda_file

    bad = 0
    for path in files:
        try:
            agenda = load_agenda_file(path)
        except AgendaError as e:
            echo(f"growtui: {e}", err=True)
            bad += 1
            continue
        q, f, h = agenda.counts()
        echo(f"{path}: ok ({agenda.id}: {q} questions, {f} follow-ups, {h} hints)")
    if bad:
        sys.exit(1)

"""`growtui agendas`: list, show, invite, check."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from growtui.cli.common import db_option
from growtui.cli.launch import agenda_library
from growtui.cli.group import cli
from growtui.cli.output import echo, render


@cli.group(invoke_without_command=True)
@db_option
@click.pass_context
def agendas(ctx: click.Context) -> None:
    """List agendas (id, title, questions); see also show, invite, check."""
    if ctx.invoked_subcommand is not None:
        return

    library = agenda_library()
    rows = [
        (a.id, a.title, a.counts()[0], a.counts()[1], "user" if library.is_user(a.id) else "bundled")
        for a in sorted(library.agendas.values(), key=lambda a: (a.series or 99, a.id))
    ]
    echo(render(["id", "title", "questions", "follow-ups", "from"], rows))


@agendas.command("show")
@db_option
@click.argument("agenda_id")
def agendas_show(agenda_id: str) -> None:
    """Print one agenda as an indented tree."""
    from growtui.config import load_config
    from growtui.keys import effective, with_keys

    agenda = agenda_library().get(agenda_id)
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


ANSWERED_BY = {"due": "action item's due date", "support": "action item's support", "commitment":
               "action item's commitment score", "cadence": "person's cadence, set when the conversation ends"}


@agendas.command("invite")
@db_option
@click.argument("agenda_id")
@click.option("--ics", is_flag=True, help="Print an iCalendar event instead of text.")
@click.option("--start", type=click.DateTime(["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]), help="Start, e.g. 2026-12-01T10:00.")
@click.option("--minutes", default=45, show_default=True, type=click.IntRange(5, 600))
@click.option("--person", help="Who the 1-on-1 is with (for the title).")
def agendas_invite(agenda_id: str, ics: bool, start: datetime | None, minutes: int, person: str | None) -> None:
    """Print the meeting-invite agenda: top-level questions only."""
    agenda = agenda_library().get(agenda_id)
    text = agenda.invite_text()
    if not ics:
        echo(text)
        return
    if start is None:
        raise click.UsageError("--ics needs --start, e.g. --start 2026-12-01T10:00")
    from growtui.ics import event

    summary = f"1-on-1: {agenda.title}" + (f" with {person}" if person else "")
    click.echo(event(summary, text, start, minutes), nl=False)


@agendas.command("check")
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

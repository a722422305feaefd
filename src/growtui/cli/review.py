"""The review packet from the shell: `growtui review PERSON` over a period, as Markdown
or JSON, every entry citing its source."""

from __future__ import annotations

from datetime import date

import click

from growtui.cli.common import db_option, open_store
from growtui.cli.group import cli
from growtui.cli.output import echo, format_option, print_json

REVIEW_FIELDS = (
    "one object {person, role, from, to, shareable, conversations, goals: [{id, text, by_date, measure, status, "
    "changes, actions: {done, closed, actions}, source}], actions: [{id, text, committed, commitment, due_date, "
    "status, outcome, result, closed_on, on_time, source}], my_promises (the same), notes_between_meetings: "
    "{win, feedback, concern, note: [{text, source}]}, themes: [{words, notes, sources}], their_talk: "
    "[{their_share, source}], goal_answers: [{text, from (notes or transcript), source}]}; every source is "
    "{conversation, date, question, meeting, question_text}, or {note, date} for a note between meetings"
)


@cli.command(
    epilog="\b\nExamples:\n  growtui review Ada --from 2026-01-01 --to 2026-12-31 > ada-2026.md\n"
    "  growtui review Ada --shareable   # the copy to discuss with them\n"
    "  growtui review Ada --format json | jq '.actions[] | select(.on_time == false)'"
)
@db_option
@click.argument("person")
@click.option("--from", "since", metavar="DATE", help="The period's first day (default: a year before --to).")
@click.option("--to", "until", metavar="DATE", help="Its last day (default: today).")
@format_option(f"Markdown, or JSON: {REVIEW_FIELDS}.")
@click.option(
    "--shareable", is_flag=True, help="Leave out private notes, private notes between meetings and transcripts."
)
def review(person: str, since: str | None, until: str | None, fmt: str, shareable: bool) -> None:
    """A review packet for PERSON over a period, for a performance review or a promotion
    case: compiled from the record (nothing summarised), every line citing its source."""
    from datetime import timedelta

    from growtui.cli.launch import agenda_library
    from growtui.review import review_markdown, review_packet

    def day(typed: str | None, name: str, default: date) -> date:
        if typed is None:
            return default
        try:
            return date.fromisoformat(typed)
        except ValueError:
            raise click.BadParameter(f"{typed!r} is not a date like 2026-12-01", param_hint=name) from None

    last = day(until, "--to", date.today())
    first = day(since, "--from", last - timedelta(days=365))
    if first > last:
        raise click.BadParameter(f"{first} is after {last}", param_hint="--from")
    store = open_store()
    who = store.find_person(person)
    packet = review_packet(store, agenda_library(), who.id, first.isoformat(), last.isoformat(), shareable)
    if fmt == "json":
        print_json(packet)
    else:
        echo(review_markdown(packet), nl=False)

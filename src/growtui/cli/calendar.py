"""`growtui calendar`: the 1:1s in the manager's calendar, matched to people."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import click

from growtui.cli.common import calendar_option, db_option, one_on_ones, open_store
from growtui.cli.group import cli
from growtui.cli.output import echo, echo_table, json_option, print_json
from growtui.dues import day_text
from growtui.errors import GrowtuiError

FIELDS = (
    "one object {one_on_ones: [{person_id, person, start, end, summary, matched_by (email or name)}], "
    "unmatched: [{start, end, summary, attendees}]}, times ISO 8601 with offset"
)


@cli.command(
    "calendar",
    epilog="\b\nExamples:\n  growtui calendar\n  growtui calendar --days 30 --json\n"
    "  growtui calendar --calendar ~/Downloads/outlook.ics --from 2026-12-07",
)
@db_option
@calendar_option
@json_option(FIELDS)
@click.option("--from", "first", type=click.DateTime(["%Y-%m-%d"]), help="First day, e.g. 2026-12-07 (default: today).")
@click.option("--days", default=14, show_default=True, type=click.IntRange(1, 3660), help="How many days to list.")
def calendar_command(calendar_path: str | None, as_json: bool, first: datetime | None, days: int) -> None:
    """The 1:1s in your calendar from a day on, with whom (matched by email, else by
    full name in the title), and apart, the events that look like 1:1s but matched nobody."""
    from growtui.config import load_config

    if not (calendar_path or load_config().calendar):
        raise GrowtuiError('no calendar: pass --calendar PATH, or set calendar = "PATH" in config.toml')
    store = open_store()
    start = datetime.combine((first or datetime.now()).date(), time()).astimezone()
    matched, unmatched = one_on_ones(store, calendar_path, start, start + timedelta(days=days), strict=True)
    names = {p.id: p.name for p in store.people()}
    if as_json:
        print_json(
            {
                "one_on_ones": [
                    {
                        "person_id": m.person_id,
                        "person": names.get(m.person_id or 0, ""),
                        "start": m.start.isoformat(),
                        "end": m.end.isoformat(),
                        "summary": m.summary,
                        "matched_by": m.matched_by,
                    }
                    for m in matched
                ],
                "unmatched": [
                    {
                        "start": m.start.isoformat(),
                        "end": m.end.isoformat(),
                        "summary": m.summary,
                        "attendees": list(m.attendees),
                    }
                    for m in unmatched
                ],
            }
        )
        return
    if not matched:
        echo(f"no 1:1 with anyone you meet in the {days} days from {day_text(start.date(), date.today())}", err=True)
    else:
        echo_table(
            ["when", "with", "summary", "matched by"],
            [(when(m.start, m.all_day), names.get(m.person_id or 0, ""), m.summary, m.matched_by) for m in matched],
        )
    if unmatched:
        echo("\nLook like 1:1s but matched nobody (add their email: growtui people edit NAME --email ...):")
        echo_table(
            ["when", "summary", "attendees"],
            [(when(m.start, m.all_day), m.summary, ", ".join(m.attendees)) for m in unmatched],
        )


def when(start: datetime, all_day: bool) -> str:
    """ "Tue 8 Dec 10:00" (the year too, when it is not this one)."""
    shown = day_text(start.date(), date.today())
    return shown if all_day else f"{shown} {start:%H:%M}"

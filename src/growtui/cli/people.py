"""Commands about people: people, history, brief, due."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from growtui.cli.common import db_option, open_store
from growtui.cli.group import cli
from growtui.cli.launch import agenda_library
from growtui.cli.output import echo, echo_table, json_option, print_json

PEOPLE_FIELDS = ("id, name, role, cadence_days, last_conversation, next_due, overdue_days, stage, open_actions, "
                 "latest_commitment, unfinished_conversation")


@cli.command(epilog="\b\nExamples:\n  growtui people\n  growtui people --json | jq -r '.[].name'")
@db_option
@json_option(f"an array of {{{PEOPLE_FIELDS}}}")
def people(as_json: bool) -> None:
    """List the people you hold 1-on-1s with, most urgent first."""
    from growtui.series import describe_people

    store = open_store()
    rows = describe_people(store, agenda_library(), date.today())
    if as_json:
        print_json(rows)
        return
    echo_table(
        ["id", "name", "role", "last", "next due", "stage", "open actions", "commitment"],
        [
            (r["id"], r["name"], r["role"], r["last_conversation"] or "never", r["next_due"] or "-",
             r["stage"], r["open_actions"], r["latest_commitment"] or "-")
            for r in rows
        ],
    )


@cli.command(epilog="\b\nExamples:\n  growtui history Ada\n  growtui history 3 --json")
@db_option
@json_option("an array of {id, started_at, agenda, status, actions, mean_commitment}, newest first")
@click.argument("person")
def history(person: str, as_json: bool) -> None:
    """A person's conversations, newest first (PERSON: an id, a name or its start)."""

    store = open_store()
    who = store.find_person(person)
    rows: list[dict[str, Any]] = [
        {
            "id": h.conversation.id,
            "started_at": h.conversation.started_at,
            "agenda": h.conversation.agenda_id,
            "status": h.conversation.status,
            "actions": h.actions,
            "mean_commitment": round(h.mean_commitment, 1) if h.mean_commitment is not None else None,
        }
        for h in store.history(who.id)
    ]
    if as_json:
        print_json(rows)
        return
    echo(f"{who.name} — {len(rows)} conversations")
    echo_table(
        ["id", "date", "agenda", "status", "actions", "mean commitment"],
        [(r["id"], r["started_at"][:16].replace("T", " "), r["agenda"], r["status"], r["actions"],
          r["mean_commitment"] if r["mean_commitment"] is not None else "-") for r in rows],
    )


BRIEF_FIELDS = ("{person, role, last_conversation: {id, date, agenda, status} or null, open_actions: [{text, "
                "commitment, first_commitment, due}], deferred: [question], not_yet_asked: [{agenda, question}], "
                "themes: [{words, notes}], follow_through: {high_done, high_closed, low_done, low_closed}}")


@cli.command(epilog="\b\nExamples:\n  growtui brief Ada\n  growtui brief Ada --json | jq .open_actions")
@db_option
@json_option(f"one object {BRIEF_FIELDS}")
@click.argument("person")
def brief(person: str, as_json: bool) -> None:
    """What to read before a 1-on-1: since last time, in 30 seconds."""
    from growtui.brief import brief_dict, brief_lines, make_brief

    store = open_store()
    made = make_brief(store, agenda_library(), store.find_person(person))
    if as_json:
        print_json(brief_dict(made))
        return
    echo("\n".join(brief_lines(made)))


@cli.command(epilog="\b\nExamples:\n  growtui due\n  growtui due --days 0   # today and overdue\n"
                    "  growtui due --json | jq -r '.[].name'")
@db_option
@json_option(f"an array of {{{PEOPLE_FIELDS}}}, those due within --days")
@click.option("--days", default=7, show_default=True, type=click.IntRange(0, 365), help="Look this far ahead.")
def due(as_json: bool, days: int) -> None:
    """Who is due or overdue for a 1-on-1 (this week by default)."""
    from growtui.series import describe_people

    today = date.today()
    rows = [r for r in describe_people(open_store(), agenda_library(), today)
            if r["next_due"] and (date.fromisoformat(r["next_due"]) - today).days <= days]
    if as_json:
        print_json(rows)
        return
    if not rows:  # said, so that an empty answer is not mistaken for a failure
        echo("nobody is due today" if days == 0 else f"nobody is due in the next {days} days", err=True)
    for r in rows:
        left = (date.fromisoformat(r["next_due"]) - today).days
        when = (f"overdue by {r['overdue_days']} day{'s' if r['overdue_days'] != 1 else ''}" if r["overdue_days"]
                else "due today" if left == 0 else f"due in {left} day{'s' if left != 1 else ''}")
        last = f"last {r['last_conversation']}" if r["last_conversation"] else "never met"
        echo(f"{r['name']}: {when} ({last}; next: {r['stage']})")

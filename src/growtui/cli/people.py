"""Commands about people: people, history, brief, due."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from growtui.cli.common import db_option, open_store
from growtui.cli.launch import agenda_library
from growtui.cli.group import cli
from growtui.cli.output import echo, json_option, print_json, render


@cli.command()
@db_option
@json_option
def people(as_json: bool) -> None:
    """List people."""
    from growtui.series import describe_people

    store = open_store()
    rows = describe_people(store, agenda_library(), date.today())
    if as_json:
        print_json(rows)
        return
    echo(
        render(
            ["id", "name", "role", "last", "next due", "stage", "open actions", "commitment"],
            [
                (r["id"], r["name"], r["role"], r["last_conversation"] or "never", r["next_due"] or "-",
                 r["stage"], r["open_actions"], r["latest_commitment"] or "-")
                for r in rows
            ],
        )
    )


@cli.command()
@db_option
@json_option
@click.argument("person")
def history(person: str, as_json: bool) -> None:
    """A person's conversations, newest first."""

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
    echo(
        render(
            ["id", "date", "agenda", "status", "actions", "mean commitment"],
            [(r["id"], r["started_at"][:16].replace("T", " "), r["agenda"], r["status"], r["actions"],
              r["mean_commitment"] if r["mean_commitment"] is not None else "-") for r in rows],
        )
    )


@cli.command()
@db_option
@click.argument("person")
def brief(person: str) -> None:
    """What to read before a 1-on-1: since last time, in 30 seconds."""
    from growtui.brief import brief_lines, make_brief

    store = open_store()
    echo("\n".join(brief_lines(make_brief(store, agenda_library(), store.find_person(person)))))


@cli.command()
@db_option
@json_option
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

"""Commands about people: people, history, brief, due."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from collections.abc import Callable

import click

from growtui.scores import score_text
from growtui.cli.common import ListOrVerb, booked, calendar_option, db_option, open_store
from growtui.cli.group import cli
from growtui.cli.launch import agenda_library
from growtui.cli.output import echo, echo_table, json_option, print_json
from growtui.errors import GrowtuiError

PEOPLE_FIELDS = (
    "id, name, role, email, cadence_days, last_conversation, next_due, overdue_days, next_meeting "
    "(ISO 8601 with offset, or null), stage, open_actions, overdue_actions (theirs), my_open_actions, "
    "my_overdue_actions (what you promised them), latest_commitment (theirs), unfinished_conversation, "
    "archived ({on, reason: left|moved}, or null)"
)


@cli.group(
    invoke_without_command=True,
    epilog="\b\nExamples:\n  growtui people\n  growtui people --json | jq -r '.[].name'\n"
    '  growtui people add "Ada Lovelace" --role Engineer --email ada@example.com --cadence 14\n'
    "  growtui people edit Ada --cadence 7\n  growtui people --archived",
)
@db_option
@calendar_option
@json_option(f"an array of {{{PEOPLE_FIELDS}}}")
@click.option("--archived", "with_archived", is_flag=True, help="Also those archived (left, moved team), last.")
@click.pass_context
def people(ctx: click.Context, as_json: bool, calendar_path: str | None, with_archived: bool) -> None:
    """List the people you hold 1-on-1s with, most urgent first; add or edit one."""
    if ctx.invoked_subcommand is not None:
        return
    from growtui.series import describe_people

    store = open_store()
    today = date.today()
    rows = describe_people(
        store, agenda_library(), today, booked(store, calendar_path, datetime.now().astimezone()), with_archived
    )
    if as_json:
        print_json(rows)
        return
    echo_table(
        ["id", "name", "role", "last", "next due", "next 1:1", "stage", "open actions", "commitment"],
        [
            (
                r["id"],
                r["name"],
                r["role"],
                r["last_conversation"] or "never",
                r["next_due"] or "-",
                short_when(r["next_meeting"]),
                f"archived {r['archived']['on']}" if r["archived"] else r["stage"],
                f"{r['open_actions']} ({r['overdue_actions']} late)" if r["overdue_actions"] else r["open_actions"],
                r["latest_commitment"] or "-",
            )
            for r in rows
        ],
    )


def short_when(iso: str | None) -> str:
    """A meeting's start for a table: "Tue 8 Dec 10:00"."""
    if not iso:
        return "-"
    from growtui.dues import day_text

    start = datetime.fromisoformat(iso)
    return f"{day_text(start.date(), date.today())} {start:%H:%M}"


def person_options(f: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(
        [
            click.option("--role", help='Their role, e.g. "Backend engineer".'),
            click.option("--email", help='Their email: finds your 1:1s with them in your calendar ("" clears it).'),
            click.option("--cadence", type=click.IntRange(0, 365), help="Meet every N days (0: no cadence)."),
        ]
    ):
        f = option(f)
    return f


@people.command(
    "add",
    epilog='\b\nExamples:\n  growtui people add "Ada Lovelace"\n'
    '  growtui people add "Ada Lovelace" --role Engineer --email ada@example.com --cadence 14',
)
@db_option
@click.argument("name")
@person_options
def people_add(name: str, role: str | None, email: str | None, cadence: int | None) -> None:
    """Add a person."""
    store = open_store(write=True)
    taken = [p for p in store.people() if p.name.casefold() == name.strip().casefold()]
    if taken:
        raise GrowtuiError(
            f"there is already a person named {taken[0].name!r} (id {taken[0].id}); growtui people edit changes them"
        )
    person_id = store.add_person(name, role or "", cadence or None, "", email or "")
    echo(f"added {name.strip()} (id {person_id})")


@people.command(
    "edit",
    epilog="\b\nExamples:\n  growtui people edit Ada --email ada@example.com\n"
    '  growtui people edit 3 --name "Ada King" --cadence 0',
)
@db_option
@click.argument("person")
@click.option("--name", help="A new name.")
@person_options
def people_edit(person: str, name: str | None, role: str | None, email: str | None, cadence: int | None) -> None:
    """Change a person (PERSON: an id, a name or its start); options left out stay as they are."""
    store = open_store(write=True)
    who = store.find_person(person)
    days = who.cadence_days if cadence is None else (cadence or None)
    store.update_person(
        who.id, name if name is not None else who.name, role if role is not None else who.role, days, who.notes, email
    )
    echo(f"changed {who.name}" + (f" (now {name.strip()})" if name and name.strip() != who.name else ""))


@cli.command(epilog="\b\nExamples:\n  growtui history Ada\n  growtui history 3 --json")
@db_option
@json_option(
    "an array of {id, started_at, agenda, status, edited_at, actions, action_ids (for actions done ID), "
    "mean_commitment}, newest first"
)
@click.argument("person")
def history(person: str, as_json: bool) -> None:
    """A person's conversations, newest first (PERSON: an id, a name or its start)."""

    store = open_store()
    who = store.find_person(person)
    action_ids: dict[int, list[int]] = {}
    for a, _ in sorted(store.all_actions(who.id), key=lambda found: found[0].id):
        action_ids.setdefault(a.conversation_id, []).append(a.id)
    rows: list[dict[str, Any]] = [
        {
            "id": h.conversation.id,
            "started_at": h.conversation.started_at,
            "agenda": h.conversation.agenda_id,
            "status": h.conversation.status,
            "edited_at": h.conversation.edited_at,
            "actions": h.actions,
            "action_ids": action_ids.get(h.conversation.id, []),
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
        [
            (
                r["id"],
                r["started_at"][:16].replace("T", " "),
                r["agenda"],
                r["status"] + (" (edited)" if r["edited_at"] else ""),
                " ".join(f"#{i}" for i in r["action_ids"]) or "-",
                r["mean_commitment"] if r["mean_commitment"] is not None else "-",
            )
            for r in rows
        ],
    )


BRIEF_FIELDS = (
    "{person, role, about (the person form's notes), last_conversation: {id, date, agenda, status} or null, next_meeting (ISO 8601, "
    "or null), open_actions: [{text, commitment, first_commitment, due, due_date, overdue, owner (them or me)}], deferred: [question], not_yet_asked: [{agenda, question}], "
    "themes: [{words, notes}], follow_through: {high_done, high_closed, low_done, low_closed}, "
    "their_talk: [their % of the talking, the last calls with a transcript, oldest first], "
    "goals: [{id, text, by, by_date, measure}] (their plan's active goals), "
    "noted: [{id, date, kind, text, shareable}] (notes between meetings since the last conversation)}"
)


@cli.command(epilog="\b\nExamples:\n  growtui brief Ada\n  growtui brief Ada --json | jq .open_actions")
@db_option
@calendar_option
@json_option(f"one object {BRIEF_FIELDS}")
@click.argument("person")
def brief(person: str, as_json: bool, calendar_path: str | None) -> None:
    """What to read before a 1-on-1: since last time, in 30 seconds."""
    from growtui.brief import brief_dict, brief_lines, make_brief

    store = open_store()
    who = store.find_person(person)
    made = make_brief(
        store, agenda_library(), who, booked(store, calendar_path, datetime.now().astimezone()).get(who.id)
    )
    if as_json:
        print_json(brief_dict(made))
        return
    echo("\n".join(brief_lines(made)))


@cli.command(
    epilog="\b\nExamples:\n  growtui due\n  growtui due --days 0   # today and overdue\n"
    "  growtui due --json | jq -r '.[].name'"
)
@db_option
@calendar_option
@json_option(f"an array of {{{PEOPLE_FIELDS}}}, those due within --days")
@click.option("--days", default=7, show_default=True, type=click.IntRange(0, 365), help="Look this far ahead.")
def due(as_json: bool, days: int, calendar_path: str | None) -> None:
    """Who is due or overdue for a 1-on-1 (this week by default): by their cadence, and
    whether one is booked in your calendar."""
    from growtui.series import describe_people

    today = date.today()
    store = open_store()
    people = describe_people(store, agenda_library(), today, booked(store, calendar_path, datetime.now().astimezone()))
    rows = [r for r in people if r["next_due"] and (date.fromisoformat(r["next_due"]) - today).days <= days]
    if as_json:
        print_json(rows)
        return
    if not rows:  # said, so that an empty answer is not mistaken for a failure
        echo("nobody is due today" if days == 0 else f"nobody is due in the next {days} days", err=True)
    for r in rows:
        left = (date.fromisoformat(r["next_due"]) - today).days
        when = (
            f"overdue by {r['overdue_days']} day{'s' if r['overdue_days'] != 1 else ''}"
            if r["overdue_days"]
            else "due today"
            if left == 0
            else f"due in {left} day{'s' if left != 1 else ''}"
        )
        last = f"last {r['last_conversation']}" if r["last_conversation"] else "never met"
        if r["next_meeting"]:
            when += f", booked {short_when(r['next_meeting'])}"
        late = (
            f"; {r['overdue_actions']} action{'s' if r['overdue_actions'] != 1 else ''} overdue"
            if (r["overdue_actions"])
            else ""
        )
        if r["my_overdue_actions"]:
            late += f"; {r['my_overdue_actions']} of your promises overdue"
        echo(f"{r['name']}: {when} ({last}; next: {r['stage']}{late})")


ACTION_FIELDS = (
    "an array of {id, person, text, due, due_date (ISO or null), overdue, owner (them or me), "
    "commitment, status, outcome, conversation}"
)


@cli.group(
    cls=ListOrVerb,
    invoke_without_command=True,
    options_metavar="[PERSON] [OPTIONS]",
    epilog="\b\nExamples:\n  growtui actions --open\n  growtui actions --overdue\n"
    "  growtui actions Ada --json\n  growtui actions --mine --open   # what you promised\n"
    '  growtui actions done 12 --result "RFC merged"',
)
@db_option
@json_option(ACTION_FIELDS)
@click.option("--open", "open_only", is_flag=True, help="Only open ones.")
@click.option("--overdue", is_flag=True, help="Only open ones past their due date.")
@click.option("--mine", is_flag=True, help="Only yours: support you promised (owner me).")
@click.pass_context
def actions(ctx: click.Context, as_json: bool, open_only: bool, overdue: bool, mine: bool) -> None:
    """Action items across people (or one PERSON's): id, due date, owner, commitment,
    status. Soonest due first. Record what became of one between meetings with done,
    progress or drop."""
    if ctx.invoked_subcommand is not None:
        return
    from growtui.dues import due_text, is_overdue

    person: str | None = ctx.meta.get("person")
    store = open_store()
    today = date.today()
    who = store.find_person(person) if person else None
    found = store.all_actions(
        who.id if who else None, open_only, today.isoformat() if overdue else None, "me" if mine else None
    )
    rows: list[dict[str, Any]] = [
        {
            "id": a.id,
            "person": name,
            "text": a.text,
            "due": a.due,
            "due_date": a.due_date,
            "overdue": is_overdue(a.status, a.due_date, today),
            "owner": a.owner,
            "commitment": a.commitment,
            "status": a.status,
            "outcome": a.outcome,
            "conversation": a.conversation_id,
        }
        for a, name in found
    ]
    if as_json:
        print_json(rows)
        return
    if not rows:
        echo("no action items" + (" overdue" if overdue else ""), err=True)
        return
    echo_table(
        ["id", "person", "action", "due", "owner", "commitment", "status"],
        [
            (
                r["id"],
                r["person"],
                r["text"],
                due_text(r["due"], r["due_date"]) + (" (overdue)" if r["overdue"] else ""),
                r["owner"],
                score_text(r["commitment"], "-"),
                r["status"],
            )
            for r in rows
        ],
    )

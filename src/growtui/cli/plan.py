"""A person's development plan from the shell: `growtui plan PERSON` shows it, `add`
writes a goal, `set` changes one (its status, words, date or measure)."""

from __future__ import annotations

from datetime import date

import click

from growtui.cli.common import ListOrVerb, db_option, open_store
from growtui.cli.group import cli
from growtui.cli.output import echo, json_option, print_json
from growtui.store import GOAL_STATUSES

PLAN_FIELDS = (
    "an array of goals, active first: {id, text, by (as typed), by_date (ISO or null), measure, status "
    "(active, reached, changed or dropped), source: {conversation, date, question} or null, created_at, "
    "actions: [{id, text, owner, commitment, due_date, status, outcome, result}], "
    "changes: [{at, field, value, conversation}], progress: {done, closed, actions}}"
)


def _person(ctx: click.Context) -> str:
    person: str | None = ctx.meta.get("person")  # (ListOrVerb put it there; meta is shared with subcommands)
    if not person:
        raise click.UsageError("whose plan? growtui plan PERSON")
    return person


def _by(typed: str | None) -> tuple[str, str | None] | None:
    if typed is None:
        return None
    from growtui.dues import parse_due

    day = parse_due(typed, date.today())
    return typed, day.isoformat() if day else None


@cli.group(
    cls=ListOrVerb,
    invoke_without_command=True,
    epilog="\b\nExamples:\n  growtui plan Ada\n"
    '  growtui plan Ada add "Lead the API gateway work" --by "end of June" --measure "the RFC is merged"\n'
    "  growtui plan Ada set 3 --status reached\n  growtui plan Ada --json | jq '.[0].progress'",
)
@db_option
@json_option(PLAN_FIELDS)
@click.pass_context
def plan(ctx: click.Context, as_json: bool) -> None:
    """PERSON's development plan: each goal, the actions that serve it, its dated changes."""
    if ctx.invoked_subcommand is not None:
        return
    from growtui.development import plan_dict, plan_lines

    store = open_store()
    who = store.find_person(_person(ctx))
    goals = plan_dict(store, who.id)
    if as_json:
        print_json(goals)
        return
    echo(f"{who.name} — development plan")
    for line in plan_lines(goals, date.today()):
        echo(line)


@plan.command("add", epilog='\b\nExamples:\n  growtui plan Ada add "Speak at a conference" --by "in 6 months"')
@db_option
@click.argument("goal", nargs=-1, required=True)
@click.option("--by", "by", metavar="WHEN", help='By when: a date, or words ("end of June", "in 6 months").')
@click.option("--measure", help="How they will know they are on track.")
@click.pass_context
def plan_add(ctx: click.Context, goal: tuple[str, ...], by: str | None, measure: str | None) -> None:
    """Add a goal to PERSON's plan (active)."""
    store = open_store(write=True)
    who = store.find_person(_person(ctx))
    typed, day = _by(by) or ("", None)
    goal_id = store.add_goal(who.id, " ".join(goal), typed, day, measure or "")
    echo(f"goal {goal_id} added to {who.name}'s plan")


@plan.command(
    "set", epilog="\b\nExamples:\n  growtui plan Ada set 3 --status reached\n  growtui plan Ada set 3 --by 2027-03-31"
)
@db_option
@click.argument("goal_id", metavar="GOAL_ID", type=int)
@click.option("--status", type=click.Choice(GOAL_STATUSES), help="Where the goal stands.")
@click.option("--text", help="Its new words.")
@click.option("--by", "by", metavar="WHEN", help="By when.")
@click.option("--measure", help="How they will know they are on track.")
@click.pass_context
def plan_set(
    ctx: click.Context, goal_id: int, status: str | None, text: str | None, by: str | None, measure: str | None
) -> None:
    """Change a goal of PERSON's plan; every change is kept with its date."""
    store = open_store(write=True)
    who = store.find_person(_person(ctx))
    if store.goal(goal_id).person_id != who.id:
        raise click.BadParameter(f"goal {goal_id} is not in {who.name}'s plan", param_hint="GOAL_ID")
    changes: dict[str, object] = {k: v for k, v in (("status", status), ("text", text), ("measure", measure)) if v}
    if (read := _by(by)) is not None:
        changes["by"], changes["by_date"] = read
    if not changes:
        raise click.UsageError("nothing to change: give --status, --text, --by or --measure")
    store.update_goal(goal_id, None, **changes)
    echo(f"goal {goal_id} changed: {', '.join(f'{k} {v}' for k, v in changes.items() if k != 'by_date')}")

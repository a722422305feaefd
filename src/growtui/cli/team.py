"""The team at a glance from the shell: `growtui team`, what needs attention first."""

from __future__ import annotations

from datetime import date


from growtui.cli.common import db_option, open_store
from growtui.cli.group import cli
from growtui.cli.launch import agenda_library
from growtui.cli.output import echo_table, json_option, print_json

TEAM_FIELDS = (
    "an array, what needs attention first, of {id, name, role, last_conversation, stage (the next in the series), "
    "conversation_overdue_days, goal: {id, text, done, actions} or null (the active goal), follow_through: "
    "{done, closed} (their actions of the last 6 months), open_actions, overdue_actions, days_since_note "
    "(or null), needs: [what needs attention, in words]}"
)


@cli.command(
    epilog="\b\nExamples:\n  growtui team\n  growtui team --json | jq -r '.[] | select(.goal == null) | .name'"
)
@db_option
@json_option(TEAM_FIELDS)
def team(as_json: bool) -> None:
    """Everyone at a glance, for review season: the last conversation, the active goal,
    follow-through over six months, open actions, the last note — what needs attention first."""
    from growtui.team import follow_text, goal_text, team_rows

    store = open_store()
    rows = team_rows(store, agenda_library(), date.today())
    if as_json:
        print_json(rows)
        return
    echo_table(
        ["name", "last", "goal (actions done)", "follow-through", "open", "last note", "needs"],
        [
            (
                r["name"],
                r["last_conversation"] or "never",
                goal_text(r["goal"]),
                follow_text(r["follow_through"]),
                f"{r['open_actions']} ({r['overdue_actions']} late)" if r["overdue_actions"] else r["open_actions"],
                f"{r['days_since_note']} d ago" if r["days_since_note"] is not None else "never",
                ", ".join(r["needs"]) or "-",
            )
            for r in rows
        ],
    )

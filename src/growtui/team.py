"""The team at a glance, for review season: per person, the last career conversation
and where they are in the series, the active goal and how far its actions got,
follow-through over the last six months, open and overdue actions, days since the
last note — sorted by what needs attention, with what it is in words."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from growtui.agendas import Library
from growtui.series import standings
from growtui.store import Store

SIX_MONTHS = 183
QUIET_DAYS = 60  # no note between meetings for this long: worth a thought before the review


def needs(row: dict[str, Any]) -> list[str]:
    """What needs attention, most pressing first."""
    out = []
    if row["conversation_overdue_days"]:
        out.append(f"1:1 overdue {row['conversation_overdue_days']} d")
    if row["overdue_actions"]:
        out.append(f"{row['overdue_actions']} late action{'s' * (row['overdue_actions'] > 1)}")
    if row["goal"] is None:
        out.append("no goal")
    ft = row["follow_through"]
    if ft["closed"] >= 2 and ft["done"] / ft["closed"] < 0.5:
        out.append("follow-through low")
    if row["days_since_note"] is None or row["days_since_note"] > QUIET_DAYS:
        out.append("no recent note")
    return out


def team_rows(store: Store, library: Library, today: date) -> list[dict[str, Any]]:
    """Everyone (not archived), what needs attention first (`team --json`)."""
    since = (today - timedelta(days=SIX_MONTHS)).isoformat()
    goals = store.active_goals()
    progress = store.goal_progress()
    follow = store.follow_through_since(since)
    noted = store.last_noted()
    rows = []
    for s in standings(store, library, today):
        o = s.overview
        pid = o.person.id
        goal = goals.get(pid)
        done, closed = follow.get(pid, (0, 0))
        last_note = noted.get(pid)
        goal_done, goal_actions = progress.get(goal.id, (0, 0)) if goal else (0, 0)
        row: dict[str, Any] = {
            "id": pid,
            "name": o.person.name,
            "role": o.person.role,
            "last_conversation": o.last_at[:10] if o.last_at else None,
            "stage": s.next_agenda.id if s.next_agenda else "",
            "conversation_overdue_days": s.overdue_days,
            "goal": {"id": goal.id, "text": goal.text, "done": goal_done, "actions": goal_actions} if goal else None,
            "follow_through": {"done": done, "closed": closed},
            "open_actions": o.open_actions,
            "overdue_actions": o.overdue_actions,
            "days_since_note": (today - date.fromisoformat(last_note)).days if last_note else None,
        }
        row["needs"] = needs(row)
        rows.append(row)
    return sorted(rows, key=attention)


def attention(row: dict[str, Any]) -> tuple[int, int, int, str]:
    """Most in need first: the most overdue 1:1, then the most late actions, then the
    most things named, then by name."""
    return (-row["conversation_overdue_days"], -row["overdue_actions"], -len(row["needs"]), row["name"].lower())


def follow_text(ft: dict[str, int]) -> str:
    return f"{round(100 * ft['done'] / ft['closed'])}% of {ft['closed']}" if ft["closed"] else "-"


def goal_text(goal: dict[str, Any] | None) -> str:
    if goal is None:
        return "-"
    return str(goal["text"]) + (f" ({goal['done']}/{goal['actions']})" if goal["actions"] else "")

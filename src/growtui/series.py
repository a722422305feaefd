"""Where each person stands: the next agenda in their series and when they are due."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, NamedTuple

from growtui.agendas import Agenda, Library
from growtui.meetings import Meeting
from growtui.store import PersonOverview, Store


def next_agenda(library: Library, done: frozenset[str] | set[str]) -> Agenda | None:
    """The first series agenda not yet completed; the last one (check-ins) repeats."""
    series = library.series()
    if not series:
        return None
    return next((a for a in series if a.id not in done), series[-1])


class Standing(NamedTuple):
    overview: PersonOverview
    next_agenda: Agenda | None
    due: date | None  # None: no cadence set
    overdue_days: int  # > 0 when overdue

    @property
    def last(self) -> date | None:
        at = self.overview.last_at
        return date.fromisoformat(at[:10]) if at else None


def standing(overview: PersonOverview, library: Library, today: date) -> Standing:
    cadence = overview.person.cadence_days
    last = date.fromisoformat(overview.last_at[:10]) if overview.last_at else None
    due = today if last is None else (last + timedelta(days=cadence) if cadence else None)
    if overview.person.archived_at:  # (left, or moved team: no longer yours to meet)
        due = None
    overdue = (today - due).days if due and due < today else 0
    return Standing(overview, next_agenda(library, overview.done_agendas), due, overdue)


def urgency(s: Standing, today: date) -> tuple[int, int, str]:
    """Overdue first (most overdue on top), then soonest due, then by name; archived last."""
    days = (s.due - today).days if s.due else 10_000
    first = 2 if s.overview.person.archived_at else 0 if s.overdue_days else 1  # (archived: after everyone)
    return (first, days, s.overview.person.name.lower())


def standings(store: Store, library: Library, today: date, archived: bool = False) -> list[Standing]:
    """Everyone to meet, most urgent first; `archived`: also those who left or moved team."""
    overviews = store.people_overview(today.isoformat(), archived)
    return sorted((standing(o, library, today) for o in overviews), key=lambda s: urgency(s, today))


def describe_people(
    store: Store, library: Library, today: date, booked: dict[int, Meeting] | None = None, archived: bool = False
) -> list[dict[str, Any]]:
    """The people for scripts (`people --json`); `booked`: each one's next 1:1 in the calendar;
    `archived`: also those who left or moved team (last)."""
    rows = []
    for s in standings(store, library, today, archived):
        o = s.overview
        meeting = (booked or {}).get(o.person.id)
        rows.append(
            {
                "id": o.person.id,
                "name": o.person.name,
                "role": o.person.role,
                "email": o.person.email,
                "cadence_days": o.person.cadence_days,
                "last_conversation": s.last.isoformat() if s.last else None,
                "next_due": s.due.isoformat() if s.due else None,
                "overdue_days": s.overdue_days,
                "next_meeting": meeting.start.isoformat() if meeting else None,
                "stage": s.next_agenda.id if s.next_agenda else "",
                "open_actions": o.open_actions,
                "overdue_actions": o.overdue_actions,
                "my_open_actions": o.my_open_actions,
                "my_overdue_actions": o.my_overdue_actions,
                "latest_commitment": o.latest_commitment,
                "unfinished_conversation": o.unfinished_id,
                "archived": (
                    {"on": o.person.archived_at, "reason": o.person.archived_reason} if o.person.archived_at else None
                ),
            }
        )
    return rows

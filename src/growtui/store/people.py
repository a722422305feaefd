"""The people a manager meets, and the people screen's overview."""

from __future__ import annotations

import re

from growtui.store.base import StoreBase
from growtui.store.records import Person, PersonOverview, StoreError, _build, as_id


def is_email(value: str) -> bool:
    """Enough of an address to match a calendar's attendee: one @, a dot after it, no spaces."""
    return bool(re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value))


def _check_email(email: str) -> None:
    if email.strip() and not is_email(email.strip()):
        raise StoreError(f"{email.strip()!r} is not an email address (like ada@example.com)")


class People(StoreBase):
    def add_person(
        self, name: str, role: str = "", cadence_days: int | None = None, notes: str = "", email: str = ""
    ) -> int:
        name = name.strip()
        if not name:
            raise StoreError("a person needs a name")
        _check_email(email)
        return self._insert(
            "people",
            {
                "name": name,
                "role": role.strip(),
                "cadence_days": cadence_days,
                "notes": notes,
                "created_at": self.clock(),
                "email": email.strip(),
            },
        )

    def update_person(
        self, person_id: int, name: str, role: str, cadence_days: int | None, notes: str, email: str | None = None
    ) -> None:
        if not name.strip():
            raise StoreError("a person needs a name")
        changes = {"name": name.strip(), "role": role.strip(), "cadence_days": cadence_days, "notes": notes}
        if email is not None:
            _check_email(email)
            changes["email"] = email.strip()
        self._update("people", person_id, changes)

    def set_cadence(self, person_id: int, days: int | None) -> None:
        if days is not None and not 1 <= days <= 365:
            raise StoreError("a cadence is a whole number of days, 1–365")
        self._update("people", person_id, {"cadence_days": days})

    def person(self, person_id: int) -> Person:
        row = self._one("SELECT * FROM people WHERE id = ?", (person_id,))
        if row is None:
            raise StoreError(f"no person with id {person_id}")
        return _build(Person, row)

    def find_person(self, name_or_id: str) -> Person:
        """By id, exact name, or a unique case-insensitive name prefix."""
        if name_or_id.isdigit():
            return self.person(as_id(name_or_id, "person"))
        rows = self._rows("SELECT * FROM people WHERE name = ? COLLATE NOCASE", (name_or_id,))
        if not rows:
            pattern = name_or_id.replace("%", r"\%").replace("_", r"\_") + "%"
            rows = self._rows("SELECT * FROM people WHERE name LIKE ? ESCAPE '\\' ORDER BY name", (pattern,))
        if not rows:
            raise StoreError(f"no person named {name_or_id!r} (see: growtui people)")
        if len(rows) > 1:
            names = ", ".join(r["name"] for r in rows[:5])
            raise StoreError(f"{name_or_id!r} matches several people: {names}")
        return _build(Person, rows[0])

    def people(self, archived: bool = True) -> list[Person]:
        """Everyone (archived: also those who left or moved team)."""
        rows = self._rows(
            "SELECT * FROM people WHERE ? OR archived_at IS NULL ORDER BY name COLLATE NOCASE", (int(archived),)
        )
        return [_build(Person, r) for r in rows]

    def people_overview(self, today: str = "", archived: bool = False) -> list[PersonOverview]:
        """One row a person, in one query; `today` (ISO) counts the open actions past due.
        Those archived (left, moved team) only when asked for."""
        rows = self._rows(
            """
            SELECT p.*,
                (SELECT max(started_at) FROM conversations c WHERE c.person_id = p.id) AS last_at,
                (SELECT count(*) FROM conversations c WHERE c.person_id = p.id) AS n_conversations,
                (SELECT group_concat(agenda_id) FROM (SELECT agenda_id FROM conversations c
                    WHERE c.person_id = p.id AND c.status = 'completed' GROUP BY agenda_id)) AS done_agendas,
                (SELECT count(*) FROM action_items a WHERE a.person_id = p.id AND a.status = 'open'
                    AND a.owner = 'them') AS open_actions,
                (SELECT count(*) FROM action_items a WHERE a.person_id = p.id AND a.status = 'open'
                    AND a.owner = 'them' AND a.due_date < :today) AS overdue_actions,
                (SELECT count(*) FROM action_items a WHERE a.person_id = p.id AND a.status = 'open'
                    AND a.owner = 'me') AS my_open_actions,
                (SELECT count(*) FROM action_items a WHERE a.person_id = p.id AND a.status = 'open'
                    AND a.owner = 'me' AND a.due_date < :today) AS my_overdue_actions,
                (SELECT commitment FROM action_items a WHERE a.person_id = p.id AND commitment IS NOT NULL
                    AND a.owner = 'them'  -- (my promises are no measure of theirs)
                    ORDER BY a.updated_at DESC, a.id DESC LIMIT 1) AS latest_commitment,
                (SELECT id FROM conversations c WHERE c.person_id = p.id  -- (by its status index)
                    AND c.status IN ('in-progress', 'to-be-continued') ORDER BY started_at DESC LIMIT 1) AS unfinished_id
            FROM people p WHERE :archived OR p.archived_at IS NULL ORDER BY p.name COLLATE NOCASE
            """,
            {"today": today, "archived": int(archived)},
        )
        return [
            PersonOverview(
                person=_build(Person, r),
                last_at=r["last_at"],
                conversations=r["n_conversations"],
                done_agendas=frozenset((r["done_agendas"] or "").split(",")) - {""},
                open_actions=r["open_actions"],
                overdue_actions=r["overdue_actions"],
                my_open_actions=r["my_open_actions"],
                my_overdue_actions=r["my_overdue_actions"],
                latest_commitment=r["latest_commitment"],
                unfinished_id=r["unfinished_id"],
            )
            for r in rows
        ]

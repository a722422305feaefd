"""A person's development plan: goals (what, by when, how they will know they are on
track), each with its status and dated changes, and the actions that serve it."""

from __future__ import annotations

from typing import Any

from growtui.store.base import StoreBase
from growtui.store.records import GOAL_STATUSES, Action, Goal, StoreError, _build

CHECK_IN_ANSWERS = ("kept", "changed", "reached")  # "still the goal?" at a check-in


class Plan(StoreBase):
    def add_goal(
        self,
        person_id: int,
        text: str,
        by: str = "",
        by_date: str | None = None,
        measure: str = "",
        conv_id: int | None = None,
        question_id: str | None = None,
    ) -> int:
        if not text.strip():
            raise StoreError("a goal needs some words")
        now = self.clock()
        with self.transaction():
            if self._one("SELECT 1 FROM people WHERE id = ?", (person_id,)) is None:
                raise StoreError(f"no person with id {person_id}")
            goal_id = self._insert(
                "goals",
                {
                    "person_id": person_id,
                    "text": text.strip(),
                    "by": by.strip(),
                    "by_date": by_date,
                    "measure": measure.strip(),
                    "conversation_id": conv_id,
                    "question_id": question_id,
                    "created_at": now,
                    "updated_at": now,
                },
            )
            self._log_goal(goal_id, now, "created", text.strip(), conv_id)
        return goal_id

    def goal(self, goal_id: int) -> Goal:
        row = self._one("SELECT * FROM goals WHERE id = ?", (goal_id,))
        if row is None:
            raise StoreError(f"no goal with id {goal_id}")
        return _build(Goal, row)

    def goals(self, person_id: int, status: str | None = None) -> list[Goal]:
        """Their goals: the active ones first, then the rest; newest first within each."""
        rows = self._rows(
            "SELECT * FROM goals WHERE person_id = :p AND (:s IS NULL OR status = :s) "
            "ORDER BY status != 'active', created_at DESC, id DESC",
            {"p": person_id, "s": status},
        )
        return [_build(Goal, r) for r in rows]

    def active_goals(self) -> dict[int, Goal]:
        """Each person's newest active goal (the people screen's line)."""
        rows = self._rows("SELECT * FROM goals WHERE status = 'active' ORDER BY created_at, id")
        return {r["person_id"]: _build(Goal, r) for r in rows}

    def update_goal(self, goal_id: int, conv_id: int | None = None, **changes: Any) -> Goal:
        """Change a goal's words, date, measure or status; each change is kept with its time."""
        unknown = set(changes) - {"text", "by", "by_date", "measure", "status"}
        if unknown:
            raise StoreError(f"unknown goal fields: {', '.join(sorted(unknown))}")
        if "status" in changes and changes["status"] not in GOAL_STATUSES:
            raise StoreError(f"a goal's status is one of {', '.join(GOAL_STATUSES)}, not {changes['status']!r}")
        if "text" in changes and not str(changes["text"]).strip():
            raise StoreError("a goal needs some words")
        now = self.clock()
        with self.transaction():
            before = self.goal(goal_id)
            changed = {k: v for k, v in changes.items() if getattr(before, k) != v}
            if changed:
                self._update("goals", goal_id, {**changed, "updated_at": now})
                for field in ("text", "by", "measure", "status"):
                    if field in changed:
                        self._log_goal(goal_id, now, field, changed[field], conv_id)
            return self.goal(goal_id)

    def check_in(self, goal_id: int, answer: str, conv_id: int) -> None:
        """ "Still the goal?" answered at a check-in: kept, changed (it is set so) or reached."""
        if answer not in CHECK_IN_ANSWERS:
            raise StoreError(f"an answer is one of {', '.join(CHECK_IN_ANSWERS)}, not {answer!r}")
        now = self.clock()
        with self.transaction():
            self._log_goal(goal_id, now, "check-in", answer, conv_id)
            if answer != "kept":
                self._update("goals", goal_id, {"status": answer, "updated_at": now})
                self._log_goal(goal_id, now, "status", answer, conv_id)

    def goal_changes(self, goal_id: int) -> list[dict[str, Any]]:
        return self._rows(
            "SELECT at, field, value, conversation_id FROM goal_changes WHERE goal_id = ? ORDER BY at, id", (goal_id,)
        )

    def goal_actions(self, goal_id: int) -> list[Action]:
        rows = self._rows("SELECT * FROM action_items WHERE goal_id = ? ORDER BY created_at, id", (goal_id,))
        return [_build(Action, r) for r in rows]

    def goal_progress(self) -> dict[int, tuple[int, int]]:
        """Every goal's (actions done, actions) in one query (the team's view)."""
        rows = self._rows(
            "SELECT goal_id, sum(status = 'done') AS done, count(*) AS n FROM action_items "
            "WHERE goal_id IS NOT NULL GROUP BY goal_id"
        )
        return {r["goal_id"]: (r["done"], r["n"]) for r in rows}

    def follow_through_since(self, since: str) -> dict[int, tuple[int, int]]:
        """Each person's (done, closed) of their own actions made on or after `since`."""
        rows = self._rows(
            "SELECT person_id, sum(status = 'done') AS done, sum(status IN ('done', 'dropped')) AS closed "
            "FROM action_items WHERE owner = 'them' AND created_at >= ? GROUP BY person_id",
            (since,),
        )
        return {r["person_id"]: (r["done"], r["closed"]) for r in rows}

    def _log_goal(self, goal_id: int, at: str, field: str, value: object, conv_id: int | None) -> None:
        self.conn.execute(
            "INSERT INTO goal_changes (goal_id, at, field, value, conversation_id) VALUES (?, ?, ?, ?, ?)",
            (goal_id, at, field, None if value is None else str(value), conv_id),
        )

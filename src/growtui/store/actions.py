"""Action items, the history of their scores and outcomes, and follow-through."""

from __future__ import annotations

from typing import Any

from growtui.scores import HIGH, LOW
from growtui.store.keeping import Keeping
from growtui.store.records import OUTCOME_STATUS, OUTCOMES, Action, FollowThrough, StoreError, _build


# A score is what the person said in a conversation: several edits within one (a typo
# fixed, 7 then 8 on the digit keys) are one point of the trend, the last of them.
SCORES = """
    SELECT h.action_id, h.value, h.at, h.id FROM action_history h
    WHERE h.field = 'commitment' AND h.value IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM action_history later WHERE later.action_id = h.action_id AND later.field = 'commitment'
          AND later.value IS NOT NULL AND later.conversation_id IS h.conversation_id
          AND (later.at, later.id) > (h.at, h.id))
"""


class Actions(Keeping):
    def add_action(
        self,
        person_id: int,
        conv_id: int,
        text: str,
        due: str = "",
        support: str = "",
        commitment: int | None = None,
        raise_it: str = "",
        due_date: str | None = None,
        owner: str = "them",
        goal_id: int | None = None,
    ) -> int:
        if not text.strip():
            raise StoreError("an action item needs a text")
        _check_commitment(commitment)
        _check_owner(owner)
        now = self.clock()
        with self.transaction():
            action_id = self._insert(
                "action_items",
                {
                    "person_id": person_id,
                    "conversation_id": conv_id,
                    "text": text.strip(),
                    "due": due,
                    "support": support,
                    "commitment": commitment,
                    "raise_it": raise_it,
                    "created_at": now,
                    "updated_at": now,
                    "due_date": due_date,
                    "owner": owner,
                    "goal_id": goal_id,
                },
            )
            self._log(action_id, conv_id, now, "status", "open")
            if commitment is not None:
                self._log(action_id, conv_id, now, "commitment", str(commitment))
            self.keep_earlier(conv_id, f"action:{action_id}", "")  # (added to a past one: it says "edited")
        return action_id

    def _log(self, action_id: int, conv_id: int | None, at: str, field: str, value: str | None) -> None:
        self._insert(
            "action_history",
            {"action_id": action_id, "conversation_id": conv_id, "at": at, "field": field, "value": value},
        )

    def action(self, action_id: int) -> Action:
        row = self._one("SELECT * FROM action_items WHERE id = ?", (action_id,))
        if row is None:
            raise StoreError(f"no action item with id {action_id}")
        return _build(Action, row)

    def update_action(self, action_id: int, conv_id: int | None = None, **changes: Any) -> Action:
        """Change fields of an action; score, status and outcome changes are logged
        with their time (and the conversation they happened in) for trends."""
        allowed = {
            "text",
            "due",
            "due_date",
            "owner",
            "support",
            "commitment",
            "raise_it",
            "status",
            "outcome",
            "result",
            "goal_id",
        }
        unknown = set(changes) - allowed
        if unknown:
            raise StoreError(f"unknown action fields: {', '.join(sorted(unknown))}")
        if "commitment" in changes:
            _check_commitment(changes["commitment"])
        if "owner" in changes:
            _check_owner(changes["owner"])
        if "outcome" in changes and changes["outcome"] is not None:
            if changes["outcome"] not in OUTCOMES:
                raise StoreError(f"unknown outcome {changes['outcome']!r}")
            changes.setdefault("status", OUTCOME_STATUS[changes["outcome"]])
        now = self.clock()
        with self.transaction():
            before = self.action(action_id)
            changed = {k: v for k, v in changes.items() if getattr(before, k) != v}
            if changed:
                if worded := {"text", "due", "support", "raise_it"} & set(changed):
                    earlier = " · ".join(f"{f}: {getattr(before, f)}" for f in sorted(worded))
                    self.keep_earlier(before.conversation_id, f"action:{action_id}", earlier)
                self._update("action_items", action_id, {**changed, "updated_at": now})
                for field in ("commitment", "status", "outcome"):
                    if field in changed:
                        value = changed[field]
                        self._log(action_id, conv_id, now, field, None if value is None else str(value))
            return self.action(action_id)

    def actions_of(self, conv_id: int) -> list[Action]:
        rows = self._rows("SELECT * FROM action_items WHERE conversation_id = ? ORDER BY id", (conv_id,))
        return [_build(Action, r) for r in rows]

    def all_actions(
        self,
        person_id: int | None = None,
        open_only: bool = False,
        due_before: str | None = None,
        owner: str | None = None,
    ) -> list[tuple[Action, str]]:
        """Actions across people (with each one's name), soonest due first, then newest:
        for `growtui actions`. `due_before` (ISO): open ones past that day only."""
        rows = self._rows(
            """
            SELECT a.*, p.name AS person_name FROM action_items a JOIN people p ON p.id = a.person_id
            WHERE (:person IS NULL OR a.person_id = :person) AND (:open = 0 OR a.status = 'open')
              AND (:before IS NULL OR (a.status = 'open' AND a.due_date < :before))
              AND (:owner IS NULL OR a.owner = :owner)
            ORDER BY a.due_date IS NULL, a.due_date, a.created_at DESC, a.id DESC
            """,
            {"person": person_id, "open": int(open_only), "before": due_before, "owner": owner},
        )
        return [(_build(Action, r), r["person_name"]) for r in rows]

    def open_actions(self, person_id: int, before: int | None = None) -> list[Action]:
        """Open actions of a person made in earlier conversations (to review next time)."""
        rows = self._rows(
            "SELECT * FROM action_items INDEXED BY action_items_person WHERE person_id = ? AND status = 'open' "
            "AND (? IS NULL OR conversation_id != ?) ORDER BY created_at, id",
            (person_id, before, before),
        )
        return [_build(Action, r) for r in rows]

    def action_changes(self, action_id: int) -> list[dict[str, object]]:
        """Every logged change of its score, status and outcome: when, in which
        conversation (None: between meetings), what."""
        return self._rows(
            "SELECT at, conversation_id, field, value FROM action_history WHERE action_id = ? ORDER BY at, id",
            (action_id,),
        )

    def recorded_between(self, person_id: int) -> dict[int, tuple[Action, str]]:
        """Actions whose latest outcome was recorded between meetings (`actions done`, the
        follow-through tab) and not yet seen in a conversation: id → (action, when)."""
        rows = self._rows(
            """
            SELECT a.*, h.at AS recorded_at FROM action_items a INDEXED BY action_items_person
            JOIN action_history h ON h.id = (SELECT max(id) FROM action_history
                WHERE action_id = a.id AND field = 'outcome')
            WHERE a.person_id = ? AND a.outcome IS NOT NULL AND h.conversation_id IS NULL
            ORDER BY a.created_at, a.id
            """,
            (person_id,),
        )
        return {r["id"]: (_build(Action, r), r["recorded_at"]) for r in rows}

    def confirm_outcome(self, action_id: int, conv_id: int) -> None:
        """An outcome recorded between meetings, seen and kept in a conversation's carry-over."""
        a = self.action(action_id)
        self._log(action_id, conv_id, self.clock(), "outcome", a.outcome)

    def commitment_trend(self, action_id: int) -> list[tuple[str, int]]:
        """(when, score): one point per conversation (see SCORES)."""
        rows = self._rows(f"SELECT at, value FROM ({SCORES}) WHERE action_id = ? ORDER BY at, id", (action_id,))
        return [(r["at"], int(r["value"])) for r in rows]

    def person_actions(
        self, person_id: int, status: str | None = None, limit: int = -1, before: Action | None = None
    ) -> list[tuple[Action, list[int]]]:
        """A person's actions, newest first (a page of `limit` older than `before`), each
        with its commitment trend. Two queries, whatever the number of actions."""
        rows = self._rows(
            """
            SELECT * FROM action_items WHERE person_id = :person AND (:status IS NULL OR status = :status)
              AND (:at IS NULL OR (created_at, id) < (:at, :id))
            ORDER BY created_at DESC, id DESC LIMIT :limit
            """,
            {
                "person": person_id,
                "status": status,
                "limit": limit,
                "at": before.created_at if before else None,
                "id": before.id if before else None,
            },
        )
        trends: dict[int, list[int]] = {}
        if rows:
            ids = [r["id"] for r in rows]
            marks = ",".join("?" * len(ids))
            for r in self._rows(
                f"SELECT action_id, value FROM ({SCORES}) WHERE action_id IN ({marks}) ORDER BY action_id, at, id",
                ids,
            ):
                trends.setdefault(r["action_id"], []).append(int(r["value"]))
        return [(_build(Action, r), trends.get(r["id"], [])) for r in rows]

    def follow_through(self, person_id: int | None = None) -> FollowThrough:
        """Does a high commitment score predict their follow-through? (the point of scoring
        it; the manager's own promises are not theirs to count)"""
        # (one person's rows by the index; "? IS NULL OR person_id = ?" would read everyone's)
        whose, args = ("person_id = ? AND", (person_id,)) if person_id is not None else ("", ())
        row = (
            self._one(
                f"""
            SELECT
                sum(commitment >= {HIGH} AND status = 'done') AS high_done,
                sum(commitment >= {HIGH} AND status != 'open') AS high_closed,
                sum(commitment <= {LOW} AND status = 'done') AS low_done,
                sum(commitment <= {LOW} AND status != 'open') AS low_closed
            FROM action_items WHERE {whose} commitment IS NOT NULL AND owner = 'them'
            """,
                args,
            )
            or {}
        )
        return FollowThrough(*(int(row.get(k) or 0) for k in ("high_done", "high_closed", "low_done", "low_closed")))

    def first_commitments(self, action_ids: list[int]) -> dict[int, int]:
        """The score each action had when first given (for "then and now")."""
        if not action_ids:
            return {}
        marks = ",".join("?" * len(action_ids))
        rows = self._rows(
            f"SELECT action_id, value FROM ({SCORES}) WHERE action_id IN ({marks}) ORDER BY at DESC, id DESC",
            action_ids,
        )
        return {r["action_id"]: int(r["value"]) for r in rows}  # the oldest wins: rows run newest first


def _check_commitment(value: int | None) -> None:
    if value is not None and not (isinstance(value, int) and 1 <= value <= 10):
        raise StoreError(f"commitment must be 1–10 or empty, not {value!r}")


def _check_owner(owner: str) -> None:
    if owner not in ("them", "me"):
        raise StoreError(f"an action item is theirs or mine ('them' or 'me'), not {owner!r}")

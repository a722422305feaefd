"""What the review packet compiles over a period, in a few queries whatever the number
of conversations: notes by question, actions with when they closed, what they said on
the calls under given questions, their share of the talking. A period is two ISO days,
both included."""

from __future__ import annotations

from typing import Any

from growtui.store.base import StoreBase
from growtui.store.records import Action, _build

# In period: started_at (ISO, with a time) on or after the first day, before the day after the last.
PERIOD = "c.started_at >= :since AND c.started_at < :until || '~'"


class ReviewQueries(StoreBase):
    def period_conversations(self, person_id: int, since: str, until: str) -> list[dict[str, Any]]:
        return self._rows(
            f"SELECT c.id, c.started_at, c.agenda_id, c.status FROM conversations c "
            f"WHERE c.person_id = :p AND {PERIOD} ORDER BY c.started_at, c.id",
            {"p": person_id, "since": since, "until": until},
        )

    def period_notes(self, person_id: int, since: str, until: str) -> list[dict[str, Any]]:
        """Every question's notes in the period's conversations, oldest first."""
        return self._rows(
            f"""
            SELECT q.conversation_id, c.started_at, c.agenda_id, q.question_id, q.notes, q.shareable
            FROM conversations c JOIN question_records q ON q.conversation_id = c.id
            WHERE c.person_id = :p AND {PERIOD} AND q.notes != ''
            ORDER BY c.started_at, c.id, q.id
            """,
            {"p": person_id, "since": since, "until": until},
        )

    def period_actions(self, person_id: int, since: str, until: str) -> list[tuple[Action, dict[str, Any]]]:
        """The actions made in the period's conversations, oldest first, each with the
        score it was first given, when it was closed (done or dropped) and its meeting's date."""
        rows = self._rows(
            f"""
            SELECT a.*, c.started_at AS conversation_started_at,
                (SELECT min(h.at) FROM action_history h
                  WHERE h.action_id = a.id AND h.field = 'status' AND h.value IN ('done', 'dropped')) AS closed_at,
                (SELECT h.value FROM action_history h WHERE h.action_id = a.id AND h.field = 'commitment'
                  ORDER BY h.at, h.id LIMIT 1) AS first_commitment
            FROM conversations c JOIN action_items a ON a.conversation_id = c.id
            WHERE c.person_id = :p AND {PERIOD}
            ORDER BY a.created_at, a.id
            """,
            {"p": person_id, "since": since, "until": until},
        )
        return [
            (
                _build(Action, r),
                {
                    "started_at": r["conversation_started_at"],
                    "closed_at": r["closed_at"],
                    "first_commitment": int(r["first_commitment"]) if r["first_commitment"] else None,
                },
            )
            for r in rows
        ]

    def period_said(self, person_id: int, since: str, until: str, question_ids: list[str]) -> list[dict[str, Any]]:
        """What they said on the calls (attached transcripts, their lines) under these questions."""
        if not question_ids:
            return []
        marks = ",".join(f":q{n}" for n in range(len(question_ids)))
        return self._rows(
            f"""
            SELECT k.conversation_id, c.started_at, c.agenda_id, k.question_id, k.text, k.start
            FROM conversations c JOIN transcripts t ON t.conversation_id = c.id AND t.attached_at != ''
            JOIN transcript_cues k ON k.conversation_id = c.id
            WHERE c.person_id = :p AND {PERIOD} AND k.side = 'them' AND k.question_id IN ({marks})
            ORDER BY c.started_at, c.id, k.start
            """,
            {"p": person_id, "since": since, "until": until, **{f"q{n}": q for n, q in enumerate(question_ids)}},
        )

    def period_talk(self, person_id: int, since: str, until: str) -> list[dict[str, Any]]:
        """Their share of each call with a transcript that names them: {conversation, started_at, them, total}."""
        return self._rows(
            f"""
            SELECT c.id AS conversation, c.started_at,
                   sum(CASE WHEN k.side = 'them' THEN max(k.end - k.start, 0) ELSE 0 END) AS them,
                   sum(max(k.end - k.start, 0)) AS total
            FROM conversations c JOIN transcripts t ON t.conversation_id = c.id AND t.attached_at != ''
            JOIN transcript_cues k ON k.conversation_id = c.id
            WHERE c.person_id = :p AND {PERIOD}
            GROUP BY c.id HAVING total > 0 AND them > 0 ORDER BY c.started_at, c.id
            """,
            {"p": person_id, "since": since, "until": until},
        )

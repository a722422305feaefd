"""What the brief reads before a 1-on-1: recent notes and questions asked."""

from __future__ import annotations


from growtui.store.base import StoreBase
from growtui.store.records import split_key


class BriefQueries(StoreBase):
    def recent_notes(self, person_id: int, conversations: int = 50) -> list[str]:
        """The notes of a person's most recent conversations (for themes)."""
        rows = self._rows(
            """
            SELECT q.notes FROM question_records q
            WHERE q.notes != '' AND q.conversation_id IN (
                SELECT id FROM conversations WHERE person_id = ? ORDER BY started_at DESC, id DESC LIMIT ?)
            """,
            (person_id, conversations),
        )
        return [r["notes"] for r in rows]

    def answered_by_actions(self, person_id: int) -> set[tuple[str, str]]:
        """(agenda id, field) for each of the action form's fields (due, support, commitment)
        one of their actions filled in, in a conversation of that agenda; my promises answer
        none of their questions."""
        rows = self._rows(
            """
            SELECT c.agenda_id, max(a.due != '') AS due, max(a.support != '') AS support,
                max(a.commitment IS NOT NULL) AS commitment
            FROM action_items a JOIN conversations c ON c.id = a.conversation_id
            WHERE a.person_id = ? AND a.owner != 'me' GROUP BY c.agenda_id
            """,
            (person_id,),
        )
        return {(r["agenda_id"], field) for r in rows for field in ("due", "support", "commitment") if r[field]}

    def agendas_held(self, person_id: int) -> set[str]:
        """The agendas of every conversation held with a person."""
        rows = self._rows("SELECT DISTINCT agenda_id FROM conversations WHERE person_id = ?", (person_id,))
        return {r["agenda_id"] for r in rows}

    def asked_questions(self, person_id: int, agenda_ids: list[str]) -> set[tuple[str, str]]:
        """(agenda id, question id) of every question this person has been asked in those agendas
        (marked asked, or with notes: see QuestionRecord.was_asked)."""
        if not agenda_ids:
            return set()
        marks = ",".join("?" * len(agenda_ids))
        rows = self._rows(
            f"""
            SELECT DISTINCT c.agenda_id, q.question_id FROM conversations c
            JOIN question_records q ON q.conversation_id = c.id
            WHERE c.person_id = ? AND c.agenda_id IN ({marks}) AND (q.asked = 1 OR trim(q.notes) != '')
            """,
            (person_id, *agenda_ids),
        )
        asked = set()
        for r in rows:
            asked.add(split_key(r["question_id"], r["agenda_id"]))
        return asked

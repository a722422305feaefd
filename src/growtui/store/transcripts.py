"""When each question was on screen, and the call's transcript aligned to them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from growtui.store.base import StoreBase
from growtui.store.records import StoreError


@dataclass(frozen=True)
class TranscriptInfo:
    conversation_id: int
    source: str
    format: str
    offset_seconds: float
    me: str
    attached_at: str
    cues: int


@dataclass(frozen=True)
class CueRecord:
    start: float
    end: float
    speaker: str
    side: str  # me, them or other
    text: str
    question_id: str


class Transcripts(StoreBase):
    def question_shown(self, conv_id: int, key: str, at: str | None = None) -> None:
        """A question became current (the conversation screen says so, to the second)."""
        self._insert("question_times", {"conversation_id": conv_id, "question_id": key, "at": at or self.clock()})

    def question_times(self, conv_id: int) -> list[tuple[str, str]]:
        """(when, question key) in time order."""
        rows = self._rows("SELECT at, question_id FROM question_times WHERE conversation_id = ? ORDER BY at, id",
                          (conv_id,))
        return [(r["at"], r["question_id"]) for r in rows]

    def attach_transcript(self, conv_id: int, source: str, fmt: str, offset: float, me: str,
                          cues: Iterable[CueRecord], replace: bool = False) -> int:
        """Store a transcript whole, or nothing (one transaction): an attached one is
        replaced only when asked, and stays until the new one is in."""
        with self.transaction():
            if self.transcript(conv_id) is not None:
                if not replace:
                    raise StoreError(f"conversation {conv_id} already has a transcript (--replace replaces it)")
                self.conn.execute("DELETE FROM transcripts WHERE conversation_id = ?", (conv_id,))
            self._insert("transcripts", {"conversation_id": conv_id, "source": source, "format": fmt,
                                         "offset_seconds": offset, "me": me, "attached_at": self.clock()})
            rows = [(conv_id, c.start, c.end, c.speaker, c.side, c.text, c.question_id) for c in cues]
            self.conn.executemany(
                "INSERT INTO transcript_cues (conversation_id, start, end, speaker, side, text, question_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        return len(rows)

    def detach_transcript(self, conv_id: int) -> bool:
        with self.transaction():
            gone = self.conn.execute("DELETE FROM transcripts WHERE conversation_id = ?", (conv_id,)).rowcount
        return bool(gone)

    def transcript(self, conv_id: int) -> TranscriptInfo | None:
        row = self._one(
            "SELECT t.*, (SELECT count(*) FROM transcript_cues c WHERE c.conversation_id = t.conversation_id) AS cues "
            "FROM transcripts t WHERE t.conversation_id = ?", (conv_id,))
        return TranscriptInfo(**row) if row else None

    def cues_of(self, conv_id: int) -> list[CueRecord]:
        rows = self._rows("SELECT start, end, speaker, side, text, question_id FROM transcript_cues "
                          "WHERE conversation_id = ? ORDER BY start, id", (conv_id,))
        return [CueRecord(**r) for r in rows]

    def talk_by_conversation(self, person_id: int) -> list[tuple[int, float, float]]:
        """(conversation, seconds they spoke, seconds in all) for a person's transcripts that
        name them or the manager, oldest first."""
        rows = self._rows(
            """
            SELECT c.id, sum(CASE WHEN q.side = 'them' THEN q.end - q.start ELSE 0 END) AS them,
                   sum(q.end - q.start) AS total
            FROM conversations c JOIN transcript_cues q ON q.conversation_id = c.id
            WHERE c.person_id = ? GROUP BY c.id
            HAVING sum(q.side IN ('them', 'me')) > 0  -- (a transcript naming neither side tells nothing)
            ORDER BY c.started_at, c.id
            """, (person_id,))
        return [(r["id"], r["them"] or 0.0, r["total"] or 0.0) for r in rows]

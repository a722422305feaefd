"""When each question was on screen, and the call's transcript aligned to them."""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import NamedTuple

from growtui.store.base import StoreBase
from growtui.store.records import StoreError


CHUNK = 1_000  # cues a transaction
# Between two transactions, room for other windows' saves: a connection waiting for the
# lock looks again after 1, 2, 5... up to 100 ms (SQLite's busy wait); back to back, the
# next transaction would have taken it each time.
PAUSE = 0.05
# A cue counts once its transcript is wholly stored (attached_at is set last).
COMPLETE = (
    "EXISTS (SELECT 1 FROM transcripts t WHERE t.conversation_id = transcript_cues.conversation_id "
    "AND t.attached_at != '')"
)


class TranscriptInfo(NamedTuple):
    conversation_id: int
    source: str
    format: str
    offset_seconds: float
    me: str
    attached_at: str
    cues: int


class CueRecord(NamedTuple):
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
        rows = self._rows(
            "SELECT at, question_id FROM question_times WHERE conversation_id = ? ORDER BY at, id", (conv_id,)
        )
        return [(r["at"], r["question_id"]) for r in rows]

    def attach_transcript(
        self,
        conv_id: int,
        source: str,
        fmt: str,
        offset: float,
        me: str,
        cues: Iterable[CueRecord],
        replace: bool = False,
    ) -> int:
        """Store a transcript in short transactions of CHUNK cues: one long one would hold
        the database's write lock for seconds, and every other window's saves with it.
        Until the last, the transcript is incomplete (attached_at '') and nothing reads
        it; one that is attached is replaced only when asked. Interrupted (a full disk, a
        kill), it stays incomplete: unread, and cleared by the next attach."""
        rows = [(conv_id, c.start, c.end, c.speaker, c.side, c.text, c.question_id) for c in cues]
        with self.transaction():
            if self.transcript(conv_id) is not None and not replace:
                raise StoreError(f"conversation {conv_id} already has a transcript (--replace replaces it)")
            self.conn.execute(
                "INSERT INTO transcripts (conversation_id, source, format, offset_seconds, me, attached_at) "
                "VALUES (?, ?, ?, ?, ?, '') ON CONFLICT (conversation_id) DO UPDATE SET attached_at = ''",
                (conv_id, source, fmt, offset, me),
            )
        try:
            self._delete_cues(conv_id)
            for at in range(0, len(rows), CHUNK):
                if at:
                    time.sleep(PAUSE)
                with self.transaction():
                    self.conn.executemany(
                        "INSERT INTO transcript_cues (conversation_id, start, end, speaker, side, text, question_id) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)",
                        rows[at : at + CHUNK],
                    )
            with self.transaction():
                self.conn.execute(
                    "UPDATE transcripts SET source = ?, format = ?, offset_seconds = ?, me = ?, "
                    "attached_at = ? WHERE conversation_id = ?",
                    (source, fmt, offset, me, self.clock(), conv_id),
                )
        except BaseException:
            self.abandon()
            raise
        return len(rows)

    def _delete_cues(self, conv_id: int) -> None:
        """A transcript's cues, CHUNK at a time (each a short transaction)."""
        while True:
            with self.transaction():
                gone = self.conn.execute(
                    "DELETE FROM transcript_cues WHERE id IN (SELECT id FROM transcript_cues WHERE conversation_id = ? "
                    "LIMIT ?)",
                    (conv_id, CHUNK),
                ).rowcount
            if not gone:
                return
            time.sleep(PAUSE)

    def leave_out_cues_after(self, conv_id: int, second: float) -> int:
        """Leave out what the recording holds after `second` (said after the conversation ended)."""
        with self.transaction():
            return self.conn.execute(
                "DELETE FROM transcript_cues WHERE conversation_id = ? AND start > ?", (conv_id, second)
            ).rowcount

    def detach_transcript(self, conv_id: int) -> bool:
        with self.transaction():
            attached = self.transcript(conv_id) is not None
            self.conn.execute("UPDATE transcripts SET attached_at = '' WHERE conversation_id = ?", (conv_id,))
        self._delete_cues(conv_id)
        with self.transaction():
            self.conn.execute("DELETE FROM transcripts WHERE conversation_id = ?", (conv_id,))
        return attached

    def transcript(self, conv_id: int) -> TranscriptInfo | None:
        """The conversation's transcript, once it is wholly stored."""
        row = self._one(
            "SELECT t.*, (SELECT count(*) FROM transcript_cues c WHERE c.conversation_id = t.conversation_id) AS cues "
            "FROM transcripts t WHERE t.conversation_id = ? AND t.attached_at != ''",
            (conv_id,),
        )
        return TranscriptInfo(**row) if row else None

    def cues_of(self, conv_id: int, skip: int = 0, limit: int = -1) -> list[CueRecord]:
        """A transcript's cues in time order (`skip` and `limit`: a part of them)."""
        rows = self._rows(
            "SELECT start, end, speaker, side, text, question_id FROM transcript_cues "
            f"WHERE conversation_id = ? AND {COMPLETE} ORDER BY start, id LIMIT ? OFFSET ?",
            (conv_id, limit, skip),
        )
        return [CueRecord(**r) for r in rows]

    def talk_by_conversation(self, person_id: int, last: int = 30) -> list[tuple[int, float, float]]:
        """(conversation, seconds they spoke, seconds in all) for a person's `last` calls
        whose transcript names them, oldest first (one that names only the manager says
        nothing of their share: never 0%). Only those calls' cues are summed (years of
        weekly transcripts are hundreds of thousands of them)."""
        rows = self._rows(
            """
            SELECT c.id, sum(CASE WHEN q.side = 'them' THEN max(q.end - q.start, 0) ELSE 0 END) AS them,
                   sum(max(q.end - q.start, 0)) AS total
            FROM (SELECT c.id, c.started_at FROM conversations c JOIN transcripts t ON t.conversation_id = c.id
                  WHERE c.person_id = :person AND t.attached_at != ''
                    AND EXISTS (SELECT 1 FROM transcript_cues k WHERE k.conversation_id = c.id AND k.side = 'them')
                  ORDER BY c.started_at DESC, c.id DESC LIMIT :last) c
            JOIN transcript_cues q ON q.conversation_id = c.id
            GROUP BY c.id HAVING total > 0 ORDER BY c.started_at, c.id
            """,
            {"person": person_id, "last": last},
        )
        return [(r["id"], r["them"] or 0.0, r["total"] or 0.0) for r in rows]

    def their_share(self, conv_id: int) -> int | None:
        """Their % of the talking in one call, if its transcript names them."""
        row = self._one(
            "SELECT sum(CASE WHEN side = 'them' THEN max(end - start, 0) ELSE 0 END) AS them, "
            "sum(max(end - start, 0)) AS total, "
            f"sum(side = 'them') AS known FROM transcript_cues WHERE conversation_id = ? AND {COMPLETE}",
            (conv_id,),
        )
        if not row or not row["known"] or not row["total"]:
            return None
        return round(100 * float(row["them"]) / float(row["total"]))

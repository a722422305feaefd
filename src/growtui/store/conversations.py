"""Conversations, each question's record (notes, asked, deferred, shareable) and\nthe time spent per GROW stage."""

from __future__ import annotations

from collections.abc import Sequence

from growtui.store.keeping import Keeping
from growtui.store.records import (
    STATUSES,
    Conversation,
    Deferred,
    HistoryRow,
    QuestionRecord,
    StoreError,
    _build,
    split_key,
)


class Conversations(Keeping):
    def start_conversation(self, person_id: int, agenda_id: str, carried: Sequence[str] = ()) -> int:
        """A new conversation; `carried` are 'agenda:question' keys deferred earlier."""
        now = self.clock()
        with self.transaction():
            conv_id = self._insert("conversations", {"person_id": person_id, "agenda_id": agenda_id, "started_at": now})
            for key in carried:
                self._upsert(conv_id, key, now)
        return conv_id

    def conversation(self, conv_id: int) -> Conversation:
        row = self._one("SELECT * FROM conversations WHERE id = ?", (conv_id,))
        if row is None:
            raise StoreError(f"no conversation with id {conv_id}")
        return _build(Conversation, row)

    def latest_conversation_id(self) -> int:
        row = self._one("SELECT id FROM conversations ORDER BY started_at DESC, id DESC LIMIT 1")
        if row is None:
            raise StoreError("there are no conversations yet")
        return int(row["id"])

    def unfinished(self, person_id: int) -> Conversation | None:
        row = self._one(
            "SELECT * FROM conversations WHERE person_id = ? AND status != 'completed' "
            "ORDER BY started_at DESC, id DESC LIMIT 1",
            (person_id,),
        )
        return _build(Conversation, row) if row else None

    def set_status(self, conv_id: int, status: str) -> None:
        if status not in STATUSES:
            raise StoreError(f"unknown status {status!r}")
        ended = None if status == "in-progress" else self.clock()
        self._update("conversations", conv_id, {"status": status, "ended_at": ended})

    def set_topic(self, conv_id: int, topic: str) -> None:
        self._update("conversations", conv_id, {"topic": topic.strip()})

    def last_topic(self, person_id: int, before: int | None = None) -> str:
        """The focus named in this person's latest conversation that named one."""
        row = self._one(
            "SELECT topic FROM conversations WHERE person_id = ? AND topic != '' AND (? IS NULL OR id != ?) "
            "ORDER BY started_at DESC, id DESC LIMIT 1",
            (person_id, before, before),
        )
        return row["topic"] if row else ""

    def history(self, person_id: int, limit: int = -1, before: Conversation | None = None) -> list[HistoryRow]:
        """A person's conversations, newest first: all, or a page of `limit` older than `before`."""
        rows = self._rows(
            """
            SELECT c.*,
                (SELECT count(*) FROM action_items a WHERE a.conversation_id = c.id) AS n_actions,
                (SELECT avg(commitment) FROM action_items a WHERE a.conversation_id = c.id AND a.owner = 'them')
                    AS mean_commitment
            FROM conversations c WHERE c.person_id = :person
              AND (:at IS NULL OR (c.started_at, c.id) < (:at, :id))
            ORDER BY c.started_at DESC, c.id DESC LIMIT :limit
            """,
            {
                "person": person_id,
                "limit": limit,
                "at": before.started_at if before else None,
                "id": before.id if before else None,
            },
        )
        return [HistoryRow(_build(Conversation, r), r["n_actions"], r["mean_commitment"]) for r in rows]

    def _upsert(self, conv_id: int, key: str, now: str) -> None:
        self.conn.execute(
            "INSERT INTO question_records (conversation_id, question_id, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (conversation_id, question_id) DO NOTHING",
            (conv_id, key, now),
        )

    def records(self, conv_id: int) -> dict[str, QuestionRecord]:
        rows = self._rows(
            "SELECT question_id, asked, deferred, notes, shareable FROM question_records "
            "WHERE conversation_id = ? ORDER BY id",
            (conv_id,),
        )
        return {
            r["question_id"]: QuestionRecord(
                r["question_id"], bool(r["asked"]), bool(r["deferred"]), r["notes"], bool(r["shareable"])
            )
            for r in rows
        }

    def set_shareable(self, conv_id: int, key: str, shareable: bool) -> None:
        with self.transaction():
            self._upsert(conv_id, key, self.clock())
            self.conn.execute(
                "UPDATE question_records SET shareable = ? WHERE conversation_id = ? AND question_id = ?",
                (int(shareable), conv_id, key),
            )

    def stage_seconds(self, conv_id: int) -> dict[str, int]:
        rows = self._rows("SELECT stage, seconds FROM stage_times WHERE conversation_id = ?", (conv_id,))
        return {r["stage"]: r["seconds"] for r in rows}

    def save_stage_seconds(self, conv_id: int, seconds: dict[str, int]) -> None:
        with self.transaction():
            for stage, value in seconds.items():
                self.conn.execute(
                    "INSERT INTO stage_times (conversation_id, stage, seconds) VALUES (?, ?, ?) "
                    "ON CONFLICT (conversation_id, stage) DO UPDATE SET seconds = excluded.seconds",
                    (conv_id, stage, value),
                )

    def save_notes(self, conv_id: int, key: str, text: str) -> None:
        if (earlier := self.notes_of(conv_id, key)) != text:
            self.keep_earlier(conv_id, f"notes:{key}", earlier)  # (a past conversation's edit)
        self.conn.execute(
            "INSERT INTO question_records (conversation_id, question_id, notes, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (conversation_id, question_id) DO UPDATE SET notes = excluded.notes, "
            "updated_at = excluded.updated_at WHERE notes != excluded.notes",
            (conv_id, key, text, self.clock()),
        )

    def notes_of(self, conv_id: int, key: str) -> str:
        row = self._one(
            "SELECT notes FROM question_records WHERE conversation_id = ? AND question_id = ?", (conv_id, key)
        )
        return row["notes"] if row else ""

    def save_notes_unless_changed(self, conv_id: int, key: str, text: str, base: str) -> str | None:
        """Save `text` if the stored note is still `base` (what this window last saw);
        if another window changed it meanwhile, save nothing and return their text."""
        with self.transaction():
            current = self.notes_of(conv_id, key)
            if current not in (base, text):
                return current
            self.save_notes(conv_id, key, text)
        return None

    def mark(self, conv_id: int, key: str, *, asked: bool | None = None, deferred: bool | None = None) -> None:
        """Set a question's asked and/or deferred mark (None leaves it as it is)."""
        a = None if asked is None else int(asked)
        d = None if deferred is None else int(deferred)
        with self.transaction():
            self.conn.execute(
                """
                INSERT INTO question_records (conversation_id, question_id, asked, deferred, updated_at)
                VALUES (:conv, :key, coalesce(:asked, 0), coalesce(:deferred, 0), :now)
                ON CONFLICT (conversation_id, question_id) DO UPDATE SET
                    asked = coalesce(:asked, asked), deferred = coalesce(:deferred, deferred), updated_at = :now
                """,
                {"conv": conv_id, "key": key, "asked": a, "deferred": d, "now": self.clock()},
            )
            if asked and ":" in key:
                self._resolve_deferred(conv_id, key)

    def pending_deferred(self, person_id: int, before: int | None = None) -> list[Deferred]:
        """Questions deferred "for next time" and not asked since, oldest first."""
        rows = self._rows(
            """
            SELECT c.id AS conversation_id, c.agenda_id, q.question_id
            -- CROSS JOIN: the few pending rows drive the loop, not the person's whole history
            FROM question_records q INDEXED BY question_records_pending
            CROSS JOIN conversations c ON c.id = q.conversation_id
            WHERE q.deferred = 1 AND q.resolved_in IS NULL AND c.person_id = ? AND (? IS NULL OR c.id != ?)
            ORDER BY c.started_at, c.id
            """,
            (person_id, before, before),
        )
        pending: dict[str, Deferred] = {}
        for r in rows:
            key = ":".join(split_key(r["question_id"], r["agenda_id"]))
            pending.setdefault(key, Deferred(key, r["conversation_id"]))
        return list(pending.values())

    def _resolve_deferred(self, conv_id: int, key: str) -> None:
        """A carried-over question was asked: earlier deferrals of it are answered."""
        agenda_id, qid = key.split(":", 1)
        self.conn.execute(
            """
            UPDATE question_records SET resolved_in = :conv WHERE id IN (
                SELECT q.id FROM question_records q INDEXED BY question_records_pending
                CROSS JOIN conversations c ON c.id = q.conversation_id
                WHERE q.deferred = 1 AND q.resolved_in IS NULL AND q.conversation_id != :conv
                  AND c.person_id = (SELECT person_id FROM conversations WHERE id = :conv)
                  AND (q.question_id = :key OR (q.question_id = :qid AND c.agenda_id = :agenda)))
            """,
            {"conv": conv_id, "key": key, "qid": qid, "agenda": agenda_id},
        )

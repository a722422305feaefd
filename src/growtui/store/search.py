"""Full-text search over notes, action items and transcripts."""

from __future__ import annotations

import sqlite3

from growtui.schema import KIND_ACTION, KIND_BETWEEN, KIND_NOTE, KIND_TRANSCRIPT
from growtui.store.base import StoreBase
from growtui.store.records import SearchHit, StoreError


MARK_START, MARK_END = "\x02", "\x03"  # around matched words in search snippets
# by rowid % 4 (schema.py); "between": a note between meetings (no conversation)
KINDS = {KIND_NOTE: "note", KIND_ACTION: "action", KIND_TRANSCRIPT: "transcript", KIND_BETWEEN: "between"}
# Search ranks the most recent matches only: a word in every note of ten years
# would otherwise cost a bm25 score per note. Rowids grow with time.
SEARCH_WINDOW = 500


def fts_query(text: str) -> str:
    """User words to an FTS5 query: every word must match; the last may be a prefix."""
    words = [w.replace('"', '""') for w in text.split()]
    if not words:
        return ""
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


class Search(StoreBase):
    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        query = fts_query(text)
        if not query:
            return []
        try:
            rows = self._rows(
                """
                SELECT s.conversation_id, s.question_id, s.snippet, s.kind, p.name AS person,
                       coalesce(c.started_at, n.noted_on) AS started_at, coalesce(c.agenda_id, '') AS agenda_id,
                       n.id AS note_id, p.archived_at IS NOT NULL AS archived
                FROM (
                    SELECT conversation_id, question_id, rank, rowid % 4 AS kind, rowid / 4 AS source,
                           snippet(search_index, 0, char(2), char(3), '…', 12) AS snippet
                    FROM search_index WHERE search_index MATCH :q AND rowid >= coalesce((
                        SELECT min(rowid) FROM (SELECT rowid FROM search_index WHERE search_index MATCH :q
                                                ORDER BY rowid DESC LIMIT :window)), 0)
                    ORDER BY rank LIMIT :limit
                ) s
                LEFT JOIN conversations c ON c.id = s.conversation_id
                LEFT JOIN notes n ON s.kind = :between AND n.id = s.source
                JOIN people p ON p.id = coalesce(c.person_id, n.person_id)
                WHERE s.kind != :transcript OR EXISTS (SELECT 1 FROM transcripts t
                    WHERE t.conversation_id = s.conversation_id AND t.attached_at != '')  -- (one being stored: not yet)
                ORDER BY s.rank
                """,
                {
                    "q": query,
                    "limit": limit,
                    "window": SEARCH_WINDOW,
                    "transcript": KIND_TRANSCRIPT,
                    "between": KIND_BETWEEN,
                },
            )
        except sqlite3.OperationalError as e:
            raise StoreError(f"cannot search for {text!r}: {e}") from None
        return [
            SearchHit(
                r["conversation_id"],
                r["person"],
                r["started_at"],
                r["agenda_id"],
                r["question_id"],
                r["snippet"],
                KINDS.get(r["kind"], "note"),
                bool(r["archived"]),
                r["note_id"],
            )
            for r in rows
        ]

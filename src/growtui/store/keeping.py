"""Keeping the record in order: a person archived, a past conversation's earlier
texts, conversations thrown away (the trash), and one person erased whole."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from growtui.store.base import StoreBase
from growtui.store.records import StoreError, TrashEntry, Version, _build

ARCHIVE_REASONS = {"left": "left the company", "moved": "moved to another team"}
TRASH_DAYS = 30
# Edits within this many minutes of the last kept version are one edit (autosave
# saves every half second: the text before the editing began is what is kept).
ONE_EDIT_MINUTES = 10


class Keeping(StoreBase):
    # -- archive ------------------------------------------------------------------

    def archive_person(self, person_id: int, reason: str = "left", on: str | None = None) -> None:
        if reason not in ARCHIVE_REASONS:
            raise StoreError(f"a reason is one of {', '.join(ARCHIVE_REASONS)}, not {reason!r}")
        self._update("people", person_id, {"archived_at": on or self.clock()[:10], "archived_reason": reason})

    def unarchive_person(self, person_id: int) -> None:
        self._update("people", person_id, {"archived_at": None, "archived_reason": ""})

    # -- a past conversation's earlier texts ---------------------------------------

    def keep_earlier(self, conv_id: int, what: str, earlier: str) -> None:
        """Before a past conversation's text changes: the text it had is kept (once per
        edit, see ONE_EDIT_MINUTES), and the conversation says when it was edited. A
        conversation in progress is being written, not edited: nothing is kept."""
        row = self._one("SELECT status FROM conversations WHERE id = ?", (conv_id,))
        if row is None or row["status"] == "in-progress":
            return
        now = self.clock()
        since = (datetime.fromisoformat(now) - timedelta(minutes=ONE_EDIT_MINUTES)).isoformat(timespec="seconds")
        recent = self._one(
            "SELECT 1 FROM earlier_versions WHERE conversation_id = ? AND what = ? AND replaced_at >= ?",
            (conv_id, what, since),
        )
        if recent is None and earlier.strip():
            self._insert(
                "earlier_versions", {"conversation_id": conv_id, "what": what, "text": earlier, "replaced_at": now}
            )
        self.conn.execute("UPDATE conversations SET edited_at = ? WHERE id = ?", (now, conv_id))

    def earlier_versions(self, conv_id: int) -> list[Version]:
        rows = self._rows(
            "SELECT what, text, replaced_at FROM earlier_versions WHERE conversation_id = ? ORDER BY what, replaced_at",
            (conv_id,),
        )
        return [_build(Version, r) for r in rows]

    # -- the trash ---------------------------------------------------------------------

    def delete_conversation(self, conv_id: int) -> TrashEntry:
        """Out of every screen, search, brief and figure at once: its rows leave their
        tables (the search index with them) and wait in the trash, whole, to be restored."""
        conv = self._one(
            "SELECT c.person_id, c.started_at, c.agenda_id, p.name FROM conversations c "
            "JOIN people p ON p.id = c.person_id WHERE c.id = ?",
            (conv_id,),
        )
        if conv is None:
            raise StoreError(f"no conversation with id {conv_id}")
        label = f"{conv['started_at'][:16].replace('T', ' ')} · {conv['name']} · {conv['agenda_id']}"
        with self.transaction():
            taken = self._rows_of(conv_id)
            self._insert(
                "trash",
                {
                    "conversation_id": conv_id,
                    "person_id": conv["person_id"],
                    "label": label,
                    "deleted_at": self.clock(),
                    "rows": json.dumps(taken),
                },
            )
            self.conn.execute("DELETE FROM conversations WHERE id = ?", (conv_id,))
        return self.trash_entry(conv_id)

    def trash(self) -> list[TrashEntry]:
        rows = self._rows("SELECT conversation_id, person_id, label, deleted_at FROM trash ORDER BY deleted_at DESC")
        return [_build(TrashEntry, r) for r in rows]

    def trash_entry(self, conv_id: int) -> TrashEntry:
        row = self._one(
            "SELECT conversation_id, person_id, label, deleted_at FROM trash WHERE conversation_id = ?", (conv_id,)
        )
        if row is None:
            raise StoreError(f"no conversation {conv_id} in the trash (see: growtui trash)")
        return _build(TrashEntry, row)

    def restore_conversation(self, conv_id: int) -> int:
        """Back as it was, ids and all (an id taken since by a new row gets a new one).
        Returns the conversation's id."""
        self.trash_entry(conv_id)
        with self.transaction():
            row = self._one("SELECT rows FROM trash WHERE conversation_id = ?", (conv_id,))
            assert row is not None
            moved = self._put_back(json.loads(row["rows"]))
            self.conn.execute("DELETE FROM trash WHERE conversation_id = ?", (conv_id,))
        return int(moved.get(("conversations", "id"), {}).get(conv_id, conv_id))

    def _cutoff(self, days: int | None) -> str | None:
        if days is None:
            return None
        return (datetime.fromisoformat(self.clock()) - timedelta(days=days)).isoformat(timespec="seconds")

    def trash_expired(self, days: int) -> bool:
        return self._one("SELECT 1 FROM trash WHERE deleted_at < ? LIMIT 1", (self._cutoff(days),)) is not None

    def empty_trash(self, older_than_days: int | None = None) -> int:
        """Erase for good: all, or what has waited longer than `older_than_days`."""
        cutoff = self._cutoff(older_than_days)
        with self.transaction():
            gone = self.conn.execute("DELETE FROM trash WHERE (? IS NULL OR deleted_at < ?)", (cutoff, cutoff)).rowcount
        if gone:
            self.scrub()
        return int(gone)

    # -- erasure --------------------------------------------------------------------------

    def erase_person(self, person_id: int) -> None:
        """Every row about them, in one transaction (their conversations, notes, actions,
        transcripts, earlier versions and trash go with the person), then the file
        rewritten so that no page still holds their words (scrub)."""
        if self._one("SELECT 1 FROM people WHERE id = ?", (person_id,)) is None:
            raise StoreError(f"no person with id {person_id}")
        self.conn.execute("PRAGMA secure_delete = ON")
        with self.transaction():
            self.conn.execute("DELETE FROM people WHERE id = ?", (person_id,))
        self.scrub()

    def scrub(self) -> None:
        """Deleted words gone from the bytes: the search index merged (its segments keep
        deleted terms until then), freed pages zeroed, the WAL emptied, the file rebuilt."""
        self.conn.execute("PRAGMA secure_delete = ON")
        with self.transaction():
            self.conn.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.conn.execute("VACUUM")
        busy, _, _ = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            raise StoreError("another program is reading the database: the erased rows may stay in its WAL; try again")

    # -- rows, by the foreign keys that hang from a conversation ------------------------

    def _foreign_keys(self) -> list[tuple[str, str, str, str, str]]:
        """(table, column, parent table, parent column, on delete) for every table."""
        out = []
        tables = [
            r["name"]
            for r in self._rows(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
            )
            if not r["name"].startswith(("search_index", "sqlite_"))
        ]
        for table in tables:
            for fk in self.conn.execute(f"PRAGMA foreign_key_list({table!r})"):
                out.append((table, fk["from"], fk["table"], fk["to"] or "rowid", fk["on_delete"]))
        return out

    def _rows_of(self, conv_id: int) -> dict[str, Any]:
        """Every row that goes when the conversation goes (ON DELETE CASCADE, followed
        down), in an order to insert them back; and the references that go NULL."""
        taken: dict[str, list[dict[str, Any]]] = {
            "conversations": self._rows("SELECT * FROM conversations WHERE id = ?", (conv_id,))
        }
        nulled: list[tuple[str, int, str, Any]] = []
        fks = self._foreign_keys()
        frontier = ["conversations"]
        while frontier:
            parent = frontier.pop(0)
            for table, column, to_table, to_column, on_delete in fks:
                if to_table != parent or not taken.get(parent):
                    continue
                keys = sorted({r[to_column] for r in taken[parent]})
                marks = ",".join("?" * len(keys))
                rowid = "rowid" if table not in self._without_rowid() else "NULL"  # (stage_times: none)
                rows = self._rows(f"SELECT {rowid} AS _rowid, * FROM {table} WHERE {column} IN ({marks})", keys)
                if on_delete == "CASCADE":
                    have = {tuple(r.items()) for r in taken.get(table, [])}
                    new = [r for r in rows if tuple(r.items()) not in have]
                    if new:
                        taken.setdefault(table, []).extend(new)
                        frontier.append(table)
                elif on_delete == "SET NULL":
                    nulled += [(table, r["_rowid"], column, r[column]) for r in rows]
        for rows in taken.values():
            for r in rows:
                r.pop("_rowid", None)
        return {"tables": list(taken.items()), "nulled": nulled}

    def _put_back(self, saved: dict[str, Any]) -> dict[tuple[str, str], dict[Any, Any]]:
        """Rows inserted parent first; a primary key taken meanwhile gets a new value, and
        the columns that pointed at it follow."""
        fks = self._foreign_keys()
        moved: dict[tuple[str, str], dict[Any, Any]] = {}
        for table, rows in saved["tables"]:
            pk = self._integer_key(table)
            for row in rows:
                for t, column, to_table, to_column, _ in fks:
                    if t == table and row.get(column) is not None:
                        row[column] = moved.get((to_table, to_column), {}).get(row[column], row[column])
                old = row.get(pk) if pk else None
                if pk and self._one(f"SELECT 1 FROM {table} WHERE {pk} = ?", (old,)):
                    row = {k: v for k, v in row.items() if k != pk}
                columns = ", ".join(row)
                cursor = self.conn.execute(
                    f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * len(row))})", list(row.values())
                )
                if pk and pk not in row:
                    moved.setdefault((table, pk), {})[old] = cursor.lastrowid
        for table, rowid, column, value in saved["nulled"]:
            parent = next(((p, c) for t, col, p, c, _ in fks if t == table and col == column), None)
            value = moved.get(parent, {}).get(value, value) if parent else value
            self.conn.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ? AND {column} IS NULL", (value, rowid))
        return moved

    def _without_rowid(self) -> set[str]:
        rows = self._rows("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%WITHOUT ROWID%'")
        return {r["name"] for r in rows}

    def _integer_key(self, table: str) -> str | None:
        """The INTEGER PRIMARY KEY column (the rowid), if the table has one of its own."""
        columns = [r for r in self.conn.execute(f"PRAGMA table_info({table!r})") if r["pk"]]
        if len(columns) == 1 and columns[0]["type"].upper() == "INTEGER":
            return str(columns[0]["name"])
        return None

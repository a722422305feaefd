"""Notes between meetings: a win, feedback, a concern or a note about a person, on a
day (`growtui note` must feel as instant as `growtui --version`)."""

from __future__ import annotations

from growtui.store.base import StoreBase
from growtui.store.records import Note, StoreError, _build

NOTE_KINDS = ("win", "feedback", "concern", "note")


class Notes(StoreBase):
    def add_note(
        self, person_id: int, text: str, kind: str = "note", on: str | None = None, shareable: bool = False
    ) -> int:
        text = _checked(text, kind)
        now = self.clock()
        with self.transaction():
            if self._one("SELECT 1 FROM people WHERE id = ?", (person_id,)) is None:
                raise StoreError(f"no person with id {person_id}")
            cur = self.conn.execute(
                "INSERT INTO notes (person_id, kind, text, noted_on, shareable, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (person_id, kind, text, on or now[:10], int(shareable), now, now),
            )
        return int(cur.lastrowid or 0)

    def note(self, note_id: int) -> Note:
        row = self._one("SELECT * FROM notes WHERE id = ?", (note_id,))
        if row is None:
            raise StoreError(f"no note between meetings with id {note_id}")
        return _note(row)

    def update_note(
        self,
        note_id: int,
        text: str | None = None,
        kind: str | None = None,
        on: str | None = None,
        shareable: bool | None = None,
    ) -> None:
        was = self.note(note_id)
        new_text = _checked(was.text if text is None else text, was.kind if kind is None else kind)
        self.conn.execute(
            "UPDATE notes SET text = ?, kind = ?, noted_on = ?, shareable = ?, updated_at = ? WHERE id = ?",
            (
                new_text,
                was.kind if kind is None else kind,
                was.noted_on if on is None else on,
                int(was.shareable if shareable is None else shareable),
                self.clock(),
                note_id,
            ),
        )

    def delete_note(self, note_id: int) -> Note:
        was = self.note(note_id)
        self.conn.execute("DELETE FROM notes WHERE id = ?", (note_id,))
        return was

    def notes(
        self, person_id: int, kind: str | None = None, since: str | None = None, shareable_only: bool = False
    ) -> list[Note]:
        """A person's notes between meetings, newest day first; `since` (ISO day): on or after it."""
        rows = self._rows(
            "SELECT * FROM notes WHERE person_id = :p AND (:kind IS NULL OR kind = :kind) "
            "AND (:since IS NULL OR noted_on >= :since) AND (NOT :shared OR shareable) "
            "ORDER BY noted_on DESC, id DESC",
            {"p": person_id, "kind": kind, "since": since, "shared": int(shareable_only)},
        )
        return [_note(r) for r in rows]

    def last_noted(self) -> dict[int, str]:
        """Each person's latest day with a note between meetings."""
        return {
            r["person_id"]: r["day"]
            for r in self._rows("SELECT person_id, max(noted_on) AS day FROM notes GROUP BY person_id")
        }


def _checked(text: str, kind: str) -> str:
    if kind not in NOTE_KINDS:
        raise StoreError(f"a note's kind is one of {', '.join(NOTE_KINDS)}, not {kind!r}")
    if not text.strip():
        raise StoreError("a note between meetings needs some words")
    return text.strip()


def _note(row: dict[str, object]) -> Note:
    return _build(Note, {**row, "shareable": bool(row["shareable"])})

"""A note between meetings, from any screen that knows the person: written, corrected
or deleted through the app's writer, as every other write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from textual.validation import Function

from growtui.between import kind_of, parse_day
from growtui.dues import describe
from growtui.screens.forms import ChoiceScreen, FormScreen
from growtui.store import Note, Person

if TYPE_CHECKING:  # (the app imports the screens)
    from growtui.app import GrowApp

SHARE_WORDS = {"": False, "n": False, "no": False, "private": False, "y": True, "yes": True, "shareable": True}


@dataclass(frozen=True)
class NoteDraft:
    text: str
    kind: str  # win, feedback, concern or note
    noted_on: str  # ISO day
    shareable: bool


class NoteForm(FormScreen[NoteDraft]):
    """What happened, its kind, the day (words that look back: "yesterday", "Friday"),
    and whether it may be shared; the day understood is shown as it is typed."""

    FIELDS = [
        ("text", "What happened?", "e.g. ran the incident review calmly; asked for more design work"),
        ("kind", "Kind: win, feedback, concern or note", "note"),
        ("day", "When?", "today, yesterday, Friday, 3 days ago, 5 Dec"),
        ("shareable", "May you share it with them? yes or no", "no (private)"),
    ]

    def __init__(self, person: Person, today: date, note: Note | None = None) -> None:
        values = {}
        if note is not None:
            values = {
                "text": note.text,
                "kind": note.kind,
                "day": note.noted_on,
                "shareable": "yes" if note.shareable else "no",
            }
        super().__init__(values)
        self.person = person
        self.today = today

    def heading(self) -> str:
        verb = "Correct a note" if self.values else "A note between meetings"
        return f"{verb} — {self.person.name}"

    def validators(self, field_id: str) -> list[Any]:
        if field_id == "kind":
            return [Function(lambda v: kind_of(v) is not None, "win, feedback, concern or note")]
        if field_id == "day":
            return [Function(lambda v: parse_day(v, self.today) is not None, "a day today or before")]
        if field_id == "shareable":
            return [Function(lambda v: v.strip().lower() in SHARE_WORDS, "yes or no")]
        return []

    def preview(self, field_id: str, typed: str) -> str | None:
        if field_id != "day":
            return None
        day = parse_day(typed, self.today)
        return describe(day, self.today) if day else "not a day today or before"

    def result(self, values: dict[str, str]) -> NoteDraft:
        day = parse_day(values["day"], self.today) or self.today
        return NoteDraft(
            values["text"], kind_of(values["kind"]) or "note", day.isoformat(), SHARE_WORDS[values["shareable"].lower()]
        )


def add_note(app: GrowApp, person: Person, then: Callable[[], None] = lambda: None) -> None:
    def written(d: NoteDraft | None) -> None:
        if d is None:
            return
        app.write(
            f"a note about {person.name}",
            lambda st: st.add_note(person.id, d.text, d.kind, d.noted_on, d.shareable),
            lambda _: done(d),
        )

    def done(d: NoteDraft) -> None:
        then()
        app.notify(f"Noted ({d.kind}, {d.noted_on}) for {person.name}.", timeout=4, markup=False)

    app.push_screen(NoteForm(person, app.today), written)


def edit_note(app: GrowApp, person: Person, note: Note, then: Callable[[], None] = lambda: None) -> None:
    def corrected(d: NoteDraft | None) -> None:
        if d is not None:
            app.write(
                f"note {note.id}",
                lambda st: st.update_note(note.id, d.text, d.kind, d.noted_on, d.shareable),
                lambda _: then(),
            )

    app.push_screen(NoteForm(person, app.today, note), corrected)


def delete_note(app: GrowApp, note: Note, then: Callable[[], None] = lambda: None) -> None:
    def chosen(answer: str | None) -> None:
        if answer == "delete":
            app.write(f"note {note.id} deleted", lambda st: st.delete_note(note.id), lambda _: then())

    excerpt = note.text if len(note.text) <= 60 else note.text[:59] + "…"
    question = f"Delete the note of {note.noted_on}: “{excerpt}”? It is gone for good."
    app.push_screen(ChoiceScreen("Delete a note", question, [("keep", "Keep it"), ("delete", "Delete")]), chosen)

"""Two tabs of a person's history, each a widget that loads when first shown: the notes
between meetings (Enter corrects, delete deletes) and the development plan (each goal,
the actions that serve it, its dated changes; Enter corrects, g adds one)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from growtui.development import plan_dict, plan_lines
from growtui.inert import one_line
from growtui.store import Goal, Note, Person
from growtui.widgets.rows import Columns, highlighted_row_id, plain, text

if TYPE_CHECKING:  # (the app imports the screens)
    from growtui.app import GrowApp


def room(pane: Vertical) -> int:
    return pane.app.size.width - 2  # (less the scroll bar)


class NotesPane(Vertical):
    app: GrowApp

    def __init__(self, person: Person) -> None:
        super().__init__(id="notes-pane")
        self.person = person
        self.notes: dict[int, Note] = {}
        self.loaded = False
        self.columns = Columns(
            ["date", "kind", "note", "shared"], ["Date", "Kind", "Note", "Shared"], [("note", 12), ("note", 0)]
        )

    def compose(self) -> ComposeResult:
        yield Static("", id="notes-count")
        yield DataTable(id="person-notes", cursor_type="row", zebra_stripes=True)
        yield Static("", id="note-detail")

    def show(self) -> None:
        """Every note between meetings, newest first (a person has tens, not thousands)."""
        self.loaded = True
        table = self.query_one(DataTable)
        self.columns.clear(table)
        self.notes = {n.id: n for n in self.app.store.notes(self.person.id)}
        cells = [
            (str(n.id), plain(n.noted_on, n.kind, one_line(n.text), "yes" if n.shareable else ""))
            for n in self.notes.values()
        ]
        self.columns.add(table, cells, room(self))
        self.query_one("#notes-count", Static).update(
            f"{len(self.notes)} notes between meetings — f5 add · enter correct · delete deletes"
            if self.notes
            else "No notes between meetings yet — f5 adds one (growtui note from the shell)"
        )

    def highlighted(self) -> Note | None:
        return self.notes.get(int(highlighted_row_id(self.query_one(DataTable)) or 0))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        note = self.notes.get(int(event.row_key.value or 0))
        if note is not None:
            share = "shareable" if note.shareable else "private"
            self.query_one("#note-detail", Static).update(
                text(f"{note.noted_on} · {note.kind} · {share} · {note.text}")
            )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from growtui.screens.note_form import edit_note

        event.stop()
        if (note := self.notes.get(int(event.row_key.value or 0))) is not None:
            edit_note(self.app, self.person, note, self.show)

    def delete(self) -> None:
        from growtui.screens.note_form import delete_note

        if (note := self.highlighted()) is not None:
            delete_note(self.app, note, self.show)


class PlanPane(Vertical):
    app: GrowApp

    def __init__(self, person: Person) -> None:
        super().__init__(id="plan-pane")
        self.person = person
        self.goals: dict[int, Goal] = {}
        self.loaded = False
        self.columns = Columns(
            ["goal", "status", "since", "actions"], ["Goal", "Status", "Since", "Actions"], [("goal", 12), ("goal", 0)]
        )

    def compose(self) -> ComposeResult:
        yield Static("", id="plan-count")
        yield DataTable(id="person-goals", cursor_type="row", zebra_stripes=True)
        yield Static("", id="goal-detail")

    def show(self) -> None:
        self.loaded = True
        table = self.query_one(DataTable)
        self.columns.clear(table)
        self.plan = {g["id"]: g for g in plan_dict(self.app.store, self.person.id)}
        self.goals = {g.id: g for g in self.app.store.goals(self.person.id)}
        cells = []
        for g in self.plan.values():
            p = g["progress"]
            done = f"{p['done']}/{p['actions']} done" if p["actions"] else "-"
            cells.append((str(g["id"]), plain(one_line(g["text"]), g["status"], g["created_at"][:10], done)))
        self.columns.add(table, cells, room(self))
        self.query_one("#plan-count", Static).update(
            "Their development plan — g add a goal · enter correct it"
            if self.plan
            else "No goals yet — g adds one; a conversation's summary offers its Goal notes as one"
        )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        goal = self.plan.get(int(event.row_key.value or 0))
        if goal is not None:
            self.query_one("#goal-detail", Static).update(text("\n".join(plan_lines([goal], self.app.today))))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from growtui.screens.plan_form import edit_goal

        event.stop()
        if (goal := self.goals.get(int(event.row_key.value or 0))) is not None:
            edit_goal(self.app, self.person, goal, self.show)

    def add(self) -> None:
        from growtui.screens.plan_form import make_goal

        make_goal(self.app, self.person, then=self.show)

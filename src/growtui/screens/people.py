"""Home: one row per report, most urgent first."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import ActiveBinding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from growtui import snapshot_status
from growtui.agendas import Agenda
from growtui.bindings import bindings_for, fit_footer
from growtui.dues import day_text
from growtui.inert import one_line
from growtui.series import Standing, standings
from growtui.store import ARCHIVE_REASONS
from growtui.widgets.rows import GUTTER, column_widths, commitment_text, fitted, highlighted_row_id, line, plain, text
from growtui.widgets.footer import Footer

if TYPE_CHECKING:  # (the app imports the screens)
    from growtui.app import GrowApp


def short_title(agenda: Agenda | None) -> str:
    return agenda.title.split(" — ")[0] if agenda else "-"


def short_date(day: date, today: date) -> str:
    return day.strftime("%d %b" if day.year == today.year else "%b %Y")


def booked_text(start: datetime, today: date) -> str:
    """A booked 1:1, short: "14:00" today, "Tue 14:00" this week, else "Tue 8 Dec"."""
    days = (start.date() - today).days
    if days == 0:
        return start.strftime("%H:%M")
    return start.strftime("%a %H:%M") if 0 < days < 7 else day_text(start.date(), today)


COLUMNS = [
    ("name", "Name"),
    ("role", "Role"),
    ("last", "Last"),
    ("due", "Next due"),
    ("booked", "Next 1:1"),
    ("stage", "Next agenda"),
    ("open", "Open"),
    ("commitment", "Commit"),
]  # (Next 1:1: with a calendar)


# Where the terminal is narrower than the rows, these columns give way, in this
# order: the role, then the agenda's title, then the role goes, then names; last of
# all the next agenda (the start dialog says it).
GIVES_WAY = [("role", 8), ("stage", 9), ("role", 0), ("name", 10), ("stage", 0)]


def person_detail(s: Standing, goal: str = "") -> Text:
    """'Ada Lovelace · Senior backend engineer, payments · every 14 days · 2 open (1 late) ·
    goal: lead the API gateway work'."""
    o = s.overview
    out = [o.person.name] + [o.person.role] * bool(o.person.role.strip())
    if o.person.archived_at:
        reason = ARCHIVE_REASONS.get(o.person.archived_reason, o.person.archived_reason)
        out.append(f"archived {o.person.archived_at}: {reason} (A brings them back)")
    out.append(f"every {o.person.cadence_days} days" if o.person.cadence_days else "no cadence set")
    if o.open_actions:
        out.append(
            f"{o.open_actions} open action{'s' * (o.open_actions > 1)}"
            + (f" ({o.overdue_actions} late)" if o.overdue_actions else "")
        )
    if o.my_open_actions:  # (theirs and mine apart: the Open column counts theirs)
        out.append(
            f"{o.my_open_actions} of my promises open"
            + (f" ({o.my_overdue_actions} late)" if o.my_overdue_actions else "")
        )
    if goal:  # (their plan's active goal, shortened)
        out.append(f"goal: {goal if len(goal) <= 50 else goal[:49] + '…'}")
    return text(" · ".join(one_line(part) for part in out))


class PeopleScreen(Screen[None]):
    BINDINGS = bindings_for("people")
    FOOTER_DROP = ("team", "add_note", "agendas", "search")  # (least needed first)
    app: GrowApp

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The footer leaves out the least needed keys rather than be cut at the edge
        (F1 lists them all; keys are dispatched without this)."""
        return fit_footer(super().active_bindings, self.app.size.width, self.FOOTER_DROP, self.app.get_key_display)

    def compose(self) -> ComposeResult:
        yield Static(self.title_text(), id="people-title", classes="screen-title")
        yield DataTable(id="people-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="people-detail", markup=False)  # the highlighted person whole: the row may be cut
        yield Static(
            "No one here yet. Press [b]n[/b] to add the first person you hold 1-on-1s with.", id="people-empty"
        )
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.returning = False
        self.archived = False  # also those who left or moved team (z)
        self.filled = 0  # how many times the table was filled (see add_rest)
        self.reload(first=True)

    def on_screen_resume(self) -> None:
        if not self.returning:  # (the first showing: on_mount has just filled the table)
            self.returning = True
            return
        self.reload()
        self.app.after_writes(self.reload)  # again once writes made meanwhile are saved (a conversation ended)

    def reload(self, select: int | None = None, first: bool = False) -> None:
        """Every row, in one query. On the first showing, the rows that fit on the
        screen are drawn first and the rest join right after the first frame (the
        table measures every row it holds); the columns' widths come from every
        row, so nothing moves when they do."""
        table = self.query_one("#people-table", DataTable)
        current = select if select is not None else self.highlighted_id()
        self.standings = {
            s.overview.person.id: s for s in standings(self.app.store, self.app.library, self.app.today, self.archived)
        }
        self.goals = self.app.store.active_goals()  # (the line under the table says the highlighted one's)
        cells = [(str(person_id), plain(*self.row(s))) for person_id, s in self.standings.items()]
        self.keys = [key for key, _ in COLUMNS if key != "booked" or self.app.calendar is not None]
        self.labels = [label for key, label in COLUMNS if key in self.keys]
        self.natural = column_widths(self.labels, cells)
        self.widths = fitted(self.keys, self.natural, self.room(), GIVES_WAY)
        table.clear(columns=True)
        table.add_column(line([Text(label) for label in self.labels], self.widths), key="person")
        now = cells[: self.app.size.height] if first else cells
        self.add_rows(now)
        self.filled += 1
        if len(now) < len(cells):
            self.call_after_refresh(self.add_rest, self.filled, cells[len(now) :])
        self.set_class(not self.standings, "-empty")
        self.query_one("#people-title", Static).update(self.title_text())
        if current is not None and str(current) in table.rows:
            table.move_cursor(row=table.get_row_index(str(current)))
        table.focus()

    def title_text(self) -> Text:
        """The title, and quietly, when the last snapshot failed or is a week old, why."""
        if self.app.demo:
            return Text("growtui · people · sample data, thrown away when you quit")
        problem = snapshot_status.warning(self.app.db_path, datetime.now())
        return Text("growtui · people") + (Text(f" · {problem}", style="not bold italic") if problem else "")

    def room(self) -> int:
        """Cells a row may take (and a gutter): the screen less the table's padding and scroll bar."""
        return self.app.size.width - 4 + len(GUTTER)

    def on_resize(self) -> None:
        if hasattr(self, "natural") and fitted(self.keys, self.natural, self.room(), GIVES_WAY) != self.widths:
            self.reload()

    def add_rows(self, cells: list[tuple[str, list[Text]]]) -> None:
        table = self.query_one("#people-table", DataTable)
        for key, row in cells:
            table.add_row(line(row, self.widths), key=key)

    def add_rest(self, filled: int, cells: list[tuple[str, list[Text]]]) -> None:
        if filled == self.filled:  # (not if the table was filled again meanwhile)
            self.add_rows(cells)

    def row(self, s: Standing) -> list[Any]:
        o = s.overview
        if o.person.archived_at:
            due = Text(o.person.archived_reason or "archived", style="dim italic")
        elif s.due is None:
            due = Text("no cadence", style="dim")
        elif s.overdue_days:
            due = Text(f"! {s.overdue_days}d late", style="bold red")
        else:
            days = (s.due - self.app.today).days
            due = Text("today" if days == 0 else f"in {days}d")
        stage = "▶ resume" if o.unfinished_id else short_title(s.next_agenda)
        if o.overdue_actions:
            open_actions = Text(f"{o.open_actions} ({o.overdue_actions} late)", style="bold red")
        else:
            open_actions = Text(str(o.open_actions), style="" if o.open_actions else "dim")
        cells = [
            text(o.person.name, style="bold"),
            o.person.role,
            short_date(s.last, self.app.today) if s.last else Text("never", style="dim"),
            due,
            stage,
            open_actions,
            commitment_text(o.latest_commitment),
        ]
        if self.app.calendar is not None:
            meeting = self.app.booked.get(o.person.id)
            cells.insert(4, Text(booked_text(meeting.start, self.app.today)) if meeting else Text("-", style="dim"))
        return cells

    @on(DataTable.RowHighlighted, "#people-table")
    def show_person(self) -> None:
        s = self.highlighted()
        if s is None:
            self.query_one("#people-detail", Static).update("")
            return
        goal = self.goals.get(s.overview.person.id)
        self.query_one("#people-detail", Static).update(person_detail(s, goal.text if goal else ""))

    def highlighted_id(self) -> int | None:
        return highlighted_row_id(self.query_one("#people-table", DataTable))

    def highlighted(self) -> Standing | None:
        person_id = self.highlighted_id()
        return self.standings.get(person_id) if person_id is not None else None

    def action_new_person(self) -> None:
        from growtui.screens.forms import PersonDraft, PersonForm

        def added(d: PersonDraft | None) -> None:
            if d:
                self.app.write(
                    f"new person {d.name!r}",
                    lambda st: st.add_person(d.name, d.role, d.cadence_days, d.notes, d.email),
                    lambda person_id: self.reload(select=cast(int, person_id)),
                )

        self.app.push_screen(PersonForm(), added)

    def action_edit_person(self) -> None:
        from growtui.screens.forms import PersonDraft, PersonForm

        s = self.highlighted()
        if s is None:
            return
        p = s.overview.person
        current = {
            "name": p.name,
            "role": p.role,
            "cadence": str(p.cadence_days or ""),
            "notes": p.notes,
            "email": p.email,
        }

        def edited(d: PersonDraft | None) -> None:
            if d:
                self.app.write(
                    f"changes to {p.name!r}",
                    lambda st: st.update_person(p.id, d.name, d.role, d.cadence_days, d.notes, d.email),
                    lambda _: self.reload(select=p.id),
                )

        self.app.push_screen(PersonForm(current), edited)

    def action_start_conversation(self) -> None:
        from growtui.screens.start import begin_conversation

        s = self.highlighted()
        if s is not None:
            begin_conversation(self.app, s)

    def action_team(self) -> None:
        from growtui.screens.team import TeamScreen

        self.app.push_screen(TeamScreen())

    def action_add_note(self) -> None:
        from growtui.screens.note_form import add_note

        s = self.highlighted()
        if s is not None:
            add_note(self.app, s.overview.person, lambda: self.reload(select=s.overview.person.id))

    def action_history(self) -> None:
        from growtui.screens.history import HistoryScreen

        s = self.highlighted()
        if s is not None:
            self.app.push_screen(HistoryScreen(s.overview.person))

    def action_search(self) -> None:
        from growtui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen())

    def action_show_archived(self) -> None:
        self.archived = not self.archived
        self.reload()
        self.notify("Showing archived people too" if self.archived else "Archived people hidden", timeout=3)

    def action_archive_person(self) -> None:
        """Archive (asking why: left, or moved team), or bring an archived person back."""
        from growtui.screens.forms import ChoiceScreen

        s = self.highlighted()
        if s is None:
            return
        p = s.overview.person
        if p.archived_at:
            self.app.write(f"{p.name!r} back", lambda st: st.unarchive_person(p.id), lambda _: self.reload(select=p.id))
            return

        def chosen(reason: str | None) -> None:
            if reason in ARCHIVE_REASONS:
                self.app.write(
                    f"{p.name!r} archived",
                    lambda st: st.archive_person(p.id, reason),
                    lambda _: self.archived_one(p.name),
                )

        answers = [("keep", "Cancel")] + [(key, label.capitalize()) for key, label in ARCHIVE_REASONS.items()]
        question = "Why? Their history stays, readable and searchable; A brings them back."
        self.app.push_screen(ChoiceScreen(f"Archive {p.name}", question, answers), chosen)

    def archived_one(self, name: str) -> None:
        self.reload()
        self.notify(f"{name} archived (z shows archived people)", timeout=5)

    def action_agendas(self) -> None:
        from growtui.screens.agendas import AgendasScreen

        self.app.push_screen(AgendasScreen())

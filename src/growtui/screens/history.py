"""A person's past: the conversations (open one read-only), every action item
across time with its outcome and commitment trend, their plan and the notes between
meetings (person_panes.py). The first two load a page at a time (the next page when
the cursor reaches the end), so years of 1-on-1s open at once."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from growtui import locations
from growtui.agendas import Library
from growtui.bindings import bindings_for, fit_footer
from growtui.brief import follow_through_text
from growtui.dues import due_text
from growtui.inert import inert, one_line
from growtui.screens.person_panes import NotesPane, PlanPane
from growtui.store import Action, Conversation, HistoryRow, Person
from growtui.widgets.rows import Columns, commitment_text, highlighted_row_id, plain, text
from growtui.widgets.sparkline import sparkline
from growtui.widgets.footer import Footer

if TYPE_CHECKING:  # (the app imports the screens)
    from growtui.app import GrowApp

PAGE = 50  # a screenful and more; the next page loads as the cursor reaches the end
FILTERS = {"all": None, "open": "open", "done": "done", "dropped": "dropped"}


class HistoryScreen(Screen[None]):
    CSS_PATH = locations.stylesheet("review.tcss")
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        *bindings_for("history"),
        # → and ← switch tabs (the tables' rows are whole lines: nothing to scroll sideways to)
        Binding("right", "tab(1)", "Next tab", show=False, priority=True),
        Binding("left", "tab(-1)", "Previous tab", show=False, priority=True),
        Binding("o", "filter('open')", "Open", show=False),
        Binding("d", "filter('done')", "Done", show=False),
        Binding("x", "filter('dropped')", "Dropped", show=False),
        Binding("l", "filter('all')", "All", show=False),
    ]
    FOOTER_DROP = ("review", "add_note", "handover", "add_goal", "search")  # (least needed first)
    app: GrowApp

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The footer leaves out the least needed keys rather than be cut at the edge
        (F1 lists them all; keys are dispatched without this)."""
        return fit_footer(super().active_bindings, self.app.size.width, self.FOOTER_DROP, self.app.get_key_display)

    def __init__(self, person: Person) -> None:
        super().__init__()
        self.person = person
        self.status_filter = "all"
        self.last_conversation: Conversation | None = None  # where the next page starts
        self.last_action: Action | None = None
        self.more_conversations = self.more_actions = True
        self.rows: dict[int, HistoryRow] = {}  # the timeline's, by conversation
        self.actions: dict[int, tuple[Action, list[int]]] = {}  # the follow-through's, by id
        # (where the room is short: the agenda's title, then the count of actions, which the line under says)
        self.timeline_columns = Columns(
            ["date", "agenda", "status", "actions", "commit"],
            ["Date", "Agenda", "Status", "Actions", "Commit"],
            [("agenda", 13), ("actions", 0), ("agenda", 9)],
        )
        # (the line under the table says the highlighted action whole, and its outcome at the review)
        self.actions_columns = Columns(
            ["action", "trend", "now", "status", "outcome", "made", "result"],
            ["Action", "Trend", "Now", "Status", "Outcome", "Made", "Result"],
            [
                ("outcome", 0),
                ("action", 40),
                ("result", 12),
                ("action", 30),
                ("result", 0),
                ("trend", 0),
                ("action", 14),
            ],
        )

    def compose(self) -> ComposeResult:
        yield Static(inert(f"{self.person.name} — history"), classes="screen-title", markup=False)
        with TabbedContent(id="history-tabs"):
            with TabPane("Conversations", id="tab-conversations"):
                yield Static("", id="talk-share")
                yield DataTable(id="timeline", cursor_type="row", zebra_stripes=True)
                yield Static("", id="conversation-detail")
            with TabPane("Follow-through", id="tab-actions"):
                yield Static("", id="follow-through")
                yield Static("", id="follow-filter")
                yield DataTable(id="person-actions", cursor_type="row", zebra_stripes=True)
                yield Static("", id="action-detail")
            with TabPane("Plan", id="tab-plan"):
                yield PlanPane(self.person)
            with TabPane("Notes", id="tab-notes"):
                yield NotesPane(self.person)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.load_conversations()
        self.show_talk()
        self.query_one("#timeline", DataTable).focus()

    def room(self) -> int:
        return self.app.size.width - 2  # (less the scroll bar)

    def on_resize(self) -> None:
        """Columns narrow or widen with the terminal: the rows are drawn again."""
        notes, plan = self.query_one(NotesPane).columns, self.query_one(PlanPane).columns
        tables = [(self.timeline_columns, "#timeline"), (self.actions_columns, "#person-actions")]
        for columns, table in [*tables, (notes, "#person-notes"), (plan, "#person-goals")]:
            if columns.widths and columns.widths != columns.fit(self.room()):
                columns.draw(self.query_one(table, DataTable), self.room())

    def show_talk(self) -> None:
        """Their share of the talking over the (last 30) calls with a transcript: in a
        coaching conversation the person should talk most."""
        talks = self.app.store.talk_by_conversation(self.person.id)
        shares = [round(100 * them / total) for _, them, total in talks if total]
        line = self.query_one("#talk-share", Static)
        line.display = bool(shares)
        if shares:  # (on the 1–10 scale of the other sparklines: 10% a step)
            line.update(
                Text(
                    f"Their share of the talking, call by call: {sparkline([max(1, s // 10) for s in shares])}"
                    f"  (last {shares[-1]}%)"
                )
            )

    def action_tab(self, step: int) -> None:
        tabs = self.query_one("#history-tabs", TabbedContent)
        order = {
            "tab-conversations": "#timeline",
            "tab-actions": "#person-actions",
            "tab-plan": "#person-goals",
            "tab-notes": "#person-notes",
        }
        tabs.active = list(order)[(list(order).index(tabs.active) + step) % len(order)]
        self.query_one(order[tabs.active], DataTable).focus()

    @on(TabbedContent.TabActivated)
    def first_look(self) -> None:
        """The notes and the plan load when first shown, keeping the screen's first paint quick."""
        for pane in (self.query_one(NotesPane), self.query_one(PlanPane)):
            if not pane.loaded and pane.parent is not None and self.query_one(TabbedContent).active == pane.parent.id:
                pane.show()

    def action_add_note(self) -> None:
        from growtui.screens.note_form import add_note

        def added() -> None:
            self.query_one(TabbedContent).active = "tab-notes"
            self.query_one(NotesPane).show()

        add_note(self.app, self.person, added)

    def action_add_goal(self) -> None:
        self.query_one(TabbedContent).active = "tab-plan"
        self.query_one(PlanPane).add()

    @on(TabbedContent.TabActivated, pane="#tab-actions")
    def first_look_at_actions(self) -> None:
        """The follow-through tab loads when first shown, keeping the screen's first paint quick."""
        if self.last_action is None and self.more_actions:
            self.show_actions()

    def load_conversations(self) -> None:
        timeline = self.query_one("#timeline", DataTable)
        rows = self.app.store.history(self.person.id, PAGE, self.last_conversation)
        self.more_conversations = len(rows) == PAGE
        cells = [(str(row.conversation.id), self.timeline_cells(row)) for row in rows]
        self.timeline_columns.add(timeline, cells, self.room())
        for row in rows:
            self.rows[row.conversation.id] = row
            self.last_conversation = row.conversation

    def timeline_cells(self, row: HistoryRow) -> list[Text]:
        c = row.conversation
        agenda = self.app.library.agendas.get(c.agenda_id)
        mean = f"{row.mean_commitment:.1f}" if row.mean_commitment is not None else "-"
        return plain(
            when_text(c.started_at, self.app.today),
            agenda.title if agenda else c.agenda_id,
            c.status.replace("-", " "),
            str(row.actions or "-"),
            mean,
        )

    def load_actions(self) -> None:
        table = self.query_one("#person-actions", DataTable)
        page = self.app.store.person_actions(self.person.id, FILTERS[self.status_filter], PAGE, self.last_action)
        self.more_actions = len(page) == PAGE
        self.actions_columns.add(
            table, [(str(action.id), self.action_cells(action, trend)) for action, trend in page], self.room()
        )
        for action, trend in page:
            self.actions[action.id] = (action, trend)
            self.last_action = action
        more = "+" if self.more_actions else ""
        self.query_one("#follow-filter", Static).update(
            f"showing: {self.status_filter} ({table.row_count}{more}) — o open · d done · x dropped · l all"
        )

    def show_actions(self) -> None:
        ft = self.app.store.follow_through(self.person.id)
        self.query_one("#follow-through", Static).update("Follow-through: " + follow_through_text(ft))
        self.actions_columns.clear(self.query_one("#person-actions", DataTable))
        self.actions.clear()
        self.last_action = None
        self.load_actions()

    @on(DataTable.RowHighlighted)
    def near_the_end(self, event: DataTable.RowHighlighted) -> None:
        """The next page arrives as the cursor reaches the last row."""
        if event.cursor_row < event.data_table.row_count - 1:
            return
        if event.data_table.id == "timeline" and self.more_conversations:
            self.load_conversations()
        elif event.data_table.id == "person-actions" and self.more_actions:
            self.load_actions()

    def action_cells(self, action: Action, trend: list[int]) -> list[Text]:
        mine = "(me) " if action.owner == "me" else ""  # (my promises, never read as theirs)
        return plain(
            mine + action.text,
            Text(sparkline(trend), style="bold"),
            commitment_text(action.commitment),
            action.status,
            action.outcome or "",
            when_text(action.created_at, self.app.today, clock=False),
            action.result,
        )

    @on(DataTable.RowHighlighted, "#person-actions")
    def show_action(self, event: DataTable.RowHighlighted) -> None:
        """Under the table, the highlighted action whole (the row may be cut)."""
        found = self.actions.get(int(event.row_key.value or 0))
        if found is not None:
            self.query_one("#action-detail", Static).update(text(action_detail(*found, self.app.today)))

    @on(DataTable.RowHighlighted, "#timeline")
    def show_detail(self, event: DataTable.RowHighlighted) -> None:
        """Under the timeline, the highlighted conversation's length, its time by GROW
        part and their share of the talking (what a row has no room for)."""
        row = self.rows.get(int(event.row_key.value or 0))
        if row is None:
            return
        self.query_one("#conversation-detail", Static).update(
            detail_text(
                row,
                self.app.library,
                self.app.store.stage_seconds(row.conversation.id),
                self.app.store.their_share(row.conversation.id),
            )
        )

    def action_filter(self, which: str) -> None:
        self.status_filter = which
        self.query_one(TabbedContent).active = "tab-actions"
        self.show_actions()
        self.query_one("#person-actions", DataTable).focus()

    @on(DataTable.RowSelected, "#timeline")
    def open_conversation(self, event: DataTable.RowSelected) -> None:
        from growtui.screens.conversation_view import ConversationView

        self.app.push_screen(ConversationView(int(event.row_key.value or 0)))

    def action_search(self) -> None:
        from growtui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Outcomes on the follow-through tab, deleting on the conversations tab (the footer says which)."""
        tab = self.query_one(TabbedContent).active if self.is_mounted else "tab-conversations"
        if action == "outcome":
            return tab == "tab-actions"
        if action == "delete_highlighted":
            return tab in ("tab-conversations", "tab-notes")
        return True

    @on(TabbedContent.TabActivated)
    def keys_follow_the_tab(self) -> None:
        self.refresh_bindings()

    def action_outcome(self, outcome: str) -> None:
        from growtui.screens.record_keeping import record_outcome

        table = self.query_one("#person-actions", DataTable)
        found = self.actions.get(int(highlighted_row_id(table) or 0))
        if found is not None:
            record_outcome(self.app, found[0], outcome, self.show_actions)

    def action_delete_highlighted(self) -> None:
        """A conversation (to the trash) on the conversations tab, a note on the notes tab."""
        if self.query_one(TabbedContent).active == "tab-notes":
            self.query_one(NotesPane).delete()
            return
        from growtui.screens.record_keeping import delete_conversation

        row = self.rows.get(int(highlighted_row_id(self.query_one("#timeline", DataTable)) or 0))
        if row is not None:
            delete_conversation(self.app, row.conversation, self.person, self.reload_conversations)

    def reload_conversations(self) -> None:
        self.timeline_columns.clear(self.query_one("#timeline", DataTable))
        self.rows.clear()
        self.last_conversation, self.more_conversations = None, True
        self.load_conversations()

    def action_review(self) -> None:
        from growtui.screens.record_keeping import write_review

        write_review(self.app, self.person)

    def action_handover(self) -> None:
        from growtui.screens.record_keeping import write_handover

        write_handover(self.app, self.person)


def detail_text(row: HistoryRow, library: Library, stage_seconds: dict[str, int], their_share: int | None) -> str:
    """'GROW check-in · 42 min · Goal 6 · Reality 14 · Options 9 · Will 5 min · their talk
    64% · mean commitment 7.5' (the agenda whole: the row may cut it)."""
    from growtui.export import STAGES

    c = row.conversation
    agenda = library.agendas.get(c.agenda_id)
    out = [agenda.title if agenda else c.agenda_id]
    if c.ended_at and c.ended_at[:10] == c.started_at[:10]:  # (one continued days later has no one length)
        minutes = (datetime.fromisoformat(c.ended_at) - datetime.fromisoformat(c.started_at)).total_seconds() / 60
        out.append(f"{max(0, round(minutes))} min")
    stages = [f"{stage.title()} {round(stage_seconds[stage] / 60)}" for stage in STAGES if stage in stage_seconds]
    if stages:
        out.append(" · ".join(stages) + " min")
    if their_share is not None:
        out.append(f"their talk {their_share}%")
    if row.actions:
        out.append(f"{row.actions} action{'s' * (row.actions > 1)}")
    if row.mean_commitment is not None:
        out.append(f"mean commitment {row.mean_commitment:.1f}")
    return " · ".join(out)


def when_text(stamp: str, today: date, clock: bool = True) -> str:
    """'18 Nov 13:45' this year, '18 Nov 2025' before (a timestamp as the tables show it)."""
    at = datetime.fromisoformat(stamp)
    if at.year != today.year:
        return at.strftime("%d %b %Y")
    return at.strftime("%d %b %H:%M" if clock else "%d %b")


def action_detail(action: Action, trend: list[int], today: date) -> str:
    """'Mine: Book the conference · due Fri 11 Dec · commitment 7 (5 → 6 → 7) · done: booked'."""
    out = [f"#{action.id} " + ("Mine: " if action.owner == "me" else "Theirs: ") + one_line(action.text)]
    due = due_text(action.due, action.due_date, today)
    if due:
        out.append(f"due {due}")
    if action.commitment is not None:
        out.append(f"commitment {action.commitment}" + (f" ({' → '.join(map(str, trend))})" if len(trend) > 1 else ""))
    review = f" ({action.outcome} at the review)" if action.outcome and action.outcome != action.status else ""
    out.append(action.status + review)
    if action.result.strip():
        out.append("result: " + one_line(action.result))
    return " · ".join(out)

"""The main screen during a 1-on-1: question panel, follow-up tree, notes and
action items, all at once. Notes are saved as they are typed: every change is
handed to the note writer within half a second, and at once on changing
question, ending and quitting."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Resize
from textual.binding import ActiveBinding, Binding
from textual.screen import Screen
from textual.widgets import Static

from growtui.scores import minutes_text
from growtui import keys, locations
from growtui.bindings import bindings_for, fit_footer
from growtui.inert import inert
from growtui.contracts import PausesTheMeeting
from growtui.screens.forms import ActionDraft, ActionForm, TopicForm
from growtui.screens.note_form import add_note
from growtui.guide import Guide
from growtui.session import Session
from growtui.store import GENERAL
from growtui.widgets.actions_table import ActionsTable
from growtui.widgets.context_panel import ContextPanel
from growtui.widgets.followup_tree import FollowUpTree
from growtui.widgets.question_panel import QuestionPanel
from growtui.widgets.typing_fields import NotesArea
from growtui.widgets.footer import Footer

if TYPE_CHECKING:  # (the app imports the screens)
    from growtui.app import GrowApp

AUTOSAVE_SECONDS = 0.5
NARROW_WIDTH = 72  # below this the tree folds away until F2 asks for it


class ConversationScreen(Screen[None]):
    CSS_PATH = locations.stylesheet("conversation.tcss")
    # Quit stays ctrl+q (and its id, for the keymap) but leaves the footer to the
    # call's keys: at 80 columns there is room for them and F1 only.
    BINDINGS = [
        *bindings_for("conversation"),
        Binding(keys.BY_ID["quit"].key, "app.quit", "Quit", show=False, id="quit", priority=True),
    ]
    PALETTE_ONLY = [
        (
            "Mark this question asked, or not asked",
            "asked: it has notes or was on screen 30 s; not asked: “to be continued” comes back to it",
            "toggle_asked",
        )
    ]
    # Least needed first (the last three only when the action table's own keys need the room).
    FOOTER_DROP = (
        "add_note",
        "previous_question",
        "defer_question",
        "focus_actions",
        "focus_tree",
        "next_followup",
        "add_action",
        "next_question",
    )
    app: GrowApp

    def __init__(self, conv_id: int, editing: bool = False) -> None:
        super().__init__()
        self.conv_id = conv_id
        self.editing = editing  # a past conversation, opened to correct it (its date and timings stay)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """Every key works at any width; the footer leaves out the least needed ones
        rather than be cut (F1 lists them all). Keys are dispatched without this."""
        return fit_footer(super().active_bindings, self.app.size.width, self.FOOTER_DROP, self.app.get_key_display)

    def compose(self) -> ComposeResult:
        app = self.app
        self.session = Session(
            app.store, app.library, self.conv_id, app.write, app.clock, app.writer.submit, self.editing
        )
        self.guide = Guide(self.session, self.app.library, self.app.effective_keys)
        self.app.writer.watch(self.conv_id, self.session.notes)
        s = self.session
        title = s.agenda.title if s.agenda else s.conversation.agenda_id
        with Horizontal(id="conv-top"):
            yield Static(inert(f"{s.person.name} · {title}"), id="conv-title", markup=False)
            yield Static("", id="conv-timer")
        with Horizontal(id="conv-main"):
            with Vertical(id="conv-left"):
                yield QuestionPanel(id="question")
                notes = NotesArea(
                    self.note_edited, id="notes", soft_wrap=True, tab_behavior="focus", show_line_numbers=False
                )
                notes.border_title = "Notes"
                yield notes
            with Vertical(id="conv-right"):
                context = ContextPanel(self.guide.key("side-down"), id="context")
                context.border_title = "This question"
                yield context
                tree = FollowUpTree(id="tree")
                tree.border_title = "All questions"
                yield tree
                yield Static("", id="tree-whole", markup=False)  # the highlighted question, whole
        actions = ActionsTable(id="actions")
        actions.border_title = "Action items"
        yield actions
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        s = self.session
        self.started = self.last_tick = self.app.clock()
        s.go(s.current)
        self.query_one(FollowUpTree).build(s.entries, s.current, s.asked_keys(), s.deferred)
        self.reload_actions()
        self.show_current()
        self.set_interval(AUTOSAVE_SECONDS, self.flush_notes)
        self.set_interval(1, self.tick)
        self.tick()
        self.query_one(NotesArea).focus()

    # -- notes ---------------------------------------------------------------

    def note_edited(self, key: str | None, text: str) -> None:
        """Every edit, as it happens, for the question the notes pane held then."""
        if key is not None:
            self.session.edited(key, text)

    def flush_notes(self) -> None:
        """Hand every changed note to the writer thread (cheap; never blocks on disk)."""
        self.session.hand_over()

    def apply_merge(self, key: str, ours: str, merged: str) -> None:
        """Another window edited this note: show both texts, keep what was typed since."""
        text = self.session.merge_in(key, ours, merged)
        if key == self.session.current:
            self.query_one(NotesArea).show(key, text)

    # -- the current question ------------------------------------------------

    def show_current(self) -> None:
        s = self.session
        entry = s.entry()
        parent = s.entry(entry.top) if entry and entry.depth > 0 else None
        self.query_one(QuestionPanel).show(
            entry,
            parent.text if parent else None,
            s.progress(),
            s.is_asked(s.current),
            s.current in s.deferred,
            self.guide.hints(entry),
            len(s.followups()),
            self.guide.key("next-followup"),
            self.guide.key("focus-tree"),
            self.guide.topic_line(entry),
        )
        self.query_one(ContextPanel).show(self.guide.context(entry))
        tree = self.query_one(FollowUpTree)
        tree.mark(s.current, s.asked_keys(), s.deferred)
        tree.show_key(s.current)
        notes = self.query_one(NotesArea)
        notes.show(s.current, s.notes.get(s.current, ""))
        share = self.guide.key("toggle-shareable")
        privacy = f"shareable ({share}: private)" if s.current in s.shareable else f"private ({share}: shareable)"
        notes.border_title = Content(f"{'General notes' if s.current == GENERAL else 'Notes'} · {privacy}")

    def go(self, key: str) -> None:
        self.move(lambda: self.session.go(key))

    def action_next_question(self) -> None:
        before = self.session.current
        self.move(lambda: self.session.step(1))
        if self.session.current == before:  # nothing happened: say why
            end = self.app.effective_keys()["end-conversation"]
            self.notify(f"This is the last question; {end} ends the conversation.", timeout=3)

    def action_next_followup(self) -> None:
        before = self.session.current
        self.move(self.session.next_followup)
        if self.session.current == before:
            end = self.app.effective_keys()["end-conversation"]
            self.notify(f"This is the last question; {end} ends the conversation.", timeout=3)

    def action_set_topic(self) -> None:
        """Name their focus, offered from the Goal notes: the (x) questions read with it."""
        s = self.session

        def named(topic: str | None) -> None:
            if topic:
                s.set_topic(topic)
                self.query_one(FollowUpTree).build(s.entries, s.current, s.asked_keys(), s.deferred)
                self.show_current()

        self.app.push_screen(TopicForm({"topic": s.topic or s.suggested_topic()}), named)

    def action_toggle_asked(self) -> None:
        asked = self.session.toggle_asked()
        self.show_current()
        self.notify("Marked asked." if asked else "Marked not asked: “to be continued” comes back to it.", timeout=3)

    def action_previous_question(self) -> None:
        before = self.session.current
        self.move(lambda: self.session.step(-1))
        if self.session.current == before:
            self.notify("This is the first question.", timeout=3)

    def move(self, change: Callable[[], object]) -> None:
        """Change question: save first, keep the stage clock right, nudge before Will."""
        self.tick()
        self.flush_notes()
        before = self.session.stage()
        change()
        if self.session.stage() != before:
            self.session.save_pacing()
        if self.session.stage() == "will" and before != "will" and self.session.options_noted() < 2:
            self.notify(
                "Fewer than two options noted so far. Any other option before committing?",
                title="Before Will",
                timeout=6,
            )
        self.show_current()
        self.tick()  # the new stage's clock at once, not a second later

    def action_toggle_shareable(self) -> None:
        shareable = self.session.toggle_shareable()
        self.show_current()
        self.notify(
            "These notes go in the shareable export." if shareable else "These notes are private again.", timeout=3
        )

    def action_defer_question(self) -> None:
        if self.session.current == GENERAL:
            return
        deferred = self.session.toggle_deferred()
        self.show_current()
        self.notify(
            "Deferred: it will open the next conversation." if deferred else "No longer deferred.",
            title="For next time" if deferred else "",
            timeout=3,
        )

    @on(FollowUpTree.QuestionChosen)
    def question_chosen(self, event: FollowUpTree.QuestionChosen) -> None:
        self.go(event.key)
        self.set_class(False, "-show-tree")
        self.query_one(NotesArea).focus()

    @on(FollowUpTree.NodeHighlighted)
    def tree_highlighted(self, event: FollowUpTree.NodeHighlighted[str]) -> None:
        """Under the tree, its highlighted question whole (the tree's lines are cut at its edge)."""
        entry = self.session.entry(event.node.data) if event.node.data else None
        self.query_one("#tree-whole", Static).update(inert(entry.text) if entry else "")

    # -- focus and layout -----------------------------------------------------

    def action_focus_tree(self) -> None:
        self.set_class(True, "-show-tree")
        self.query_one(FollowUpTree).focus()

    def action_focus_notes(self) -> None:
        self.set_class(False, "-show-tree")
        self.query_one(NotesArea).focus()

    def action_scroll_side(self, step: int) -> None:
        """A screenful on in the panel beside the notes (where it is folded away, the
        question's own panel, which then holds the hints); the focus stays put."""
        panel = self.query_one("#question" if self.has_class("-narrow") else "#context")
        panel.scroll_relative(y=step * max(1, panel.scrollable_content_region.height - 1), animate=False)

    def action_focus_actions(self) -> None:
        self.set_class(False, "-show-tree")
        self.query_one(ActionsTable).focus()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")
        self.refresh_bindings()  # (the footer's keys fit the new width)

    def tick(self) -> None:
        now = self.app.clock()
        if not isinstance(self.app.screen, PausesTheMeeting):  # (not the carry-over's or the summary's)
            self.session.add_time(now - self.last_tick)
        self.last_tick = now
        elapsed = int(now - self.started)
        s = self.session
        clock = (
            f"editing the notes of {s.conversation.started_at[:10]}" if self.editing else f"⏱ {minutes_text(elapsed)}"
        )
        self.query_one("#conv-timer", Static).update(clock)
        stage = s.stage()
        self.query_one(QuestionPanel).pace(stage, s.stage_seconds.get(stage or "", 0), s.timebox())
        self.show_saved()

    def show_saved(self) -> None:
        """Quietly, under the notes: saved, saving… (typed, not on disk yet), or not saved yet."""
        writer = self.app.writer
        state = "not saved yet" if writer.failing else "saving…" if self.session.dirty or writer.pending() else "saved"
        self.query_one(NotesArea).border_subtitle = state

    def save_all(self) -> None:
        """Notes to the writer, marks and stage times to the store: on quit and signals."""
        self.tick()
        self.flush_notes()
        self.session.settle()
        self.session.save_pacing()

    # -- action items ----------------------------------------------------------

    def reload_actions(self) -> None:
        table = self.query_one(ActionsTable)
        table.today = self.app.today
        table.show(self.app.store.actions_of(self.conv_id))
        self.query_one(ContextPanel).show(self.guide.context(self.session.entry()))  # (answers from the actions)

    def action_add_action(self) -> None:
        def added(d: ActionDraft | None) -> None:
            if d:
                person_id, conv_id = self.session.person.id, self.conv_id
                self.app.write(
                    f"action item {d.text!r}",
                    lambda st: d.add(st, person_id, conv_id),
                    self.action_added,
                )

        goals = self.app.store.goals(self.session.person.id)
        self.app.push_screen(ActionForm(None, self.app.today, self.next_one_on_one(), goals), added)

    def next_one_on_one(self) -> date | None:
        """What "next 1:1" means for a due date: the one booked in the calendar, else
        the day their cadence gives after this conversation."""
        person = self.session.person
        if booked := self.app.booked.get(person.id):
            return booked.start.date()
        return self.app.today + timedelta(days=person.cadence_days) if person.cadence_days else None

    def action_added(self, _action_id: object) -> None:
        """Shown and highlighted; focus stays where the manager was typing."""
        self.reload_actions()
        table = self.query_one(ActionsTable)
        table.move_cursor(row=table.row_count - 1)

    def update_action(self, action_id: int, **changes: Any) -> None:
        conv_id = self.conv_id
        self.app.write(
            f"changes to action item {action_id}: {changes}",
            lambda st: st.update_action(action_id, conv_id, **changes),
            lambda _: self.reload_actions(),
        )

    @on(ActionsTable.ScoreSet)
    def score_set(self, event: ActionsTable.ScoreSet) -> None:
        self.update_action(event.action_id, commitment=event.score)

    @on(ActionsTable.EditRequested)
    def edit_action(self, event: ActionsTable.EditRequested) -> None:
        a = self.app.store.action(event.action_id)

        def edited(d: ActionDraft | None) -> None:
            if d:
                self.update_action(a.id, **d.changes())

        goals = self.app.store.goals(a.person_id)
        self.app.push_screen(ActionForm.of(a, self.next_one_on_one(), goals), edited)

    def action_add_note(self) -> None:
        add_note(self.app, self.session.person)

    # -- ending ----------------------------------------------------------------------

    def action_end_conversation(self) -> None:
        from growtui.screens.summary import SummaryScreen

        self.save_all()
        if not self.app.writer.failing:  # (a refusing disk: the summary shows what waits to be saved)
            self.app.writer.flush(timeout=5)
        if self.editing:  # (its status and date stay; the earlier text is kept: v in the view shows it)
            self.app.pop_screen()
            self.app.notify("Corrections saved: the view says when, and v shows the earlier text.", timeout=5)
            return

        def ended(status: str | None) -> None:
            if status:
                conv_id = self.conv_id
                self.app.write(f"conversation {conv_id} {status}", lambda st: st.set_status(conv_id, status))
                if status == "completed":
                    self.app.after_writes(self.app.snapshot)  # (once it is saved: the snapshot holds it)
                self.app.pop_screen()

        self.app.push_screen(SummaryScreen(self.conv_id), ended)

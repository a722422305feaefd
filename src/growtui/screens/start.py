"""Starting a conversation: first the "since last time" brief, then resume an
unfinished one or pick the agenda (the next in the person's series is
suggested; Enter accepts it). Then last time's open actions and deferred
questions come first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from growtui.autosave import RETRIABLE
from growtui.brief import brief_lines, make_brief
from growtui.inert import inert
from growtui.series import Standing
from growtui.widgets.rows import text

if TYPE_CHECKING:  # (the app imports the screens)
    from growtui.app import GrowApp

SHORT = 24  # rows: below this the brief keeps the room and the purpose shows as the meeting starts
Choice = tuple[str, str]  # ("resume", conversation id) or ("new", agenda id)


class StartScreen(ModalScreen[Choice | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]
    app: GrowApp

    def __init__(self, standing: Standing) -> None:
        super().__init__()
        self.standing = standing

    def compose(self) -> ComposeResult:
        s = self.standing
        options: list[Option] = []
        self.purposes: dict[str, str] = {}  # (by option: what the meeting is for, under the list)
        unfinished = s.overview.unfinished_id
        if unfinished:
            conv = self.app.store.conversation(unfinished)
            agenda = self.app.library.agendas.get(conv.agenda_id)
            title = agenda.title if agenda else conv.agenda_id
            self.purposes[f"resume:{unfinished}"] = agenda.purpose if agenda else ""
            options.append(
                Option(
                    text(f"▶ Resume: {title} ({conv.started_at[:10]}, {conv.status.replace('-', ' ')})"),
                    id=f"resume:{unfinished}",
                )
            )
        suggested = s.next_agenda
        if suggested:
            options.append(Option(text(f"★ {suggested.title}  (next in the series)"), id=f"new:{suggested.id}"))
        for agenda in self.app.library.in_order():
            if agenda is not suggested:
                options.append(Option(text(f"  {agenda.title}"), id=f"new:{agenda.id}"))
        self.purposes |= {f"new:{a.id}": a.purpose for a in self.app.library.agendas.values()}
        brief = brief_lines(make_brief(self.app.store, self.app.library, s.overview.person))
        with Vertical(classes="form wide", id="start"):
            with VerticalScroll(id="brief"):
                yield Static(inert("\n".join(brief)), id="brief-text", markup=False)
            yield Static(
                inert(f"Start a conversation with {s.overview.person.name}"), classes="form-title", markup=False
            )
            yield OptionList(*options, id="start-options")
            yield Static("", id="start-purpose", markup=False)
            yield Static("enter start · ↑↓ choose another · esc cancel", classes="form-help")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def on_resize(self) -> None:
        self.show_purpose()

    def on_option_list_option_highlighted(self) -> None:
        self.show_purpose()

    def show_purpose(self) -> None:
        """What the highlighted meeting is for, under the list (where there is room)."""
        option = self.query_one(OptionList).highlighted_option
        purpose = " ".join(self.purposes.get(option.id or "" if option else "", "").split())
        shown = self.query_one("#start-purpose", Static)
        shown.update(inert(purpose))
        shown.display = bool(purpose) and self.app.size.height >= SHORT

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        kind, value = (event.option.id or "").split(":", 1)
        self.dismiss((kind, value))


def begin_conversation(app: GrowApp, standing: Standing) -> None:
    from growtui.screens.carry_over import CarryOverScreen
    from growtui.screens.conversation import ConversationScreen

    person = standing.overview.person

    def chosen(choice: Choice | None) -> None:
        if choice is None:
            return
        kind, value = choice
        if kind == "resume":
            app.push_screen(ConversationScreen(int(value)))
            return
        carried = [d.key for d in app.store.pending_deferred(person.id)]
        open_actions = app.store.open_actions(person.id)
        recorded = app.store.recorded_between(person.id)  # (outcomes recorded between meetings: to confirm)
        open_actions += [a for a, _ in recorded.values() if a.status != "open"]
        last = app.store.history(person.id, 1)
        noted = app.store.notes(person.id, since=last[0].conversation.started_at[:10] if last else None)
        agenda = app.library.agendas.get(value)
        revisits = agenda is not None and any(p.stage == "goal" for p in agenda.parts)
        goal = next(iter(app.store.goals(person.id, "active")), None) if revisits else None  # "still the goal?"
        try:
            conv_id = app.store.start_conversation(person.id, value, carried)
        except RETRIABLE as e:  # a conversation needs its row before the screen can open
            app.notify(
                inert(f"Cannot start the conversation: {e}. Free some space and try again."),
                severity="error",
                timeout=30,
                markup=False,
            )
            return
        screen = ConversationScreen(conv_id)
        app.push_screen(screen)
        if open_actions or carried or noted or goal:
            recorded_at = {i: at for i, (_, at) in recorded.items()}
            app.push_screen(
                CarryOverScreen(conv_id, open_actions, carried, recorded_at, noted, goal),
                lambda _: screen.action_focus_notes(),
            )

    app.push_screen(StartScreen(standing), chosen)

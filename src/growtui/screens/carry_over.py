"""The start of a conversation: last time's open action items, each given an
outcome (done / progressing / dropped) and a result note, or left open; the
questions deferred "for next time", which join this conversation first; and what
the manager noted about them since last time."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from growtui.scores import score_text
from growtui import locations
from growtui.contracts import PausesTheMeeting
from growtui.dues import due_text, is_overdue
from growtui.inert import inert
from growtui.outline import outline
from growtui.store import Action, Goal, Note, Store
from growtui.widgets.rows import text
from growtui.widgets.typing_fields import FieldInput, InOrderButton

if TYPE_CHECKING:  # (the app imports the screens)
    from growtui.app import GrowApp


def _update_action(action_id: int, conv_id: int, changes: dict[str, Any], store: Store) -> object:
    return store.update_action(action_id, conv_id, **changes)


def _confirm(action_id: int, conv_id: int, store: Store) -> object:
    store.confirm_outcome(action_id, conv_id)
    return None


OUTCOMES = [("open", "leave open"), ("done", "done"), ("progressing", "progressing"), ("dropped", "dropped")]
CHECK_IN = [("later", "ask later"), ("kept", "kept"), ("changed", "changed"), ("reached", "reached")]


def _check_in(goal_id: int, answer: str, conv_id: int, store: Store) -> object:
    store.check_in(goal_id, answer, conv_id)
    return None


class OutcomeSet(RadioSet):
    """The arrows choose, as the screen's help says (a RadioSet's arrows only move a
    highlight, and Space chose: outcomes were left open by whoever trusted the help)."""

    chosen_by_hand = False  # (RadioSet's own mount moves to the first button: that chooses nothing)

    def on_mount(self) -> None:
        self.call_later(self.ready)  # (after RadioSet's own mount handler, which runs after this one)

    def ready(self) -> None:
        self.chosen_by_hand = True
        self._selected = max(0, self.pressed_index)  # (the arrows start from the outcome chosen)

    def action_next_button(self) -> None:
        super().action_next_button()
        if self.chosen_by_hand:
            self.action_toggle_button()

    def action_previous_button(self) -> None:
        super().action_previous_button()
        if self.chosen_by_hand:
            self.action_toggle_button()


class ActionReview(Vertical):
    """One open action: what it was, how it went so far, its outcome, its result."""

    def __init__(self, action: Action, trend: list[int], today: date, recorded_at: str | None = None) -> None:
        super().__init__(classes="review")
        self.action = action
        self.recorded_at = recorded_at  # its outcome was recorded between meetings, then
        self.trend = trend
        self.today = today

    def compose(self) -> ComposeResult:
        a = self.action
        due = f" · due {due_text(a.due, a.due_date)}" if a.due else ""
        owner = "(me) " if a.owner == "me" else ""
        title = text(owner + a.text, style="bold") + text(f"  ·  commitment {score_text(a.commitment)}{due}")
        if is_overdue(a.status, a.due_date, self.today):
            title += text("  OVERDUE", style="bold red")
        yield Static(title, classes="review-title")
        so_far = [f"scored {' → '.join(map(str, self.trend))}"] if len(self.trend) > 1 else []
        if self.recorded_at:
            so_far.append(f"recorded {self.recorded_at[:10]}: {a.outcome} (confirm, or change it)")
        elif a.outcome:
            so_far.append(f"last time: {a.outcome}")
        so_far += [f"“{a.result}”"] if a.result else []
        if so_far:
            yield Static(text(" · ".join(so_far), style="dim"), classes="review-history")
        with OutcomeSet(classes="review-outcome"):
            for value, label in OUTCOMES:
                chosen = a.outcome if self.recorded_at else "open"
                yield RadioButton(label, value=value == chosen, name=value)
        # The earlier result stays: the cursor goes to its end instead of selecting it all.
        asked = "What did you do, and the result?" if a.owner == "me" else "What did they do, and the result?"
        yield FieldInput(inert(a.result), placeholder=asked, classes="review-result", select_on_focus=False)

    def outcome(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return pressed.name if pressed and pressed.name else "open"

    def result(self) -> str:
        return self.query_one(Input).value.strip()


class CarryOverScreen(PausesTheMeeting, ModalScreen[None]):
    CSS_PATH = locations.stylesheet("conversation.tcss")
    BINDINGS = [Binding("escape", "dismiss(None)", "Leave all open")]
    app: GrowApp

    def __init__(
        self,
        conv_id: int,
        actions: list[Action],
        carried: list[str],
        recorded: dict[int, str] | None = None,
        noted: list[Note] | None = None,
        goal: Goal | None = None,
    ) -> None:
        super().__init__()
        self.conv_id = conv_id
        self.actions = actions
        self.carried = carried
        self.recorded = recorded or {}  # action id → when its outcome was recorded between meetings
        self.noted = noted or []  # notes between meetings since the last conversation
        self.goal = goal  # their plan's goal, revisited: "still the goal?"

    def compose(self) -> ComposeResult:
        conv = self.app.store.conversation(self.conv_id)
        with Vertical(classes="form wide", id="carry-over"):
            yield Static("Since last time", classes="form-title")
            with VerticalScroll(id="carry-over-body"):
                if self.goal is not None:
                    from growtui.development import goal_line

                    yield Static("Their goal — still the goal?", classes="form-label")
                    yield Static(inert(f"  {goal_line(self.goal, self.app.today)}"), classes="noted", markup=False)
                    with OutcomeSet(id="goal-check-in", classes="review-outcome"):
                        for value, label in CHECK_IN:
                            yield RadioButton(label, value=value == "later", name=value)
                if self.noted:
                    from growtui.brief import noted_line

                    yield Static(f"You noted since last time ({len(self.noted)}):", classes="form-label")
                    for n in self.noted:
                        yield Static(inert(f"  • {noted_line(n, self.app.today)}"), classes="noted", markup=False)
                if self.actions:
                    yield Static("Open action items — what happened?", classes="form-label")
                    for action in self.actions:
                        trend = [score for _, score in self.app.store.commitment_trend(action.id)]
                        yield ActionReview(action, trend, self.app.today, self.recorded.get(action.id))
                if self.carried:
                    yield Static("Deferred “for next time” — these open this conversation:", classes="form-label")
                    for entry in outline(self.app.library, conv.agenda_id, self.carried):
                        if entry.key in self.carried:
                            yield Static(inert(f"  • {entry.text}"), classes="carried-question", markup=False)
            with Horizontal(classes="form-buttons"):
                yield InOrderButton("Continue", id="carry-continue", variant="primary")
            yield Static(
                "tab next · ←→ outcome · enter in a result, or Continue, to save · esc leave all open",
                classes="form-help",
            )

    def on_mount(self) -> None:
        first = self.query(RadioSet).first() if self.actions or self.goal else self.query_one(Button)
        first.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.save()

    def save(self) -> None:
        if self.goal is not None:
            pressed = self.query_one("#goal-check-in", RadioSet).pressed_button
            answer = pressed.name if pressed and pressed.name else "later"
            if answer != "later":
                goal_id, conv_id = self.goal.id, self.conv_id
                self.app.write(f"goal {goal_id}: {answer}", partial(_check_in, goal_id, answer, conv_id))
        for review in self.query(ActionReview):
            outcome, result = review.outcome(), review.result()
            a = review.action
            if review.recorded_at and outcome == a.outcome and result == a.result:
                conv_id = self.conv_id  # (recorded between meetings, and kept: seen here, not shown again)
                self.app.write(f"outcome of action item {a.text!r} confirmed", partial(_confirm, a.id, conv_id))
                continue
            if outcome == "open" and result == review.action.result:
                continue
            changes: dict[str, object] = {"result": result}
            if outcome != "open":
                changes["outcome"] = outcome
            self.app.write(
                f"outcome of action item {review.action.text!r}: {changes}",
                partial(_update_action, review.action.id, self.conv_id, changes),
            )
        self.dismiss(None)

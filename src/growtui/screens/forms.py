"""Small modal forms: Enter in a one-line field submits, Escape cancels, Tab
moves on; the first field has focus and is the only required one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.validation import Function, Integer
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from growtui.dues import describe, parse_due
from growtui.inert import inert
from growtui.store import Action, Goal, Store
from growtui.store.people import is_email
from growtui.widgets.typing_fields import FieldInput

T = TypeVar("T")


# What a form gives back: typed, so a form's field ids are never the store's keywords.
@dataclass(frozen=True)
class PersonDraft:
    name: str
    role: str
    cadence_days: int | None
    notes: str
    email: str


@dataclass(frozen=True)
class ActionDraft:
    text: str
    due: str  # as typed ("next Friday")
    due_date: str | None  # the day it names (ISO), or None: the words name no date
    support: str
    commitment: int | None
    raise_it: str
    owner: str  # them, or me
    goal_id: int | None = None  # the goal of their plan it serves

    def add(self, store: Store, person_id: int, conv_id: int) -> int:
        """Added to a conversation, every field spelled out (no form field is a store keyword)."""
        return store.add_action(
            person_id,
            conv_id,
            self.text,
            self.due,
            self.support,
            self.commitment,
            self.raise_it,
            self.due_date,
            self.owner,
            self.goal_id,
        )

    def changes(self) -> dict[str, object]:
        """Every field, for update_action (which logs score changes with their time)."""
        return dict(vars(self))


class FormScreen(ModalScreen[T], Generic[T]):
    """Subclasses list their fields and turn the values into a result."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    TITLE = ""
    FIELDS: list[tuple[str, str, str]] = []  # (field id, label, placeholder)

    def __init__(self, values: dict[str, str] | None = None) -> None:
        super().__init__()
        self.values = values or {}
        self.discarding = False  # escape was pressed once with something typed

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static(inert(self.heading()), classes="form-title", markup=False)
            for field_id, label, placeholder in self.FIELDS:
                yield Label(label, classes="form-label", id=f"{field_id}-label")
                yield FieldInput(
                    inert(self.values.get(field_id, "")),
                    placeholder=placeholder,
                    id=field_id,
                    validators=self.validators(field_id),
                    valid_empty=field_id != self.FIELDS[0][0],
                )
                if (shown := self.preview(field_id, self.values.get(field_id, ""))) is not None:
                    yield Static(shown, id=f"{field_id}-preview", classes="form-hint")
            yield Static("", id="form-error", classes="form-error")
            yield Static("enter save · esc cancel · tab next field", classes="form-help")

    def validators(self, field_id: str) -> list[Any]:
        return []

    def preview(self, field_id: str, typed: str) -> str | None:
        """What a field's words are read as, shown under it as they are typed ("next
        Friday" → Fri 11 Dec); None: the field shows nothing under it."""
        return None

    def on_input_changed(self, event: Input.Changed) -> None:
        field_id = event.input.id or ""
        if (shown := self.preview(field_id, event.value)) is not None:
            self.query_one(f"#{field_id}-preview", Static).update(shown)

    def on_mount(self) -> None:
        self.query_one(f"#{self.FIELDS[0][0]}", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        values = {f: self.query_one(f"#{f}", Input).value.strip() for f, _, _ in self.FIELDS}
        first = self.FIELDS[0]
        if not values[first[0]]:
            return self.show_error(f"{first[1]} is required.", first[0])
        for field_id, label, _ in self.FIELDS:
            result = self.query_one(f"#{field_id}", Input).validate(values[field_id])
            if result is not None and not result.is_valid:
                return self.show_error(f"{label}: {'; '.join(result.failure_descriptions)}", field_id)
        self.dismiss(self.result(values))

    def show_error(self, message: str, field_id: str) -> None:
        self.query_one("#form-error", Static).update(message)
        self.query_one(f"#{field_id}", Input).focus()

    def heading(self) -> str:
        return self.TITLE

    def result(self, values: dict[str, str]) -> T:
        raise NotImplementedError

    def action_cancel(self) -> None:
        """Escape: leave, unless that would throw away what was typed; then ask once."""
        typed = any(
            self.query_one(f"#{f}", Input).value.strip() != self.values.get(f, "").strip() for f, _, _ in self.FIELDS
        )
        if typed and not self.discarding:
            self.discarding = True
            self.query_one("#form-error", Static).update("Discard what you typed? esc again to discard · enter saves")
            return
        self.dismiss(None)


class PersonForm(FormScreen[PersonDraft]):
    TITLE = "Person"
    FIELDS = [
        ("name", "Name", "e.g. Ada Lovelace"),
        ("role", "Role", "e.g. Backend engineer"),
        ("cadence", "Meet every … days", "e.g. 14"),
        ("email", "Email (finds your 1:1s with them in your calendar)", "e.g. ada@example.com"),
        ("notes", "Notes", "anything to remember"),
    ]

    def validators(self, field_id: str) -> list[Any]:
        if field_id == "cadence":
            return [Integer(minimum=1, maximum=365, failure_description="a whole number of days, 1–365")]
        if field_id == "email":
            return [Function(is_email, "an address like ada@example.com")]
        return []

    def result(self, values: dict[str, str]) -> PersonDraft:
        cadence = int(values["cadence"]) if values["cadence"] else None
        return PersonDraft(values["name"], values["role"], cadence, values["notes"], values["email"])


def _is_score(value: str) -> bool:
    return value.isdigit() and 1 <= int(value) <= 10


OWNERS = {"": "them", "them": "them", "theirs": "them", "they": "them", "me": "me", "mine": "me", "i": "me"}


class ActionForm(FormScreen[ActionDraft]):
    """An action item. "When?" takes what a manager types ("next Friday", "in 2 weeks",
    "next 1:1"...) and shows the date it understood as you type; words it cannot
    read are kept as typed, with no date (growtui.dues)."""

    TITLE = "Action item"
    FIELDS = [
        ("text", "What will you do?", "e.g. Draft the RFC for the API gateway"),
        ("due", "When?", "e.g. Friday, next Friday, in 2 weeks, 15 Dec, next 1:1"),
        ("support", "What support do you need?", "e.g. an intro to the platform team"),
        ("commitment", "How certain are you that you will do this? (1–10)", "1–10"),
        ("raise_it", "What would bring this to a higher score?", ""),
        ("owner", "Whose is it? them, or me (support you promised)", "them"),
    ]

    MINE = {  # an action of mine (support I promised) is asked of me, not of them
        "text": "What will you do for them?",
        "support": "What do you need for it?",
        "commitment": "How certain are you? (1–10; never counted as theirs)",
        "raise_it": "What would make it more certain?",
    }

    def __init__(
        self,
        values: dict[str, str] | None = None,
        written: date | None = None,
        next_one_on_one: date | None = None,
        goals: list[Goal] | None = None,
    ) -> None:
        self.goals = {g.id: g for g in goals or []}
        active = [g.id for g in goals or [] if g.status == "active"]
        values = dict(values or {})
        if active:  # (an action serves the newest active goal unless told otherwise)
            values.setdefault("goal", str(active[0]))
        super().__init__(values)
        if values.get("owner", "").strip().lower() == "me":
            self.FIELDS = [(f, self.MINE.get(f, label), hint) for f, label, hint in self.FIELDS]
        if self.goals:
            numbers = ", ".join(map(str, active or self.goals))
            self.FIELDS = [*self.FIELDS, ("goal", f"For which goal of their plan? ({numbers}; empty: none)", "")]
        self.written = written or date.today()  # due words are read from the day the action was written
        self.next_one_on_one = next_one_on_one

    @classmethod
    def of(cls, a: Action, next_one_on_one: date | None, goals: list[Goal] | None = None) -> ActionForm:
        """To edit an action: its fields, its due words read from the day it was written."""
        values = {
            "text": a.text,
            "due": a.due,
            "support": a.support,
            "commitment": str(a.commitment or ""),
            "raise_it": a.raise_it,
            "owner": a.owner,
        }
        values["goal"] = str(a.goal_id or "")
        return cls(values, date.fromisoformat(a.created_at[:10]), next_one_on_one, goals)

    def validators(self, field_id: str) -> list[Any]:
        if field_id == "commitment":
            return [Function(_is_score, "a whole number from 1 to 10")]
        if field_id == "owner":
            return [Function(lambda v: v.strip().lower() in OWNERS, "them or me")]
        if field_id == "goal":
            return [
                Function(lambda v: not v.strip() or v.strip().lstrip("#") in map(str, self.goals), "a goal's number")
            ]
        return []

    def preview(self, field_id: str, typed: str) -> str | None:
        return self.understood(typed) if field_id == "due" else self.goal_text(typed) if field_id == "goal" else None

    def goal_text(self, typed: str) -> str:
        goal = self.goals.get(int(typed.strip().lstrip("#"))) if typed.strip().lstrip("#").isdigit() else None
        return inert(goal.text) if goal else ("no goal" if not typed.strip() else "not a goal of their plan")

    def understood(self, due: str) -> str:
        if not due.strip():
            return ""
        day = parse_due(due, self.written, self.next_one_on_one)
        return describe(day, self.written) if day else "no date: kept as typed"

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "owner":  # (the questions turn to me as "me" is typed; the previews: FormScreen)
            mine = event.value.strip().lower() == "me"
            for field_id, label, _ in ActionForm.FIELDS:
                self.query_one(f"#{field_id}-label", Label).update(self.MINE.get(field_id, label) if mine else label)

    def result(self, values: dict[str, str]) -> ActionDraft:
        day = parse_due(values["due"], self.written, self.next_one_on_one)
        return ActionDraft(
            text=values["text"],
            due=values["due"],
            due_date=day.isoformat() if day else None,
            support=values["support"],
            commitment=int(values["commitment"]) if values["commitment"] else None,
            raise_it=values["raise_it"],
            owner=OWNERS[values["owner"].strip().lower()],
            goal_id=int(values["goal"].lstrip("#")) if values.get("goal", "").lstrip("#").isdigit() else None,
        )


class TopicForm(FormScreen[str]):
    """Their focus: the (x) of the GROW questions ("How much knowledge do you have of (x)?")."""

    TITLE = "Their focus — the (x) in the questions"
    FIELDS = [("topic", "What are they working on, in their words?", "e.g. leading the API gateway work")]

    def result(self, values: dict[str, str]) -> str:
        return values["topic"]


class TranscriptForm(FormScreen[dict[str, str]]):
    """Attach the call's transcript (WebVTT or SRT): where the file is, and, if the
    recording did not begin with the conversation, when it did."""

    TITLE = "Attach the call's transcript"
    FIELDS = [
        ("file", "Transcript file (Zoom, Teams, Meet: .vtt; others: .srt)", "e.g. ~/Downloads/meeting.transcript.vtt"),
        ("began", "The recording began at (HH:MM)", "e.g. 10:02; empty: with the conversation"),
        ("me", "Your name as the transcript writes it", "empty: config.toml's me, or the one not them"),
    ]

    def result(self, values: dict[str, str]) -> dict[str, str]:
        return values


class ChoiceScreen(ModalScreen[str | None]):
    """A question with a few answers (Enter takes the highlighted one, esc the first)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: str, question: str, answers: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text, self.question, self.answers = title, question, answers

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static(inert(self.title_text), classes="form-title", markup=False)
            yield Static(inert(self.question), markup=False)
            yield OptionList(*[Option(inert(label), id=key) for key, label in self.answers], id="choices")
            yield Static(f"enter choose · esc: {self.answers[0][1].lower()}", classes="form-help")

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

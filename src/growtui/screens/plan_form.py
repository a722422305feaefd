"""A goal of their development plan, written or corrected through the app's writer:
from a conversation's Goal notes (the summary offers them), or directly (the Plan tab)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from textual.validation import Function

from growtui.dues import describe, parse_due
from growtui.screens.forms import FormScreen
from growtui.store import GOAL_STATUSES, Goal, Person

if TYPE_CHECKING:  # (the app imports the screens)
    from growtui.app import GrowApp


@dataclass(frozen=True)
class GoalDraft:
    text: str
    by: str  # as typed
    by_date: str | None  # the day it names (ISO)
    measure: str
    status: str


class GoalForm(FormScreen[GoalDraft]):
    FIELDS = [
        ("text", "Their goal: what would they like to achieve?", "e.g. lead the API gateway work"),
        ("by", "By when?", "e.g. end of June, in 6 months, 2027-03-31"),
        ("measure", "How will they know they are on track?", "e.g. the RFC is merged and the team uses it"),
        ("status", "Status: active, reached, changed or dropped", "active"),
    ]

    def __init__(self, person: Person, today: date, values: dict[str, str] | None = None, editing: bool = False):
        super().__init__(values)
        self.person = person
        self.today = today
        self.editing = editing

    def heading(self) -> str:
        verb = "Their goal" if self.editing else "Make this their goal?" if self.values else "A goal for their plan"
        return f"{verb} — {self.person.name}"

    def validators(self, field_id: str) -> list[Any]:
        if field_id == "status":
            return [Function(lambda v: not v.strip() or v.strip().lower() in GOAL_STATUSES, "active, reached, …")]
        return []

    def preview(self, field_id: str, typed: str) -> str | None:
        if field_id != "by":
            return None
        if not typed.strip():
            return ""
        day = parse_due(typed, self.today)
        return describe(day, self.today) if day else "no date: kept as typed"

    def result(self, values: dict[str, str]) -> GoalDraft:
        day = parse_due(values["by"], self.today)
        status = values["status"].lower() or "active"
        return GoalDraft(values["text"], values["by"], day.isoformat() if day else None, values["measure"], status)


def make_goal(
    app: GrowApp,
    person: Person,
    offered: dict[str, str] | None = None,
    source: tuple[int, str | None] | None = None,
    then: Callable[[], None] = lambda: None,
) -> None:
    """A new goal: `offered` fills the form (a conversation's Goal notes); `source` is
    (conversation, question) it came from."""
    conv_id, question_id = source or (None, None)

    def made(d: GoalDraft | None) -> None:
        if d is None:
            return

        def add(st: Any) -> int:
            goal_id = st.add_goal(person.id, d.text, d.by, d.by_date, d.measure, conv_id, question_id)
            if d.status != "active":
                st.update_goal(goal_id, conv_id, status=d.status)
            return int(goal_id)

        app.write(f"a goal for {person.name}", add, lambda _: done())

    def done() -> None:
        then()
        app.notify(f"A goal of {person.name}'s plan: the Plan tab in their history shows it.", timeout=5)

    app.push_screen(GoalForm(person, app.today, offered), made)


def edit_goal(app: GrowApp, person: Person, goal: Goal, then: Callable[[], None] = lambda: None) -> None:
    values = {"text": goal.text, "by": goal.by, "measure": goal.measure, "status": goal.status}

    def edited(d: GoalDraft | None) -> None:
        if d is not None:
            changes = {"text": d.text, "by": d.by, "by_date": d.by_date, "measure": d.measure, "status": d.status}
            app.write(f"goal {goal.id}", lambda st: st.update_goal(goal.id, None, **changes), lambda _: then())

    app.push_screen(GoalForm(person, app.today, values, editing=True), edited)

"""Keeping the record in order from the screens: an action's outcome recorded between
meetings, a conversation thrown away (after a confirmation that names it), a person
handed over. Every change goes through the app's writer, as every other write does."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual.widgets import Input

from growtui.screens.forms import ChoiceScreen, FormScreen
from growtui.store import TRASH_DAYS, Action, Conversation, Person

if TYPE_CHECKING:  # (the app imports the screens)
    from growtui.app import GrowApp

OUTCOME_WORDS = {"done": "done", "progressing": "progressing", "dropped": "dropped"}


class ResultForm(FormScreen[str]):
    """What became of it, in a line (optional: Enter with nothing records the outcome alone)."""

    TITLE = "What became of it"
    FIELDS = [("result", "What did they do, and the result?", "e.g. merged the RFC; Enter: no result")]

    def __init__(self, action: Action, outcome: str) -> None:
        super().__init__({"result": action.result})
        self.heading_text = f"{action.text} — {outcome}"
        if action.owner == "me":
            self.FIELDS = [("result", "What did you do, and the result?", self.FIELDS[0][2])]

    def heading(self) -> str:
        return self.heading_text

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        event.prevent_default()  # (not the form's own handler too: this field is optional, unlike a first field)
        self.dismiss(event.value.strip())

    def result(self, values: dict[str, str]) -> str:
        return values["result"]


def record_outcome(app: GrowApp, action: Action, outcome: str, then: Callable[[], None]) -> None:
    """Between meetings (no conversation): the next carry-over shows it as recorded."""

    def with_result(result: str | None) -> None:
        if result is None:
            return
        app.write(
            f"outcome of action item {action.id}: {outcome}",
            lambda st: st.update_action(action.id, None, outcome=outcome, result=result),
            lambda _: done(),
        )

    def done() -> None:
        then()
        app.notify(f"Recorded: {action.text} — {outcome}. The next carry-over shows it.", timeout=5, markup=False)

    app.push_screen(ResultForm(action, outcome), with_result)


def delete_conversation(app: GrowApp, conv: Conversation, person: Person, then: Callable[[], None]) -> None:
    when = conv.started_at[:16].replace("T", " ")

    def chosen(answer: str | None) -> None:
        if answer == "delete":
            app.write(f"conversation {conv.id} deleted", lambda st: st.delete_conversation(conv.id), lambda _: done())

    def done() -> None:
        then()
        app.notify(
            f"Deleted the conversation of {when}: in the trash for {TRASH_DAYS} days (growtui trash restore {conv.id}).",
            timeout=8,
            markup=False,
        )

    question = f"Delete the conversation of {when} with {person.name}? It goes to the trash for {TRASH_DAYS} days."
    app.push_screen(
        ChoiceScreen("Delete a conversation", question, [("keep", "Keep it"), ("delete", "Delete")]), chosen
    )


def home_file(kind: str, person: Person, today: date) -> Path:
    """~/growtui-<kind>-<their name>-<date>.md: where the hand-over and the review packet go."""
    slug = "".join(ch if ch.isalnum() else "-" for ch in person.name.lower()).strip("-") or f"person-{person.id}"
    return Path.home() / f"growtui-{kind}-{slug}-{today.isoformat()}.md"


def write_handover(app: GrowApp, person: Person) -> None:
    """Shareable notes only (the command line's --with-private keeps the rest), to a
    file in the home folder; said where."""
    from growtui.person_record import handover_document

    text = handover_document(app.store, app.library, person.id)
    save_home_file(
        app, home_file("handover", person, app.today), text, f"Hand-over of {person.name} (shareable notes only)"
    )


def write_review(app: GrowApp, person: Person) -> None:
    """The review packet of the last 12 months (growtui review sets another period), to a
    file in the home folder; said where."""
    from datetime import timedelta

    from growtui.review import review_markdown, review_packet

    since = (app.today - timedelta(days=365)).isoformat()
    packet = review_packet(app.store, app.library, person.id, since, app.today.isoformat())
    text = review_markdown(packet)
    save_home_file(app, home_file("review", person, app.today), text, f"Review packet of {person.name} (12 months)")


def save_home_file(app: GrowApp, path: Path, text: str, what: str) -> None:
    from growtui.recovery import write_private_file

    try:
        write_private_file(path, text)
    except OSError as e:
        app.notify(f"{what} could not be written to {path}: {e.strerror}", severity="error", markup=False)
        return
    app.notify(f"{what} written to {path}", timeout=10, markup=False)

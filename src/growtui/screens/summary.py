"""The end of a conversation: what was asked and not, the notes, the actions
with their scores; then complete it, or keep it "to be continued"."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.validation import Integer
from textual.widgets import Button, Input, Label, Static

from growtui.scores import LOW, score_text
from growtui import locations
from growtui.contracts import PausesTheMeeting
from growtui.export import ConversationDoc, conversation_document, stage_times_text
from growtui.dues import due_text
from growtui.inert import inert, one_line
from growtui.schema import GENERAL
from growtui.transcripts import talk_line
from growtui.widgets.typing_fields import FieldInput, InOrderButton

if TYPE_CHECKING:  # (the app imports the screens)
    from growtui.app import GrowApp


def summary_text(doc: ConversationDoc) -> Text:
    out = Text()
    questions = [q for q in doc["questions"] if q["depth"] == 0 or q["asked"] or q["notes"].strip()]
    asked = [q for q in questions if q["asked"] and not q["deferred"]]
    deferred = [q for q in questions if q["deferred"]]
    unasked = [q for q in questions if not q["asked"] and not q["deferred"]]
    # Follow-ups are prompts, listed only when used; those passed over are counted, not hidden.
    passed_over = sum(
        1 for q in doc["questions"] if q["depth"] > 0 and not (q["asked"] or q["deferred"] or q["notes"].strip())
    )
    out.append(
        f"Asked {len(asked)} · for next time {len(deferred)} · not asked {len(unasked)}"
        + (f" (and {passed_over} follow-ups)" if passed_over else "")
        + "\n",
        style="bold",
    )
    if doc["stage_minutes"]:
        out.append(stage_times_text(doc) + "\n")
    if doc["talk"]:
        out.append(talk_line(doc["talk"]) + "\n")
    out.append("\n")
    for title, group, mark in [("Asked", asked, "✓"), ("For next time", deferred, "↷"), ("Not asked", unasked, "·")]:
        if not group:
            continue
        out.append(f"{title}\n", style="bold underline")
        for q in group:
            spent = doc["question_seconds"].get(q["id"], 0)
            minutes = (
                "" if spent < 10 else f"  ({spent} s)" if spent < 60 else f"  ({spent // 60} min {spent % 60:02d} s)"
            )
            out.append(inert(f" {mark} {q['text']}{minutes}\n"), style="" if mark != "·" else "dim")
            if q["notes"].strip():
                note = " ".join(q["notes"].split())  # whole: the summary scrolls
                out.append(inert(f"     {note}\n"), style="italic")
        out.append("\n")
    if doc["general_notes"].strip():
        out.append("General notes\n", style="bold underline")
        out.append(inert(f"  {doc['general_notes'].strip()}\n\n"), style="italic")
    theirs = [a for a in doc["actions"] if a["owner"] != "me"]
    mine = [a for a in doc["actions"] if a["owner"] == "me"]
    out.append("Action items\n", style="bold underline")
    if not theirs:
        out.append("  none — is there one thing they will do before next time?\n", style="bold red")
    for a in theirs:
        score = score_text(a["commitment"])
        low = a["commitment"] is not None and a["commitment"] <= LOW
        out.append(inert(f"  • {a['text']} — {score}"), style="bold red" if low else "")
        if a["due"]:
            out.append(inert(f" · due {due_text(a['due'], a['due_date'])}"))
        if low:
            out.append(inert(f" · to raise it: {a['raise_it'] or '?'}"), style="italic")
        out.append("\n")
    if mine:  # (support the manager promised: theirs to hold you to, not scored as theirs)
        out.append("\nWhat I promised\n", style="bold underline")
        for a in mine:
            out.append(
                inert(f"  • {a['text']}" + (f" · due {due_text(a['due'], a['due_date'])}" if a["due"] else "") + "\n")
            )
    return out


def goal_offered(doc: ConversationDoc, nodes: list[Any]) -> dict[str, str]:
    """The notes of the questions that make a goal (and say how they will know), for the
    goal form: {text, measure, question}; empty when none has notes."""
    makes = {n.item.id: n.item.makes for n in nodes if n.item.makes}
    noted = {
        kind: [q for q in doc["questions"] if makes.get(q["id"]) == kind and q["notes"].strip()]
        for kind in ("goal", "measure")
    }
    if not noted["goal"]:
        return {}
    return {
        "text": one_line(" · ".join(q["notes"] for q in noted["goal"])),
        "measure": one_line(" · ".join(q["notes"] for q in noted["measure"])),
        "question": noted["goal"][0]["id"],
    }


def with_unsaved(doc: ConversationDoc, unsaved: dict[str, str]) -> ConversationDoc:
    """The notes as typed: those the disk has refused so far are kept and retried,
    and the summary shows them, not the last text that was saved."""
    for q in doc["questions"]:
        q["notes"] = unsaved.get(q["id"], q["notes"])
    doc["general_notes"] = unsaved.get(GENERAL, doc["general_notes"])
    return doc


def offer_to_leave_out(app: GrowApp, conv_id: int, past_end: str, ends_at: float, then: Callable[[], None]) -> None:
    """A recording that ran on after the conversation ended: keep those lines (under the
    last question) or leave them out, as the manager says."""
    from growtui.screens.forms import ChoiceScreen

    def left_out(gone: object) -> None:
        app.notify(f"Left out {gone} lines said after the conversation ended.", title="Transcript", timeout=5)
        then()

    def chosen(answer: str | None) -> None:
        if answer == "leave-out":
            app.write(
                "lines said after the conversation ended left out",
                lambda st: st.leave_out_cues_after(conv_id, ends_at),
                left_out,
            )

    app.push_screen(
        ChoiceScreen(
            "Said after the end",
            past_end[0].upper() + past_end[1:] + ".",
            [("keep", "Keep them under the last question"), ("leave-out", "Leave them out")],
        ),
        chosen,
    )


def attach_transcript_from(app: GrowApp, conv_id: int, then: Callable[[], None]) -> None:
    """The transcript form; the file is read, aligned and stored on a thread of its own
    with its own connection, in short transactions (a long file must hold neither the
    screen nor the note writer, nor the database's write lock for long); what went
    wrong is said, and nothing is shown as attached."""
    from growtui.config import load_config
    from growtui.screens.forms import TranscriptForm
    from growtui.store import Store
    from growtui.transcripts import UNKNOWN_SIDES, past_end_text, prepare, store_prepared, talk_share

    def chosen(values: dict[str, str] | None) -> None:
        if not values:
            return
        path = Path(values["file"]).expanduser()
        me = values["me"] or load_config().me

        def done(result: object) -> None:
            cues, talk, past_end, ends_at = cast(tuple[int, dict[str, float], str, float | None], result)
            share = talk_share(talk)
            unknown = UNKNOWN_SIDES.replace("--me NAME", "your name as it writes it (the form's last field)")
            app.notify(
                f"Attached {cues} lines of the transcript: " + (f"{share}." if share else f"{unknown}."),
                title="Transcript",
                timeout=8,
            )
            then()
            if past_end and ends_at is not None:
                offer_to_leave_out(app, conv_id, past_end, ends_at, then)

        def read() -> None:
            store = Store.connect(app.db_path)  # (its own connection: this is another thread)
            try:
                prepared = prepare(store, conv_id, path, values["began"] or None, None, me, replace=True)
                result = (*store_prepared(store, prepared), past_end_text(prepared), prepared.ends_at)
            except Exception as e:  # not a transcript, damaged, too big, a full disk...: said, nothing attached
                problem = str(e) or type(e).__name__
                app.soon(
                    lambda: app.notify(
                        inert(f"Transcript not attached: {problem}"),
                        title="Transcript",
                        severity="error",
                        timeout=15,
                        markup=False,
                    )
                )
                return
            finally:
                store.close()
            app.soon(lambda: done(result))

        threading.Thread(target=read, name="growtui-transcript", daemon=True).start()

    app.push_screen(TranscriptForm(), chosen)


class SummaryScreen(PausesTheMeeting, ModalScreen[str | None]):
    """Completing is for good, so `c` asks once more; the body scrolls with the keys
    (it has focus); after a first meeting, the cadence they asked for is set here."""

    CSS_PATH = locations.stylesheet("conversation.tcss")
    BINDINGS = [
        Binding("c", "finish('completed')", "Complete"),
        Binding("t", "finish('to-be-continued')", "To be continued"),
        Binding("a", "attach_transcript", "Attach transcript"),
        Binding("g", "make_goal", "Make it their goal"),
        Binding("escape", "dismiss(None)", "Back"),
    ]
    app: GrowApp

    def __init__(self, conv_id: int) -> None:
        super().__init__()
        self.conv_id = conv_id
        self.confirming = False

    def compose(self) -> ComposeResult:
        doc = with_unsaved(
            conversation_document(self.app.store, self.app.library, self.conv_id),
            {key: text for (cid, key), text in self.app.writer.pending().items() if cid == self.conv_id},
        )
        conv = self.app.store.conversation(self.conv_id)
        self.person = self.app.store.person(conv.person_id)
        agenda = self.app.library.agendas.get(conv.agenda_id)
        self.asks_cadence = bool(agenda and any(n.item.answered_by == "cadence" for n in agenda.nodes()))
        self.offered = goal_offered(doc, list(agenda.nodes()) if agenda else [])
        with Vertical(classes="form wide", id="summary"):
            yield Static(
                inert(f"Summary — {doc['person']} · {doc['agenda_title']}"), classes="form-title", markup=False
            )
            if not doc["actions"]:
                yield Static(
                    "No action item yet — is there one thing they will do before next time? "
                    "(esc back to the conversation)",
                    classes="form-error",
                )
            with VerticalScroll(id="summary-body"):
                yield Static(summary_text(doc), id="summary-text")
            if self.offered:
                yield Static(
                    inert(f"Make this their goal? g — “{self.offered['text']}”"), id="summary-goal", markup=False
                )
            if self.asks_cadence:
                with Horizontal(id="summary-cadence"):
                    yield Label("They want to meet every", classes="form-label")
                    # (no number as a placeholder: a dim "14" read as a value that was never saved)
                    yield FieldInput(
                        str(self.person.cadence_days or ""),
                        placeholder="not set",
                        id="cadence",
                        validators=[Integer(minimum=1, maximum=365)],
                        valid_empty=True,
                    )
                    yield Label("days", classes="form-label")
            with Horizontal(classes="form-buttons"):
                yield InOrderButton("Complete \\[c]", id="completed", variant="primary", compact=True)
                yield InOrderButton("To be continued \\[t]", id="to-be-continued", compact=True)
                yield InOrderButton("Back \\[esc]", id="back", compact=True)
            yield Static(
                "↑↓ scroll · t: to be continued resumes at the first question not asked · a: attach the "
                "call's transcript",
                id="summary-help",
                classes="form-help",
            )

    def on_mount(self) -> None:
        self.query_one("#summary-body", VerticalScroll).focus()

    def action_make_goal(self) -> None:
        from growtui.screens.plan_form import make_goal

        if self.offered:
            question = self.offered.pop("question")
            make_goal(self.app, self.person, self.offered, (self.conv_id, question), self.goal_made)

    def goal_made(self) -> None:
        self.offered = {}
        self.query_one("#summary-goal", Static).update("A goal of their plan now: the Plan tab in history shows it.")

    def action_attach_transcript(self) -> None:
        attach_transcript_from(self.app, self.conv_id, self.refresh_text)

    def refresh_text(self) -> None:
        doc = conversation_document(self.app.store, self.app.library, self.conv_id)
        self.query_one("#summary-text", Static).update(summary_text(doc))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "back":
            self.dismiss(None)
        else:
            self.finish(event.button.id or "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#summary-body", VerticalScroll).focus()

    def action_finish(self, status: str) -> None:
        if status == "completed" and not self.confirming:
            self.confirming = True
            no_cadence = self.asks_cadence and not self.query_one("#cadence", FieldInput).value.strip()
            self.query_one("#summary-help", Static).update(
                (
                    "No cadence set: type how often they want to meet, or "
                    if no_cadence
                    else "Complete this conversation? "
                )
                + "c again to complete · t to be continued · esc back"
            )
            self.query_one("#summary-help", Static).add_class("form-error")
            return
        self.finish(status)

    def finish(self, status: str) -> None:
        if self.asks_cadence and not self.save_cadence():
            return
        if self.asks_cadence and status == "completed" and not self.query_one("#cadence", FieldInput).value.strip():
            self.notify("Completed with no cadence set: e on the people screen sets one.", title="Cadence", timeout=8)
        self.dismiss(status)

    def save_cadence(self) -> bool:
        field = self.query_one("#cadence", FieldInput)
        value = field.value.strip()
        if value and not (value.isdigit() and 1 <= int(value) <= 365):
            self.query_one("#summary-help", Static).update("Meet every … days: a whole number from 1 to 365.")
            field.focus()
            return False
        days = int(value) if value else None
        if days != self.person.cadence_days:
            person_id = self.person.id
            self.app.write(f"the cadence of {self.person.name!r}", lambda st: st.set_cadence(person_id, days))
        return True

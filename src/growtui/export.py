"""One conversation as a document: the dict behind `export --format json`, and
the Markdown that both `export --format md` and the app's read-only view show."""

from __future__ import annotations

import json
from typing import Any, NotRequired, TypedDict, cast

from growtui.scores import clock_text, score_text
from growtui.agendas import Library
from growtui.dues import due_text
from growtui.inert import json_inert, markdown_line, markdown_text
from growtui.outline import outline
from growtui.store import GENERAL, Action, Person, QuestionRecord, Store
from growtui.transcripts import talk, talk_line


STAGES = ("goal", "reality", "options", "will")


# The document's shape: what `export --format json` writes (question rows gain "seconds"
# there), what the view, the summary and person exports read. Typed so a key read is checked.
class QuestionRow(TypedDict):
    id: str
    text: str
    asked: bool
    answers: list[str]
    deferred: bool
    notes: str
    shareable: bool
    depth: int
    part: str


class CueRow(TypedDict):
    start: float
    end: float
    speaker: str
    side: str
    text: str
    question_id: str


class ActionRow(TypedDict):
    text: str
    due: str
    due_date: str | None  # ISO, or null: the due text names no date
    owner: str  # them, or me (support the manager promised)
    support: str
    commitment: int | None
    raise_it: str
    status: str
    outcome: str | None
    result: str | None


class VersionRow(TypedDict):
    what: str  # 'notes:<question id>' or 'action:<action id>'
    text: str
    replaced_at: str


class ConversationDoc(TypedDict):
    id: int
    person: str
    agenda: str
    agenda_title: str
    started_at: str
    ended_at: str | None
    status: str
    topic: str
    questions: list[QuestionRow]
    general_notes: str
    general_notes_shareable: bool
    stage_minutes: dict[str, float]
    transcript: list[CueRow]  # what was said on the call: private, like the notes
    talk: dict[str, float] | None
    question_seconds: dict[str, int]
    actions: list[ActionRow]
    edited_at: str | None  # last changed after it ended
    earlier_versions: list[VersionRow]  # the texts it had before each edit (private)
    shared: NotRequired[bool]  # the report's copy (shareable_copy)


def answers_from(actions: list[Action], person: Person) -> dict[str, list[str]]:
    """What answers a question that a field answers (agendas.Item.answered_by): the
    action items' due dates, support and scores (theirs: the questions ask them); the
    person's cadence."""
    actions = [a for a in actions if a.owner != "me"]
    return {
        "due": [f"{a.text}: {due_text(a.due, a.due_date)}" for a in actions if a.due],
        "support": [f"{a.text}: {a.support}" for a in actions if a.support],
        "commitment": [
            f"{a.text}: {score_text(a.commitment)}" + (f" (to raise it: {a.raise_it})" if a.raise_it else "")
            for a in actions
            if a.commitment
        ],
        "cadence": [f"every {person.cadence_days} days"] if person.cadence_days else [],
    }


def question_rows(
    library: Library,
    agenda_id: str,
    records: dict[str, QuestionRecord],
    topic: str = "",
    answers: dict[str, list[str]] | None = None,
) -> list[QuestionRow]:
    """Every question of the conversation in outline order, follow-ups included, as
    put (their focus in place of (x), once named). A question that the action form
    answers is asked once an action item answers it (a cadence set long ago asks nothing)."""
    rows: list[QuestionRow] = []
    for entry in outline(library, agenda_id, records, topic):
        rec = records.get(entry.key)
        answered = (answers or {}).get(entry.answered_by or "", [])
        rows.append(
            {
                "id": entry.key,
                "text": entry.text,
                "asked": bool(rec and rec.was_asked) or (bool(answered) and entry.answered_by != "cadence"),
                "answers": answered,
                "deferred": bool(rec and rec.deferred),
                "notes": rec.notes if rec else "",
                "shareable": bool(rec and rec.shareable),
                "depth": entry.depth,
                "part": entry.part,
            }
        )
    return rows


def conversation_document(store: Store, library: Library, conv_id: int) -> ConversationDoc:
    conv = store.conversation(conv_id)
    person = store.person(conv.person_id)
    agenda = library.agendas.get(conv.agenda_id)
    records = store.records(conv_id)
    actions = store.actions_of(conv_id)
    cues = store.cues_of(conv_id)
    general = records.get(GENERAL)
    stage_seconds = store.stage_seconds(conv_id)
    return {
        "id": conv.id,
        "person": person.name,
        "agenda": conv.agenda_id,
        "agenda_title": agenda.title if agenda else conv.agenda_id,
        "started_at": conv.started_at,
        "ended_at": conv.ended_at,
        "status": conv.status,
        "topic": conv.topic,
        "questions": question_rows(library, conv.agenda_id, records, conv.topic, answers_from(actions, person)),
        "general_notes": general.notes if general else "",
        "general_notes_shareable": bool(general and general.shareable),
        "stage_minutes": {stage: round(stage_seconds[stage] / 60, 1) for stage in STAGES if stage in stage_seconds},
        # (transcripts.py) times from the recording's start
        "transcript": [
            {
                "start": c.start,
                "end": c.end,
                "speaker": c.speaker,
                "side": c.side,
                "text": c.text,
                "question_id": c.question_id,
            }
            for c in cues
        ],
        "talk": talk((c, c.side) for c in cues) if cues else None,
        "question_seconds": question_seconds(store.question_times(conv_id), conv.ended_at),
        "actions": [
            {
                "text": a.text,
                "due": a.due,
                "due_date": a.due_date,
                "owner": a.owner,
                "support": a.support,
                "commitment": a.commitment,
                "raise_it": a.raise_it,
                "status": a.status,
                "outcome": a.outcome,
                "result": a.result,
            }
            for a in actions
        ],
        "edited_at": conv.edited_at,
        "earlier_versions": [
            {"what": v.what, "text": v.text, "replaced_at": v.replaced_at} for v in store.earlier_versions(conv_id)
        ],
    }


def question_seconds(times: list[tuple[str, str]], ended: str | None) -> dict[str, int]:
    """Seconds each question was on screen: from when it came to when the next one did
    (the last: to the end, if the conversation has one)."""
    from datetime import datetime

    out: dict[str, int] = {}
    for (at, key), following in zip(times, [*times[1:], (ended, "")]):
        if following[0]:
            spent = (datetime.fromisoformat(following[0]) - datetime.fromisoformat(at)).total_seconds()
            out[key] = out.get(key, 0) + max(0, int(spent))
    return out


def stage_times_text(doc: ConversationDoc) -> str:
    return "Time by stage: " + " · ".join(f"{stage.title()} {m:g} min" for stage, m in doc["stage_minutes"].items())


def shareable_copy(doc: ConversationDoc, with_transcript: bool = False) -> ConversationDoc:
    """The report's copy: private notes (the default) left out, and the transcript
    unless asked for."""
    return {
        **doc,
        "shared": True,
        "questions": [{**q, "notes": q["notes"] if q["shareable"] else ""} for q in doc["questions"]],
        "general_notes": doc["general_notes"] if doc["general_notes_shareable"] else "",
        "transcript": doc["transcript"] if with_transcript else [],
        "talk": doc["talk"] if with_transcript else None,
        "earlier_versions": [],
    }


def without_transcript(doc: ConversationDoc) -> ConversationDoc:
    return {**doc, "transcript": [], "talk": None}


def to_json(doc: ConversationDoc) -> str:
    keys = ("id", "text", "asked", "deferred", "notes", "shareable", "answers")
    plain = [cast(dict[str, Any], q) for q in doc["questions"]]
    rows = [{**{k: q[k] for k in keys}, "seconds": doc["question_seconds"].get(q["id"], 0)} for q in plain]
    public: dict[str, Any] = {**doc, "questions": rows}
    return json_inert(json.dumps(public, indent=2, ensure_ascii=False))


STATUS_WORDS = {"in-progress": "in progress", "completed": "completed", "to-be-continued": "to be continued"}


def _quote(text: str) -> str:
    """Notes as paragraphs of ours: whatever they hold stays text (see inert.py)."""
    return markdown_text("\n".join(line.rstrip() for line in text.strip().splitlines()))


def _md(text: str) -> str:
    """A name, title or action: one line of text, never Markdown of its own."""
    return markdown_line(text)


def to_markdown(
    doc: ConversationDoc,
    level: int = 1,
    title: str | None = None,
    said_per_question: int | None = None,
    versions: bool = False,
) -> str:
    """The conversation as a document; `level` is the depth of its title heading;
    `said_per_question` keeps the first lines of the transcript under each question
    (the app's view: a two-hour call opens at once, and shows the rest when asked)."""
    h1, h2, h3 = ("#" * n for n in (level, level + 1, level + 2))
    out = [f"{h1} {_md(title or doc['agenda_title'] + ' — ' + doc['person'])}", ""]
    if doc.get("shared"):
        out += ["*Shared copy: private notes are left out.*", ""]
    edited = f" · edited on {doc['edited_at'][:16].replace('T', ' ')}" if doc["edited_at"] else ""
    out += [
        f"*{doc['started_at'][:16].replace('T', ' ')} · {STATUS_WORDS.get(doc['status'], doc['status'])}{edited}*",
        "",
    ]
    if doc["stage_minutes"]:
        out += [stage_times_text(doc), ""]
    said: dict[str, list[CueRow]] = {}
    for cue in doc["transcript"]:
        said.setdefault(cue["question_id"], []).append(cue)
    if doc["talk"]:
        out += [talk_line(doc["talk"]), ""]
    if doc["general_notes"].strip() or said.get(GENERAL):
        out += [f"{h2} General notes", ""]
        if doc["general_notes"].strip():
            out += [_quote(doc["general_notes"]), ""]
        out += _said(said.get(GENERAL, []), said_per_question)
    discussed = [q for q in doc["questions"] if q["asked"] or q["deferred"] or q["notes"].strip() or q["id"] in said]
    if doc.get("shared"):
        discussed = [q for q in discussed if q["notes"].strip() or q["deferred"] or q["id"] in said]
    part = None
    for q in discussed:
        if q["part"] and q["part"] != part:
            part = q["part"]
            out += [f"{h2} {_md(part)}", ""]
        marks = " (for next time)" if q["deferred"] else ""
        out += [f"{h3} {_md(q['text'])}{marks}", ""]
        if q["notes"].strip():
            out += [_quote(q["notes"]), ""]
        if q["answers"]:
            out += [f"- {_md(line)}" for line in q["answers"]] + [""]
        out += _said(said.get(q["id"], []), said_per_question)
    # Theirs, then what the manager promised: a section of its own, never scored as theirs.
    for title, group in [
        ("Action items", [a for a in doc["actions"] if a["owner"] != "me"]),
        ("What I promised", [a for a in doc["actions"] if a["owner"] == "me"]),
    ]:
        if not group:
            continue
        out += [f"{h2} {title}", ""]
        for a in group:
            score = score_text(a["commitment"])
            line = f"- [{'x' if a['status'] == 'done' else ' '}] **{_md(a['text'])}**" + (
                f" — commitment {score}" if a["owner"] != "me" else ""
            )
            extras = [
                f"due {_md(due_text(a['due'], a['due_date']))}" if a["due"] else "",
                f"support: {_md(a['support'])}" if a["support"] else "",
                f"to raise the score: {_md(a['raise_it'])}" if a["raise_it"] else "",
                f"outcome: {a['outcome']}" if a["outcome"] else "",
                f"result: {_md(a['result'])}" if a["result"] else "",
            ]
            extras = [e for e in extras if e]
            out.append(line + (f" ({'; '.join(extras)})" if extras else ""))
        out.append("")
    if versions and doc["earlier_versions"]:
        out += [f"{h2} Earlier versions", ""] + _earlier(doc)
    return "\n".join(out).rstrip() + "\n"


def _earlier(doc: ConversationDoc) -> list[str]:
    """Each text as it was before an edit, under what it belonged to, oldest first."""
    names = {f"notes:{q['id']}": q["text"] for q in doc["questions"]} | {f"notes:{GENERAL}": "General notes"}
    out = []
    for v in doc["earlier_versions"]:
        name = names.get(v["what"], "an action item" if v["what"].startswith("action:") else v["what"])
        out += [f"*{_md(name)} — until {v['replaced_at'][:16].replace('T', ' ')}:*", "", _quote(v["text"]), ""]
    return out


def _said(cues: list[CueRow], first: int | None = None) -> list[str]:
    """Transcript lines under a question: when, who, what (as text, never Markdown)."""
    if not cues:
        return []
    shown = cues if first is None else cues[:first]
    lines = [f"> `{clock_text(c['start'])}` **{_md(c['speaker'] or '?')}**: {_md(c['text'])}  " for c in shown]
    if len(shown) < len(cues):
        lines.append(f"> *… {len(cues) - len(shown)} more lines (t shows the whole transcript)*")
    return [*lines, ""]

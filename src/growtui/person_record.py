"""Everything about one person, as documents: the running file of every conversation
with them (export PERSON --all), the hand-over to their next manager
(shareable notes only, unless asked), and the whole copy they may ask for (a subject
access request: every conversation with private notes, every action and its history,
transcripts, earlier versions, the person's fields), written to a folder with an index."""

from __future__ import annotations

import json
import os
from pathlib import Path

from growtui.agendas import Library
from growtui.brief import follow_through_text
from growtui.development import plan_dict, plan_markdown
from growtui.dues import due_text
from growtui.export import conversation_document, shareable_copy, to_markdown, without_transcript
from growtui.inert import json_inert, markdown_line
from growtui.scores import score_text
from growtui.store import ARCHIVE_REASONS, Note, Store

PRIVATE_WARNING = (
    "*This hand-over holds private notes: what you wrote for yourself, never shared with "
    "them. Their next manager will read it; they may ask to read it too.*"
)


def _md(text: str) -> str:
    return markdown_line(text)


def handover_document(store: Store, library: Library, person_id: int, with_private: bool = False) -> str:
    """For their next manager: who they are, the cadence, what their development has
    been (their focus and each conversation's shared notes), open actions (theirs, and
    what I promised), and how their commitments held."""
    person = store.person(person_id)
    history = list(reversed(store.history(person_id)))  # oldest first: a story
    out = [f"# Hand-over: {_md(person.name)}", ""]
    if with_private:
        out += [PRIVATE_WARNING, ""]
    facts = [
        f"Role: {_md(person.role)}" if person.role else "",
        f"We met every {person.cadence_days} days" if person.cadence_days else "",
        f"{len(history)} conversations, {history[0].conversation.started_at[:10]} to "
        f"{history[-1].conversation.started_at[:10]}"
        if history
        else "No conversations yet",
        f"Archived {person.archived_at}: {ARCHIVE_REASONS.get(person.archived_reason, person.archived_reason)}"
        if person.archived_at
        else "",
    ]
    out += [f"- {f}" for f in facts if f] + [""]
    focuses = []
    for h in history:
        if h.conversation.topic and h.conversation.topic not in focuses:
            focuses.append(h.conversation.topic)
    if focuses:
        out += ["## Their focus over time", ""] + [f"- {_md(f)}" for f in focuses] + [""]
    opened = [a for a, _ in store.person_actions(person_id, status="open")]
    for title, group in [
        ("Open action items", [a for a in opened if a.owner != "me"]),
        ("What I promised them (open)", [a for a in opened if a.owner == "me"]),
    ]:
        if group:
            out += [f"## {title}", ""]
            for a in reversed(group):
                extras = [f"due {due_text(a.due, a.due_date)}" if a.due else ""]
                extras += [f"commitment {score_text(a.commitment)}"] if a.owner != "me" else []
                out.append(f"- {_md(a.text)}" + (f" ({'; '.join(_md(e) for e in extras if e)})" if any(extras) else ""))
            out.append("")
    out += plan_markdown(plan_dict(store, person_id), level=2)
    out += ["## How their commitments held", "", follow_through_text(store.follow_through(person_id)), ""]
    out += noted_markdown(store.notes(person_id, shareable_only=not with_private), level=2)
    out += ["## Conversations", ""]
    if not with_private:
        out += ["*Shared notes only: what was marked shareable with them.*", ""]
    for h in history:
        doc = conversation_document(store, library, h.conversation.id)
        doc = {**doc, "transcript": [], "talk": None, "earlier_versions": []}
        if not with_private:
            doc = {**shareable_copy(doc), "shared": False}
        title = f"{doc['started_at'][:10]} — {doc['agenda_title']}"
        out.append(to_markdown(doc, level=3, title=title))
    return "\n".join(out).rstrip() + "\n"


def export_person(store: Store, library: Library, person_id: int, out: Path) -> list[Path]:
    """Everything held about them, into `out` (made, 0700; files 0600): person.json,
    actions.json (each with its history), and each conversation as JSON and Markdown
    (private notes, transcript and earlier versions included), with index.md. Returns
    the files written."""
    person = store.person(person_id)
    out.mkdir(parents=True, exist_ok=True, mode=0o700)
    written: list[Path] = []

    def write(name: str, text: str) -> None:
        path = out / name
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        written.append(path)

    def dumped(value: object) -> str:
        return json_inert(json.dumps(value, indent=2, ensure_ascii=False)) + "\n"

    write("person.json", dumped(person._asdict()))
    actions = [
        {**a._asdict(), "history": store.action_changes(a.id)} for a, _ in reversed(store.person_actions(person_id))
    ]
    write("actions.json", dumped(actions))
    noted = store.notes(person_id)
    write("notes.json", dumped([n._asdict() for n in noted]))
    plan = plan_dict(store, person_id)
    write("plan.json", dumped(plan))
    index = [
        f"# Everything growtui holds about {_md(person.name)}",
        "",
        "- person.json: their name, role, email, cadence and your notes about them",
        f"- actions.json: {len(actions)} action items, each with its dated changes",
        f"- notes.json: {len(noted)} notes between meetings (below too)",
        f"- plan.json: their development plan, {len(plan)} goals with their actions and dated changes",
        "",
        "## Conversations",
        "",
    ]
    for h in reversed(store.history(person_id)):
        c = h.conversation
        doc = conversation_document(store, library, c.id)
        stem = f"conversation-{c.started_at[:10]}-{c.id}"
        write(f"{stem}.json", dumped(doc))
        write(f"{stem}.md", to_markdown(doc, versions=True))
        index.append(f"- {c.started_at[:16].replace('T', ' ')} — {_md(doc['agenda_title'])}: {stem}.md, {stem}.json")
    index += ["", *noted_markdown(noted, level=2)]
    write("index.md", "\n".join(index).rstrip() + "\n")
    return written


def person_document(
    store: Store, library: Library, person_id: int, shareable: bool = False, with_transcript: bool = False
) -> str:
    """Every conversation with a person as one Markdown file, newest first (transcripts
    only when asked for), then the notes between meetings (the shareable ones only in a
    shared copy)."""
    person = store.person(person_id)
    out = [f"# 1-on-1s with {_md(person.name)}", ""]
    if shareable:
        out += ["*Shared copy: private notes are left out.*", ""]
    for row in store.history(person_id):
        doc = conversation_document(store, library, row.conversation.id)
        if shareable:
            doc = {**shareable_copy(doc, with_transcript), "shared": False}
        elif not with_transcript:
            doc = without_transcript(doc)
        title = f"{doc['started_at'][:10]} — {doc['agenda_title']}"
        out.append(to_markdown(doc, level=2, title=title))
    out += plan_markdown(plan_dict(store, person_id), level=2)
    out += noted_markdown(store.notes(person_id, shareable_only=shareable), level=2)
    return "\n".join(out).rstrip() + "\n"


def noted_markdown(notes: list[Note], level: int) -> list[str]:
    """The notes between meetings by kind (wins, feedback, concerns, notes), newest first."""
    from growtui.between import KIND_TITLES

    if not notes:
        return []
    out = [f"{'#' * level} Notes between meetings", ""]
    for kind, title in KIND_TITLES.items():
        mine = [n for n in notes if n.kind == kind]
        if mine:
            out += [f"{'#' * (level + 1)} {title}", ""]
            out += [f"- {n.noted_on}: {_md(n.text)}" + ("" if n.shareable else " *(private)*") for n in mine]
            out.append("")
    return out

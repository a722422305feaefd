"""One conversation as a document: the dict behind `export --format json`, and
the Markdown that both `export --format md` and the app's read-only view show."""

from __future__ import annotations

import json
from typing import Any

from growtui.agendas import Library
from growtui.outline import outline
from growtui.store import GENERAL, Store


def question_rows(store: Store, library: Library, conv_id: int) -> list[dict[str, Any]]:
    """Every question of the conversation in outline order, follow-ups included."""
    conv = store.conversation(conv_id)
    records = store.records(conv_id)
    rows = []
    for entry in outline(library, conv.agenda_id, records):
        rec = records.get(entry.key)
        rows.append(
            {
                "id": entry.key,
                "text": entry.text,
                "asked": bool(rec and rec.asked),
                "deferred": bool(rec and rec.deferred),
                "notes": rec.notes if rec else "",
                "depth": entry.depth,
                "part": entry.part,
            }
        )
    return rows


def conversation_document(store: Store, library: Library, conv_id: int) -> dict[str, Any]:
    conv = store.conversation(conv_id)
    person = store.person(conv.person_id)
    agenda = library.agendas.get(conv.agenda_id)
    general = store.records(conv_id).get(GENERAL)
    return {
        "id": conv.id,
        "person": person.name,
        "agenda": conv.agenda_id,
        "agenda_title": agenda.title if agenda else conv.agenda_id,
        "started_at": conv.started_at,
        "ended_at": conv.ended_at,
        "status": conv.status,
        "questions": question_rows(store, library, conv_id),
        "general_notes": general.notes if general else "",
        "actions": [
            {
                "text": a.text,
                "due": a.due,
                "support": a.support,
                "commitment": a.commitment,
                "raise_it": a.raise_it,
                "status": a.status,
                "outcome": a.outcome,
                "result": a.result,
            }
            for a in store.actions_of(conv_id)
        ],
    }


def to_json(doc: dict[str, Any]) -> str:
    public = {**doc, "questions": [{k: q[k] for k in ("id", "text", "asked", "deferred", "notes")} for q in doc["questions"]]}
    return json.dumps(public, indent=2, ensure_ascii=False)


STATUS_WORDS = {"in-progress": "in progress", "completed": "completed", "to-be-continued": "to be continued"}


def _quote(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def to_markdown(doc: dict[str, Any]) -> str:
    out = [
        f"# {doc['agenda_title']} — {doc['person']}",
        "",
        f"*{doc['started_at'][:16].replace('T', ' ')} · {STATUS_WORDS.get(doc['status'], doc['status'])}*",
        "",
    ]
    if doc["general_notes"].strip():
        out += ["## General notes", "", _quote(doc["general_notes"]), ""]
    discussed = [q for q in doc["questions"] if q["asked"] or q["deferred"] or q["notes"].strip()]
    part = None
    for q in discussed:
        if q["part"] and q["part"] != part:
            part = q["part"]
            out += [f"## {part}", ""]
        marks = " (for next time)" if q["deferred"] else ""
        out += [f"### {q['text']}{marks}", ""]
        if q["notes"].strip():
            out += [_quote(q["notes"]), ""]
    if doc["actions"]:
        out += ["## Action items", ""]
        for a in doc["actions"]:
            score = f"{a['commitment']}/10" if a["commitment"] else "not scored"
            line = f"- [{'x' if a['status'] == 'done' else ' '}] **{a['text']}** — commitment {score}"
            extras = [
                f"due {a['due']}" if a["due"] else "",
                f"support: {a['support']}" if a["support"] else "",
                f"to raise the score: {a['raise_it']}" if a["raise_it"] else "",
                f"outcome: {a['outcome']}" if a["outcome"] else "",
                f"result: {a['result']}" if a["result"] else "",
            ]
            extras = [e for e in extras if e]
            out.append(line + (f" ({'; '.join(extras)})" if extras else ""))
        out.append("")
    return "\n".join(out).rstrip() + "\n"

"""The review packet: a person's record over a period, compiled for a performance
review or a promotion case — their goals and what became of them, their actions (the
score they gave, what they did, on time or not), what I promised and whether I did it,
notes between meetings by kind, themes that kept coming back, their share of the
talking, and what they said under the Goal questions. Nothing is summarised or
invented: every entry cites its source (the meeting, its date and question; a note
between meetings its own id and day), so the manager can check each line."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from growtui.agendas import Library
from growtui.between import KIND_TITLES
from growtui.brief import phrases, ranked, unthemed
from growtui.development import plan_dict
from growtui.inert import markdown_line
from growtui.outline import question_text
from growtui.schema import GENERAL
from growtui.scores import score_text
from growtui.store import Store, split_key

THEMES = 10
THEME_SAMPLE = 3000
BETWEEN_WORDS = r"[^a-z.;:,!?()\n]+"  # (what lies between a phrase's words: never a clause's end)


def goal_questions(library: Library) -> set[tuple[str, str]]:
    """(agenda, question) of every question in a Goal part."""
    return {(a.id, n.item.id) for a in library.agendas.values() for n in a.nodes() if n.part.stage == "goal"}


def review_packet(
    store: Store, library: Library, person_id: int, since: str, until: str, shareable: bool = False
) -> dict[str, Any]:
    """The packet as data (`review --format json`). `shareable`: private notes, notes
    between meetings not marked shareable and transcripts are left out."""
    person = store.person(person_id)
    titles = {a.id: a.title for a in library.agendas.values()}
    asked: dict[tuple[str, str | None], str] = {}

    def source(conv_id: int, started_at: str, agenda_id: str, key: str | None = None) -> dict[str, Any]:
        if (agenda_id, key) not in asked:
            asked[(agenda_id, key)] = question_text(library, agenda_id, key) if key else ""
        return {
            "conversation": conv_id,
            "date": started_at[:10],
            "question": key,
            "meeting": titles.get(agenda_id, agenda_id),
            "question_text": asked[(agenda_id, key)],
        }

    conversations = store.period_conversations(person_id, since, until)
    meeting = {c["id"]: c for c in conversations}
    notes = [r for r in store.period_notes(person_id, since, until) if r["shareable"] or not shareable]

    goals = []
    for g in plan_dict(store, person_id):
        changes = [c for c in g["changes"] if since <= c["at"][:10] <= until]
        if g["created_at"][:10] > until or (g["status"] != "active" and not changes):
            continue  # (made after the period, or closed before it)
        src = g["source"]
        if src and src["conversation"] in meeting:
            src = source(src["conversation"], src["date"], meeting[src["conversation"]]["agenda_id"], src["question"])
        goals.append(
            {
                "id": g["id"],
                "text": g["text"],
                "by_date": g["by_date"],
                "measure": g["measure"],
                "status": g["status"],
                "changes": [{**c, "source": _change_source(c, meeting, source)} for c in changes],
                "actions": g["progress"],
                "source": {**src, "plan_goal": g["id"]}
                if src
                else {"plan_goal": g["id"], "date": g["created_at"][:10]},
            }
        )

    theirs: list[dict[str, Any]] = []
    mine: list[dict[str, Any]] = []
    for a, more in store.period_actions(person_id, since, until):
        closed = more["closed_at"][:10] if more["closed_at"] else None
        on_time = None if not (a.due_date and closed and a.status == "done") else closed <= a.due_date
        entry = {
            "id": a.id,
            "text": a.text,
            "committed": more["first_commitment"],
            "commitment": a.commitment,
            "due_date": a.due_date,
            "status": a.status,
            "outcome": a.outcome,
            "result": a.result,
            "closed_on": closed,
            "on_time": on_time,
            "source": source(
                a.conversation_id, more["started_at"], meeting.get(a.conversation_id, {}).get("agenda_id", "")
            ),
        }
        (mine if a.owner == "me" else theirs).append(entry)

    between: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KIND_TITLES}
    for n in reversed(store.notes(person_id, since=since, shareable_only=shareable)):
        if n.noted_on <= until:
            between[n.kind].append({"text": n.text, "source": {"note": n.id, "date": n.noted_on}})

    # Themes are found in at most THEME_SAMPLE notes spread evenly over the period (years of
    # daily meetings would otherwise take seconds), then counted, and cited, in every note.
    skip = unthemed(person)
    step = max(1, len(notes) // THEME_SAMPLE)
    lowered = [r["notes"].lower() for r in notes]
    found: list[dict[str, Any]] = []
    for phrase, _ in ranked([phrases(text, skip) for text in lowered[::step]], THEMES):
        words = re.compile(r"(?<![a-z'-])" + BETWEEN_WORDS.join(map(re.escape, phrase.split())) + r"(?![a-z])")
        held = [r for r, text in zip(notes, lowered) if phrase.split()[0] in text and words.search(text)]
        where = sorted({r["conversation_id"] for r in held})
        found.append(
            {
                "words": phrase,
                "notes": len(held),
                "sources": [source(c, meeting[c]["started_at"], meeting[c]["agenda_id"]) for c in where],
            }
        )
    found.sort(key=lambda t: -t["notes"])

    goal_keys = goal_questions(library)
    said = [
        {
            "text": r["notes"],
            "from": "notes",
            "source": source(r["conversation_id"], r["started_at"], r["agenda_id"], r["question_id"]),
        }
        for r in notes
        if split_key(r["question_id"], r["agenda_id"]) in goal_keys
    ]
    talk: list[dict[str, Any]] = []
    if not shareable:  # (transcripts stay out of the shared copy)
        ids = sorted({q for _, q in goal_keys} | {f"{a}:{q}" for a, q in goal_keys})
        said += [
            {
                "text": r["text"],
                "from": "transcript",
                "source": source(r["conversation_id"], r["started_at"], r["agenda_id"], r["question_id"]),
            }
            for r in store.period_said(person_id, since, until, ids)
            if split_key(r["question_id"], r["agenda_id"]) in goal_keys
        ]
        talk = [
            {
                "their_share": round(100 * t["them"] / t["total"]),
                "source": source(t["conversation"], t["started_at"], meeting[t["conversation"]]["agenda_id"]),
            }
            for t in store.period_talk(person_id, since, until)
        ]
    said.sort(key=lambda s: (s["source"]["date"], s["source"]["conversation"], s["from"]))
    return {
        "person": person.name,
        "role": person.role,
        "from": since,
        "to": until,
        "shareable": shareable,
        "conversations": len(conversations),
        "goals": goals,
        "actions": theirs,
        "my_promises": mine,
        "notes_between_meetings": between,
        "themes": found,
        "their_talk": talk,
        "goal_answers": said,
    }


def _change_source(
    change: dict[str, Any], meeting: dict[int, dict[str, Any]], source: Callable[..., dict[str, Any]]
) -> dict[str, Any]:
    conv = change.get("conversation")
    if conv in meeting:  # (a check-in's answer: that conversation)
        return source(conv, meeting[conv]["started_at"], meeting[conv]["agenda_id"])
    return {"plan": True, "date": change["at"][:10]}  # (changed in the plan itself)


def cite(src: dict[str, Any]) -> str:
    """'2026-11-10, Third meeting — taking action with GROW, “What would you like to achieve?”'."""
    if "note" in src:
        return f"{src['date']}, note between meetings #{src['note']}"
    if "meeting" not in src:
        return f"{src['date']}, the plan" + (f" (goal #{src['plan_goal']})" if "plan_goal" in src else "")
    q = src.get("question_text") or ""
    where = f", “{q}”" if q and src.get("question") != GENERAL else ""
    return f"{src['date']}, {src['meeting']} (#{src['conversation']}){where}"


def review_markdown(p: dict[str, Any]) -> str:
    md = markdown_line
    out = [f"# Review packet: {md(p['person'])}", ""]
    out.append(
        f"{p['from']} to {p['to']} · {p['conversations']} conversations" + (f" · {md(p['role'])}" if p["role"] else "")
    )
    out += ["", "*Compiled from growtui's record, nothing summarised: every line names where it came from.*", ""]
    if p["shareable"]:
        out += ["*Shared copy: private notes, private notes between meetings and transcripts are left out.*", ""]

    def section(title: str, lines: list[str]) -> None:
        nonlocal out
        if lines:
            out += [f"## {title}", "", *lines, ""]

    section(
        "Their goals",
        [
            f"- **{md(g['text'])}** — {g['status']}"
            + (f", by {g['by_date']}" if g["by_date"] else "")
            + (f"; on track when: {md(g['measure'])}" if g["measure"] else "")
            + (f"; actions {g['actions']['done']} of {g['actions']['actions']} done" if g["actions"]["actions"] else "")
            + f" ({md(cite(g['source']))})"
            + "".join(
                f"\n  - {c['at'][:10]}: {c['field']} → {md(str(c['value']))} ({md(cite(c['source']))})"
                for c in g["changes"]
                if c["field"] != "created"
            )
            for g in p["goals"]
        ],
    )
    section("Their actions", [_action_line(a, md) for a in p["actions"]])
    section("What I promised", [_action_line(a, md, mine=True) for a in p["my_promises"]])
    for kind, title in KIND_TITLES.items():
        entries = p["notes_between_meetings"][kind]
        section(f"{title} noted between meetings", [f"- {md(e['text'])} ({md(cite(e['source']))})" for e in entries])
    section(
        "Themes that kept coming back",
        [
            f"- {md(t['words'])} — in {t['notes']} notes ("
            + "; ".join(md(cite(s)) for s in t["sources"][:5])
            + (f"; and {len(t['sources']) - 5} more conversations" if len(t["sources"]) > 5 else "")
            + ")"
            for t in p["themes"]
        ],
    )
    section("Their share of the talking", [f"- {t['their_share']}% ({md(cite(t['source']))})" for t in p["their_talk"]])
    section(
        "What they said under the Goal questions",
        [
            f"- {'“' + md(s['text']) + '” (on the call)' if s['from'] == 'transcript' else md(s['text'])} ({md(cite(s['source']))})"
            for s in p["goal_answers"]
        ],
    )
    return "\n".join(out).rstrip() + "\n"


def _action_line(a: dict[str, Any], md: Callable[[str], str], mine: bool = False) -> str:
    out = f"- {md(a['text'])}"
    if not mine:
        first, now = a["committed"], a["commitment"]
        out += f" — committed {score_text(first)}" + (
            f" (now {score_text(now)})" if now != first and now is not None else ""
        )
    out += f"; {a['outcome'] or a['status']}"
    if a["result"]:
        out += f": {md(a['result'])}"
    if a["on_time"] is not None:
        out += f"; {'on time' if a['on_time'] else 'late'} (due {a['due_date']}, done {a['closed_on']})"
    elif a["due_date"] and a["status"] == "open":
        out += f"; due {a['due_date']}"
    return out + f" ({md(cite(a['source']))})"

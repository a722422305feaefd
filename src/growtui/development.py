"""A person's development plan as the screens, commands and exports show it: each goal
with where it came from, its dated changes, the actions that serve it and how far
they got. The same facts for `plan --json`, the Plan tab and the Markdown."""

from __future__ import annotations

from datetime import date
from typing import Any

from growtui.dues import due_text
from growtui.inert import markdown_text
from growtui.scores import score_text
from growtui.store import Goal, Store


def progress(actions: list[Any]) -> dict[str, int]:
    """Of the goal's actions (theirs and mine): done, closed (done or dropped), all."""
    return {
        "done": sum(a.status == "done" for a in actions),
        "closed": sum(a.status in ("done", "dropped") for a in actions),
        "actions": len(actions),
    }


def plan_dict(store: Store, person_id: int) -> list[dict[str, Any]]:
    """Every goal (active first), with its actions and dated changes (`plan --json`)."""
    out = []
    for g in store.goals(person_id):
        actions = store.goal_actions(g.id)
        source = None
        if g.conversation_id is not None:
            conv = store.conversation(g.conversation_id)
            source = {"conversation": conv.id, "date": conv.started_at[:10], "question": g.question_id}
        out.append(
            {
                "id": g.id,
                "text": g.text,
                "by": g.by,
                "by_date": g.by_date,
                "measure": g.measure,
                "status": g.status,
                "source": source,
                "created_at": g.created_at,
                "actions": [
                    {
                        "id": a.id,
                        "text": a.text,
                        "owner": a.owner,
                        "commitment": a.commitment,
                        "due_date": a.due_date,
                        "status": a.status,
                        "outcome": a.outcome,
                        "result": a.result,
                    }
                    for a in actions
                ],
                "changes": [
                    {"at": c["at"], "field": c["field"], "value": c["value"], "conversation": c["conversation_id"]}
                    for c in store.goal_changes(g.id)
                ],
                "progress": progress(actions),
            }
        )
    return out


def goal_line(g: Goal | dict[str, Any], today: date | None = None) -> str:
    """'Lead the API gateway work — by end of Q2 (Tue 30 Jun) · on track when: the RFC is merged'."""
    get = g.get if isinstance(g, dict) else lambda k: getattr(g, k)
    out = str(get("text"))
    if get("by"):
        out += f" — by {due_text(str(get('by')), get('by_date'), today)}"
    if get("measure"):
        out += f" · on track when: {get('measure')}"
    return out


def plan_lines(plan: list[dict[str, Any]], today: date | None = None) -> list[str]:
    """The plan as plain lines: each goal, its source, its actions, its changes."""
    if not plan:
        return ["No goals yet: make one from a conversation's Goal notes (the summary offers them), or add one."]
    out = []
    for g in plan:
        p = g["progress"]
        out.append(f"#{g['id']} [{g['status']}] {goal_line(g, today)}")
        if g["source"]:
            out.append(f"    from the conversation of {g['source']['date']} (#{g['source']['conversation']})")
        if p["actions"]:
            out.append(f"    actions: {p['done']} of {p['actions']} done")
        for a in g["actions"]:
            mine = "(me) " if a["owner"] == "me" else ""
            score = f", commitment {score_text(a['commitment'])}" if a["owner"] != "me" else ""
            outcome = f" — {a['outcome']}" if a["outcome"] and a["outcome"] != a["status"] else ""
            out.append(f"    • {mine}{a['text']} ({a['status']}{score}){outcome}")
        for c in g["changes"]:
            if c["field"] != "created":
                out.append(f"    {c['at'][:10]}: {c['field']} → {c['value']}")
    return out


def plan_markdown(plan: list[dict[str, Any]], level: int, today: date | None = None) -> list[str]:
    if not plan:
        return []
    out = [f"{'#' * level} Development plan", ""]
    for g in plan:
        out += [f"- **{markdown_text(g['text'])}** ({g['status']})" + _md_rest(g, today)]
        for a in g["actions"]:
            outcome = f" — {a['outcome']}" if a["outcome"] and a["outcome"] != a["status"] else ""
            out.append(f"  - {markdown_text(a['text'])} ({a['status']}){outcome}")
        for c in g["changes"]:
            if c["field"] != "created":
                out.append(f"  - *{c['at'][:10]}: {c['field']} → {markdown_text(str(c['value']))}*")
    return [*out, ""]


def _md_rest(g: dict[str, Any], today: date | None) -> str:
    rest = goal_line(g, today)[len(g["text"]) :]
    return markdown_text(rest) if rest else ""

"""A conversation's questions in the order they are worked through: questions
carried over from earlier conversations first, then the agenda (follow-ups
included), then any question whose record outlived its place in the agenda."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from growtui.agendas import Library
from growtui.store import GENERAL, split_key

CARRIED_PART = "From last time"
TOPIC = "(x)"  # in the GROW questions, the focus the person named under Goal


def with_topic(text: str, topic: str) -> str:
    """A question as it is put: (x) replaced by their focus, once it is named."""
    return text.replace(TOPIC, topic) if topic else text


@dataclass(frozen=True)
class Entry:
    key: str  # the question record key: 'question-id', or 'agenda-id:question-id' when carried over
    text: str
    depth: int  # 0 for a top-level question
    top: str  # key of the top-level question this entry belongs to
    part: str
    purpose: str
    hints: tuple[str, ...]
    stage: str | None = None
    rewordings: tuple[str, ...] = ()
    answered_by: str | None = None  # an action item field that answers it (agendas.Item)


def outline(library: Library, agenda_id: str, record_keys: Iterable[str], topic: str = "") -> list[Entry]:
    """`topic` fills in the (x) of the questions (see with_topic)."""
    keys = [k for k in record_keys if k != GENERAL]
    entries = [_carried(library, k, agenda_id, topic) for k in keys if ":" in k]
    agenda = library.agendas.get(agenda_id)
    if agenda:
        for node in agenda.nodes():
            top = node.top.id
            entries.append(
                Entry(
                    node.item.id,
                    with_topic(node.item.text, topic),
                    node.depth,
                    top,
                    node.part.title,
                    node.part.purpose,
                    node.item.hints,
                    node.part.stage,
                    node.item.rewordings,
                    node.item.answered_by,
                )
            )
    known = {e.key for e in entries}
    entries += [Entry(k, f"({k}: no longer in the agenda)", 0, k, "Other", "", ()) for k in keys if k not in known]
    return entries


def _carried(library: Library, key: str, agenda_id: str, topic: str) -> Entry:
    source, qid = split_key(key, agenda_id)
    agenda = library.agendas.get(source)
    node = agenda.node(qid) if agenda else None
    text = with_topic(node.item.text, topic) if node else key
    hints = node.item.hints if node else ()
    title = agenda.title if agenda else source
    return Entry(
        key,
        text,
        0,
        key,
        CARRIED_PART,
        f"Deferred “for next time” in: {title}",
        hints,
        rewordings=node.item.rewordings if node else (),
    )


def question_text(library: Library, agenda_id: str, key: str | None) -> str:
    """What a note belongs to, for search hits: a question, the general notes or an action item."""
    if key is None:
        return "(action item)"
    if key == GENERAL:
        return "(general notes)"
    entry = next((e for e in outline(library, agenda_id, [key]) if e.key == key), None)
    return entry.text if entry else key

"""The seams the next features land on (#26): the session holds the notes plumbing
without Textual, the key gate is found by type, forms give typed drafts."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.widgets import Static

from growtui.agendas import Library
from growtui.export import conversation_document, to_json
from growtui.keygate import gate_of
from growtui.screens.forms import ActionDraft
from growtui.session import Session
from growtui.store import Store


def test_the_session_hands_over_only_changed_notes_and_keeps_what_was_typed_over_a_merge(
    conversation: tuple[Path, int], library: Library
) -> None:
    db, cid = conversation
    store = Store.open(db)
    handed: list[tuple[int, str, str]] = []
    session = Session(store, library, cid, notes_to=lambda c, k, t: handed.append((c, k, t)))
    session.edited("start", "Logo")
    session.edited("start", "Logo at ten")
    session.edited("_general", "")  # (unchanged: nothing to hand over)
    session.hand_over()
    assert handed == [(cid, "start", "Logo at ten")] and not session.dirty
    session.hand_over()
    assert len(handed) == 1  # nothing changed since
    # Another window's text was saved in place of ours; typed here since then stays on top.
    session.edited("start", "Logo at ten\nthen Python")
    shown = session.merge_in("start", "Logo at ten", "Logo at ten\nfrom the other window")
    assert "then Python" in shown and "from the other window" in shown
    assert session.dirty == {"start"} and session.notes["start"] == shown
    store.close()


def test_without_a_sink_the_session_saves_notes_itself(conversation: tuple[Path, int], library: Library) -> None:
    db, cid = conversation
    store = Store.open(db)
    session = Session(store, library, cid)
    session.edited("start", "Logo")
    session.hand_over()
    assert store.records(cid)["start"].notes == "Logo"
    store.close()


async def test_a_bare_app_has_no_key_gate_and_growtui_has_one(conversation: tuple[Path, int]) -> None:
    from conftest import make_app

    class Bare(App[None]):
        def compose(self):  # type: ignore[no-untyped-def]
            yield Static("x")

    async with Bare().run_test() as pilot:
        assert gate_of(pilot.app.query_one(Static)) is None
    app = make_app(conversation[0])
    async with app.run_test() as pilot:
        assert gate_of(pilot.app.screen) is app.gate


def test_an_action_draft_s_changes_are_the_store_s_fields(conversation: tuple[Path, int], library: Library) -> None:
    db, cid = conversation
    store = Store.open(db)
    conv = store.conversation(cid)
    action_id = store.add_action(conv.person_id, cid, "Draft the RFC")
    draft = ActionDraft("Draft the RFC v2", "Friday", "2026-12-04", "a reviewer", 7, "time", "them")
    store.update_action(action_id, cid, **draft.changes())
    a = store.action(action_id)
    assert (a.text, a.due, a.due_date, a.support, a.commitment, a.raise_it) == (
        "Draft the RFC v2",
        "Friday",
        "2026-12-04",
        "a reviewer",
        7,
        "time",
    )
    doc = conversation_document(store, library, cid)  # (typed: the JSON keeps its keys and their order)
    assert list(doc["actions"][0])[:3] == ["text", "due", "due_date"]
    assert '"seconds": 0' in to_json(doc) and '"id": "start"' in to_json(doc)
    store.close()

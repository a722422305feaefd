"""The conversation screen: every binding id and each flow of a 1-on-1."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TextArea

from growtui.app import GrowApp
from growtui.screens.carry_over import CarryOverScreen
from growtui.screens.conversation import ConversationScreen
from growtui.screens.forms import ActionForm
from growtui.screens.help import HelpScreen
from growtui.screens.people import PeopleScreen
from growtui.screens.summary import SummaryScreen
from growtui.store import GENERAL, Store
from growtui.widgets.actions_table import RAISE_PROMPT, ActionsTable
from growtui.widgets.followup_tree import FollowUpTree

from conftest import until, make_app, settle


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "growtui.db"
    store = Store.open(path)
    store.add_person("Ada", "Engineer", 14)
    store.close()
    return path


async def start(pilot, app: GrowApp) -> ConversationScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press("s", "enter")
    await pilot.pause()
    assert isinstance(app.screen, ConversationScreen)
    return app.screen


def saved(db: Path) -> dict[str, str]:
    store = Store.open(db)
    cid = store.latest_conversation_id()
    out = {k: r.notes for k, r in store.records(cid).items()}
    store.close()
    return out


async def test_four_panes_and_the_first_question(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, app)
        for selector in ["#question", "#context", "#notes", "#actions"]:  # the tree is behind f2
            widget = screen.query_one(selector)
            assert widget.display and widget.region.width > 10 and widget.region.height >= 2, selector
        assert "How did you start with programming?" in str(screen.query_one("#question-text").render())
        assert app.focused is screen.query_one("#notes")


async def test_notes_are_saved_as_typed_and_kept_per_question(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, app)
        await pilot.press(*"basic at nine")
        await pilot.pause(0.8)  # the autosave interval hands it to the writer
        app.writer.flush()
        assert saved(db)["start"] == "basic at nine"
        await pilot.press("ctrl+n", *"the people")  # changing question saves at once
        await settle(pilot, app)
        notes = saved(db)
        assert notes["start"] == "basic at nine" and notes["like-most"] == "the people"
        await pilot.press("ctrl+p")
        assert app.screen.query_one("#notes", TextArea).text == "basic at nine"


async def test_next_and_previous_step_through_top_level_questions(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, app)
        await pilot.press("ctrl+n", "ctrl+n")
        assert screen.session.current == "important"
        assert "3/6" in str(screen.query_one("#question-meta").render())
        await pilot.press("ctrl+p")
        assert screen.session.current == "like-most"
        for _ in range(6):
            await pilot.press("ctrl+n")
        assert screen.session.current == "cadence"  # stops at the last


async def test_tree_enter_makes_a_follow_up_current_and_marks_show(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(pilot, app)
        await pilot.press("f2")
        tree = screen.query_one(FollowUpTree)
        assert app.focused is tree
        tree.move_cursor(tree.nodes_by_key["start-learned-university"])
        await pilot.press("enter")
        await pilot.pause()
        assert screen.session.current == "start-learned-university"
        assert "follow-up of" in str(screen.query_one("#question-parent").render())
        assert app.focused is screen.query_one("#notes")
        label = str(tree.nodes_by_key["start-learned-university"].label)
        assert "·" in label and "▶" in label  # current, not asked until noted (or listened to for 30 s)
        await pilot.press(*"loved it", "ctrl+n")
        assert "✓" in str(tree.nodes_by_key["start-learned-university"].label)
        assert "·" in str(tree.nodes_by_key["help"].label)  # not asked yet
        # left folds, right unfolds
        await pilot.press("f2")
        tree.move_cursor(tree.nodes_by_key["start-learned"])
        await pilot.press("left")
        assert not tree.nodes_by_key["start-learned"].is_expanded
        await pilot.press("right")
        assert tree.nodes_by_key["start-learned"].is_expanded
        # general notes live under their own key
        tree.move_cursor(tree.nodes_by_key[GENERAL])
        await pilot.press("enter", *"calm")
        await settle(pilot, app)
        assert saved(db)[GENERAL] == "calm"


async def test_hints_are_shown_apart_from_follow_ups(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    store = Store.open(db)
    store.add_person("Bo")
    store.close()
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "down", "down", "enter")  # third meeting
        await pilot.pause()
        screen = app.screen
        assert screen.session.conversation.agenda_id == "third-meeting-grow"
        screen.go("reality-stops")
        await pilot.pause()
        beside = str(screen.query_one("#context-text").render())  # beside the notes, apart from the follow-ups
        assert beside.index("» Listen on their language") < beside.index("Follow-ups")
        assert "» " not in beside.split("Follow-ups")[1].split("Reality")[0]
        assert str(screen.query_one("#question-meta").render()).startswith("Reality · 6/16")
        assert "align on where the individual is" in " ".join(beside.split())


async def test_defer_marks_and_carries_to_the_next_conversation(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, app)
        await pilot.press("ctrl+n", "ctrl+r")
        assert "like-most" in screen.session.deferred
        assert "↷" in str(screen.query_one(FollowUpTree).nodes_by_key["like-most"].label)
        await pilot.press("ctrl+g")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("c", "c")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        await pilot.press("s", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CarryOverScreen)
        await pilot.press("escape")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        assert screen.session.tops[0] == "first-meeting:like-most"
        assert screen.session.current == "first-meeting:like-most"
        assert "From last time" in str(screen.query_one("#question-meta").render())


async def test_action_items_form_digits_nudges_and_history(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, app)
        await pilot.press("ctrl+t")
        assert isinstance(app.screen, ActionForm)
        await pilot.press(*"Write RFC", "tab", *"2026-12-01", "tab", *"review", "tab", *"5", "enter")
        await pilot.pause()
        table = screen.query_one(ActionsTable)
        assert app.focused is screen.query_one("#notes")  # back where the manager was typing
        await pilot.press("f4")
        assert app.focused is table
        await settle(pilot, app)
        (action,) = app.store.actions_of(screen.conv_id)
        assert (action.text, action.due, action.support, action.commitment) == ("Write RFC", "2026-12-01", "review", 5)
        assert RAISE_PROMPT in str(table.border_subtitle)  # 6 or less asks what would raise it (no column at 80)
        await pilot.press("7")
        await settle(pilot, app)
        assert app.store.action(action.id).commitment == 7
        assert RAISE_PROMPT not in str(table.border_subtitle)
        await pilot.press("plus", "plus", "minus")
        await settle(pilot, app)
        assert app.store.action(action.id).commitment == 8
        await pilot.press("0")
        await settle(pilot, app)
        assert app.store.action(action.id).commitment == 10
        assert "██████████" in str(table.get_row_at(0)[1])
        assert [v for _, v in app.store.commitment_trend(action.id)] == [10]  # one conversation: its last score
        await pilot.press("enter")  # edit
        assert isinstance(app.screen, ActionForm)
        app.screen.query_one("#raise_it").value = "pairing"
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.store.action(action.id).raise_it == "pairing"


async def test_bad_commitment_in_form_is_refused(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, app)
        await pilot.press("ctrl+t", *"Thing", "tab", "tab", "tab", *"11", "enter")
        assert isinstance(app.screen, ActionForm)
        assert "1 to 10" in str(app.screen.query_one("#form-error").render())


async def test_focus_keys(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, app)
        await pilot.press("f4")
        assert app.focused is screen.query_one(ActionsTable)
        await pilot.press("f2")
        assert app.focused is screen.query_one(FollowUpTree)
        await pilot.press("f3")
        assert app.focused is screen.query_one("#notes")


async def test_end_to_be_continued_then_resume(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, app)
        conv_id = screen.conv_id
        await pilot.press("ctrl+n", *"half way", "ctrl+g")
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        text = str(summary.query_one("#summary-text").render())
        assert "Asked 1" in text and "Not asked" in text and "half way" in text  # the first was passed over
        assert "none — is there one thing" in text
        await pilot.press("escape")  # back to the conversation
        assert app.screen is screen
        await pilot.press("ctrl+g", "t")
        await settle(pilot, app)  # (the write is the writer thread's: a loaded machine finishes it later)
        assert app.store.conversation(conv_id).status == "to-be-continued"
        await pilot.press("s", "enter")
        await pilot.pause()
        assert app.screen.conv_id == conv_id and app.screen.session.current == "start"  # not asked: back to it


async def test_carry_over_records_outcomes_and_results(db: Path) -> None:
    store = Store.open(db)
    pid = store.people()[0].id
    c1 = store.start_conversation(pid, "first-meeting")
    a1 = store.add_action(pid, c1, "Read the book", commitment=8)
    a2 = store.add_action(pid, c1, "Give a talk", commitment=4)
    store.set_status(c1, "completed")
    store.close()
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "enter")
        await pilot.pause()
        carry = app.screen
        assert isinstance(carry, CarryOverScreen)
        reviews = list(carry.query("ActionReview"))
        assert [r.action.id for r in reviews] == [a1, a2]
        await pilot.press("right", "enter")  # first: done
        await pilot.press("tab", *"Loved it", "tab")
        await pilot.press("right", "right", "right", "enter")  # second: dropped
        await pilot.press("tab", *"No time", "enter")
        await settle(pilot, app)
        assert isinstance(app.screen, ConversationScreen)
        first, second = app.store.action(a1), app.store.action(a2)
        assert (first.outcome, first.status, first.result) == ("done", "done", "Loved it")
        assert (second.outcome, second.status, second.result) == ("dropped", "dropped", "No time")
        assert app.focused is app.screen.query_one("#notes")


async def test_my_promises_are_asked_of_me_in_the_carry_over_and_the_form(db: Path) -> None:
    """An action of mine asked 'What did they do?' (#25.2): the carry-over and the
    action form ask me, and the form's questions turn as 'me' is typed."""
    from textual.widgets import Input, Label

    store = Store.open(db)
    pid = store.people()[0].id
    c1 = store.start_conversation(pid, "first-meeting")
    store.add_action(pid, c1, "Read the book", commitment=8)
    store.add_action(pid, c1, "Book the conference", owner="me")
    store.set_status(c1, "completed")
    store.close()
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "enter")
        await pilot.pause()
        carry = app.screen
        assert isinstance(carry, CarryOverScreen)
        asked = {str(r.action.text): r.query_one(Input).placeholder for r in carry.query("ActionReview")}
        assert asked == {
            "Read the book": "What did they do, and the result?",
            "Book the conference": "What did you do, and the result?",
        }
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActionForm)
        label = form.query_one("#text-label", Label)
        assert str(label.render()) == "What will you do?"
        form.query_one("#text", Input).value = "Ask for the budget"
        form.query_one("#owner", Input).value = "me"
        await pilot.pause()
        assert str(label.render()) == "What will you do for them?"
        form.query_one("#owner", Input).focus()
        await pilot.press("enter")
        actions = app.screen.query_one("#actions")
        await until(pilot, lambda: bool(getattr(actions, "actions", None)))
        mine = next(a for a in actions.actions.values() if a.owner == "me")  # type: ignore[attr-defined]
        actions.post_message(actions.EditRequested(mine.id))  # type: ignore[attr-defined]
        await until(pilot, lambda: isinstance(app.screen, ActionForm))
        assert str(app.screen.query_one("#text-label", Label).render()) == "What will you do for them?"
        await pilot.press("escape", "ctrl+q")


async def test_carry_over_arrows_choose_and_an_earlier_result_is_kept(db: Path) -> None:
    """As the help says: the arrows choose the outcome (they only moved a highlight, and
    the item stayed open); the earlier result is added to, not replaced; how the item
    went so far is shown."""
    store = Store.open(db)
    pid = store.people()[0].id
    c1 = store.start_conversation(pid, "first-meeting")
    a1 = store.add_action(pid, c1, "Read the book", commitment=4)
    store.set_status(c1, "completed")
    c2 = store.start_conversation(pid, "second-meeting")
    store.update_action(a1, c2, outcome="progressing", result="half way", commitment=6)
    store.set_status(c2, "completed")
    store.close()
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "enter")
        await pilot.pause()
        carry = app.screen
        assert isinstance(carry, CarryOverScreen)
        shown = " ".join(str(w.render()) for w in carry.query(".review-history"))
        assert "scored 4 → 6" in shown and "last time: progressing" in shown and "half way" in shown
        await pilot.press("right", "tab", *" and finished", "enter")  # no Enter or Space on the outcome
        await settle(pilot, app)  # (the write is the writer thread's: a loaded machine finishes it later)
        action = app.store.action(a1)
        assert (action.outcome, action.status, action.result) == ("done", "done", "half way and finished")


async def test_help_lists_every_binding_id(db: Path) -> None:
    from growtui.keys import KEYS

    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))  # (held while the first screen fills)
        table = app.screen.query_one("#help-table")
        rows = " ".join(str(table.get_row_at(r)[1]) for r in range(table.row_count))
        assert all(f"  {k.id}" in rows for k in KEYS)
        await pilot.press("escape")
        assert isinstance(app.screen, PeopleScreen)


async def test_footer_and_palette_show_the_screen_keys(db: Path) -> None:
    from growtui.keys import for_screen

    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, app)
        shown = {b.binding.id for b in screen.active_bindings.values() if b.binding.show}
        # (add-note is the first to give way at 80 columns: F1 and the palette list it)
        assert {k.id for k in for_screen("conversation") if k.footer} - {"add-note"} | {"help"} <= shown
        assert "quit" not in shown  # (room for the call's keys at 80 columns: F1 lists it)
        titles = [c.title for c in app.get_system_commands(screen)]
        for key in for_screen("conversation"):
            assert any(key.description in t for t in titles), key.id


async def test_user_keymap_remaps_a_binding(db: Path) -> None:
    app = make_app(db, keymap={"next-question": "ctrl+o"})
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, app)
        await pilot.press("ctrl+o")
        assert screen.session.current == "like-most"
        assert app.effective_keys()["next-question"] == "ctrl+o"


async def test_quit_saves_what_was_typed(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, app)
        await pilot.press(*"last words", "ctrl+q")
        await pilot.pause()
    assert saved(db)["start"] == "last words"


async def test_narrow_terminal_folds_the_tree_without_clipping_the_question(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await start(pilot, app)
        assert screen.has_class("-narrow")
        assert not screen.query_one("#tree").display
        question = screen.query_one("#question-text")
        assert question.region.height >= 1 and question.region.width >= 40
        await pilot.press("f2")
        assert screen.query_one("#tree").display and not screen.query_one("#conv-left").display
        await pilot.press("enter")
        assert screen.query_one("#conv-left").display


async def test_theme_choice_is_remembered(db: Path) -> None:
    app = make_app(db)
    async with app.run_test() as pilot:
        app.theme = "nord"
        await pilot.pause()
    again = make_app(db)
    async with again.run_test() as pilot:
        assert again.theme == "nord"


async def test_no_color_is_respected(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(db)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.no_color


async def test_next_on_the_last_question_and_previous_on_the_first_say_why_nothing_moved(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["This is the first question."]
        for _ in range(len(screen.session.tops)):
            await pilot.press("ctrl+n")
        await pilot.pause()
        assert [n.message for n in app._notifications][-1] == "This is the last question; ctrl+g ends the conversation."
        assert len(app._notifications) == 2  # one press past the end, one message


async def test_the_summary_counts_follow_ups_passed_over_and_shows_notes_whole(db: Path) -> None:
    """'not asked 0' while follow-ups were not asked; notes cut at 300 characters (#25.7)."""
    app = make_app(db)
    long_note = " ".join(f"word{n}" for n in range(120))  # well past 300 characters
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, app)
        screen.query_one("#notes").insert(long_note)
        await pilot.press("ctrl+g")
        await pilot.pause()
        text = str(app.screen.query_one("#summary-text").render())
        header = text.splitlines()[0]
        assert "follow-ups)" in header and "(and 0" not in header, header
        assert "word119" in text.replace("\n", " ")


async def test_quitting_mid_meeting_reopens_where_the_manager_was(db: Path) -> None:
    """ctrl+q on the fourth question, start again, resume: it opened at the first question
    not asked. Left by quitting (or a crash), it reopens exactly there; ended 'to be
    continued', at the first question not asked (#25.6)."""
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, app)
        await pilot.press("ctrl+n", "ctrl+n", *"third", "ctrl+n")
        left_at = screen.session.current
        await settle(pilot, app)
        await pilot.press("ctrl+q")
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, app)
        assert screen.session.current == left_at != screen.session.first_unasked()
        await pilot.press("ctrl+g", "t")
        await settle(pilot, app)
        await pilot.press("s", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        assert app.screen.session.current == app.screen.session.first_unasked()

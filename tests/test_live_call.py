"""The live call as a manager meets it (#15): follow-ups and hints readable beside
the notes, asked means asked, one key through every follow-up, keys that reach the
app, columns that fit, a summary and forms that do not lose work, the Will stage
answered by the action form, and the seeds whole (purposes, cadence, (x), the GROW
bank). At 80×24 and 60×20."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from growtui import keys
from growtui.agendas import load_library
from growtui.brief import themes
from growtui.screens.conversation import ConversationScreen
from growtui.dues import due_text
from growtui.store import Store
from growtui.store.records import Person
from growtui.widgets.actions_table import ActionsTable
from growtui.widgets.context_panel import ContextPanel

from conftest import make_app, run_cli, settle

SIZES = [(80, 24), (60, 20)]


def meeting(tmp_path: Path, agenda: str, cadence: int | None = None) -> tuple[Path, int]:
    db = tmp_path / "g.db"
    store = Store.open(db)
    person = store.add_person("Ada Vogel", role="Backend engineer", cadence_days=cadence)
    conv = store.start_conversation(person, agenda)
    store.close()
    return db, conv


def shown(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(selector, Static).render())


def context(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(ContextPanel).query_one("#context-text", Static).render())


async def open_meeting(pilot) -> ConversationScreen:  # type: ignore[no-untyped-def]
    await pilot.press("s", "enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ConversationScreen)
    return screen


def export(db: Path) -> dict:  # type: ignore[type-arg]
    r = run_cli("export", "latest", "--format", "json", "--db", str(db))
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)  # type: ignore[no-any-return]


# -- 1. follow-ups and hints, in full, without leaving the notes ---------------------------------------------


async def test_follow_ups_and_hints_are_readable_in_full_beside_the_notes_at_80x24(tmp_path: Path) -> None:
    db, _ = meeting(tmp_path, "third-meeting-grow")
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot)
        await pilot.press(*["ctrl+n"] * 5)  # What stops you from achieving your goal?
        text = context(app)
        assert "» Listen on their language. Is it external blockers or is it themselves that is the blocker?" in (
            " ".join(text.split())
        )
        assert "What effect does this have?" in text and "How do you know that this is accurate?" in text
        assert app.focused is app.screen.query_one("#notes")
        panel = app.screen.query_one(ContextPanel)
        assert panel.region.width >= 30 and panel.region.right <= 80
        await pilot.press("ctrl+f")  # into the first follow-up: it is marked where it sits
        text = context(app)
        assert "▶ What effect does this have?" in text
        assert "follow-up of: What stops you from achieving your goal?" in shown(app, "#question-parent")


async def test_below_72_columns_the_hints_and_a_sign_of_follow_ups_are_in_the_question_panel(tmp_path: Path) -> None:
    db, _ = meeting(tmp_path, "third-meeting-grow")
    app = make_app(db)
    async with app.run_test(size=(60, 20)) as pilot:
        await open_meeting(pilot)
        await pilot.press(*["ctrl+n"] * 5)
        assert not app.screen.query_one(ContextPanel).display or not app.screen.query_one("#conv-right").display
        more = app.screen.query_one("#question-more")
        assert more.display and "2 follow-ups · ^f next · f2 all" in str(more.render())
        assert "Listen on their language" in shown(app, "#question-hints")
        await pilot.press("f2")  # the whole tree, full width
        tree = app.screen.query_one("#tree")
        assert tree.display and tree.region.width == 60


# -- 2. asked means asked --------------------------------------------------------------------------------------


async def test_stepping_past_questions_leaves_them_unasked_and_resume_comes_back(tmp_path: Path) -> None:
    db, _ = meeting(tmp_path, "first-meeting")
    now = [0.0]
    app = make_app(db, clock=lambda: now[0])
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+n", "ctrl+n", *"Likes mentoring", "ctrl+n")  # 1 skimmed, 2 skimmed, 3 noted
        now[0] += 45  # a question listened to for 45 s counts as asked, notes or not
        await pilot.press("ctrl+n")
        await pilot.press("ctrl+g", "t")
        await settle(pilot, app)
    doc = export(db)
    asked = {q["id"]: q["asked"] for q in doc["questions"]}
    assert asked["start"] is False and asked["like-most"] is False
    assert asked["important"] is True and asked["challenges"] is True
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting(pilot)
        assert screen.session.current == "start"  # to be continued: back at the first question not asked


async def test_a_question_can_be_marked_asked_or_not_by_hand(tmp_path: Path) -> None:
    db, _ = meeting(tmp_path, "first-meeting")
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting(pilot)
        screen.action_toggle_asked()
        assert screen.session.is_asked("start")
        commands = [c.title for c in app.get_system_commands(screen)]
        assert any("asked" in title for title in commands)


# -- 3. one key through every follow-up; typing never lost ----------------------------------------------------


async def test_the_follow_up_key_walks_every_follow_up_depth_first_then_the_next_question(tmp_path: Path) -> None:
    db, _ = meeting(tmp_path, "first-meeting")
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting(pilot)
        seen = [screen.session.current]
        for _ in range(6):
            await pilot.press("ctrl+f")
            seen.append(screen.session.current)
        assert seen == [
            "start",
            "start-age",
            "start-learned",
            "start-learned-university",
            "like-most",
            "like-most-strengths",
            "like-most-passionate",
        ]


# -- 4. default keys that reach the app ------------------------------------------------------------------------


def test_default_keys_avoid_multiplexer_prefixes_and_every_function_key_has_a_chord() -> None:
    for key in keys.KEYS:
        options = [k.strip() for k in key.key.split(",")]
        assert not {"ctrl+b", "ctrl+a", "ctrl+h", "ctrl+i", "ctrl+j", "ctrl+m"} & set(options), key.id
        if any(re.fullmatch(r"f\d+", k) for k in options):
            assert any(not re.fullmatch(r"f\d+", k) for k in options), f"{key.id} has only a function key"
    assert keys.BY_ID["previous-question"].key == "ctrl+p"


async def test_ctrl_p_is_previous_in_a_conversation_and_the_palette_elsewhere(tmp_path: Path) -> None:
    db, _ = meeting(tmp_path, "first-meeting")
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting(pilot)
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+p")
        assert screen.session.current == "like-most"
        await pilot.press("escape", "ctrl+s")  # escape: back to the notes; ctrl+s: the action items
        assert isinstance(app.focused, ActionsTable)
        await pilot.press("escape")
        assert app.focused is screen.query_one("#notes")
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "CommandPalette"


async def test_the_shareable_key_is_shown_and_the_footer_fits_help(tmp_path: Path) -> None:
    db, _ = meeting(tmp_path, "first-meeting")
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting(pilot)
        assert "^o: shareable" in str(screen.query_one("#notes").border_title)
        footer = " ".join(str(w.render()) for w in screen.query("FooterKey"))
        assert "Help" in footer and "Quit" not in footer


# -- 6. columns that fit ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_action_table_fits_its_columns_and_shows_the_rest_of_the_item(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    db, conv = meeting(tmp_path, "grow-check-in")
    store = Store.open(db)
    store.add_action(
        store.conversation(conv).person_id,
        conv,
        "Draft the gateway RFC",
        due="2026-12-04",
        support="an intro to the platform team",
        commitment=5,
        raise_it="a reviewer who cares",
    )
    store.close()
    app = make_app(db)
    async with app.run_test(size=size) as pilot:
        screen = await open_meeting(pilot)
        table = screen.query_one(ActionsTable)
        used = sum(c.get_render_width(table) for c in table.ordered_columns)
        assert used <= table.content_region.width
        if size[0] < 66:
            assert [c.label.plain for c in table.ordered_columns][:3] == ["Action", "Score", "Due"]
        assert "support: an intro to the platform team" in str(table.border_subtitle)
        assert "to raise it: a reviewer who cares" in str(table.border_subtitle)


# -- 7. summary, forms and help that do not lose work ----------------------------------------------------------


async def test_the_summary_scrolls_asks_before_completing_and_nudges_for_an_action(tmp_path: Path) -> None:
    db, _ = meeting(tmp_path, "third-meeting-grow")
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot)
        for n in range(16):
            await pilot.press(*f"n{n}", "ctrl+n")  # (a note each: the summary runs past the screen)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert "No action item yet" in " ".join(str(w.render()) for w in app.screen.query(Static))
        body = app.screen.query_one("#summary-body")
        await pilot.press("pagedown", "down")
        assert body.scroll_y > 0
        await pilot.press("c")
        assert app.screen.__class__.__name__ == "SummaryScreen"  # asked once more
        await pilot.press("c")
        await settle(pilot, app)
        assert app.screen.__class__.__name__ == "PeopleScreen"
    assert export(db)["status"] == "completed"


async def test_escape_on_a_filled_in_form_asks_before_discarding(tmp_path: Path) -> None:
    db, _ = meeting(tmp_path, "first-meeting")
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+t", *"Read the SRE book", "escape")
        assert app.screen.__class__.__name__ == "ActionForm"
        assert "Discard what you typed?" in shown(app, "#form-error")
        await pilot.press("enter")
        await settle(pilot, app)
    assert [a["text"] for a in export(db)["actions"]] == ["Read the SRE book"]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_help_fits_the_screen_and_lists_the_action_table_keys(tmp_path: Path, size: tuple[int, int]) -> None:
    db, _ = meeting(tmp_path, "first-meeting")
    app = make_app(db)
    async with app.run_test(size=size) as pilot:
        await open_meeting(pilot)
        await pilot.press("f1")
        table = app.screen.query_one("#help-table", DataTable)
        assert sum(c.get_render_width(table) for c in table.ordered_columns) <= table.content_region.width
        rows = [" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]
        assert any("Set the highlighted item's commitment" in r for r in rows)
        assert any("ctrl+p" in r and "previous-question" in r for r in rows)
        assert any(r.startswith("ctrl+] ") and "set-topic" in r for r in rows)  # (not ctrl+right_square_bracket)
        assert not any("right_square" in r for r in rows)


# -- 8. the Will stage answered by the action form --------------------------------------------------------------


async def test_the_action_form_answers_the_will_questions(tmp_path: Path) -> None:
    db, _ = meeting(tmp_path, "third-meeting-grow")
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot)
        await pilot.press(*["ctrl+n"] * 13)  # When will you do this?
        assert "none yet" in context(app)
        await pilot.press("ctrl+t", *"Draft the RFC", "tab", *"2026-12-04", "tab", *"a reviewer", "tab", "8", "enter")
        await settle(pilot, app)
        due = due_text("2026-12-04", "2026-12-04")  # the date as shown: "Fri 4 Dec" (the year, another year)
        assert f"Draft the RFC: {due}" in context(app)
        await pilot.press("ctrl+g", "t")
        await settle(pilot, app)
    questions = {q["id"]: q for q in export(db)["questions"]}
    assert questions["will-when"]["asked"] and questions["will-when"]["answers"] == [f"Draft the RFC: {due}"]
    assert questions["will-support"]["answers"] == ["Draft the RFC: a reviewer"]
    assert questions["will-certain"]["answers"] == ["Draft the RFC: 8/10"]
    md = run_cli("export", "latest", "--format", "md", "--db", str(db)).stdout
    assert f"### When will you do this?\n\n- Draft the RFC: {due}" in md


# -- the seed, whole --------------------------------------------------------------------------------------------


async def test_meeting_and_part_purposes_show_whole(tmp_path: Path) -> None:
    db, _ = meeting(tmp_path, "second-meeting")
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot)
        text = " ".join(context(app).split())
        assert "About this meeting" in text and "Nothing is ever set in stone." in text
        assert text.rstrip().endswith("help them to take the turn to the right one.")


async def test_the_first_meeting_asks_how_often_to_meet_and_sets_the_cadence(tmp_path: Path) -> None:
    db, _ = meeting(tmp_path, "first-meeting")
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting(pilot)
        await pilot.press(*["ctrl+n"] * 5)
        assert screen.session.current == "cadence" and "Their cadence: not agreed yet" in context(app)
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.click("#cadence")
        await pilot.press(*"21", "enter", "c", "c")
        await settle(pilot, app)
    store = Store.open(db)
    assert store.people()[0].cadence_days == 21
    store.close()
    invite = run_cli("agendas", "invite", "first-meeting").stdout
    assert "How often" not in invite and invite.count("\n") == 5


async def test_their_focus_fills_in_the_x_of_the_grow_questions(tmp_path: Path) -> None:
    db, _ = meeting(tmp_path, "grow-check-in")
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting(pilot)
        await pilot.press(
            *"Kubernetes upgrades", "enter", *"and more", "ctrl+n", "ctrl+n", "ctrl+n", "ctrl+n", "ctrl+n"
        )
        assert "How much knowledge do you have of (x) right now?" in shown(app, "#question-text")
        assert "not named yet: ^] names it" in context(app)
        await pilot.press("ctrl+right_square_bracket")
        await pilot.pause()
        assert app.screen.query_one("#topic").value == "Kubernetes upgrades"  # from the Goal notes
        await pilot.press("enter")
        await settle(pilot, app)
        assert "How much knowledge do you have of Kubernetes upgrades right now?" in shown(app, "#question-text")
        assert screen.session.topic == "Kubernetes upgrades"
        await pilot.press("ctrl+g", "t")
        await settle(pilot, app)
    doc = export(db)
    assert doc["topic"] == "Kubernetes upgrades"
    assert "What steps could you take to improve on Kubernetes upgrades?" in [q["text"] for q in doc["questions"]]


async def test_the_third_meeting_as_the_seed_has_it(tmp_path: Path) -> None:
    library = load_library(Path("/nonexistent"))
    agenda = library.agendas["third-meeting-grow"]
    achieve = agenda.node("goal-achieve")
    assert achieve is not None and achieve.item.followups == () and len(achieve.item.rewordings) == 2
    reality = next(p for p in agenda.parts if p.stage == "reality")
    assert "great opportunity to provide feedback" in reality.purpose
    assert agenda.invite_lines()[-1] == "Action items" and agenda.bank == "grow-check-in"
    db, _ = meeting(tmp_path, "third-meeting-grow")
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+n")
        assert "or: What would you like to be different when..." in shown(app, "#question-rewordings")
        assert "More Goal questions (GROW bank)" in context(app)
        assert "Where do you want to take your career?" in context(app)


async def test_for_next_time_hints_name_the_defer_key(tmp_path: Path) -> None:
    db, _ = meeting(tmp_path, "second-meeting")
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot)
        await pilot.press(*["ctrl+n"] * 4)
        assert "(ctrl+r marks it for next time.)" in " ".join(context(app).split())


def test_recurring_themes_keep_the_words_people_said() -> None:
    person = Person(1, "Ada Vogel", "", None, "", "")
    notes = [
        "Worried about tech debt in billing again.",
        "The tech debt in billing slows the team.",
        "Tech debt in billing is still there; Ada wants mentoring.",
        "More mentoring, please.",
    ]
    found = dict(themes(notes, person))
    assert found.get("tech debt in billing") == 3 and "debt billing" not in found and found.get("mentoring") == 2


async def test_history_arrows_switch_tabs(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("right")
        assert app.screen.query_one("#history-tabs").active == "tab-actions"
        await pilot.press("left")
        assert app.screen.query_one("#history-tabs").active == "tab-conversations"


def test_scores_changed_within_one_conversation_are_one_point_of_the_trend(tmp_path: Path) -> None:
    db, conv = meeting(tmp_path, "grow-check-in")
    store = Store.open(db)
    person = store.conversation(conv).person_id
    action = store.add_action(person, conv, "Read the SRE book", commitment=5)
    for score in (7, 8):  # digits pressed seconds apart in the same conversation
        store.update_action(action, conv, commitment=score)
    assert [score for _, score in store.commitment_trend(action)] == [8]
    later = store.start_conversation(person, "grow-check-in")
    store.update_action(action, later, commitment=9)
    assert [score for _, score in store.commitment_trend(action)] == [8, 9]
    assert store.first_commitments([action]) == {action: 8}
    assert store.person_actions(person)[0][1] == [8, 9]
    store.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_form_shows_each_field_on_one_line_inside_its_box(tmp_path: Path, size: tuple[int, int]) -> None:
    """A field's id is also a CSS id: the transcript form's 'start' once took the start
    dialog's height (90%) and pushed the fields below it out of the box."""
    from textual.widgets import Input

    from growtui.screens.forms import ActionForm, FormScreen, PersonForm, TopicForm, TranscriptForm

    db = tmp_path / "g.db"
    Store.open(db).close()
    app = make_app(db)
    async with app.run_test(size=size) as pilot:
        form: type[FormScreen]  # type: ignore[type-arg]
        for form in (PersonForm, ActionForm, TopicForm, TranscriptForm):
            await app.push_screen(form())
            await pilot.pause()
            box = app.screen.query_one(".form").region
            for field in app.screen.query(Input):
                assert field.region.height == 1 and box.contains_region(field.region), (form.__name__, field.id)
            app.pop_screen()
            await pilot.pause()


@pytest.mark.parametrize("size", [*SIZES, (100, 30)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_footer_leaves_out_keys_rather_than_be_cut_and_every_key_still_works(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    from textual.widgets import Footer
    from textual.widgets._footer import FooterKey

    db, _ = meeting(tmp_path, "grow-check-in")
    app = make_app(db)
    async with app.run_test(size=size) as pilot:
        screen = await open_meeting(pilot)
        await pilot.press("escape")  # (past the review of last time, if any)
        for focus in ("notes", "table"):
            if focus == "table":
                await pilot.press("ctrl+t", *"Read the SRE book", "enter")
                await settle(pilot, app)
                screen.action_focus_actions()
            await pilot.pause()
            footer = screen.query_one(Footer)
            keys = list(footer.query(FooterKey))
            assert keys and all(k.region.right <= footer.region.right for k in keys), (focus, size)
            assert any(k.action == "app.help" for k in keys), (focus, size)  # F1, which lists them all
        if size[0] >= 80:
            await pilot.press("escape")
            await pilot.pause()
            assert {k.action for k in screen.query_one(Footer).query(FooterKey)} >= {
                "next_question",
                "previous_question",
                "defer_question",
                "end_conversation",
                "app.help",
            }
        first = screen.session.current
        await pilot.press("f3", "ctrl+n", "ctrl+p")  # ctrl+p: left out of the footer at 60 columns, still a key
        await settle(pilot, app)
        assert screen.session.current == first
    assert export(db)["actions"][0]["text"] == "Read the SRE book"


async def test_an_empty_cadence_looks_empty_and_completing_without_one_says_so(tmp_path: Path) -> None:
    """The summary's field showed a dim '14' (a placeholder) that read as the value:
    completing left the person with no cadence, and nothing said so (#25.1)."""
    from growtui.screens.summary import SummaryScreen

    db, _ = meeting(tmp_path, "first-meeting")
    app = make_app(db)
    told: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot)
        app.notify = lambda message, **kw: told.append(str(message))  # type: ignore[method-assign]
        await pilot.press("ctrl+g")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        field = summary.query_one("#cadence")
        assert field.value == "" and not any(ch.isdigit() for ch in field.placeholder)
        await pilot.press("c")
        await pilot.pause()
        assert "No cadence set" in str(summary.query_one("#summary-help").render())
        await pilot.press("c")
        await settle(pilot, app)
        assert any("no cadence set" in m for m in told)
    store = Store.open(db)
    assert store.people()[0].cadence_days is None
    store.close()


async def test_their_focus_named_last_time_carries_forward(tmp_path: Path) -> None:
    """Meeting 3 names the (x); every later check-in said 'not named yet' and asked of
    '(x)' (#25.5). It carries forward, said so, and is kept with the conversation."""
    db, first = meeting(tmp_path, "grow-check-in")
    store = Store.open(db)
    store.set_topic(first, "Kubernetes upgrades")
    store.set_status(first, "completed")
    second = store.start_conversation(store.conversation(first).person_id, "grow-check-in")
    store.close()
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting(pilot)  # (resumes the second)
        assert screen.conv_id == second
        await pilot.press(*["ctrl+n"] * 5)
        assert "How much knowledge do you have of Kubernetes upgrades right now?" in shown(app, "#question-text")
        assert "Kubernetes upgrades · from last time" in context(app)
        await settle(pilot, app)
        conv = screen.conv_id
    store = Store.open(db)
    assert store.conversation(conv).topic == "Kubernetes upgrades"
    store.set_status(conv, "completed")
    store.start_conversation(store.conversation(conv).person_id, "grow-check-in")
    store.close()
    app = make_app(db)
    async with app.run_test(size=(60, 20)) as pilot:  # (the panel beside the notes folded away: it is said above them)
        screen = await open_meeting(pilot)
        await pilot.press(*["ctrl+n"] * 5)
        await pilot.pause()
        topic = screen.query_one("#question-topic")
        assert topic.display and topic.region.height > 0
        assert "Their focus: Kubernetes upgrades (from last time) · ^] changes it" in shown(app, "#question-topic")

"""What is shown is whole: a real team's long names, roles and actions at 60×20,
80×24 and 120×40. Where a row has no room, the line under it (or the row itself,
grown taller) says the highlighted item in full; no column falls off the edge."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widget import Widget

from growtui.store import Store

from conftest import make_app, until

SIZES = [(60, 20), (80, 24), (120, 40)]

TEAM = [  # (name, role): as long as a real team's
    ("Maximiliana Oyelaran-Castellanos", "Senior backend engineer, payments platform (on call with SRE)"),
    ("Siddharth Venkataraghavan", "Staff engineer, developer experience and build tooling"),
    ("Zoë Nakamura-Lindqvist", "Engineering manager in training"),
    ("Bartholomew O'Sullivan-Ferreira", "Principal site reliability engineer"),
]
THEIRS = "Write the incident review for the March payments outage and present it at the engineering all-hands meeting"
MINE = "Ask the VP of engineering to sponsor the on-call rotation change before quarterly planning"


@pytest.fixture
def team(tmp_path: Path) -> Path:
    db = tmp_path / "team.db"
    store = Store.open(db, clock=lambda: "2026-11-16T10:00:00")
    for n, (name, role) in enumerate(TEAM):
        person = store.add_person(name, role, cadence_days=14)
        conv = store.start_conversation(person, "first-meeting")
        store.save_notes(conv, "general", "They want to lead the payments reliability work next year. " * 3)
        store.add_action(person, conv, THEIRS, "next Friday", commitment=7 - n, due_date="2026-11-27")
        store.add_action(person, conv, MINE, "before planning", owner="me")
        store.set_status(conv, "completed")
    store.start_conversation(store.find_person(TEAM[0][0]).id, "grow-check-in")  # (in progress: ▶ resume)
    store.close()
    return db


def region_text(widget: Widget, column: int | None = None) -> str:
    """What the terminal shows inside a widget (inside its border and scroll bars, as
    far as it is in view), as one line of words: a wrapped text reads whole across
    its lines. `column`: a DataTable's column alone."""
    region = widget.scrollable_content_region.intersection(widget.screen.find_widget(widget).visible_region)
    if column is not None:
        before = sum(c.get_render_width(widget) for c in list(widget.columns.values())[:column])  # type: ignore[attr-defined]
        width = list(widget.columns.values())[column].get_render_width(widget)  # type: ignore[attr-defined]
        region = region.intersection(region._replace(x=region.x + before, width=width))
    strips = widget.app.screen._compositor.render_strips()
    lines = [
        "".join(seg.text for seg in strips[y].crop(region.x, region.right)) for y in range(region.y, region.bottom)
    ]
    return " ".join(" ".join(lines).split())


def whole(words: str, widget: Widget, column: int | None = None) -> bool:
    return " ".join(words.split()) in region_text(widget, column)


@pytest.mark.parametrize("calendar", [False, True], ids=["", "with-calendar"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_people_screen_says_the_highlighted_person_whole_and_keeps_every_figure(
    team: Path, size: tuple[int, int], calendar: bool, tmp_path: Path
) -> None:
    """With a calendar set, "Commit" fell off the right edge at 80 columns."""
    ics = tmp_path / "empty.ics"
    ics.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n")
    app = make_app(team, calendar=ics) if calendar else make_app(team)
    async with app.run_test(size=size) as pilot:
        table = app.screen.query_one("#people-table")
        await until(pilot, lambda: table.row_count == len(TEAM))  # type: ignore[attr-defined]
        header = region_text(table)[: size[0]]
        for label in ("Name", "Last", "Next due", "Open", "Commit") + (("Next 1:1",) if calendar else ()):
            assert label in header, (label, header)  # (dates, counts, scores never cut)
        roles = dict(TEAM)
        for _ in TEAM:
            await pilot.pause()  # (the line under the table laid out again)
            person = app.screen.highlighted().overview.person  # type: ignore[attr-defined]
            detail = app.screen.query_one("#people-detail")
            assert whole(person.name, detail) and whole(roles[person.name], detail), region_text(detail)
            await pilot.press("down")
        if size[0] >= 120:
            assert all(whole(name, table) for name, _ in TEAM)  # (roles give way first)
        await pilot.press("ctrl+q")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_follow_through_says_the_highlighted_action_whole_and_mine_as_mine(
    team: Path, size: tuple[int, int]
) -> None:
    app = make_app(team)
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: app.screen.query_one("#people-table").row_count > 0)  # type: ignore[attr-defined]
        await pilot.press("h")
        await until(pilot, lambda: type(app.screen).__name__ == "HistoryScreen")
        await pilot.pause()
        assert whole("First meeting — the past and the present", app.screen.query_one("#conversation-detail"))
        await pilot.press("right")
        detail = app.screen.query_one("#action-detail")
        await until(pilot, lambda: bool(region_text(detail)))
        shown = region_text(detail)
        assert f"Mine: {MINE}" in shown or f"Theirs: {THEIRS}" in shown, shown
        await pilot.press("down")
        await pilot.pause()
        both = shown + region_text(detail)
        assert f"Mine: {MINE}" in both and f"Theirs: {THEIRS}" in both and "due Fri 27 Nov" in both
        table = app.screen.query_one("#person-actions")
        assert "(me) Ask the VP" in region_text(table)
        assert "Status" in region_text(table).split("Ask the VP")[0]  # (the status column stays)
        await pilot.press("ctrl+q")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_in_a_conversation_the_question_actions_and_tree_are_whole(team: Path, size: tuple[int, int]) -> None:
    from growtui.screens.conversation import ConversationScreen

    store = Store.open(team)
    person = store.find_person(TEAM[0][0])
    conv = store.latest_conversation_id()
    store.add_action(person.id, conv, THEIRS, "next Friday", commitment=8, due_date="2026-11-27")
    store.close()
    app = make_app(team)
    async with app.run_test(size=size) as pilot:
        app.push_screen(ConversationScreen(conv))
        await until(pilot, lambda: isinstance(app.screen, ConversationScreen))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        question = screen.session.entry()
        assert question is not None and whole(question.text, screen.query_one("#question"))
        if size[0] < 72:  # (narrow: the table shows its words whole once it has focus)
            await pilot.press("f4")
            await pilot.pause()
        assert whole(THEIRS, screen.query_one("#actions"), column=0)  # (its row as tall as its words)
        await pilot.press("f2", "down", "down")
        await pilot.pause()
        tree = screen.query_one("#tree")
        node = tree.cursor_node  # type: ignore[attr-defined]
        entry = screen.session.entry(node.data)
        assert entry is not None and whole(entry.text, screen.query_one("#tree-whole"))
        await pilot.press("ctrl+q")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_brief_and_the_start_dialog_say_them_and_the_meeting_whole(team: Path, size: tuple[int, int]) -> None:
    from growtui.screens.start import StartScreen

    app = make_app(team)
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: app.screen.query_one("#people-table").row_count > 0)  # type: ignore[attr-defined]
        person = app.screen.highlighted().overview.person  # type: ignore[attr-defined]
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        await pilot.pause()
        start = app.screen
        assert isinstance(start, StartScreen)
        assert whole(f"Since last time — {person.name} ({dict(TEAM)[person.name]})", start.query_one("#brief-text"))
        purpose = start.query_one("#start-purpose")
        option = start.query_one("#start-options").highlighted_option  # type: ignore[attr-defined]
        agenda = app.library.agendas["grow-check-in" if option.id.startswith("resume") else option.id.split(":")[1]]
        if size[1] >= 24:
            assert whole(agenda.purpose, purpose)
        else:  # (short of room, the brief keeps it: the purpose is read as the meeting starts, beside the notes)
            assert not purpose.display
        await pilot.press("ctrl+q")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_summary_cuts_nothing_sideways(team: Path, size: tuple[int, int]) -> None:
    from growtui.screens.conversation import ConversationScreen
    from growtui.screens.summary import SummaryScreen

    store = Store.open(team)
    conv = store.latest_conversation_id()
    store.add_action(store.find_person(TEAM[0][0]).id, conv, THEIRS, "next Friday", commitment=8, due_date="2026-11-27")
    store.close()
    app = make_app(team)
    async with app.run_test(size=size) as pilot:
        app.push_screen(ConversationScreen(conv))
        await until(pilot, lambda: isinstance(app.screen, ConversationScreen))
        await pilot.press("ctrl+g")
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        await pilot.pause()
        body = app.screen.query_one("#summary-body")
        assert body.max_scroll_x == 0  # type: ignore[attr-defined]
        title = app.screen.query_one(".form-title")
        assert whole(f"Summary — {TEAM[0][0]}", title)
        text = region_text(body)
        assert not re.search(r"\w…", text), text  # (nothing cut with an ellipsis)
        while not whole(THEIRS, body) and body.scroll_y < body.max_scroll_y:  # type: ignore[attr-defined]
            await pilot.press("pagedown")
            await pilot.pause()
        assert whole(THEIRS, body)
        await pilot.press("escape", "ctrl+q")


async def test_the_panel_beside_the_notes_reads_on_from_the_keyboard(team: Path) -> None:
    """Follow-ups and bank questions below the side panel's fold could not be reached
    from the keyboard: ctrl+↓ reads on (said on its border), the notes keep the focus."""
    from growtui.screens.conversation import ConversationScreen

    store = Store.open(team)
    conv = store.start_conversation(store.find_person(TEAM[1][0]).id, "second-meeting")  # (a long purpose)
    store.close()
    app = make_app(team)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ConversationScreen(conv))
        await until(pilot, lambda: isinstance(app.screen, ConversationScreen))
        await pilot.pause()
        panel = app.screen.query_one("#context")
        assert panel.max_scroll_y > 0 and panel.border_subtitle == "^↓ more"  # type: ignore[attr-defined]
        notes = app.screen.query_one("#notes")
        assert app.focused is notes
        await pilot.press("ctrl+down")
        await pilot.pause()
        assert panel.scroll_y > 0 and app.focused is notes  # type: ignore[attr-defined]
        while panel.scroll_y < panel.max_scroll_y:  # type: ignore[attr-defined]
            await pilot.press("ctrl+down")
            await pilot.pause()
        assert panel.border_subtitle == ""  # (nothing more below)
        await pilot.press("ctrl+up")
        await pilot.pause()
        assert panel.scroll_y < panel.max_scroll_y  # type: ignore[attr-defined]
        await pilot.press("f1")
        await pilot.pause()
        rows = [
            str(app.screen.query_one("#help-table").get_row_at(n)[0])  # type: ignore[attr-defined]
            for n in range(3)
        ]
        assert rows[0] == "Conversation"  # (F1 opens on the keys of the screen it was asked from)
        keys = app.screen.query_one("#help-table")
        listed = [str(keys.get_row_at(n)[0]) for n in range(keys.row_count)]  # type: ignore[attr-defined]
        assert "ctrl+↓, alt+↓" in listed
        await pilot.press("escape", "ctrl+q")


async def test_f1_opens_on_the_screen_s_own_keys(team: Path) -> None:
    app = make_app(team)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.screen.query_one("#people-table").row_count > 0)  # type: ignore[attr-defined]
        for keys, first in ((["f1"], "People"), (["escape", "h", "f1"], "History")):
            await pilot.press(*keys)
            await pilot.pause()
            assert str(app.screen.query_one("#help-table").get_row_at(0)[0]) == first  # type: ignore[attr-defined]
        await pilot.press("escape", "ctrl+q")


async def test_an_empty_action_table_is_its_header_and_the_context_gets_the_room(team: Path) -> None:
    from growtui.screens.conversation import ConversationScreen

    store = Store.open(team)
    conv = store.latest_conversation_id()  # (the check-in in progress: no action yet)
    store.close()
    app = make_app(team)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ConversationScreen(conv))
        await until(pilot, lambda: isinstance(app.screen, ConversationScreen))
        await pilot.pause()
        actions = app.screen.query_one("#actions")
        assert actions.outer_size.height == 3  # its border and header (it took 8 of 24 rows)
        await pilot.press("ctrl+t", *"Draft the RFC", "enter")
        await until(pilot, lambda: actions.row_count == 1)  # type: ignore[attr-defined]
        await pilot.pause()
        assert actions.outer_size.height == 4
        await pilot.press("ctrl+q")


async def test_a_long_field_left_shows_from_its_start(team: Path) -> None:
    """A one-line field scrolled past its start hid it (': shared with SRE…')."""
    from textual.widgets import Input

    app = make_app(team)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.screen.query_one("#people-table").row_count > 0)  # type: ignore[attr-defined]
        await pilot.press("n", *"Ada", "tab", *TEAM[0][1], "tab")
        await pilot.pause()
        role = app.screen.query_one("#role", Input)
        assert role.value == TEAM[0][1] and role.scroll_x == 0
        assert region_text(role).startswith("Senior backend engineer")
        await pilot.press("escape", "escape", "ctrl+q")

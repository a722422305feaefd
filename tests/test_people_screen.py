"""The people screen: table, add and edit a person, start or resume."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, OptionList

from growtui.screens.conversation import ConversationScreen
from growtui.screens.forms import PersonForm
from growtui.screens.people import PeopleScreen
from growtui.screens.start import StartScreen
from growtui.store import Store

from conftest import settle, make_app


async def test_people_sorted_by_urgency_and_overdue_stand_out(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#people-table", DataTable)
        assert table.row_count == 6
        rows = [table.get_row_at(r)[0] for r in range(table.row_count)]  # one line a person, in columns
        header = table.ordered_columns[0].label.plain
        due = slice(header.index("Next due"), header.index("Next agenda"))
        late = [r for r in rows if "late" in r.plain[due]]
        assert late and rows[: len(late)] == late  # overdue first
        start = header.index("Next due") + 2
        assert any("red" in str(span.style) and span.start <= start < span.end for span in rows[0].spans)


async def test_empty_database_invites_adding_someone(tmp_path: Path) -> None:
    app = make_app(tmp_path / "new.db")
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.screen.has_class("-empty")
        assert app.screen.query_one("#people-empty").display


async def test_new_person_form(tmp_path: Path) -> None:
    app = make_app(tmp_path / "new.db")
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("n")
        assert isinstance(app.screen, PersonForm)
        await pilot.press("enter")  # name is required
        assert isinstance(app.screen, PersonForm)
        assert "required" in str(app.screen.query_one("#form-error").render())
        await pilot.press(*"Ada", "tab", *"Engineer", "tab", *"x", "enter")  # bad cadence
        assert isinstance(app.screen, PersonForm)
        await pilot.press("backspace", *"14", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        (person,) = app.store.people()
        assert (person.name, person.role, person.cadence_days) == ("Ada", "Engineer", 14)
        assert not app.screen.has_class("-empty")


async def test_escape_cancels_a_form(tmp_path: Path) -> None:
    app = make_app(tmp_path / "new.db")
    async with app.run_test() as pilot:
        await pilot.press("n", "escape")  # nothing typed: gone at once
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        await pilot.press("n", *"Bo", "escape")  # something typed: asked once
        await pilot.pause()
        assert isinstance(app.screen, PersonForm)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen) and app.store.people() == []


async def test_edit_person(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        person_id = app.screen.highlighted_id()
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, PersonForm)
        role = form.query_one("#role")
        role.value = "Principal engineer"
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.store.person(person_id).role == "Principal engineer"


async def test_start_suggests_next_agenda_and_enter_accepts(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    store = Store.open(db)
    pid = store.add_person("Cy")
    store.set_status(store.start_conversation(pid, "first-meeting"), "completed")
    store.close()
    app = make_app(db)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("s")
        assert isinstance(app.screen, StartScreen)
        options = app.screen.query_one(OptionList)
        assert "Second meeting" in str(options.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        assert app.screen.session.conversation.agenda_id == "second-meeting"
        assert app.screen.session.current == "kid-dream"


async def test_another_agenda_can_be_chosen(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    store = Store.open(db)
    store.add_person("Di")
    store.close()
    app = make_app(db)
    async with app.run_test() as pilot:
        await pilot.press("s", "down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        assert app.screen.session.conversation.agenda_id != "first-meeting"


async def test_unfinished_conversation_is_offered_and_resumes_at_first_unasked(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    store = Store.open(db)
    pid = store.add_person("Ed")
    cid = store.start_conversation(pid, "first-meeting")
    store.mark(cid, "start", asked=True)
    store.mark(cid, "like-most", asked=True)
    store.set_status(cid, "to-be-continued")
    store.close()
    app = make_app(db)
    async with app.run_test() as pilot:
        await pilot.press("s")
        assert "Resume" in str(app.screen.query_one(OptionList).get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        assert app.screen.conv_id == cid
        assert app.screen.session.current == "important"

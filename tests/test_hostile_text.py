"""Text from the user, the database or an agenda is shown as text: never parsed as
markup, never a crash, never a person locked out."""

from __future__ import annotations

from pathlib import Path

from growtui.store import Store

from conftest import make_app

NAME = "Bob [/] Builder [contractor]"
ACTION = "ship [/] thing [b]bold?[/b]"


async def test_markup_like_names_and_actions_show_as_typed_everywhere(tmp_path: Path) -> None:
    db = tmp_path / "growtui.db"
    store = Store.open(db)
    pid = store.add_person(NAME, role="[red]role[/red]")
    cid = store.start_conversation(pid, "first-meeting")
    store.save_notes(cid, "start", "notes with [/] and [link=x]y[/link]")
    store.add_action(pid, cid, ACTION, due="[/]", support="[i]", commitment=5)
    store.set_status(cid, "completed")
    store.close()
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert NAME in app.screen.query_one("#people-table").get_row_at(0)[0].plain  # type: ignore[union-attr]
        await pilot.press("h")  # history, with the follow-through tab
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("escape", "s")  # start: the brief, then the carry-over of the open action
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause(0.5)
        texts = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert ACTION in texts
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+t", *"again [/] here", "enter")
        await pilot.pause()
        await pilot.press("ctrl+g")  # the summary lists the actions
        await pilot.pause()
        texts = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert NAME in texts and "again [/] here" in texts
        await pilot.press("c", "c")
        await pilot.pause()
        await pilot.press("ctrl+q")
    assert app.return_code in (0, None)


async def test_an_agenda_with_markup_like_text_shows_as_written(tmp_path: Path) -> None:
    from growtui.agendas import load_library
    from growtui.app import GrowApp

    user = tmp_path / "agendas"
    user.mkdir()
    bundled = (Path(__file__).parent.parent / "agendas" / "grow-check-in.toml").read_text()
    text = bundled.replace('id = "grow-check-in"', 'id = "odd"').replace(
        'title = "GROW check-in"', 'title = "Odd [/] agenda"'
    )
    text = text.replace("Where do you want to take your career?", "Where [/] next? [b]really[/b]")
    (user / "odd.toml").write_text(text)
    library = load_library(user)
    assert "odd" in library.agendas, library.errors
    db = tmp_path / "growtui.db"
    store = Store.open(db)
    store.start_conversation(store.add_person("Ada"), "odd")
    store.close()
    app = GrowApp(db_path=db, library=library, clock=lambda: 0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")  # the agendas screen lists it
        await pilot.pause()
        await pilot.press("escape", "s")
        await pilot.pause()
        await pilot.press("enter")  # resume the conversation on it
        await pilot.pause(0.5)
        texts = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "Where [/] next? [b]really[/b]" in texts
        await pilot.press("ctrl+q")

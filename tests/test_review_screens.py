"""History, follow-through, search and agendas screens."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.widgets import DataTable, Markdown, OptionList, Tree

from growtui.agendas import load_library
from growtui.export import conversation_document, to_markdown
from growtui.screens.agendas import AgendasScreen
from growtui.screens.conversation_view import ConversationView
from growtui.screens.history import HistoryScreen
from growtui.screens.people import PeopleScreen
from growtui.screens.search import SearchScreen
from growtui.store import Store

from conftest import make_app


async def test_history_timeline_and_read_only_view(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        person = app.screen.highlighted().overview.person
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        timeline = app.screen.query_one("#timeline", DataTable)
        history = app.store.history(person.id)
        assert timeline.row_count == len(history)
        started = datetime.fromisoformat(history[0].conversation.started_at)
        assert str(timeline.get_row_at(0)[0]) == started.strftime("%d %b %H:%M")
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, ConversationView)
        expected = to_markdown(conversation_document(app.store, app.library, history[0].conversation.id))
        assert view.source == expected  # one renderer, two outputs
        await pilot.pause()
        assert "\n".join(m.source for m in view.query(Markdown)) == expected  # (the first screenful, then the rest)
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)


async def test_follow_through_filters_and_shares(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        person = app.screen.highlighted().overview.person
        await pilot.press("h", "d")
        screen = app.screen
        table = screen.query_one("#person-actions", DataTable)
        done = app.store.person_actions(person.id, "done")
        assert table.row_count == len(done) > 0
        assert all(str(table.get_row_at(r)[3]) == "done" for r in range(table.row_count))
        await pilot.press("l")
        assert table.row_count == len(app.store.person_actions(person.id))
        await pilot.press("x")
        assert all(str(table.get_row_at(r)[3]) == "dropped" for r in range(table.row_count))
        ft = app.store.follow_through(person.id)
        text = str(screen.query_one("#follow-through").render())
        assert f"{ft.high_done}/{ft.high_closed} done" in text and f"{ft.low_done}/{ft.low_closed} done" in text


async def test_trend_is_a_sparkline_of_every_score(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    store = Store.open(db)
    pid = store.add_person("Ana")
    cid = store.start_conversation(pid, "first-meeting")
    aid = store.add_action(pid, cid, "Ship it", commitment=2)
    for score in (5, 10):  # one score per conversation (edits within one are one point)
        store.update_action(aid, store.start_conversation(pid, "first-meeting"), commitment=score)
    store.close()
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("h", "l")
        table = app.screen.query_one("#person-actions", DataTable)
        assert str(table.get_row_at(0)[1]) == "▂▄█"


async def test_search_ranks_hits_and_opens_the_conversation_at_the_question(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    store = Store.open(db)
    pid = store.add_person("Ana")
    cid = store.start_conversation(pid, "first-meeting")
    store.save_notes(cid, "challenges", "Worried about the kubernetes migration and on-call load")
    store.add_action(pid, cid, "Pair on kubernetes upgrades")
    store.close()
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"kubern", "enter")
        await pilot.pause()
        table = app.screen.query_one("#search-results", DataTable)
        assert table.row_count == 2
        rows = [[str(c) for c in table.get_row_at(r)] for r in range(2)]
        assert {r[3] for r in rows} == {"What challenges are you facing today?", "(action item)"}
        assert all("kubernetes" in r[2] for r in rows)
        row = next(i for i, r in enumerate(rows) if r[3].startswith("What challenges"))
        table.move_cursor(row=row)
        await pilot.press("enter")
        await pilot.pause(0.3)
        view = app.screen
        assert isinstance(view, ConversationView) and view.question == "challenges"
        assert view.question_text == "What challenges are you facing today?"


async def test_search_with_no_match_says_so(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"zzzyqx", "enter")
        await pilot.pause()
        assert "no matches" in str(app.screen.query_one("#search-status").render())
        await pilot.press("escape")
        assert isinstance(app.screen, PeopleScreen)


async def test_agendas_screen_previews_copies_and_reports_broken_files(isolated_dirs: Path, tmp_path: Path) -> None:
    folder = isolated_dirs / "config" / "growtui" / "agendas"
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text('id = "b"\n')
    from growtui.app import GrowApp

    app = GrowApp(db_path=tmp_path / "a.db", library=load_library())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, AgendasScreen)
        errors = [str(w.render()) for w in app.screen.query(".agenda-error")]
        assert len(errors) == 1 and "broken.toml" in errors[0] and "title" in errors[0]
        options = app.screen.query_one(OptionList)
        await pilot.press("down", "down")
        assert options.get_option_at_index(options.highlighted).id == "third-meeting-grow"
        await pilot.pause()
        tree = app.screen.query_one("#agenda-tree", Tree)
        labels = []

        def walk(node) -> None:  # type: ignore[no-untyped-def]
            for child in node.children:
                labels.append(str(child.label))
                walk(child)

        walk(tree.root)
        assert "What effect does this have?" in labels
        assert any(l.startswith("» Listen on their language") for l in labels)
        await pilot.press("c")
        assert app.clipboard.splitlines()[5] == "6. What options do you have?"
        assert "alternatives" not in app.clipboard


def test_the_view_draws_a_screenful_first_and_the_rest_as_whole_markdown() -> None:
    from growtui.screens.conversation_view import first_screenful

    doc = "# T\n\n" + "".join(f"### Q{n}\n\nline\n\n> said  \n> more\n\n" for n in range(40))
    first, rest = first_screenful(doc, 24)
    assert 24 <= first.count("\n") < 36 and rest.startswith("### Q") and first + "\n" + rest == doc
    assert first_screenful("# T\n\nshort\n", 24) == ("# T\n\nshort\n", "")


async def test_a_search_hit_below_the_first_screenful_opens_scrolled_to_its_question(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    store = Store.open(db)
    conv = store.start_conversation(store.add_person("Ada Lovelace"), "first-meeting")
    questions = [n.item for n in load_library().get("first-meeting").nodes()]
    for q in questions:
        store.save_notes(conv, q.id, f"Said a few things about {q.id}.\nAnd some more.")
    last = questions[-1]
    store.save_notes(conv, last.id, "zanzibar is where she wants to go")
    store.close()
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"zanzibar", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause(0.5)
        view = app.screen
        assert isinstance(view, ConversationView) and view.question == last.id
        assert len(view.query(Markdown)) == 2  # the screenful, then the rest
        body = view.query_one("#view-body")
        heading = next(h for h in view.query("MarkdownH3, MarkdownH4") if last.text[:20] in str(h.source))
        assert body.scroll_y > 0
        assert body.region.contains_region(heading.region) if heading.region.height else False


def test_the_timeline_detail_gives_length_time_by_part_talk_and_commitment() -> None:
    from growtui.agendas import load_library
    from growtui.screens.history import detail_text
    from growtui.store import Conversation, HistoryRow

    library = load_library()

    conv = Conversation(1, 1, "grow-check-in", "2026-11-30T10:00:00", "2026-11-30T10:42:20", "completed", "")
    row = HistoryRow(conv, 2, 7.5)
    text = detail_text(row, library, {"goal": 360, "reality": 840, "options": 540, "will": 300}, 64)
    assert text == (
        "GROW check-in · 42 min · Goal 6 · Reality 14 · Options 9 · Will 5 min · their talk 64% · "
        "2 actions · mean commitment 7.5"
    )
    continued = Conversation(2, 1, "grow-check-in", "2026-11-30T10:00:00", "2026-12-02T09:10:00", "completed", "")
    assert detail_text(HistoryRow(continued, 0, None), library, {}, None) == "GROW check-in"


async def test_a_long_question_wraps_in_the_view_at_60_columns(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    store = Store.open(db)
    conv = store.start_conversation(store.add_person("Ada Lovelace"), "first-meeting")
    store.save_notes(conv, "help", "More time with the staff engineers.")
    store.close()
    app = make_app(db)
    async with app.run_test(size=(60, 20)) as pilot:
        await app.push_screen(ConversationView(conv))
        await pilot.pause(0.3)
        heading = next(h for h in app.screen.query("MarkdownH3") if "Is there anything" in str(h.source))
        assert heading.region.height == 2  # the whole question, on two lines
        assert app.screen.query_one("#view-body").region.contains_region(heading.region)

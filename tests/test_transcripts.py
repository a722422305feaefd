"""The call's transcript beside the notes (#19): Teams, Zoom, Meet (WebVTT) and SRT
exports read by webvtt-py and srt, aligned to the questions that were on screen,
talk time per side, private unless asked for, searchable, bad files refused."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from growtui.store import GENERAL, Store

from conftest import run_cli

FILES = Path(__file__).parent / "fixtures" / "transcripts"


@pytest.fixture
def held(tmp_path: Path) -> Path:
    """Ada's first meeting, 10:00 to 10:03: the first question from 10:00:05 (cues
    before it are general), the second from 10:01:00; the call ran on after 10:03."""
    db = tmp_path / "g.db"
    store = Store.open(db, clock=lambda: "2026-12-01T10:00:00")
    conv = store.start_conversation(store.add_person("Ada Lovelace"), "first-meeting")
    store.question_shown(conv, "start", "2026-12-01T10:00:05")
    store.save_notes(conv, "start", "Logo at school")
    store.question_shown(conv, "like-most", "2026-12-01T10:01:00")
    store.close()
    store = Store.open(db, clock=lambda: "2026-12-01T10:03:00")
    store.set_status(conv, "completed")
    store.close()
    return db


def shown(db: Path) -> dict:  # type: ignore[type-arg]
    r = run_cli("transcript", "show", "latest", "--json", "--db", str(db))
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", ["teams.vtt", "zoom.transcript.vtt", "call.srt", "windows-utf16.srt"])
def test_each_export_lands_under_the_question_on_screen(held: Path, name: str) -> None:
    r = run_cli("transcript", "attach", "latest", str(FILES / name), "--db", str(held))
    assert r.returncode == 0 and r.stdout.startswith("attached "), r.stderr
    lines = shown(held)["transcript"]
    by_question = [(c["question_id"], c["speaker"], c["side"]) for c in lines]
    assert by_question[:4] == [
        ("start", "Dana Manager", "me"),
        ("start", "Ada Lovelace", "them"),
        ("like-most", "Dana Manager", "me"),
        ("like-most", "Ada Lovelace", "them"),
    ]
    if not name.endswith(".srt"):  # the call ran on after the conversation ended: its last question
        assert by_question[-1] == ("like-most", "Ada Lovelace", "them")


def test_meet_captions_with_settings_inline_tags_bom_and_crlf(held: Path) -> None:
    r = run_cli("transcript", "attach", "latest", str(FILES / "meet.vtt"), "--offset", "-5", "--db", str(held))
    assert r.returncode == 0, r.stderr
    lines = shown(held)["transcript"]
    assert lines[0]["text"] == "Thanks for joining. How did you start with programming?"
    assert lines[0]["question_id"] == GENERAL  # five seconds earlier: before the first question
    assert "Logo at school" in lines[1]["text"] and lines[1]["speaker"] == ""


def test_start_offset_me_talk_and_replace(held: Path) -> None:
    run_cli("transcript", "attach", "latest", str(FILES / "zoom.transcript.vtt"), "--db", str(held))
    first = shown(held)
    assert first["talk"] == {"me": 8.4, "them": 82.3, "other": 0.0}
    again = run_cli("transcript", "attach", "latest", str(FILES / "teams.vtt"), "--db", str(held))
    assert again.returncode == 1 and "already has a transcript: --replace" in again.stderr
    r = run_cli(
        "transcript",
        "attach",
        "latest",
        str(FILES / "teams.vtt"),
        "--start",
        "10:01",
        "--me",
        "Dana",
        "--replace",
        "--db",
        str(held),
    )
    assert r.returncode == 0, r.stderr
    moved = shown(held)
    assert moved["offset_seconds"] == 60 and moved["me"] == "Dana"
    assert [c["question_id"] for c in moved["transcript"][:2]] == ["like-most", "like-most"]


def test_export_shows_it_but_the_shareable_copy_and_the_running_file_do_not(held: Path) -> None:
    run_cli("transcript", "attach", "latest", str(FILES / "teams.vtt"), "--db", str(held))
    doc = json.loads(run_cli("export", "latest", "--format", "json", "--db", str(held)).stdout)
    assert doc["talk"]["them"] > doc["talk"]["me"] and len(doc["transcript"]) == 5
    md = run_cli("export", "latest", "--db", str(held)).stdout
    start = md.index("### How did you start with programming?")
    assert md.index("Logo at school, then BASIC", start) < md.index("### What do you like the most", start)
    shared = run_cli("export", "latest", "--shareable", "--db", str(held))
    assert "Logo at school, then BASIC" not in shared.stdout
    assert (
        "Logo at school, then BASIC"
        in run_cli("export", "latest", "--shareable", "--with-transcript", "--db", str(held)).stdout
    )
    assert "Logo at school, then BASIC" not in run_cli("export", "Ada", "--all", "--db", str(held)).stdout


def test_search_finds_what_was_said_labelled_as_transcript(held: Path) -> None:
    run_cli("transcript", "attach", "latest", str(FILES / "teams.vtt"), "--db", str(held))
    hits = json.loads(run_cli("search", "billing", "--json", "--db", str(held)).stdout)
    assert hits and all(h["kind"] == "transcript" for h in hits)
    assert "(transcript)" in run_cli("search", "billing", "--db", str(held)).stdout
    assert run_cli("transcript", "detach", "latest", "--db", str(held)).returncode == 0
    assert run_cli("search", "billing", "--db", str(held)).returncode == 1  # gone with it


@pytest.mark.parametrize(
    "name,problem",
    [
        ("notes.txt", "not a transcript"),
        ("empty.vtt", "no cue with any words in it"),
        ("damaged.vtt", "line 4: not a cue's time line ('00:00:05.120 -> 00:00:09.480'"),
        ("missing.vtt", "no such file"),
    ],
)
def test_a_file_that_is_not_a_transcript_is_one_line_and_nothing_is_stored(held: Path, name: str, problem: str) -> None:
    r = run_cli("transcript", "attach", "latest", str(FILES / name), "--db", str(held))
    assert r.returncode == 1 and problem in r.stderr and r.stderr.count("\n") == 1 and str(FILES / name) in r.stderr
    assert run_cli("transcript", "show", "latest", "--db", str(held)).returncode == 1


def test_the_wrong_recording_is_refused(held: Path) -> None:
    r = run_cli("transcript", "attach", "latest", str(FILES / "teams.vtt"), "--start", "18:30", "--db", str(held))
    assert r.returncode == 1 and "no cue falls in the conversation" in r.stderr and "--start" in r.stderr


async def test_attach_from_the_summary_then_read_it_in_the_view_and_the_history(tmp_path: Path) -> None:
    from textual.widgets import Static

    from conftest import make_app, settle, until

    db = tmp_path / "g.db"
    store = Store.open(db, clock=lambda: "2026-12-01T10:00:00")
    store.add_person("Ada Lovelace")
    store.close()
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "enter")
        await pilot.pause()
        screen = app.screen
        conv = screen.conv_id  # type: ignore[attr-defined]
        await settle(pilot, app)
        store = app.store
        # the screen recorded when the first question came on screen; pretend the call was at 10:00
        store.conn.execute("UPDATE question_times SET at = '2026-12-01T10:00:05' WHERE conversation_id = ?", (conv,))
        store.conn.execute("UPDATE conversations SET started_at = '2026-12-01T10:00:00' WHERE id = ?", (conv,))
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*str(FILES / "zoom.transcript.vtt"), "enter")
        # (read on a thread of its own, then stored by the writer, then the summary redrawn)
        await until(pilot, lambda: "Talk: them" in str(app.screen.query_one("#summary-text", Static).render()))
        text = str(app.screen.query_one("#summary-text", Static).render())
        assert "Talk: them" in text and "from the call's transcript" in text
    r = run_cli("transcript", "show", "latest", "--db", str(db))
    assert r.returncode == 0 and "How did you start with programming?" in r.stdout and "Logo at school" in r.stdout
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert "Their share of the talking" in str(app.screen.query_one("#talk-share", Static).render())
        assert "their talk " in str(app.screen.query_one("#conversation-detail", Static).render())
        await pilot.press("enter")
        await pilot.pause(0.5)
        assert "Logo at school" in app.screen.source  # type: ignore[attr-defined]


async def test_the_conversation_screen_records_when_each_question_came_on_screen(tmp_path: Path) -> None:
    from conftest import make_app, settle

    db = tmp_path / "g.db"
    store = Store.open(db)
    store.add_person("Ada Lovelace")
    store.close()
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "enter")
        await pilot.pause()
        await pilot.press("ctrl+n", "ctrl+f")
        await settle(pilot, app)
        conv = app.screen.conv_id  # type: ignore[attr-defined]
        assert [key for _, key in app.store.question_times(conv)] == ["start", "like-most", "like-most-strengths"]


def test_captions_without_names_say_who_spoke_is_not_known(held: Path) -> None:
    """Zoom's closed-caption file (CRLF, no cue ids, no speakers): the lines land under
    their questions, but no share of the talking is made up, here or in history."""
    r = run_cli("transcript", "attach", "latest", str(FILES / "zoom.cc.vtt"), "--db", str(held))
    assert r.returncode == 0, r.stderr
    assert r.stdout == (
        "attached 4 lines to conversation 1; who spoke is not known: no speaker in it is them or "
        "you; attach again with --me NAME\n"
    )
    assert [c["question_id"] for c in shown(held)["transcript"]] == ["start", "start", "like-most", "like-most"]
    md = run_cli("export", "latest", "--db", str(held)).stdout
    assert "Talk: who spoke is not known" in md and "Talk: other 100%" not in md
    store = Store.open(held)
    assert store.talk_by_conversation(store.people()[0].id) == []
    store.close()


def test_the_brief_recalls_their_share_of_the_talking(held: Path) -> None:
    run_cli("transcript", "attach", "latest", str(FILES / "teams.vtt"), "--db", str(held))
    talk = shown(held)["talk"]
    theirs = round(100 * talk["them"] / sum(talk.values()))
    brief = run_cli("brief", "Ada", "--db", str(held))
    assert f"They did {theirs}% of the talking in the last call with a transcript" in brief.stdout
    assert json.loads(run_cli("brief", "Ada", "--json", "--db", str(held)).stdout)["their_talk"] == [theirs]


def test_talk_shares_come_from_the_last_calls_only_and_never_from_unnamed_captions(tmp_path: Path) -> None:
    from growtui.store import CueRecord

    store = Store.open(tmp_path / "g.db")
    ada = store.add_person("Ada Lovelace")
    convs = []
    for day, them in enumerate((10, 20, 30, 40, 50), 1):  # seconds of 100 she spoke, call by call
        store.clock = lambda day=day: f"2026-11-{day:02d}T10:00:00"  # type: ignore[method-assign]
        conv = store.start_conversation(ada, "first-meeting")
        cues = [
            CueRecord(0, them, "Ada", "them", "mine", GENERAL),
            CueRecord(them, 100, "Dana", "me", "yours", GENERAL),
        ]
        store.attach_transcript(conv, "call.vtt", "webvtt", 0, "", cues)
        convs.append(conv)
    captions = store.start_conversation(ada, "first-meeting")
    store.attach_transcript(captions, "cc.vtt", "webvtt", 0, "", [CueRecord(0, 100, "", "other", "words", GENERAL)])
    assert store.talk_by_conversation(ada, 3) == [(convs[2], 30, 100), (convs[3], 40, 100), (convs[4], 50, 100)]
    assert [store.their_share(c) for c in (convs[0], captions)] == [10, None]
    store.close()


def test_one_damaged_cue_among_good_ones_refuses_the_file_rather_than_lose_its_words(
    held: Path, tmp_path: Path
) -> None:
    """webvtt-py skips a cue whose time line it cannot read, silently: those words would be
    missing from the transcript with nothing said."""
    vtt = tmp_path / "call.vtt"
    vtt.write_text(
        "WEBVTT\n\nNOTE exported by hand\n\n1\n00:00:06.000 --> 00:00:09.000\nDana: How did you start?\n\n"
        "2\n00:00:09.000 --> 00:00:14,000\nAda: Logo at school.\n"
    )
    r = run_cli("transcript", "attach", "latest", str(vtt), "--db", str(held))
    assert r.returncode == 1 and r.stderr == (
        f"growtui: {vtt}: line 10: not a cue's time line ('00:00:09.000 --> "
        "00:00:14,000'; one reads like 00:01:02.500 --> 00:01:05.000)\n"
    )
    assert run_cli("transcript", "show", "latest", "--db", str(held)).returncode == 1


# -- #24: transcripts that stopped the app, the brief or the saving of notes ---------


def vtt(cues: list[tuple[str, str, str]]) -> str:
    return "WEBVTT\n\n" + "\n".join(f"{a} --> {b}\n{words}\n" for a, b, words in cues)


def test_cues_of_no_length_or_backwards_say_nothing_of_the_talking(held: Path, tmp_path: Path) -> None:
    """Zero-length cues once stopped the brief (and every new conversation) on a
    division by zero; backwards ones gave 'They did 112% of the talking'."""
    file = tmp_path / "zero.vtt"
    file.write_text(
        vtt(
            [
                ("00:00:06.000", "00:00:06.000", "Dana Manager: How did you start?"),
                ("00:00:10.000", "00:00:10.000", "Ada Lovelace: With Logo at school."),
            ]
        )
    )
    assert run_cli("transcript", "attach", "latest", str(file), "--db", str(held)).returncode == 0
    r = run_cli("brief", "Ada Lovelace", "--db", str(held))
    assert r.returncode == 0 and "of the talking" not in r.stdout, r.stderr
    file.write_text(
        vtt(
            [
                ("00:00:06.000", "00:00:02.000", "Dana Manager: How did you start?"),
                ("00:00:10.000", "00:00:30.000", "Ada Lovelace: With Logo at school."),
            ]
        )
    )
    assert run_cli("transcript", "attach", "latest", str(file), "--replace", "--db", str(held)).returncode == 0
    r = run_cli("brief", "Ada Lovelace", "--db", str(held))
    assert r.returncode == 0 and "They did 100% of the talking" in r.stdout, r.stdout


def test_a_name_in_another_unicode_form_is_the_same_person(tmp_path: Path) -> None:
    import unicodedata

    db = tmp_path / "g.db"
    store = Store.open(db, clock=lambda: "2026-12-01T10:00:00")
    store.start_conversation(store.add_person("Zoë Ångström"), "first-meeting")
    store.close()
    file = tmp_path / "nfd.vtt"  # as macOS writes names: decomposed
    file.write_text(
        vtt(
            [
                ("00:00:01.000", "00:00:05.000", "Dana Manager: How did you start?"),
                ("00:00:06.000", "00:00:50.000", unicodedata.normalize("NFD", "Zoë Ångström: With Logo.")),
            ]
        )
    )
    r = run_cli("transcript", "attach", "latest", str(file), "--db", str(db))
    assert r.returncode == 0 and "them 92%" in r.stdout, r.stdout + r.stderr
    file.write_text(
        vtt(
            [
                ("00:00:01.000", "00:00:05.000", "Ｄａｎａ: Hi."),  # fullwidth, as some IMEs type
                ("00:00:06.000", "00:00:50.000", "ZOË: Hello."),
            ]
        )
    )
    r = run_cli("transcript", "attach", "latest", str(file), "--replace", "--me", "dana", "--db", str(db))
    assert r.returncode == 0 and "them 92% · me 8%" in r.stdout, r.stdout + r.stderr


@pytest.mark.parametrize(
    "args, problem",
    [
        (["--offset", "1e12"], "--offset 1000000000000.0: give the seconds"),
        (["--offset", "inf"], "--offset inf: give the seconds"),
        (["--offset", "nan"], "--offset nan: give the seconds"),
    ],
)
def test_bad_numbers_are_one_clear_line(held: Path, args: list[str], problem: str) -> None:
    r = run_cli("transcript", "attach", "latest", str(FILES / "teams.vtt"), *args, "--db", str(held))
    assert r.returncode == 1 and r.stderr.startswith(f"growtui: {problem}") and r.stderr.count("\n") == 1, r.stderr


def test_a_blank_me_is_no_name(held: Path) -> None:
    r = run_cli("transcript", "attach", "latest", str(FILES / "teams.vtt"), "--me", " ", "--db", str(held))
    assert r.returncode == 0 and "unexpected" not in r.stderr, r.stderr


def test_a_transcript_past_the_bounds_is_refused_in_one_line(held: Path, tmp_path: Path) -> None:
    many = tmp_path / "many.srt"
    many.write_text(
        "".join(f"{n + 1}\n00:00:{n % 60:02d},000 --> 00:00:{n % 60:02d},500\nAda: word\n\n" for n in range(50_001))
    )
    r = run_cli("transcript", "attach", "latest", str(many), "--db", str(held))
    assert r.returncode == 1 and "50,001 cues" in r.stderr and r.stderr.count("\n") == 1, r.stderr
    huge = tmp_path / "one-cue.vtt"
    huge.write_text(vtt([("00:00:06.000", "00:00:09.000", "Ada Lovelace: " + "word " * 3000)]))
    r = run_cli("transcript", "attach", "latest", str(huge), "--db", str(held))
    assert r.returncode == 1 and "14,999 characters" in r.stderr, r.stderr
    assert shown_or_none(held) is None  # nothing stored


def shown_or_none(db: Path) -> object:
    r = run_cli("transcript", "show", "latest", "--json", "--db", str(db))
    return json.loads(r.stdout) if r.returncode == 0 else None


def test_srt_hours_past_any_clock_are_one_clear_line(held: Path, tmp_path: Path) -> None:
    file = tmp_path / "hours.srt"
    file.write_text("1\n99999999:00:00,000 --> 99999999:00:01,000\nAda: hello\n\n")
    r = run_cli("transcript", "attach", "latest", str(file), "--db", str(held))
    assert r.returncode == 1 and "unexpected" not in r.stderr and r.stderr.count("\n") == 1, r.stderr
    file.write_text(vtt([("999999999999:00:00.000", "999999999999:00:01.000", "Ada: hello")]))
    r = run_cli("transcript", "attach", "latest", str(file), "--db", str(held))
    assert r.returncode == 1 and "unexpected" not in r.stderr and r.stderr.count("\n") == 1, r.stderr


def test_lone_cr_line_endings_keep_cues_apart(held: Path, tmp_path: Path) -> None:
    file = tmp_path / "mac.srt"  # classic Mac OS line endings
    file.write_bytes((FILES / "call.srt").read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r"))
    r = run_cli("transcript", "attach", "latest", str(file), "--db", str(held))
    assert r.returncode == 0, r.stderr
    expected = run_cli("transcript", "attach", "latest", str(FILES / "call.srt"), "--replace", "--db", str(held))
    assert r.stdout.split(" lines")[0] == expected.stdout.split(" lines")[0]


def test_a_full_disk_while_attaching_is_one_line_and_stores_nothing(small_disk: Path, tmp_path: Path) -> None:
    from test_shared_db import fill

    db = small_disk / "g.db"
    store = Store.open(db, clock=lambda: "2026-12-01T10:00:00")
    store.start_conversation(store.add_person("Ada Lovelace"), "first-meeting")
    store.close()
    file = tmp_path / "long.vtt"
    file.write_text(
        vtt(
            [
                (
                    f"00:{n // 60:02d}:{n % 60:02d}.000",
                    f"00:{n // 60:02d}:{n % 60:02d}.900",
                    "Ada Lovelace: " + "a long answer about the roadmap " * 4,
                )
                for n in range(3000)
            ]
        )
    )
    held_open = Store.open(db)  # (another window: the WAL and its index exist, as while the app is open)
    filler = fill(small_disk)
    try:
        r = run_cli("transcript", "attach", "latest", str(file), "--db", str(db))
    finally:
        filler.unlink()
        held_open.close()
    assert r.returncode == 1 and "is full" in r.stderr and "OperationalError" not in r.stderr, r.stderr
    assert shown_or_none(db) is None


async def test_attaching_a_long_transcript_in_the_app_never_holds_the_note_writer(
    held: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading and aligning run on a thread of their own: notes typed meanwhile are
    saved as usual (the attach once ran on the writer, for minutes with a big file)."""
    import threading

    import growtui.transcripts as transcripts

    from conftest import make_app

    reading = threading.Event()
    go_on = threading.Event()
    real_read = transcripts.read

    def slow_read(path: Path) -> object:  # a file that takes long to read
        reading.set()
        go_on.wait(30)
        return real_read(path)

    monkeypatch.setattr(transcripts, "read", slow_read)
    store = Store.open(held)
    store.set_status(store.latest_conversation_id(), "to-be-continued")
    store.close()
    app = make_app(held)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "enter")
        for _ in range(50):
            await pilot.pause(0.05)
            if app.screen.__class__.__name__ == "ConversationScreen":
                break
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#file").value = str(FILES / "teams.vtt")
        await pilot.press("enter")
        assert await asyncio.to_thread(reading.wait, 10)
        await pilot.press("escape")  # back to the conversation while the file is read
        await pilot.pause()
        app.screen.query_one("#notes").insert("typed while it reads")
        await pilot.pause(0.7)
        assert await asyncio.to_thread(app.writer.flush, 5), "the writer was held by the attach"
        saved = Store.open(held)
        assert "typed while it reads" in saved.records(saved.latest_conversation_id())["like-most"].notes
        saved.close()
        go_on.set()
        for _ in range(100):
            await pilot.pause(0.05)
            s = Store.open(held)
            attached = s.transcript(s.latest_conversation_id())
            s.close()
            if attached:
                break
        assert attached and attached.cues > 0
        await pilot.press("ctrl+q")


async def test_the_longest_transcript_opens_at_once_and_esc_leaves_while_it_fills(held: Path) -> None:
    """The most a transcript may hold (50,000 cues): t shows a screenful at once and
    the rest as it is read; esc is answered meanwhile (a 300,000-cue one took 60 s and
    ignored esc and ctrl+q for minutes)."""
    from growtui.screens.conversation_view import ConversationView
    from growtui.screens.transcript_view import TranscriptView
    from growtui.store import CueRecord
    from growtui.transcripts import MAX_CUES

    from conftest import make_app, until

    store = Store.open(held)
    conv = store.latest_conversation_id()
    store.attach_transcript(
        conv,
        "long.vtt",
        "webvtt",
        0,
        "",
        [
            CueRecord(
                n * 0.5,
                n * 0.5 + 0.4,
                "Ada Lovelace" if n % 2 else "Dana",
                "them" if n % 2 else "me",
                f"line {n} " + "words " * 12,
                "start" if n < MAX_CUES // 2 else "like-most",
            )
            for n in range(MAX_CUES)
        ],
    )
    store.close()
    app = make_app(held)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(ConversationView(conv))
        await pilot.pause()
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, TranscriptView) and app.screen.lines_shown > 0)
        view = app.screen
        assert isinstance(view, TranscriptView)
        assert 0 < view.batches[0] <= 30  # a screenful first, alone (the rest may be in by now on a quick machine)
        shown = view.query_one("#transcript-log").lines[:3]  # type: ignore[attr-defined]
        assert shown[0].startswith("▌ How did you start with programming?") and "Dana: line 0 words" in shown[1]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConversationView)  # answered while the rest was being read
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, TranscriptView) and app.screen.complete, timeout=120)
        view = app.screen
        assert isinstance(view, TranscriptView) and view.complete
        assert view.lines_shown >= MAX_CUES  # every cue (wrapped: some take two lines)
        assert view.batches[0] <= 30 and len(view.batches) > 2
        await pilot.press("ctrl+q")


def long_srt(path: Path, cues: int) -> Path:
    path.write_text(
        "".join(
            f"{n + 1}\n{n // 3600:02d}:{n // 60 % 60:02d}:{n % 60:02d},000 --> "
            f"{n // 3600:02d}:{n // 60 % 60:02d}:{n % 60:02d},800\nAda Lovelace: words about the "
            f"roadmap number {n}\n\n"
            for n in range(cues)
        )
    )
    return path


def test_storing_the_longest_transcript_holds_the_write_lock_a_little_at_a_time(held: Path, tmp_path: Path) -> None:
    """Another window's saves wait for a chunk, not for the whole transcript (one
    transaction held the lock for seconds: an open window said 'database is locked'
    and a kill -9 then lost what it could not save). Measured as a ratio: the longest
    wait of a save beside it, against the time the whole attach took."""
    import sqlite3
    import subprocess
    import time

    from conftest import BIN

    from growtui.transcripts import MAX_CUES

    file = long_srt(tmp_path / "day.srt", MAX_CUES)
    other = sqlite3.connect(held, timeout=60, isolation_level=None)
    started = time.monotonic()
    attach = subprocess.Popen(
        [str(BIN / "growtui"), "transcript", "attach", "latest", str(file), "--db", str(held)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    waits = []
    while attach.poll() is None:
        t = time.monotonic()
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE people SET role = ? WHERE id = 1", (f"saved at {t}",))
        other.execute("COMMIT")
        waits.append(time.monotonic() - t)
        time.sleep(0.01)
    took = time.monotonic() - started
    out, err = attach.communicate()
    assert attach.returncode == 0, err
    assert f"attached {MAX_CUES} lines" in out
    assert len(waits) > 5 and max(waits) < took / 4, (max(waits), took)
    other.close()


def test_a_transcript_cut_off_while_it_is_stored_is_never_read_and_the_next_attach_clears_it(
    held: Path, tmp_path: Path
) -> None:
    import signal
    import subprocess
    import time

    from conftest import BIN

    store = Store.open(held)
    conv = store.latest_conversation_id()
    store.close()
    file = long_srt(tmp_path / "day.srt", 50_000)
    attach = subprocess.Popen(
        [str(BIN / "growtui"), "transcript", "attach", "latest", str(file), "--db", str(held)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    watch = sqlite3_connect(held)
    while (
        attach.poll() is None
        and not watch.execute("SELECT count(*) FROM transcript_cues WHERE conversation_id = ?", (conv,)).fetchone()[0]
    ):
        time.sleep(0.01)  # until the first cues are in
    attach.send_signal(signal.SIGKILL)
    attach.wait()
    stored = watch.execute("SELECT count(*) FROM transcript_cues").fetchone()[0]
    watch.close()
    assert 0 < stored < 50_000  # cut off part way
    assert run_cli("transcript", "show", "latest", "--db", str(held)).returncode == 1  # not there for anything
    r = run_cli("search", "roadmap", "--json", "--db", str(held))
    assert r.returncode == 1 and json.loads(r.stdout) == []  # (as grep: 1 when nothing is found)
    r = run_cli("transcript", "attach", "latest", str(FILES / "teams.vtt"), "--db", str(held))  # no --replace needed
    assert r.returncode == 0, r.stderr
    assert len(shown(held)["transcript"]) == int(r.stdout.split()[1])


def sqlite3_connect(db: Path):  # type: ignore[no-untyped-def]
    import sqlite3

    return sqlite3.connect(db, timeout=30)


def test_a_transcript_naming_only_the_manager_says_nothing_of_their_share(held: Path, tmp_path: Path) -> None:
    """It said 'They did 0% of the talking' (me 72% · other 28%): their side is not known (#25.4b)."""
    file = tmp_path / "only-me.vtt"
    file.write_text(
        vtt(
            [
                ("00:00:06.000", "00:00:20.000", "Dana Manager: How did you start?"),
                ("00:00:21.000", "00:00:30.000", "Someone Else: I joined late."),
            ]
        )
    )
    r = run_cli("transcript", "attach", "latest", str(file), "--me", "Dana", "--db", str(held))
    assert r.returncode == 0, r.stderr
    brief = run_cli("brief", "Ada Lovelace", "--json", "--db", str(held))
    assert json.loads(brief.stdout)["their_talk"] == []
    assert "of the talking" not in run_cli("brief", "Ada Lovelace", "--db", str(held)).stdout


def test_lines_after_the_end_are_said(held: Path) -> None:
    """A recording that ran on after the conversation put its lines under the last
    question without a word (#25.8)."""
    r = run_cli("transcript", "attach", "latest", str(FILES / "zoom.transcript.vtt"), "--db", str(held))
    assert r.returncode == 0, r.stderr
    assert "note: 1 line was said after the conversation ended (the recording ran 1 min past it)" in r.stdout
    r = run_cli(
        "transcript", "attach", "latest", str(FILES / "teams.vtt"), "--replace", "--offset", "-60", "--db", str(held)
    )  # a minute earlier: it ends within the conversation
    assert r.returncode == 0 and "note:" not in r.stdout, r.stdout


def test_lines_after_the_end_can_be_left_out_from_the_command_line(held: Path) -> None:
    """--until-end leaves out what was said after the conversation ended (#25.8)."""
    file = str(FILES / "zoom.transcript.vtt")
    kept = run_cli("transcript", "attach", "latest", file, "--db", str(held))
    assert "--until-end" in kept.stdout  # (the note says how to leave them out)
    assert any("after we ended" in c["text"] for c in shown(held)["transcript"])
    r = run_cli("transcript", "attach", "latest", file, "--replace", "--until-end", "--db", str(held))
    assert r.returncode == 0, r.stderr
    assert "note: 1 line was said after the conversation ended (the recording ran 1 min past it): left out" in r.stdout
    assert not any("after we ended" in c["text"] for c in shown(held)["transcript"])


async def test_attached_in_the_view_it_offers_to_leave_out_the_lines_after_the_end_and_shows_them(held: Path) -> None:
    """The read-only view showed no lines until reopened, and the lines after the end
    went under the last question with no offer to leave them out (#25.8)."""
    from growtui.screens.conversation_view import ConversationView
    from growtui.screens.forms import ChoiceScreen

    from conftest import make_app, until

    store = Store.open(held)
    conv = store.latest_conversation_id()
    store.close()
    app = make_app(held)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(ConversationView(conv))
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*str(FILES / "zoom.transcript.vtt"), "enter")
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        assert "1 line was said after the conversation ended" in app.screen.question  # type: ignore[attr-defined]
        view = app.screen_stack[-2]
        assert isinstance(view, ConversationView) and "BASIC on my uncle" in view.source  # (shown once attached)
        assert "after we ended" in view.source
        await pilot.press("down", "enter")  # leave them out
        await until(pilot, lambda: "after we ended" not in view.source)
        assert isinstance(app.screen, ConversationView)
        assert not any("after we ended" in c.text for c in app.store.cues_of(conv))
        await pilot.press("ctrl+q")

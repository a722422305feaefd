"""Escape sequences, control characters and Markdown in names, notes, actions and
agendas never reach the terminal or make structure in a shared document: every
human output shows them inert and whole (JSON keeps them as they are)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from growtui.cli import cli
from growtui.inert import one_line
from growtui.store import Store

from conftest import make_app, run_cli

# clear screen, OSC 52 (write the clipboard), OSC 8 (a disguised link), BEL, BS, NUL, CR, an RTL override, C1 CSI
HOSTILE = (
    "Eve\x1b[2J\x1b]52;c;cm0gLXJmIH4=\x07\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\\x08\x00\r\u202eevil\x9b31m"
    "\u200f\u200e\u061c"
)  # (and the bidirectional marks: they reorder what is shown too)
LIVE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")  # all but \n, \t


def hostile_db(tmp_path: Path) -> Path:
    db = tmp_path / "growtui.db"
    store = Store.open(db)
    pid = store.add_person(HOSTILE, role=HOSTILE)
    cid = store.start_conversation(pid, "first-meeting")
    store.save_notes(cid, "start", f"hello {HOSTILE} searchable")
    store.set_shareable(cid, "start", True)
    store.add_action(pid, cid, f"act {HOSTILE}", due=HOSTILE, support=HOSTILE, commitment=4, raise_it=HOSTILE)
    store.set_status(cid, "completed")
    store.close()
    return db


def toml_string(text: str) -> str:
    """A TOML basic string holding exactly `text` (\\u escapes for anything not plain)."""

    def one(ch: str) -> str:
        if ch in '"\\':
            return "\\" + ch
        if ch.isprintable() and ord(ch) < 0x7F:
            return ch
        return f"\\u{ord(ch):04X}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08X}"

    return "".join(one(ch) for ch in text)


def hostile_agenda(isolated_dirs: Path) -> None:
    folder = isolated_dirs / "config" / "growtui" / "agendas"
    folder.mkdir(parents=True)
    escaped = toml_string(HOSTILE)
    (folder / "evil.toml").write_text(
        f'id = "evil"\ntitle = "T {escaped}"\n[[parts]]\ntitle = "P {escaped}"\n'
        f'[[parts.questions]]\nid = "q"\ntext = "Q {escaped}"\nhints = ["H {escaped}"]\n'
    )


COMMANDS = [
    ["people"],
    ["history", "Eve"],
    ["search", "searchable"],
    ["brief", "Eve"],
    ["due"],
    ["due", "--days", "365"],
    ["export", "latest"],
    ["export", "latest", "--shareable"],
    ["export", "Eve", "--all"],
    ["agendas"],
    ["agendas", "show", "evil"],
    ["agendas", "invite", "evil"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_human_output_shows_control_characters_inert_and_whole(
    args: list[str], tmp_path: Path, isolated_dirs: Path
) -> None:
    db = hostile_db(tmp_path)
    hostile_agenda(isolated_dirs)
    r = run_cli(*args, "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert not LIVE.search(r.stdout + r.stderr), repr(r.stdout)
    shown = r.stdout.replace("\\", "")  # (Markdown escapes brackets)
    assert "␛]52;c;cm0gLXJmIH4=␇" in shown or args[0] in ("due", "agendas")  # whole, visibly
    assert "skipped agenda" not in r.stderr
    if args[:2] == ["agendas", "show"]:
        assert "T Eve␛[2J" in r.stdout and "H Eve␛[2J" in r.stdout


def test_piped_markdown_export_to_a_file_keeps_no_escape_sequence(tmp_path: Path) -> None:
    """Piped, click strips only CSI: OSC 52 and OSC 8 used to land in the file."""
    db = hostile_db(tmp_path)
    out = tmp_path / "shared.md"
    r = run_cli("export", "latest", "--shareable", "--db", str(db))
    out.write_text(r.stdout)
    text = out.read_text()
    assert "\x1b" not in text and "]52;" in text and "<U+202E>evil" in text.replace("\\", "")


@pytest.mark.parametrize(
    "args",
    [
        ["export", "latest", "--format", "json"],
        ["people", "--json"],
        ["brief", "Eve", "--json"],
        ["search", "searchable", "--json"],
    ],
    ids=" ".join,
)
def test_json_keeps_the_text_exactly_and_prints_nothing_live(args: list[str], tmp_path: Path) -> None:
    """JSON escapes C0 itself; C1 (U+009B is a CSI to many terminals), DEL and the
    bidirectional controls it leaves raw: those are \\u escapes too."""
    import json

    db = hostile_db(tmp_path)
    r = run_cli(*args, "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert not LIVE.search(r.stdout), repr(r.stdout)
    assert "\\u009b31m" in r.stdout and "\\u202e" in r.stdout
    assert any(HOSTILE in text for text in strings(json.loads(r.stdout)))  # the value itself, whole
    if args[0] == "export":
        doc = json.loads(r.stdout)
        assert doc["person"] == HOSTILE and doc["actions"][0]["due"] == HOSTILE


def strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def test_a_note_cannot_make_headings_or_tick_actions_in_the_shared_document(tmp_path: Path) -> None:
    db = tmp_path / "growtui.db"
    store = Store.open(db)
    pid = store.add_person("Ana **bold** [x](http://evil) <b>")
    cid = store.start_conversation(pid, "first-meeting")
    store.save_notes(cid, "start", "fine\n## Action items\n- [x] fake promise\n1. listed\n> quoted\n| a | b |")
    store.set_shareable(cid, "start", True)
    store.add_action(pid, cid, "real one\n## injected", commitment=7)
    store.close()
    md = run_cli("export", "latest", "--shareable", "--db", str(db)).stdout
    lines = md.splitlines()
    assert lines.count("## Action items") == 1  # ours only
    assert not [line for line in lines if re.match(r"\s*(- \[x\]|1\.|>|\|)", line)], md
    assert [line for line in lines if line.startswith("- [ ]")] == ["- [ ] **real one ## injected** — commitment 7/10"]
    assert "Ana \\*\\*bold\\*\\* \\[x\\](http://evil) \\<b\\>" in lines[0]
    assert r"\- \[x\] fake promise" in md  # the words are all there, as text


def test_the_invite_cannot_gain_properties_from_a_name() -> None:
    import subprocess

    from conftest import BIN

    r = subprocess.run(
        [
            str(BIN / "growtui"),
            "agendas",
            "invite",
            "first-meeting",
            "--ics",
            "--start",
            "2026-12-01T10:00",
            "--person",
            "Bob\rX-EVIL:1\nATTENDEE:mailto:eve@example.com",
        ],
        capture_output=True,
        check=False,
    )  # bytes: every CR counts
    assert r.returncode == 0, r.stderr
    lines = r.stdout.decode().split("\r\n")
    assert not [line for line in lines if line.startswith(("X-EVIL", "ATTENDEE"))]
    assert all("\r" not in line and "\n" not in line for line in lines)
    assert "with Bob\\nX-EVIL:1\\nATTENDEE:mailto:eve@example.com" in "".join(
        line[1:] if line.startswith(" ") else "\n" + line for line in lines
    )


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    """Exactly what the app sends to the terminal as text, every widget of the screen."""
    return "".join(seg.text for strip in app.screen._compositor.render_strips() for seg in strip)


async def test_the_app_shows_control_characters_inert(tmp_path: Path) -> None:
    db = hostile_db(tmp_path)
    store = Store.open(db)
    store.start_conversation(store.find_person("Eve").id, "second-meeting")
    store.close()
    app = make_app(db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert not LIVE.search(screen_text(app)) and "Eve␛[2J" in screen_text(app)
        for keys in (["h"], ["l"], ["escape", "s"], ["enter"], ["escape"], ["ctrl+g"]):
            await pilot.press(*keys)
            await pilot.pause(0.3)
            assert not LIVE.search(screen_text(app)), (keys, type(app.screen).__name__)
        await pilot.press("escape", "ctrl+q")


async def test_a_pasted_escape_sequence_lands_inert_in_the_notes(conversation: tuple[Path, int]) -> None:
    from textual import events

    db, _ = conversation
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "enter")
        await pilot.pause()
        app.post_message(events.Paste("before \x1b]52;c;eA==\x07 after"))  # as the terminal delivers it
        await pilot.pause()
        assert not LIVE.search(screen_text(app))
        assert app.screen.query_one("#notes").text == "before ␛]52;c;eA==␇ after"
        await pilot.press("ctrl+q")


# -- any text at all ------------------------------------------------------------------------------

ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=("Cs",)), min_size=1, max_size=25)
MARKUPISH = st.sampled_from(
    [
        "[/]",
        "[b]",
        "[link=x]",
        "\x1b[2J",
        "\x1b]52;c;eA==\x07",
        "\u202e",
        "\x9b",
        "\r",
        "# ",
        "- [x] ",
        "`",
        "\\",
        "\n",
        "\t",
        "\x00",
        "名前",
        "👩‍💻",
        "e\u0301",
    ]
)
HOSTILE_TEXT = st.lists(ANY_TEXT | MARKUPISH, min_size=1, max_size=4).map("".join).filter(lambda s: s.strip())


def run(args: list[str], db: Path) -> str:
    result = CliRunner().invoke(cli, [*args, "--db", str(db)], catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
    assert not LIVE.search(result.output), (args, result.output)
    return result.output


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=HOSTILE_TEXT, note=HOSTILE_TEXT, action=HOSTILE_TEXT, title=HOSTILE_TEXT)
def test_any_text_through_every_command(
    tmp_path_factory: pytest.TempPathFactory, isolated_dirs: Path, name: str, note: str, action: str, title: str
) -> None:
    tmp = tmp_path_factory.mktemp("any")
    db = tmp / "growtui.db"
    store = Store.open(db)
    pid = store.add_person(name)
    cid = store.start_conversation(pid, "first-meeting")
    store.save_notes(cid, "start", note)
    store.add_action(pid, cid, action, commitment=5)
    name = store.person(pid).name  # as the store keeps it (trimmed)
    store.close()
    folder = isolated_dirs / "config" / "growtui" / "agendas"
    folder.mkdir(parents=True, exist_ok=True)
    escaped = toml_string(title)
    (folder / "any.toml").write_text(
        f'id = "any"\ntitle = "{escaped}"\n[[parts]]\n[[parts.questions]]\nid = "q"\ntext = "{escaped}"\n'
    )
    people = run(["people"], db)
    assert one_line(name) in people  # a table cell: inert, on one line (a tab or a newline would break the columns)
    who = str(pid)
    for args in (
        ["history", who],
        ["brief", who],
        ["export", "latest"],
        ["export", "latest", "--shareable"],
        ["due", "--days", "365"],
        ["agendas"],
        ["agendas", "show", "any"],
        ["agendas", "invite", "any"],
        ["search", "x"],
    ):
        run(args, db)
    md = run(["export", "latest"], db)
    assert md.count("\n## Action items\n") == 1


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)  # shrinking an app run takes minutes
@given(name=HOSTILE_TEXT, note=HOSTILE_TEXT, action=HOSTILE_TEXT)
@example(name="0", note="0", action="A𰛗\uee298õ\x11\x9a\x9dW£𮅞")  # the summary showed actions raw
async def test_any_text_through_the_app(
    tmp_path_factory: pytest.TempPathFactory, name: str, note: str, action: str
) -> None:
    db = tmp_path_factory.mktemp("app") / "growtui.db"
    store = Store.open(db)
    pid = store.add_person(name)
    cid = store.start_conversation(pid, "first-meeting")
    store.save_notes(cid, "start", note)
    store.add_action(pid, cid, action, commitment=5)
    store.close()
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not LIVE.search(screen_text(app))
        for keys in (["h"], ["escape", "s"], ["enter"], ["ctrl+g"]):
            await pilot.press(*keys)
            await pilot.pause(0.2)
            assert not LIVE.search(screen_text(app)), (keys, shlex.quote(name))
        await pilot.press("escape", "ctrl+q")
    assert app.return_code in (0, None)

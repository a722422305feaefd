"""Bundled agendas carry the seeds faithfully; bad files give one clear error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from growtui.agendas import AgendaError, Library, load_library, parse_agenda

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
# Bare labels in the seed that introduce follow-ups; they are structure, not content.
LABELS = {"Follow up questions could be:", "Follow ups:"}


# Two typos of the source text, fixed in the agendas (the spelling, never the wording).
SPELLING = {"What are you immediate": "What are your immediate", "then they we will": "then we will"}


def _norm(text: str) -> str:
    for typo, fixed in SPELLING.items():
        text = text.replace(typo, fixed)
    return re.sub(r"\s+", " ", text.replace("*", "")).strip().rstrip()


def _seed_text(name_part: str) -> str:
    files = sorted(SEEDS.glob("*.txt"))
    if not files:
        pytest.skip("seeds are not beside this checkout")
    return next(f.read_text(encoding="utf-8") for f in files if name_part in f.read_text(encoding="utf-8"))


def _seed_section(text: str, start: str, end: str | None) -> tuple[list[str], list[str]]:
    """Numbered questions and indented bullets between two headings."""
    body = text.split(start, 1)[1]
    if end:
        body = body.split(end, 1)[0]
    questions, bullets = [], []
    for line in body.splitlines():
        if m := re.match(r"^\d+\.\s+(.*)$", line):
            questions.append(_norm(m.group(1)))
        elif m := re.match(r"^\s+-\s+(.*)$", line):
            if _norm(m.group(1)) not in LABELS:
                bullets.append(_norm(m.group(1)))
    return questions, bullets


def _career_cases() -> list[tuple[str, str, str | None]]:
    return [
        ("first-meeting", "### Agenda for the 1-1", "## Purpose Of Second Meeting"),
        ("second-meeting", "## Purpose Of Second Meeting", "## Purpose Of Third Meeting"),
        ("third-meeting-grow", "### Your support agenda for the 1-1", "[career_conversations_matrix_png]:"),
    ]


# Where the agendas carry the seed in another shape, on purpose: the third meeting's
# "Action items" heads the Will questions, so its first sub-bullet is the question
# (the invite keeps the heading's words); rewordings are kept apart from follow-ups;
# hints may name a key ("({key:defer-question} marks it for next time.)"); the first
# meeting asks the cadence its purpose speaks of (not in the seed's list).
HEADINGS = {"will-actions": "Action items"}
KEY_NOTE = re.compile(r"\s*\(\{key:[a-z-]+\}[^)]*\)")


@pytest.mark.parametrize("agenda_id,start,end", _career_cases())
def test_career_agendas_match_seed(library: Library, agenda_id: str, start: str, end: str | None) -> None:
    seed = _seed_text("Career Conversations")
    questions, bullets = _seed_section(seed, start, end)
    agenda = library.get(agenda_id)
    nodes = [n for n in agenda.nodes() if n.top.answered_by != "cadence"]
    ours_q = [_norm(HEADINGS.get(n.item.id, n.item.text)) for n in nodes if n.depth == 0]
    ours_nested = (
        [_norm(n.item.text) for n in nodes if n.depth > 0 or n.item.id in HEADINGS]
        + [_norm(KEY_NOTE.sub("", h)) for n in nodes for h in n.item.hints if KEY_NOTE.sub("", h)]
        + [_norm(r) for n in nodes for r in n.item.rewordings]
    )
    assert ours_q == questions
    assert sorted(ours_nested) == sorted(bullets)  # every follow-up and hint, nothing more
    assert agenda.node("will-actions") is None or agenda.invite_lines()[-1] == "Action items"


def test_hints_and_followups_are_told_apart(library: Library) -> None:
    third = library.get("third-meeting-grow")
    stops = third.node("reality-stops").item
    assert "Listen on their language" in stops.hints[0]
    assert [f.text for f in stops.followups] == [
        "What effect does this have?",
        "How do you know that this is accurate?",
    ]
    like = third.node("options-have-like").item
    assert like.hints and "will is low" in like.hints[0]
    assert library.get("first-meeting").node("start-learned-university").depth == 2


def test_third_meeting_invite_is_the_seven_item_agenda(library: Library) -> None:
    seed = _seed_text("Career Conversations")
    invite, _ = _seed_section(seed, "### Agenda for the 1-1\n1. What outcome", "### Your support agenda")
    invite = ["What outcome would you like from this discussion?"] + invite  # the split ate the first line
    assert [_norm(x) for x in library.get("third-meeting-grow").invite_lines()] == invite
    assert len(invite) == 7
    assert [p.title for p in library.get("third-meeting-grow").parts] == [
        "Goal",
        "Reality",
        "Options/Obstacles",
        "Will/Way Forward",
    ]


def test_grow_check_in_matches_question_bank(library: Library) -> None:
    seed = _seed_text("GROW = Goal")
    agenda = library.get("grow-check-in")
    assert [p.title for p in agenda.parts] == ["Goal", "Reality", "Options", "Will"]
    for part in agenda.parts:
        block = seed.split(f"\n{part.title}\n", 1)[1]
        bank = [_norm(l[2:]) for l in block.splitlines() if l.startswith("- ")][:3]
        assert [_norm(q.text) for q in part.questions] == bank
        assert part.purpose.split(".")[0] in block


def test_invite_excludes_followups(library: Library) -> None:
    lines = library.get("first-meeting").invite_lines()
    assert len(lines) == 5
    assert not any("university" in line for line in lines)


def test_series_order(library: Library) -> None:
    assert [a.id for a in library.series()] == [
        "first-meeting",
        "second-meeting",
        "third-meeting-grow",
        "grow-check-in",
    ]


GOOD = """
id = "mine"
title = "Mine"
[[parts]]
[[parts.questions]]
id = "a"
text = "Question A?"
"""


@pytest.mark.parametrize(
    "text,place,problem",
    [
        ('id = "x"\ntitle = @\n', "line 2, column 9", "TOML syntax: Invalid value"),
        ("id = [", "end of file", "TOML syntax"),
        ('title = "x"\n[[parts]]\n[[parts.questions]]\nid="a"\ntext="t"', "id", "Field required"),
        (GOOD.replace('text = "Question A?"', 'text = ""'), "parts[0].questions[0].text", "at least 1"),
        (
            GOOD + '[[parts.questions.followups]]\nid = "a"\ntext = "again"\n',
            "parts[0].questions[0].followups[0].id",
            "duplicate id 'a'",
        ),
        (GOOD.replace('id = "a"', 'id = "Bad Id"'), "parts[0].questions[0].id", "pattern"),
        (GOOD + 'colour = "red"\n', "parts[0].questions[0].colour", "Extra inputs"),
        (GOOD.replace('title = "Mine"', 'title = "Mine"\ninvite = ["zzz"]'), "invite[0]", "'zzz' is not a top-level"),
        ('id = "x"\ntitle = "x"\nparts = []\n', "parts", "at least 1"),
    ],
)
def test_bad_agenda_names_file_place_and_problem(text: str, place: str, problem: str) -> None:
    with pytest.raises(AgendaError) as err:
        parse_agenda(text, "/some/where/mine.toml")
    message = str(err.value)
    assert message.startswith("/some/where/mine.toml: ")
    assert err.value.place == place
    assert problem in message
    assert "\n" not in message


def test_user_agendas_add_and_replace_and_bad_ones_are_reported(tmp_path: Path) -> None:
    folder = tmp_path / "agendas"
    folder.mkdir()
    (folder / "mine.toml").write_text(GOOD, encoding="utf-8")
    (folder / "override.toml").write_text(
        GOOD.replace('"mine"', '"first-meeting"').replace('"Mine"', '"My first"'), encoding="utf-8"
    )
    (folder / "broken.toml").write_text("id = ", encoding="utf-8")
    lib = load_library(folder)
    assert lib.get("mine").title == "Mine"
    assert lib.get("first-meeting").title == "My first"
    assert lib.is_user("mine") and not lib.is_user("second-meeting")
    assert len(lib.errors) == 1 and lib.errors[0].path.name == "broken.toml"
    assert "second-meeting" in lib.agendas  # the rest still load


def test_the_source_texts_typos_are_fixed_in_the_agendas() -> None:
    text = " ".join(p.read_text() for p in (Path(__file__).resolve().parents[1] / "agendas").glob("*.toml"))
    assert all(typo not in text for typo in SPELLING) and all(fixed in text for fixed in SPELLING.values())

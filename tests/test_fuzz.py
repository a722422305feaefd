"""Property-based: whatever the agenda or config file holds, the loader returns a
valid result or the project's own one-line error, never another exception."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from growtui.agendas import Agenda, AgendaError, parse_agenda
from growtui.config import Config, load_config
from growtui.errors import GrowtuiError

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20))
toml_keys = st.sampled_from(
    [
        "id",
        "title",
        "purpose",
        "series",
        "invite",
        "parts",
        "questions",
        "text",
        "hints",
        "followups",
        "stage",
        "invite_text",
        "x",
    ]
) | st.text(max_size=6)


def toml_value(depth: int = 3) -> st.SearchStrategy[object]:
    leaves = st.one_of(st.text(max_size=30), st.integers(-5, 20), st.booleans(), st.floats(allow_nan=False))
    if depth == 0:
        return leaves
    inner = toml_value(depth - 1)
    return st.one_of(leaves, st.lists(inner, max_size=4), st.dictionaries(toml_keys, inner, max_size=5))


def to_toml(value: object) -> str:
    """A small TOML writer for generated structures (inline tables, so any nesting works)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if value == value and abs(value) != float("inf") else "0"
    if isinstance(value, str):
        return '"' + value.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(to_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{to_toml(str(k))} = {to_toml(v)}" for k, v in value.items()) + "}"
    raise TypeError(value)


def check_agenda(text: str) -> None:
    try:
        agenda = parse_agenda(text, "fuzz.toml")
    except AgendaError as e:
        message = str(e)
        assert message.startswith("fuzz.toml: ") and "\n" not in message
        return
    assert isinstance(agenda, Agenda)
    agenda.invite_text()
    list(agenda.nodes())


@SETTINGS
@given(st.text(max_size=400))
def test_any_text_as_an_agenda(text: str) -> None:
    check_agenda(text)


@SETTINGS
@given(st.dictionaries(toml_keys, toml_value(), max_size=6))
def test_any_structure_as_an_agenda(data: dict) -> None:  # type: ignore[type-arg]
    body = "\n".join(f"{to_toml(str(k))} = {to_toml(v)}" for k, v in data.items())
    check_agenda(body)


question = st.fixed_dictionaries(
    {"id": st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True), "text": st.text(min_size=1, max_size=20)},
    optional={"hints": st.lists(st.text(max_size=10), max_size=2)},
)


@SETTINGS
@given(st.lists(st.lists(question, min_size=0, max_size=4), min_size=0, max_size=3), st.text(max_size=10))
def test_nearly_valid_agendas(parts: list, title: str) -> None:  # type: ignore[type-arg]
    data = {"id": "fuzz", "title": title, "parts": [{"questions": qs} for qs in parts]}
    check_agenda("\n".join(f"{k} = {to_toml(v)}" for k, v in data.items()))


@SETTINGS
@given(st.text(max_size=300))
def test_any_text_as_config(text: str) -> None:
    path = Path("/tmp") / "growtui-fuzz-config.toml"
    path.write_text(text, encoding="utf-8")
    try:
        assert isinstance(load_config(path), Config)
    except GrowtuiError as e:
        assert str(e).startswith(str(path))
    finally:
        path.unlink(missing_ok=True)


@SETTINGS
@given(
    st.dictionaries(
        st.sampled_from(["quit", "help", "next-question", "nope"]) | st.text(max_size=8),
        st.text(max_size=12) | st.integers(),
        max_size=4,
    )
)
def test_any_keymap(keymap: dict) -> None:  # type: ignore[type-arg]
    path = Path("/tmp") / "growtui-fuzz-keymap.toml"
    path.write_text(
        "[keymap]\n" + "\n".join(f"{to_toml(str(k))} = {to_toml(v)}" for k, v in keymap.items()), encoding="utf-8"
    )
    try:
        config = load_config(path)
    except GrowtuiError as e:
        assert str(e).startswith(str(path))
        return
    finally:
        path.unlink(missing_ok=True)
    from growtui.keys import BY_ID

    assert set(config.keymap) <= set(BY_ID)

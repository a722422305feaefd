"""Agendas: TOML data files, checked by pydantic (agenda_schema.py). Knows nothing of Textual.

An agenda has parts (Goal, Reality, ...), each with top-level questions; every
question may carry hints (for the manager's eyes) and follow-ups, nested as deep
as the file goes. Ids are stable: notes are keyed by them.

Checking a file costs ~90 ms of imports and model building, so what was checked
is kept in the user's cache folder and used again until a file (or this code)
changes: the app's first frame does not wait for pydantic.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from growtui import __version__, locations
from growtui.errors import GrowtuiError
from growtui.userfiles import UserFileError, parse_toml, read_text


@dataclass(frozen=True)
class Item:
    """A question, or a follow-up of one (same shape, nested)."""

    id: str
    text: str
    hints: tuple[str, ...] = ()
    followups: tuple[Item, ...] = ()
    invite_text: str | None = None
    rewordings: tuple[str, ...] = ()  # the same question put another way (not a follow-up)
    answered_by: str | None = None  # a field answers it: an action item's due, support or commitment; cadence
    makes: str | None = None  # its notes offer their plan a goal ("goal"), or how they will know ("measure")


@dataclass(frozen=True)
class Part:
    title: str
    stage: str | None  # goal, reality, options or will
    minutes: int | None  # an optional time box for the stage
    purpose: str
    questions: tuple[Item, ...]


@dataclass(frozen=True)
class Node:
    """One item of an agenda in tree order, with where it sits."""

    item: Item
    part: Part
    depth: int  # 0 for a top-level question
    top: Item  # the top-level question this node belongs to


@dataclass(frozen=True)
class Agenda:
    id: str
    title: str
    purpose: str
    series: int | None
    invite: tuple[str, ...] | None
    parts: tuple[Part, ...]
    bank: str | None = None  # another agenda whose questions are offered beside each part of the same stage

    def nodes(self) -> Iterator[Node]:
        """Every question and follow-up, depth first, in agenda order."""

        def walk(item: Item, part: Part, depth: int, top: Item) -> Iterator[Node]:
            yield Node(item, part, depth, top)
            for child in item.followups:
                yield from walk(child, part, depth + 1, top)

        for part in self.parts:
            for question in part.questions:
                yield from walk(question, part, 0, question)

    def questions(self) -> list[Item]:
        """Top-level questions in agenda order."""
        return [q for part in self.parts for q in part.questions]

    def node(self, item_id: str) -> Node | None:
        return next((n for n in self.nodes() if n.item.id == item_id), None)

    def invite_lines(self) -> list[str]:
        """The meeting-invite agenda: top-level questions only, never follow-ups."""
        tops = {q.id: q for q in self.questions()}
        chosen = [tops[i] for i in self.invite] if self.invite else list(tops.values())
        return [q.invite_text or q.text for q in chosen]

    def invite_text(self) -> str:
        return "\n".join(f"{n}. {line}" for n, line in enumerate(self.invite_lines(), 1))

    def counts(self) -> tuple[int, int, int]:
        """(questions, follow-ups, hints)."""
        nodes = list(self.nodes())
        return (
            sum(1 for n in nodes if n.depth == 0),
            sum(1 for n in nodes if n.depth > 0),
            sum(len(n.item.hints) for n in nodes),
        )


class AgendaError(GrowtuiError):
    def __init__(self, path: Path | str, place: str, problem: str) -> None:
        self.path, self.place, self.problem = Path(path), place, problem
        super().__init__(f"{path}: {place}: {problem}")


def _check_ids(agenda: Agenda, path: Path) -> None:
    seen: dict[str, str] = {}

    def walk(item: Item, where: str) -> None:
        if item.id in seen:
            raise AgendaError(path, f"{where}.id", f"duplicate id {item.id!r} (first at {seen[item.id]})")
        seen[item.id] = where
        for n, child in enumerate(item.followups):
            walk(child, f"{where}.followups[{n}]")

    for p, part in enumerate(agenda.parts):
        for q, question in enumerate(part.questions):
            walk(question, f"parts[{p}].questions[{q}]")
    tops = {q.id for q in agenda.questions()}
    for n, item_id in enumerate(agenda.invite or []):
        if item_id not in tops:
            raise AgendaError(path, f"invite[{n}]", f"{item_id!r} is not a top-level question of this agenda")


def parse_agenda(text: str, path: Path | str = "<agenda>") -> Agenda:
    """Parse and validate one agenda, or raise AgendaError naming file, place and problem."""
    from growtui.agenda_schema import validate

    path = Path(path)
    try:
        agenda = _agenda(validate(parse_toml(text)))
    except UserFileError as e:
        raise AgendaError(path, e.place, e.problem) from None
    _check_ids(agenda, path)
    return agenda


def load_agenda_file(path: Path) -> Agenda:
    try:
        text = read_text(path)
    except FileNotFoundError:
        raise AgendaError(path, "file", "no such file") from None
    except UserFileError as e:
        raise AgendaError(path, e.place, e.problem) from None
    return parse_agenda(text, path)


@dataclass
class Library:
    """All agendas by id (user files replace bundled ones), plus broken files."""

    agendas: dict[str, Agenda] = field(default_factory=dict)
    origins: dict[str, Path] = field(default_factory=dict)
    errors: list[AgendaError] = field(default_factory=list)

    def get(self, agenda_id: str) -> Agenda:
        try:
            return self.agendas[agenda_id]
        except KeyError:
            raise GrowtuiError(f"no agenda with id {agenda_id!r} (see: growtui agendas)") from None

    def series(self) -> list[Agenda]:
        """Agendas that belong to the career-conversation series, in order."""
        return sorted((a for a in self.agendas.values() if a.series), key=lambda a: a.series or 0)

    def in_order(self) -> list[Agenda]:
        """Every agenda as lists show them: the series in order, then the rest by title."""
        return sorted(self.agendas.values(), key=lambda a: (a.series or 99, a.title))

    def is_user(self, agenda_id: str) -> bool:
        return self.origins.get(agenda_id, Path()).parent != locations.bundled_agendas_dir()


def load_library(user_dir: Path | None = None) -> Library:
    """Bundled agendas, then the user's (replacing any with the same id); from the
    cache when no file changed since it was written."""
    folders = [locations.bundled_agendas_dir(), user_dir or locations.user_agendas_dir()]
    paths = [path for folder in folders if folder.is_dir() for path in sorted(folder.glob("*.toml"))]
    key = _cache_key(paths)
    library = _cached(key)
    if library is None:
        library = Library()
        for path in paths:
            try:
                agenda = load_agenda_file(path)
            except AgendaError as e:
                library.errors.append(e)
                continue
            library.agendas[agenda.id] = agenda
            library.origins[agenda.id] = path
        _keep(key, library)
    return library


# -- the cache of checked agendas -------------------------------------------------------

_CODE = (Path(__file__), Path(__file__).with_name("agenda_schema.py"))  # a change here is a change of rules


def _cache_key(paths: list[Path]) -> list[Any]:
    """What the checked result depends on: every file as it is now (a file that cannot
    be looked at is part of the key too: its error is cached with it)."""

    def stamp(path: Path) -> list[Any]:
        try:
            info = path.stat()
        except OSError:
            return [str(path)]
        return [str(path), info.st_mtime_ns, info.st_size, info.st_ino, info.st_mode]

    return [__version__, [stamp(p) for p in (*_CODE, *paths)]]


def _cached(key: list[Any]) -> Library | None:
    try:
        data = json.loads(read_text(locations.agenda_cache_file()))
        if data["key"] != key:
            return None
        library = Library()
        for entry in data["agendas"]:
            agenda = _agenda(entry["agenda"])
            library.agendas[agenda.id] = agenda
            library.origins[agenda.id] = Path(entry["path"])
        library.errors = [AgendaError(*error) for error in data["errors"]]
        return library
    except (OSError, UserFileError, ValueError, KeyError, TypeError, RecursionError):
        return None  # no cache, or one from another version: check the files again


def _keep(key: list[Any], library: Library) -> None:
    """Write the cache (private, atomically); failing to is never worth a word."""
    data = {
        "key": key,
        "agendas": [{"path": str(library.origins[a.id]), "agenda": asdict(a)} for a in library.agendas.values()],
        "errors": [[str(e.path), e.place, e.problem] for e in library.errors],
    }
    path = locations.agenda_cache_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f)
        os.replace(tmp, path)
    except OSError:
        pass


def _item(d: dict[str, Any]) -> Item:
    return Item(
        d["id"],
        d["text"],
        tuple(d["hints"]),
        tuple(_item(f) for f in d["followups"]),
        d["invite_text"],
        tuple(d["rewordings"]),
        d["answered_by"],
        d.get("makes"),  # (a cache written by an older growtui has none)
    )


def _agenda(d: dict[str, Any]) -> Agenda:
    parts = tuple(
        Part(p["title"], p["stage"], p["minutes"], p["purpose"], tuple(_item(q) for q in p["questions"]))
        for p in d["parts"]
    )
    invite = tuple(d["invite"]) if d["invite"] is not None else None
    return Agenda(d["id"], d["title"], d["purpose"], d["series"], invite, parts, d["bank"])

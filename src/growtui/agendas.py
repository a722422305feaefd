"""Agendas: TOML data files validated by pydantic. Knows nothing of Textual.

An agenda has parts (Goal, Reality, ...), each with top-level questions; every
question may carry hints (for the manager's eyes) and follow-ups, nested as deep
as the file goes. Ids are stable: notes are keyed by them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from growtui import locations
from growtui.errors import GrowtuiError
from growtui.userfiles import UserFileError, parse_toml, read_text

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Stage = Literal["goal", "reality", "options", "will"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Item(_Model):
    """A question, or a follow-up of one (same shape, nested)."""

    id: Id
    text: Text
    hints: list[Text] = []
    followups: list[Item] = []
    invite_text: Text | None = None


class Part(_Model):
    title: str = ""
    stage: Stage | None = None
    minutes: int | None = Field(default=None, ge=1, le=240)  # an optional time box for the stage
    purpose: str = ""
    questions: list[Item] = Field(min_length=1)


@dataclass(frozen=True)
class Node:
    """One item of an agenda in tree order, with where it sits."""

    item: Item
    part: Part
    depth: int  # 0 for a top-level question
    top: Item  # the top-level question this node belongs to


class Agenda(_Model):
    id: Id
    title: Text
    purpose: str = ""
    series: int | None = Field(default=None, ge=1)
    invite: list[Id] | None = None
    parts: list[Part] = Field(min_length=1)

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


def _place(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


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
    path = Path(path)
    try:
        data = parse_toml(text)
    except UserFileError as e:
        raise AgendaError(path, e.place, e.problem) from None
    try:
        agenda = Agenda.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        more = f" (and {e.error_count() - 1} more)" if e.error_count() > 1 else ""
        raise AgendaError(path, _place(first["loc"]), first["msg"] + more) from None
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

    def is_user(self, agenda_id: str) -> bool:
        return self.origins.get(agenda_id, Path()).parent != locations.bundled_agendas_dir()


def load_library(user_dir: Path | None = None) -> Library:
    library = Library()
    folders = [locations.bundled_agendas_dir(), user_dir or locations.user_agendas_dir()]
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                agenda = load_agenda_file(path)
            except AgendaError as e:
                library.errors.append(e)
                continue
            library.agendas[agenda.id] = agenda
            library.origins[agenda.id] = path
    return library

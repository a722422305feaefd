"""What an agenda file may hold, checked by pydantic: imported only to read a file
that changed (agendas.py builds its plain Agenda from the checked data and keeps
it in a cache), never on the way to the first frame when nothing changed."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from growtui.userfiles import UserFileError

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Stage = Literal["goal", "reality", "options", "will"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ItemModel(_Model):
    """A question, or a follow-up of one (same shape, nested)."""

    id: Id
    text: Text
    hints: list[Text] = []
    followups: list[ItemModel] = []
    invite_text: Text | None = None
    rewordings: list[Text] = []  # the same question put another way: shown with it, not a step
    answered_by: Literal["due", "support", "commitment", "cadence"] | None = None  # answered by a field, not notes
    makes: Literal["goal", "measure"] | None = None  # its notes offer a goal for their plan, or how they will know


class PartModel(_Model):
    title: str = ""
    stage: Stage | None = None
    minutes: int | None = Field(default=None, ge=1, le=240)  # an optional time box for the stage
    purpose: str = ""
    questions: list[ItemModel] = Field(min_length=1)


class AgendaModel(_Model):
    id: Id
    title: Text
    purpose: str = ""
    series: int | None = Field(default=None, ge=1)
    invite: list[Id] | None = None
    parts: list[PartModel] = Field(min_length=1)
    bank: Id | None = None  # an agenda whose questions are offered beside each part of the same stage


def _place(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def validate(data: dict[str, Any]) -> dict[str, Any]:
    """The agenda in `data` (parsed TOML), checked and with every default filled in;
    UserFileError(place, problem) if it is not one."""
    try:
        return AgendaModel.model_validate(data).model_dump()
    except ValidationError as e:
        first = e.errors()[0]
        more = f" (and {e.error_count() - 1} more)" if e.error_count() > 1 else ""
        raise UserFileError(_place(first["loc"]), first["msg"] + more) from None

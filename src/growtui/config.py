"""The user's config.toml ([keymap]) and the small state the app remembers."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from growtui import keys, locations
from growtui.errors import GrowtuiError
from growtui.userfiles import UserFileError, load_toml, read_text


# A key as Textual names it: modifiers, then a key name or one printable character.
KEY_PATTERN = re.compile(r"^((ctrl|shift|alt|meta|super|hyper)\+)*([a-z0-9_]+|[!-~])$")


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid")

    keymap: dict[str, str] = Field(default_factory=dict)


def load_config(path: Path | None = None) -> Config:
    """Read config.toml; a missing file is the defaults, a bad one one clear error."""
    path = path or locations.config_file()
    try:
        data = load_toml(path, limit=64 * 1024)
    except FileNotFoundError:
        return Config()
    except UserFileError as e:
        raise GrowtuiError(f"{path}: {e}") from None
    try:
        config = Config.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        place = ".".join(str(p) for p in err["loc"]) or "(top level)"
        raise GrowtuiError(f"{path}: {place}: {err['msg']}") from None
    for binding_id, key in config.keymap.items():
        if binding_id not in keys.BY_ID:
            raise GrowtuiError(f"{path}: keymap.{binding_id}: no such binding id (see: growtui keys)")
        for one in key.split(","):
            if not KEY_PATTERN.match(one.strip()):
                raise GrowtuiError(f"{path}: keymap.{binding_id}: {key!r} is not a key (e.g. \"ctrl+e\" or \"f5\")")
    if clash := keys.clashes(config.keymap):
        raise GrowtuiError(f"{path}: keymap: {clash[0]} (one key, one action; see: growtui keys)")
    return config


def load_state() -> dict[str, Any]:
    try:
        data = json.loads(read_text(locations.state_file(), limit=64 * 1024))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError, UserFileError, RecursionError):
        return {}


def save_state(**changes: Any) -> None:
    """Remember UI choices; failing to is never worth interrupting the user."""
    path = locations.state_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({**load_state(), **changes}), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass

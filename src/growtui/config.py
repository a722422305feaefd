"""The user's config.toml ([keymap]) and the small state the app remembers."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from growtui import keys, locations
from growtui.errors import GrowtuiError
from growtui.userfiles import UserFileError, load_toml, read_text


# A key as Textual names it: modifiers, then a key name or one printable character.
KEY_PATTERN = re.compile(r"^((ctrl|shift|alt|meta|super|hyper)\+)*([a-z0-9_]+|[!-~])$")


SETTINGS = (
    "keymap",
    "theme",
    "calendar",
    "me",
    "backups",
    "backup_recipient",
    "backup_passphrase_file",
    "backup_keep",
)  # README "config.toml" describes each
KEEP = {"daily": 7, "weekly": 5, "monthly": 12}  # snapshots kept, as restic's forget --keep-*


@dataclass(frozen=True)
class Config:
    keymap: dict[str, str] = field(default_factory=dict)
    theme: str | None = None  # a Textual theme's name; the palette's choice is remembered when unset
    calendar: str | None = None  # an exported .ics file or a folder of them: the next 1:1s
    me: str | None = None  # your name as call transcripts write it (the manager's side of the talk)
    backups: str | bool | None = None  # the snapshots' folder (None: the data folder's backups/; False: none)
    backup_recipients: tuple[str, ...] = ()  # age1… or ssh-… public keys: snapshots are encrypted to them
    backup_passphrase_file: str | None = None  # ... or with the passphrase this file holds
    backup_keep: dict[str, int] = field(default_factory=lambda: dict(KEEP))


def _check(data: dict[str, Any]) -> Config:
    """config.toml is a few plain keys: checked here, without pydantic's import on the
    way to the first frame. Returns the config or raises ValueError(place: problem)."""
    for name in data:
        if name not in SETTINGS:
            raise ValueError(f"{name}: not a setting growtui knows (see the README's config.toml reference)")
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict):
        raise ValueError('keymap: must be a table of binding id = "key"')
    for binding_id, key in keymap.items():
        if not isinstance(key, str):
            raise ValueError(f'keymap.{binding_id}: must be a string, e.g. "ctrl+e"')
    theme = data.get("theme")
    if theme is not None and (not isinstance(theme, str) or not theme.strip()):
        raise ValueError('theme: must be a theme\'s name, e.g. "nord" (the palette lists them: ctrl+p)')
    calendar = data.get("calendar")
    if calendar is not None and (not isinstance(calendar, str) or not calendar.strip()):
        raise ValueError("calendar: must be the path of an .ics file or of a folder of them")
    me = data.get("me")
    if me is not None and (not isinstance(me, str) or not me.strip()):
        raise ValueError('me: must be your name as call transcripts write it, e.g. "Dana Manager"')
    return Config(keymap=dict(keymap), theme=theme, calendar=calendar, me=me, **_backup_settings(data))


def _backup_settings(data: dict[str, Any]) -> dict[str, Any]:
    backups = data.get("backups")
    if backups is not None and backups is not False and (not isinstance(backups, str) or not backups.strip()):
        raise ValueError('backups: must be a folder\'s path, e.g. "/media/usb/growtui", or false for none')
    recipients = data.get("backup_recipient", [])
    recipients = [recipients] if isinstance(recipients, str) else recipients
    if not isinstance(recipients, list) or not all(isinstance(r, str) for r in recipients):
        raise ValueError('backup_recipient: must be an age public key ("age1…") or an SSH one ("ssh-ed25519 …")')
    for r in recipients:
        if not r.strip().startswith(("age1", "ssh-ed25519 ", "ssh-rsa ")):
            raise ValueError(f"backup_recipient: {r[:20]!r} is not an age public key (age1…) nor an SSH one")
    passphrase = data.get("backup_passphrase_file")
    if passphrase is not None and (not isinstance(passphrase, str) or not passphrase.strip()):
        raise ValueError("backup_passphrase_file: must be the path of a file holding the passphrase")
    if passphrase and recipients:
        raise ValueError("backup_recipient and backup_passphrase_file: choose one way to encrypt")
    keep = data.get("backup_keep", {})
    if not isinstance(keep, dict) or not all(k in KEEP and isinstance(n, int) and n >= 0 for k, n in keep.items()):
        raise ValueError("backup_keep: a table of daily, weekly, monthly = how many (e.g. { daily = 7 })")
    return {
        "backups": backups,
        "backup_recipients": tuple(r.strip() for r in recipients),
        "backup_passphrase_file": passphrase,
        "backup_keep": {**KEEP, **keep},
    }


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
        config = _check(data)
    except ValueError as e:
        raise GrowtuiError(f"{path}: {e}") from None
    for binding_id, key in config.keymap.items():
        if binding_id not in keys.BY_ID:
            raise GrowtuiError(f"{path}: keymap.{binding_id}: no such binding id (see: growtui keys)")
        for one in key.split(","):
            if not KEY_PATTERN.match(one.strip()):
                raise GrowtuiError(f'{path}: keymap.{binding_id}: {key!r} is not a key (e.g. "ctrl+e" or "f5")')
    if clash := keys.clashes(config.keymap):
        raise GrowtuiError(f"{path}: keymap: {clash[0]} (one key, one action; see: growtui keys)")
    for binding_id, key in config.keymap.items():
        if typed := keys.typed_where_text_goes(binding_id, key):
            raise GrowtuiError(
                f"{path}: keymap.{binding_id}: {typed!r} types into the notes and forms, so it could "
                'never run there: bind a ctrl+ chord or a function key (e.g. "ctrl+e" or "f5")'
            )
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

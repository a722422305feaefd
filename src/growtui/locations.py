"""Where growtui keeps things. Functions, not import-time globals, so tests and
flags can point them elsewhere; nothing here creates a folder."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_path, user_config_path, user_data_path, user_state_path

APP = "growtui"
PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir() -> Path:
    return user_data_path(APP, appauthor=False)


def config_dir() -> Path:
    return user_config_path(APP, appauthor=False)


def default_db_path() -> Path:
    return data_dir() / "growtui.db"


def db_path(flag: str | os.PathLike[str] | None = None) -> Path:
    """The database file: --db wins, then GROWTUI_DB, then the default."""
    chosen = flag or os.environ.get("GROWTUI_DB")
    return Path(chosen).expanduser() if chosen else default_db_path()


def config_file() -> Path:
    return config_dir() / "config.toml"


def user_agendas_dir() -> Path:
    return config_dir() / "agendas"


def state_file() -> Path:
    """Small UI state the app remembers (the chosen theme)."""
    return user_state_path(APP, appauthor=False) / "state.json"


def agenda_cache_file() -> Path:
    """Agendas as last checked (agendas.py): thrown away and remade whenever a file changes."""
    return user_cache_path(APP, appauthor=False) / "agendas.json"


def _resource(name: str) -> Path:
    # Installed wheel: shipped inside the package. Checkout/editable: top level.
    inside = PACKAGE_DIR / name
    return inside if inside.is_dir() else PACKAGE_DIR.parent.parent / name


def bundled_agendas_dir() -> Path:
    return _resource("agendas")


def styles_dir() -> Path:
    return _resource("styles")


def stylesheet(name: str) -> str:
    """A screen's CSS_PATH: its own sheet, parsed when the screen is first shown."""
    return str(styles_dir() / name)

"""Text from people, notes and agendas on screen, and tables keyed by database ids."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import DataTable

from growtui.inert import clip as clip
from growtui.inert import inert


def text(value: str, style: str = "") -> Text:
    """A string from a user, the database or an agenda, as shown: never read as
    markup (`[/]` in a name would crash the screen, `[x]` would vanish), and with
    control characters made visible (an escape sequence in a name would otherwise
    reach the terminal: clear it, write the clipboard, disguise a link)."""
    return Text(inert(value), style=style)


def plain(*cells: Any) -> list[Any]:
    """Table cells: strings as `text()`, anything else (already Text) as it is."""
    return [text(c) if isinstance(c, str) else c for c in cells]


def highlighted_row_id(table: DataTable[Any]) -> int | None:
    """The id (row key) of the row under the cursor, or None for an empty table."""
    if not table.row_count:
        return None
    key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    return int(key) if key else None

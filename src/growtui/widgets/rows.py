"""Tables keyed by database ids."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import DataTable


def plain(*cells: Any) -> list[Any]:
    """Table cells as text: a string from a user, the database or an agenda is never
    read as markup (`[/]` in a name would crash the table, `[x]` would vanish)."""
    return [Text(c) if isinstance(c, str) else c for c in cells]


def highlighted_row_id(table: DataTable[Any]) -> int | None:
    """The id (row key) of the row under the cursor, or None for an empty table."""
    if not table.row_count:
        return None
    key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    return int(key) if key else None

"""Tables keyed by database ids."""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable


def highlighted_row_id(table: DataTable[Any]) -> int | None:
    """The id (row key) of the row under the cursor, or None for an empty table."""
    if not table.row_count:
        return None
    key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    return int(key) if key else None

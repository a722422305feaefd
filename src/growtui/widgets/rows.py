"""Text from people, notes and agendas on screen, and tables keyed by database ids."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

from growtui.scores import LOW, score_text
from growtui.inert import clip as clip
from growtui.inert import inert


def text(value: str, style: str = "") -> Text:
    """A string from a user, the database or an agenda, as shown: never read as
    markup (`[/]` in a name would crash the screen, `[x]` would vanish), and with
    control characters made visible (an escape sequence in a name would otherwise
    reach the terminal: clear it, write the clipboard, disguise a link)."""
    return Text(inert(value), style=style)


def commitment_text(score: int | None) -> Text:
    """A 1–10 commitment as a cell: "7/10", red at 6 or less (ask what would raise it)."""
    if score is None:
        return Text("-", style="dim")
    return Text(score_text(score), style="bold red" if score <= LOW else "")


def plain(*cells: Any) -> list[Any]:
    """Table cells: strings as `text()`, anything else (already Text) as it is."""
    return [text(c) if isinstance(c, str) else c for c in cells]


def highlighted_row_id(table: DataTable[Any]) -> int | None:
    """The id (row key) of the row under the cursor, or None for an empty table."""
    if not table.row_count:
        return None
    key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    return int(key) if key else None


def fitted(keys: list[str], widths: list[int], room: int, gives_way: list[tuple[str, int]], gap: int = 2) -> list[int]:
    """Column widths that fit `room` cells, each column costing `gap` more (its
    padding or the gutter before it). The columns named in `gives_way` narrow, in
    that order, to the width given with them (0: the column is left out); every
    other column stays whole (a date or a score cut short is wrong, not short)."""
    widths = list(widths)

    def total() -> int:
        return sum(w + gap for w in widths if w)

    for key, least in gives_way:
        if key in keys and total() > room:
            n = keys.index(key)
            widths[n] = min(widths[n], max(least, widths[n] - (total() - room))) if least else 0
    return widths


def cut(cell: Text | str, width: int, pad: bool = False) -> Text:
    """A cell drawn in `width` cells: cut with … where it is longer."""
    out = text(cell) if isinstance(cell, str) else cell.copy()
    out.no_wrap = True
    out.truncate(width, overflow="ellipsis", pad=pad)
    return out


GUTTER = "  "


def column_widths(labels: list[str], rows: list[tuple[str, list[Text]]]) -> list[int]:
    """Each column as wide as its widest cell (in terminal cells) or its label."""
    return [max([cell_len(label)] + [cells[i].cell_len for _, cells in rows]) for i, label in enumerate(labels)]


def line(cells: list[Text], widths: list[int]) -> Text:
    """A row as one line of text in columns: the table draws one cell a person, not
    seven (drawing each cell costs about as much as the whole line)."""
    out = Text(no_wrap=True)
    for cell, width in zip(cells, widths):
        if not width:
            continue
        if out:
            out.append(GUTTER)
        out.append_text(cut(cell, width, pad=True))
    return out


@dataclass
class Columns:
    """A DataTable's columns fitted to the terminal: each as wide as its widest row
    so far, narrowed as `fitted` says where the room is short. The rows are kept to
    be drawn again when the terminal's width changes."""

    keys: list[str]
    labels: list[str]
    gives_way: list[tuple[str, int]]
    rows: list[tuple[str, list[Text]]] = field(default_factory=list)
    widths: list[int] = field(default_factory=list)

    def natural(self) -> list[int]:
        return [
            max([cell_len(label)] + [cells[n].cell_len for _, cells in self.rows])
            for n, label in enumerate(self.labels)
        ]

    def fit(self, room: int) -> list[int]:
        return fitted(self.keys, self.natural(), room, self.gives_way)

    def add(self, table: DataTable[Any], rows: list[tuple[str, list[Text]]], room: int) -> None:
        self.rows += rows
        if self.fit(room) != self.widths:  # (a wider row: every row again)
            self.draw(table, room)
        else:
            self._add_rows(table, rows)

    def clear(self, table: DataTable[Any]) -> None:
        self.rows = []
        table.clear()

    def draw(self, table: DataTable[Any], room: int, upto: int | None = None) -> None:
        """Every row (the widths from every row); `upto`: only the first rows now, the
        rest by `draw_rest` (after the first frame: a table measures every row it holds)."""
        row = highlighted_row_id(table)
        self.widths = self.fit(room)
        table.clear(columns=True)
        for key, label, width in zip(self.keys, self.labels, self.widths):
            if width:
                table.add_column(label, width=width, key=key)
        self._add_rows(table, self.rows[:upto])
        if row is not None and str(row) in table.rows:
            table.move_cursor(row=table.get_row_index(str(row)))

    def draw_rest(self, table: DataTable[Any]) -> None:
        self._add_rows(table, self.rows[table.row_count :])

    def _add_rows(self, table: DataTable[Any], rows: list[tuple[str, list[Text]]]) -> None:
        for key, cells in rows:
            table.add_row(*[cut(cell, width) for cell, width in zip(cells, self.widths) if width], key=key)

"""What every command prints: lines for people (inert: see growtui.inert),
plain-text tables, and JSON for scripts (as it is: its escaping keeps control
characters out)."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable, Sequence
from typing import Any

import click

from growtui.inert import clip as clip
from growtui.inert import inert, json_inert, one_line

GUTTER = "  "
NARROWEST = 6  # a column is never cut narrower than this (or its heading)


def echo(text: str = "", err: bool = False, nl: bool = True) -> None:
    """Every line for people goes out inert: a name or a note holding escape sequences
    must not clear the screen, write the clipboard or disguise a link (JSON is
    printed as it is: its own escaping keeps control characters out)."""
    click.echo(inert(text), err=err, nl=nl)


def print_json(value: Any) -> None:
    click.echo(json_inert(json.dumps(value, indent=2, ensure_ascii=False)))


def json_option(fields: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--json, its help naming the fields a script can rely on."""

    def decorate(f: Callable[..., Any]) -> Callable[..., Any]:
        return click.option("--json", "as_json", is_flag=True, help=f"Print JSON instead: {fields}.")(f)

    return decorate


def format_option(help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--format md|json (a document for people, or JSON for scripts: `help` names its fields)."""
    return click.option(
        "--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True, help=help
    )


def terminal_width() -> int | None:
    """The width to fit tables to when printing to a terminal; None when piped (whole text)."""
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def fit(text: str, width: int) -> str:
    """`text` in exactly `width` terminal cells: padded, or cut with an ellipsis."""
    from rich.cells import cell_len, set_cell_size  # (Rich's measure of a terminal cell; not on every command)

    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"


def render(headers: Sequence[str], rows: Sequence[Sequence[object]], width: int | None = None) -> str:
    """A plain-text table: a header, a rule, a row per line. Cells are measured as
    terminals draw them (a CJK character or an emoji takes two cells, a combining
    mark none: Rich's cell_len), so columns line up whatever the names; with a
    `width`, the widest columns are cut, with an ellipsis, until the table fits."""
    from rich.cells import cell_len

    cells = [[one_line("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([cell_len(h)] + [cell_len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    if width is not None:
        floor = [min(w, max(NARROWEST, cell_len(h))) for w, h in zip(widths, headers)]
        while sum(widths) + len(GUTTER) * (len(widths) - 1) > width:
            widest = max(range(len(widths)), key=lambda i: widths[i] - floor[i])
            if widths[widest] <= floor[widest]:
                break  # as narrow as it goes: the terminal wraps the rest
            widths[widest] -= 1

    def line(values: Sequence[str]) -> str:
        return GUTTER.join(fit(v, w) for v, w in zip(values, widths)).rstrip()

    out = [line(headers), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    return "\n".join(out)


def echo_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A table fitted to the terminal (whole when piped)."""
    echo(render(headers, rows, terminal_width()))

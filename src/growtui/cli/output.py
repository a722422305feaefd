"""What every command prints: lines for people (inert: see growtui.inert),
plain-text tables, and JSON for scripts (as it is: its escaping keeps control
characters out)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import click

from growtui.inert import clip as clip
from growtui.inert import inert


def echo(text: str = "", err: bool = False, nl: bool = True) -> None:
    """Every line for people goes out inert: a name or a note holding escape sequences
    must not clear the screen, write the clipboard or disguise a link (JSON is
    printed as it is: its own escaping keeps control characters out)."""
    click.echo(inert(text), err=err, nl=nl)


def print_json(value: Any) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


def json_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True, help="Print one JSON array.")(f)


def render(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table: a header, a rule, a row per line."""
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()

    out = [line(headers), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    return "\n".join(out)

"""Text from people, notes and agendas, made harmless for a terminal or a shared
document: control characters (C0 but newline and tab, DEL, C1) become visible
symbols instead of clearing the screen, writing the clipboard (OSC 52) or hiding
a link (OSC 8); bidirectional overrides, which reorder what is shown, become
visible too. Nothing is dropped: the text stays whole, only inert."""

from __future__ import annotations

import re

KEEP = {"\n", "\t"}
# embeddings, overrides and isolates; and the marks (LRM, RLM, ALM), which also reorder what is shown
BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]

_TABLE: dict[int, str] = {c: chr(0x2400 + c) for c in range(0x20) if chr(c) not in KEEP}  # ␛, ␇, ␍, ␀ ...
_TABLE[0x7F] = "\u2421"  # ␡
_TABLE |= {c: f"<U+{c:04X}>" for c in [*range(0x80, 0xA0), *BIDI]}


# (translate looks every character up: most text holds none of them, and is passed as it is)
_ANY = re.compile("[" + "".join(re.escape(chr(c)) for c in _TABLE) + "]")


def inert(text: str) -> str:
    return text.translate(_TABLE) if _ANY.search(text) else text


def clip(text: str, width: int) -> str:
    """Cut to `width` characters, with an ellipsis if anything was cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def one_line(text: str) -> str:
    """For a heading, a table cell or an invite's summary: inert, on one line."""
    return re.sub(r"\s*\n\s*", " ", inert(text).replace("\t", " ")).strip()


_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_BLOCK_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")


def markdown_text(text: str) -> str:
    """User text inside our Markdown: it reads the same, but cannot make a heading,
    a list item, a ticked action, a link, a table or HTML of its own."""
    lines = []
    for line in inert(text).split("\n"):
        line = _INLINE.sub(r"\\\1", line)
        line = _BLOCK_START.sub(
            lambda m: m.group(1) + ("\\" + m.group(2) if not m.group(2).isdigit() else m.group(2) + "\\"), line
        )
        lines.append(line)
    return "\n".join(lines)


def markdown_line(text: str) -> str:
    """markdown_text(one_line(text)), in one pass (a review packet holds thousands)."""
    line = inert(text)
    if "\n" in line or "\t" in line:
        line = re.sub(r"\s*\n\s*", " ", line.replace("\t", " "))
    line = _INLINE.sub(r"\\\1", line.strip())
    return _BLOCK_START.sub(
        lambda m: m.group(1) + ("\\" + m.group(2) if not m.group(2).isdigit() else m.group(2) + "\\"), line
    )


# For JSON: what JSON itself leaves raw (DEL, C1, bidirectional controls) as \u escapes, so
# that `growtui ... --json` printed to a terminal is as inert as the tables, and the value
# a script reads is still the text itself.
_JSON_ESCAPES = {c: f"\\u{c:04x}" for c in [0x7F, *range(0x80, 0xA0), *BIDI]}


def json_inert(dumped: str) -> str:
    """JSON text (json.dumps) with those characters escaped (they only occur inside strings)."""
    return dumped.translate(_JSON_ESCAPES)

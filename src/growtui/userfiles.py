"""Reading files the user (or anything else) put in our folders, safely: only
regular files (a FIFO would hang every command, /dev/zero would eat memory),
of a bounded size and nesting, UTF-8 or the encoding a byte order mark names."""

from __future__ import annotations

import codecs
import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any

MAX_BYTES = 1024 * 1024  # an agenda of a few hundred questions is ~30 KB
MAX_NESTING = 32  # tables and arrays inside each other (an agenda's follow-ups use two per level)


class UserFileError(Exception):
    """(place, problem): what is wrong with the file, for one clear line."""

    def __init__(self, place: str, problem: str) -> None:
        self.place, self.problem = place, problem
        super().__init__(f"{place}: {problem}")


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The file's bytes; FileNotFoundError passes through (callers decide what missing means)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO opens at once instead of waiting for a writer
    except FileNotFoundError:
        raise
    except OSError as e:
        raise UserFileError("file", e.strerror or str(e)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UserFileError("file", "not a regular file")
        if info.st_size > limit:
            raise UserFileError("file", f"too large ({info.st_size:,} bytes; the limit is {limit:,})")
        chunks, size = [], 0
        while size <= limit and (chunk := os.read(fd, 1 << 20)):
            chunks.append(chunk)
            size += len(chunk)
        data = b"".join(chunks)
    except OSError as e:
        raise UserFileError("file", e.strerror or str(e)) from None
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew since fstat
        raise UserFileError("file", f"too large (the limit is {limit:,} bytes)")
    return data


# A byte order mark names the encoding (Windows tools write UTF-16 with one). UTF-32's
# come first: UTF-32 LE's mark begins with UTF-16 LE's.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def by_bom(data: bytes) -> tuple[str, bytes] | None:
    """(encoding, the bytes after the mark), if the data starts with a byte order mark."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding, data[len(bom) :]
    return None


def read_text(path: Path, limit: int = MAX_BYTES) -> str:
    """The file's text: UTF-8, or what its BOM names; FileNotFoundError passes through."""
    data = read_bytes(path, limit)
    encoding, body = by_bom(data) or ("utf-8", data)
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as e:
        line = body[: e.start].count("\n".encode(encoding)) + 1
        raise UserFileError(f"line {line}", f"not {encoding.upper()} text") from None


def decode_lenient(data: bytes) -> str:
    """Text other programs wrote (calendar exports, call transcripts): UTF-8 by
    their formats' rules, but not always in practice (an export re-saved in
    Windows' code page or Latin-1, a subtitle tool's UTF-16), so read what is
    there rather than refuse it."""
    if marked := by_bom(data):
        encoding, body = marked
        return body.decode(encoding, errors="replace")
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # Latin-1 decodes any byte


def read_foreign(path: Path, limit: int) -> str:
    """Another program's file (a calendar export, a call transcript) as text, or
    UserFileError with what is wrong (a missing file included)."""
    try:
        return decode_lenient(read_bytes(path, limit))
    except FileNotFoundError:
        raise UserFileError("file", "no such file") from None


def toml_problem(error: tomllib.TOMLDecodeError) -> tuple[str, str]:
    """(place, problem) from tomllib's message, e.g. ('line 3, column 9', 'TOML syntax: Invalid value')."""
    message = str(error)
    m = re.search(r"\s*\(at (line \d+, column \d+|end of document)\)$", message)
    if not m:
        return "TOML syntax", message
    place = "end of file" if m.group(1) == "end of document" else m.group(1)
    return place, "TOML syntax: " + message[: m.start()]


def parse_toml(text: str) -> dict[str, Any]:
    """TOML whose nesting is bounded (deep nesting exhausts Python's stack in the
    parser, and in every recursive check after it)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise UserFileError(*toml_problem(e)) from None
    except RecursionError:
        raise UserFileError("file", f"nested more than {MAX_NESTING} levels deep") from None
    _check_nesting(data)
    return data


def load_toml(path: Path, limit: int = MAX_BYTES) -> dict[str, Any]:
    return parse_toml(read_text(path, limit))


def _check_nesting(data: object) -> None:
    """Iteratively, so that checking depth cannot itself run out of stack."""
    stack: list[tuple[object, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_NESTING:
            raise UserFileError("file", f"nested more than {MAX_NESTING} levels deep")
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)

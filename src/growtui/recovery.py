"""What is kept when the database cannot take it, in private files (0600) the user
can read: notes that could not be saved, and the report of an unexpected error
(it may hold names and note text, so it never goes to the screen)."""

from __future__ import annotations

import os
import tempfile
import traceback
from datetime import datetime
from pathlib import Path

from growtui import locations


def recovery_text(unsaved: dict[tuple[int, str], str], writes: list[str], reason: str | None) -> str:
    """Notes (and changes) the database would not take, as Markdown the user can paste back."""
    lines = ["# growtui: notes that could not be saved", "", f"Reason: {reason or 'unknown'}", ""]
    for (conv_id, key), text in sorted(unsaved.items()):
        lines += [f"## Conversation {conv_id}, question {key}", "", text, ""]
    if writes:
        lines += ["## Changes not saved", "", *[f"- {what}" for what in writes], ""]
    return "\n".join(lines)


PREFIXES = ("unsaved-notes-", "crash-")


def _folders() -> tuple[Path, ...]:
    return (locations.state_file().parent / "recovery", Path.home(), Path(tempfile.gettempdir()))


def write_private(prefix: str, suffix: str, text: str) -> Path | None:
    """A new 0600 file in the first folder that takes it: the state folder, then home,
    then the temporary folder (the disk that refused the database may be full)."""
    name = f"{prefix}-{datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}{suffix}"
    for folder in _folders():
        path = folder / name
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError:
            continue
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
        except OSError:  # created, but the disk is full: a half file helps nobody
            path.unlink(missing_ok=True)
            continue
        return path
    return None


def write_recovery(text: str) -> Path | None:
    return write_private("unsaved-notes", ".md", text)


def write_crash_report(error: BaseException) -> Path | None:
    from growtui import __version__

    report = "".join(traceback.format_exception(error))
    return write_private("crash", ".txt", f"growtui {__version__}, {datetime.now().isoformat()}\n\n{report}")


def write_private_file(path: Path, text: str) -> None:
    """A document about a person, where the user said (0600: it is about someone)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)


def remove_naming(name: str, conversation_ids: list[int]) -> int:
    """Erasure reaches what growtui wrote beside the database: every recovery file and
    crash report (in any of the folders above) that names the person or holds notes of
    their conversations is removed. Returns how many."""
    marks = [name] + [f"## Conversation {cid}," for cid in conversation_ids]
    removed = 0
    for folder in _folders():
        try:
            candidates = [p for p in folder.iterdir() if p.name.startswith(PREFIXES) and p.is_file()]
        except OSError:
            continue
        for path in candidates:
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
                if any(mark in text for mark in marks):
                    path.unlink()
                    removed += 1
            except OSError:
                continue
    return removed

"""What the app and the key gate ask of a screen, as types a checker and a reader can
see (they were found by name at run time). A screen says it keeps a contract by
having its methods (the Protocols) or by deriving from the marker class."""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class Reloads(Protocol):
    """The home screen: drawn again when what it shows changed elsewhere (the calendar)."""

    def reload(self) -> None: ...


@runtime_checkable
class HoldsNotes(Protocol):
    """A screen where a conversation's notes are typed: everything is handed to the
    writer on quit and signals; another window's edit is merged into what it shows."""

    conv_id: int

    def save_all(self) -> None: ...

    def apply_merge(self, key: str, ours: str, merged: str) -> None: ...


@runtime_checkable
class TakesStrayTyping(Protocol):
    """A screen whose notes take a printable key typed where no text goes (a table, the tree)."""

    def action_focus_notes(self) -> None: ...


@runtime_checkable
class OffersPaletteOnly(Protocol):
    """Actions with no key, offered in the command palette: (title, help, action)."""

    PALETTE_ONLY: list[tuple[str, str, str]]


class PausesTheMeeting:
    """A screen over a conversation during which its GROW stage's time stands still
    (the review of last time, the summary)."""

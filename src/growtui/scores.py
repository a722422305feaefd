"""The 1–10 commitment and the clock, as every screen, export and command writes them."""

from __future__ import annotations

LOW = 6  # a commitment this or less: ask what would bring it higher
HIGH = 8  # this or more: follow-through compares the two


def score_text(score: int | None, none: str = "no score") -> str:
    """'7/10'; `none` where there is no score ('-' in a table's cell)."""
    return f"{score}/10" if score else none


def clock_text(seconds: float) -> str:
    """'0:01:02': a time into a recording."""
    whole = int(seconds)
    return f"{whole // 3600:d}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def minutes_text(seconds: float) -> str:
    """'04:05': a timer."""
    whole = int(seconds)
    return f"{whole // 60:02d}:{whole % 60:02d}"

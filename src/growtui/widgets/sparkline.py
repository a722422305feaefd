"""Commitment trends as a line of block characters, on the fixed 1–10 scale
(so two actions' lines compare at a glance)."""

from __future__ import annotations

BLOCKS = "▁▂▃▄▅▆▇█"


def sparkline(scores: list[int], width: int = 12) -> str:
    recent = scores[-width:]
    return "".join(BLOCKS[round((max(1, min(10, s)) - 1) / 9 * (len(BLOCKS) - 1))] for s in recent)

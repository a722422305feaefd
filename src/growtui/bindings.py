"""Textual Bindings from the key map (keys.py, which the command line reads
without importing Textual)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from growtui import keys


def bindings_for(screen: str) -> list[BindingType]:
    """A screen's Bindings from the key map, each with its id (so users can remap it)."""
    return [
        Binding(k.key, k.action, k.short, id=k.id, tooltip=k.description, show=k.footer)
        for k in keys.for_screen(screen)
    ]

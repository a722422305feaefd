"""Textual Bindings from the key map (keys.py, which the command line reads
without importing Textual)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.binding import ActiveBinding, Binding, BindingType

from growtui import keys


def bindings_for(screen: str) -> list[BindingType]:
    """A screen's Bindings from the key map, each with its id (so users can remap it).
    The app's own (quit, help) come first everywhere: Textual leaves the app's other
    bindings out under a modal screen (the summary, a form), where they must work too."""
    return [
        Binding(k.key, k.action, k.short, id=k.id, tooltip=k.description, show=k.footer, priority=screen == "app")
        for k in keys.for_screen(screen)
    ]


def fit_footer(
    bindings: dict[str, ActiveBinding], width: int, drop: Sequence[str], display: Callable[[Binding], str]
) -> dict[str, ActiveBinding]:
    """What a compact footer shows, less the least needed actions (`drop`, in order)
    while it would run past `width`: a footer cut at the edge loses its last keys, F1
    (which lists them all) among them."""

    def cells(shown: dict[str, ActiveBinding]) -> int:  # "^n Next " a key, one key an action (as the footer shows)
        first = {b.binding.action: b.binding for b in reversed(shown.values()) if b.binding.show}
        return sum(len(display(b)) + len(b.description) + 2 for b in first.values())

    out = dict(bindings)
    for action in drop:
        if cells(out) <= width:
            break
        out = {key: b for key, b in out.items() if b.binding.action != action}
    return out

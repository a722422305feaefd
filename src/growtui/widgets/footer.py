"""Textual's Footer, without what it keeps: each time the screen's bindings change
(every change of focus) it composes its keys anew and data-binds each new key to its
own `compact`; the keys it replaced stay in that binding's watcher list for as long as
the footer lives (Textual 8.2 prunes the list only when `compact` changes, which it
never does here). Over a meeting's focus changes that was every key ever shown, with
its styles: megabytes, growing (tests/test_resident.py)."""

from __future__ import annotations

from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    async def recompose(self) -> None:
        await super().recompose()
        for bound in getattr(self, "__watchers", {}).values():
            bound[:] = [(node, callback) for node, callback in bound if not (node._closing or node._closed)]

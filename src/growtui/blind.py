"""Blind: one chord hides every note, name and action at once (the manager shares
their screen on the call) and the same chord shows them again.

A curtain is laid over each screen, drawn above everything on it. What is under it
keeps its focus, so typing goes on into the notes (nothing is lost), only nothing is
drawn. Screens shown while blind get theirs as they appear; notifications say only
that one is hidden (the app's notify). The terminal's title never carries a name:
growtui does not set it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.screen import Screen
from textual.widget import Widget

from growtui import keys

if TYPE_CHECKING:
    from growtui.app import GrowApp


class Curtain(Widget):
    """What a blind screen shows: growtui's name and the key that shows the rest."""

    def render(self) -> Text:
        return Text(self.app.blind.hint if hasattr(self.app, "blind") else "hidden", style="bold")


class Blind:
    def __init__(self, app: GrowApp, on: bool = False) -> None:
        self.app = app
        self.on = on
        app.set_class(on, "-blind")

    @property
    def hint(self) -> str:
        shown = keys.readable(self.app.effective_keys()["blind"]).replace(", ", " or ")
        return f"growtui · hidden: {shown} to show"

    def start(self) -> None:
        """(on mount) Cover the screens as they are shown."""
        self.app.screen_change_signal.subscribe(self.app, self._cover)
        if self.on:
            self._cover(self.app.screen)

    def toggle(self) -> None:
        self.on = not self.on
        self.app.set_class(self.on, "-blind")
        if self.on:
            self.app.clear_notifications()  # (a toast may quote a note or name someone)
            for screen in self.app.screen_stack:
                self._cover(screen)

    def _cover(self, screen: Screen[object]) -> None:
        if self.on and not screen.query_children(Curtain):
            screen.mount(Curtain())

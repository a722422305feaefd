"""Every key lands where it was typed, however fast keys arrive.

Textual queues a key on the focused widget, and an unhandled key bubbles up to
the screen's bindings through more queues. So in a burst, the keys typed after
ctrl+n already sit in the notes' queue when the screen changes question, and the
keys typed after ctrl+t land in the notes before the form has focus. The gate
puts every key back in the order it was typed:

- widgets that take typing (`InOrder`) run the bindings of the focus chain
  themselves, in their own queue, exactly between the keys before and after;
- a binding that may move focus or change screen closes the gate: keys (and
  pastes) that arrive meanwhile are held, then replayed in the order they were
  typed once the app is idle again (the new screen mounted and focused). Keys
  already waiting in the app's queue when the gate opens would overtake the
  replayed ones, so until every replayed key has come through, newer keys are
  held too (and replayed after them).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, cast, runtime_checkable

from textual import events
from textual.app import App
from textual.widget import Widget

from growtui.contracts import TakesStrayTyping
from growtui.inert import inert

SETTLE_TIMEOUT = 3.0  # seconds: never hold keys longer than this, whatever happens
WRITE_TIMEOUT = 0.5  # ... nor for a write that is slow (another process holds the lock)
Held = events.Key | events.Paste


def replay_copy(old: Held) -> Held:
    new: Held = events.Key(old.key, old.character) if isinstance(old, events.Key) else events.Paste(old.text)
    new.time = old.time  # replayed keys keep their place among other held ones
    return new


def typed_enter(old: Held) -> Held:
    """ctrl+j as Enter: the terminal turns Enter into a newline (ICRNL) until the app
    makes it raw, and nothing in growtui is bound to ctrl+j."""
    if not isinstance(old, events.Key) or old.key != "ctrl+j":
        return old
    new = events.Key("enter", "\r")
    new.time = old.time
    return new


class KeyGate:
    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.held: list[Held] = []
        self.in_flight: set[int] = {0}  # transitions not yet settled; 0: the app starting (see start)
        self.replaying: set[int] = set()  # ids of replayed keys not yet back at the app
        self._next = 0

    def start(self) -> None:
        """The app is mounted: keys typed while it started (growtui⏎ s ⏎, typed at
        once) are held until its first screen has its rows and its focus, then replayed."""
        self.app.set_timer(SETTLE_TIMEOUT, lambda: self._settled(0, force=True))
        self._after_idle(0)

    @property
    def holding(self) -> bool:
        return bool(self.in_flight)

    def arrived(self, event: Held) -> bool:
        """A key reaches the app from the terminal or a replay: held (True) while a
        transition is in flight or older replayed keys have yet to come through."""
        replayed = id(event) in self.replaying
        self.replaying.discard(id(event))
        if self.holding or (self.replaying and not replayed):
            self.hold(event)
            return True
        if not self.replaying and self.held:  # newer keys held behind the replay: now their turn
            self._replay()
        return False

    def hold(self, event: Held) -> None:
        event.stop()
        event.prevent_default()
        self.held.append(event)

    def close(self) -> None:
        """A transition begins: hold keys until it, and any begun meanwhile, settle."""
        self._next += 1
        token = self._next
        self.in_flight.add(token)
        self.app.set_timer(SETTLE_TIMEOUT, lambda: self._settled(token, force=True))  # a safety net
        self._after_idle(token)

    def hold_for_write(self) -> Callable[[], None]:
        """Keys wait until a write's result has reached the screen: the caller calls
        what this returns then. A write that takes longer (another process holds the
        lock, the disk refuses) lets them go after WRITE_TIMEOUT: typing goes on."""
        self._next += 1
        token = self._next
        self.in_flight.add(token)
        self.app.set_timer(WRITE_TIMEOUT, lambda: self._settled(token, force=True))
        return lambda: self._after_idle(token)

    def _after_idle(self, token: int) -> None:
        # The app's queue, then the (new) screen's, then the app's again have run dry.
        def on_screen() -> None:
            if self.app.screen_stack:
                screen = self.app.screen
                screen.call_after_refresh(lambda: self.app.call_after_refresh(lambda: self._settled(token, screen)))

        self.app.call_after_refresh(on_screen)

    def _settled(self, token: int, seen: object = None, force: bool = False) -> None:
        if token not in self.in_flight:
            return
        if not self.app.screen_stack:  # the app is closing: nothing left to type into
            self.in_flight.clear()
            self.held.clear()
            self.replaying.clear()
            return
        screen = self.app.screen
        # Wait on while the screens change (a form dismissed, and its callback not yet
        # run, leaves the screen below on top for a moment), until the new screen is
        # mounted and has taken focus, if anything on it can.
        moving = screen is not seen or not screen.is_mounted or (screen.focused is None and screen.focus_chain)
        if moving and not force:
            self._after_idle(token)
            return
        self.in_flight.discard(token)
        if token == 0:  # typed as the app started: Enter typed before the terminal was raw came as a newline
            self.held = [typed_enter(e) for e in self.held]
        if not self.in_flight and not self.replaying:
            self._replay()

    def _replay(self) -> None:
        held, self.held = sorted(self.held, key=lambda e: e.time), []
        for old in held:  # through the app again, to whatever has focus now
            new = replay_copy(old)
            self.replaying.add(id(new))
            self.app.post_message(new)

    async def run_binding(self, widget: Widget, key: str) -> bool:
        """Run the binding for this key in the focus chain here and now, not after the
        keys queued behind it. Another widget's or the screen's action closes the gate."""
        for namespace, bindings in widget.screen._modal_binding_chain:
            for binding in bindings.key_to_bindings.get(key, ()):
                if binding.priority:
                    continue
                if namespace is not widget or binding.action in MOVING_ACTIONS:
                    self.close()
                if await self.app.run_action(binding.action, namespace):
                    return True
        return False


# A widget's own actions that end in another widget or screen: a form submitted,
# an option or a question chosen, an action item opened for editing, a button pressed.
MOVING_ACTIONS = {"submit", "select", "select_cursor", "edit", "press"}


@runtime_checkable
class Gated(Protocol):
    """An app that keeps keys in the order typed (GrowApp; a bare App in a widget's test does not)."""

    gate: KeyGate


def gate_of(widget: Widget) -> KeyGate | None:
    app = widget.app
    return app.gate if isinstance(app, Gated) else None


class InOrder:
    """Mix in before a widget class that takes keys (TextArea, Input, Tree, DataTable).
    A plain class, not a Widget: Textual reads COMPONENT_CLASSES and CSS along the MRO.

    TAKES_TEXT: printable keys are typed into the widget, before any binding.
    Textual calls `_on_key` of every class in the MRO until one prevents the
    default, so a key not handled here goes on to the widget's own handler."""

    TAKES_TEXT = False

    @property
    def _widget(self) -> Widget:
        return cast(Widget, self)

    async def _on_key(self, event: events.Key) -> None:
        gate = gate_of(self._widget)
        if gate is None:
            return
        if gate.holding:  # typed after a transition began: wait for it to finish
            gate.hold(event)
            return
        if self.TAKES_TEXT and event.is_printable:
            return
        if await gate.run_binding(self._widget, event.key):
            event.stop()
            event.prevent_default()
            return
        if event.is_printable and (redirect := self.printable_goes_to()):
            gate.close()
            gate.hold(event)
            redirect()

    async def _on_paste(self, event: events.Paste) -> None:
        gate = gate_of(self._widget)
        if gate is not None and gate.holding:
            gate.hold(event)
            return
        event.text = inert(event.text)  # an escape sequence pasted in is kept, but inert

    def printable_goes_to(self) -> Callable[[], object] | None:
        """Where a printable key goes that this widget cannot type (a focus change):
        the screen's notes, if it has them (`action_focus_notes`)."""
        screen = self._widget.screen
        return screen.action_focus_notes if isinstance(screen, TakesStrayTyping) else None

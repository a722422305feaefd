"""The app's view of the calendar: read by a process of its own (calendar_process.py;
this thread only waits for it), and again whenever its files change (checked every
half minute), so a 1:1 booked while growtui is open shows up. Knows nothing of
Textual: it calls back with what it found."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from growtui.calendar_process import next_meetings_elsewhere
from growtui.meetings import CalendarError, Meeting, iter_people, stamp
from growtui.store import Store

CHECK_EVERY = 30.0  # seconds between looks at the calendar's files

Found = Callable[[dict[int, Meeting], str | None], None]  # (person id → next 1:1, the problem if any)


class CalendarWatch:
    def __init__(
        self,
        db_path: Path,
        calendar: Path | None,
        on_read: Found,
        every: float = CHECK_EVERY,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self.db_path, self.calendar, self.on_read, self.every = db_path, calendar, on_read, every
        self.now = now or (lambda: datetime.now().astimezone())
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="growtui-calendar", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        seen: object = None
        while not self._stop.is_set():
            try:
                now_stamp = stamp(self.calendar) if self.calendar else ()
            except (OSError, CalendarError):
                now_stamp = ()
            if now_stamp != seen:
                seen = now_stamp
                self.on_read(*self.read())
            self._stop.wait(self.every)

    def read(self) -> tuple[dict[int, Meeting], str | None]:
        if self.calendar is None:
            return {}, None
        store = Store.connect(self.db_path)  # (its own connection: this is another thread)
        try:
            people = list(iter_people(store.people(archived=False)))  # (who left or moved team has no 1:1s)
        finally:
            store.close()
        try:
            booked, problems = next_meetings_elsewhere(self.calendar, people, self.now())
        except CalendarError as e:
            return {}, f"not read: {e}"
        return booked, said_once(problems)


def said_once(problems: list[str]) -> str | None:
    """The app says the calendar's problems once: the first, and how many more."""
    if not problems:
        return None
    more = len(problems) - 1
    return "partly read: " + problems[0] + (f" (and {more} more: growtui calendar lists them)" if more else "")

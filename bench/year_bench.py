"""The manager's year in `make bench`: the review packet of the busiest person over five
years of the 100,000-conversation database (compiled and written as Markdown, in the
process: what `growtui review` adds to starting up), and the team screen for 200 people
(headless, beside a bare screen with the same widgets).

    .venv/bin/python bench/year_bench.py [DB_100K]
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from keeping_bench import team_database

UNTIL = date(2026, 11, 20)  # (the sample databases end here)


def review_s(db: Path, repeat: int) -> tuple[list[float], int]:
    from growtui.agendas import load_library
    from growtui.review import review_markdown, review_packet
    from growtui.store import Store

    store = Store.open(db)
    person = store.conn.execute(
        "SELECT person_id FROM conversations GROUP BY person_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    library = load_library()
    since = (UNTIL - timedelta(days=5 * 365)).isoformat()
    out = []
    packet = {}
    for _ in range(repeat):
        t = time.perf_counter()
        packet = review_packet(store, library, person, since, UNTIL.isoformat())
        review_markdown(packet)
        out.append(time.perf_counter() - t)
    store.close()
    return out, int(packet["conversations"])


async def team_ms(db: Path, repeat: int) -> tuple[list[float], list[float]]:
    """ms from pushing the team screen until the app is idle again (every row in), and the
    same for a bare screen with the same widgets and no data, turn about: headless, the
    harness's own waits are most of a push (a screen of 8 people takes ~210 ms)."""
    from textual.screen import Screen
    from textual.widgets import DataTable, Footer, Static

    from growtui.agendas import load_library
    from growtui.app import GrowApp
    from growtui.screens.team import TeamScreen

    class Bare(Screen[None]):
        CSS_PATH = TeamScreen.CSS_PATH

        def compose(self):  # type: ignore[no-untyped-def]
            yield Static("Team")
            yield DataTable(id="team-table")
            yield Static("", id="team-detail")
            yield Footer(compact=True)

    app = GrowApp(db_path=db, library=load_library())
    team, bare = [], []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for n in range(repeat + 1):
            for make, times in ((TeamScreen, team), (Bare, bare)):
                t = time.perf_counter()
                await app.push_screen(make())
                await pilot.pause()
                if n:  # (the first of each reads its style sheet)
                    times.append((time.perf_counter() - t) * 1000)
                app.pop_screen()
                await pilot.pause()
    return team, bare


def measure(db_100k: Path | None, repeat: int = 5) -> dict[str, float]:
    results: dict[str, float] = {}
    if db_100k is not None:
        times, conversations = review_s(db_100k, repeat)
        results |= {"review_5y_s": statistics.median(times), "review_5y_conversations": conversations}
    team, bare = asyncio.run(team_ms(team_database(), repeat))
    results |= {
        "team_200_ms": statistics.median(team),
        "team_bare_ms": statistics.median(bare),
        "team_200_added_ms": statistics.median(team) - statistics.median(bare),
    }
    return results


if __name__ == "__main__":
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    for key, value in measure(path).items():
        print(f"{key:24s} {value:10.3f}")

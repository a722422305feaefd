"""Start-up: what the first frame waits for. The figures are in bench/startup.py;
these tests hold the design that makes them: no heavy library on the way to the
people screen, agendas checked once and reused until a file changes, a long
people table drawn a screenful first and whole right after."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from growtui import locations
from growtui.agendas import load_library
from growtui.store import Store

from conftest import make_app

FIRST_FRAME = """
import sys
from growtui.cli import launch
from growtui.config import load_config
load_config()
launch.agenda_library()
import growtui.app, growtui.screens.people, growtui.store
print(",".join(sorted(m for m in ("pydantic", "sqlite_utils", "click") if m in sys.modules)))
"""


def first_frame_imports() -> str:
    result = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME], capture_output=True, text=True, env=os.environ, timeout=60, check=True
    )
    return result.stdout.strip()


def test_the_way_to_the_first_frame_imports_no_pydantic_sqlite_utils_or_click() -> None:
    assert first_frame_imports() == "pydantic"  # the agendas' first check (then cached)
    assert first_frame_imports() == ""


def test_a_changed_agenda_is_checked_again_and_a_broken_cache_is_ignored(isolated_dirs: Path) -> None:
    user = locations.user_agendas_dir()
    user.mkdir(parents=True)
    mine = user / "mine.toml"
    mine.write_text('id = "mine"\ntitle = "Mine"\n[[parts]]\n[[parts.questions]]\nid = "q"\ntext = "First?"\n')
    assert load_library().agendas["mine"].questions()[0].text == "First?"
    assert load_library().agendas["mine"].questions()[0].text == "First?"  # from the cache
    mine.write_text(mine.read_text().replace("First?", "Second, longer?"))
    assert load_library().agendas["mine"].questions()[0].text == "Second, longer?"
    mine.write_text("id = [broken")
    library = load_library()
    assert "mine" not in library.agendas and "mine.toml" in str(library.errors[0])
    assert "mine.toml" in str(load_library().errors[0])  # the error is cached with the rest
    locations.agenda_cache_file().write_text("{not json")
    assert set(load_library().agendas) == {"first-meeting", "second-meeting", "third-meeting-grow", "grow-check-in"}


def test_the_cache_is_private() -> None:
    load_library()
    path = locations.agenda_cache_file()
    assert path.stat().st_mode & 0o777 == 0o600


async def test_a_long_people_table_shows_a_screenful_first_then_everyone_in_the_same_columns(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    store = Store.open(db)
    for n in range(60):
        store.add_person(f"Person {n:02d}" + (" with a very long name indeed" if n == 59 else ""), role="Engineer")
    store.close()
    app = make_app(db)
    async with app.run_test(size=(120, 24)) as pilot:  # (wide enough for every column whole)
        table = app.screen.query_one("#people-table")
        header = table.ordered_columns[0].label.plain
        await pilot.pause()
        assert table.row_count == 60
        assert table.ordered_columns[0].label.plain == header  # nothing moved when the rest came
        long_name = "Person 59 with a very long name indeed"
        assert header.index("Role") == len(long_name) + 2  # the columns fit every row, not only the first
        rows = [table.get_row_at(r)[0].plain for r in range(60)]
        assert all(row.index("Engineer") == header.index("Role") for row in rows)

"""The database as a whole: demo; and where everything lives (paths). Copies of it: backups.py."""

from __future__ import annotations

from datetime import datetime

import click

from growtui.cli.common import db_option, db_path
from growtui.cli.launch import agenda_library
from growtui.cli.group import cli
from growtui.cli.output import echo, echo_table, json_option, print_json
from growtui.errors import GrowtuiError


@cli.command(
    epilog="\b\nExamples:\n  growtui demo --db /tmp/sample.db && growtui --db /tmp/sample.db\n"
    "  growtui demo --db big.db --people 200 --conversations 10000"
)
@db_option
@click.option("--people", default=8, show_default=True, type=click.IntRange(1, 10_000), help="How many people.")
@click.option(
    "--conversations",
    default=120,
    show_default=True,
    type=click.IntRange(0, 10_000_000),
    help="Conversations in all, spread over the people.",
)
@click.option("--seed", default=7, show_default=True, type=int, help="The same seed writes the same sample.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Last day of the sample history (default: today).")
def demo(people: int, conversations: int, seed: int, until: datetime | None) -> None:
    """Write a sample database (does not open the app)."""
    from growtui.demo import generate

    path = db_path()
    if path.exists() and path.stat().st_size > 0:
        raise GrowtuiError(f"{path} already exists; demo writes only to a new file")
    counts = generate(path, agenda_library(), people, conversations, seed, until.date() if until else None)
    echo(
        f"wrote {counts['people']} people, {counts['conversations']} conversations, "
        f"{counts['actions']} action items to {path}"
    )


@cli.command(
    "paths",
    epilog='\b\nExamples:\n  growtui paths\n  cp "$(growtui paths --json | jq -r .database)" '
    "/tmp/copy.db   # better: growtui backup",
)
@db_option
@json_option("one object {database, config, agendas, state, cache, backups}")
def paths_command(as_json: bool) -> None:
    """Where growtui keeps your data, settings, agendas and backups."""
    from growtui import locations, snapshots

    database = db_path()
    plan = snapshots.plan_for(database)
    found = {
        "database": str(database),
        "config": str(locations.config_file()),
        "agendas": str(locations.user_agendas_dir()),
        "state": str(locations.state_file().parent),
        "cache": str(locations.agenda_cache_file().parent),
        "backups": str(plan.folder) if plan else None,
    }
    if as_json:
        print_json(found)
        return
    notes = {
        "database": "your notes (--db or GROWTUI_DB choose another)",
        "config": "settings: [keymap], theme",
        "agendas": "your own agendas (*.toml)",
        "state": "the theme you chose, recovery files, crash reports",
        "cache": "agendas as last checked (safe to delete)",
        "backups": "a snapshot a day and after each conversation (config.toml: backups); growtui backups lists them"
        if plan
        else "off (config.toml: backups = false); growtui backup PATH copies by hand",
    }
    echo_table(["what", "where", "holds"], [(k, v or "-", notes[k]) for k, v in found.items()])

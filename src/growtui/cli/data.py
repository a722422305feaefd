"""The database as a whole: demo, backup, restore."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from growtui.cli.common import db_option, db_path
from growtui.cli.launch import agenda_library, make_private
from growtui.cli.group import cli
from growtui.cli.output import echo
from growtui.errors import GrowtuiError


@cli.command()
@db_option
@click.option("--people", default=8, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--conversations", default=120, show_default=True, type=click.IntRange(0, 10_000_000))
@click.option("--seed", default=7, show_default=True, type=int)
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


@cli.command("backup")
@db_option
@click.argument("dest", type=click.Path(path_type=Path))
def backup_command(dest: Path) -> None:
    """Copy the database to DEST (consistent, even while the app runs)."""
    from growtui.backup import backup

    make_private(db_path())
    conversations = backup(db_path(), dest)
    echo(f"backed up {conversations} conversations to {dest}")


@cli.command("restore")
@db_option
@click.argument("source", type=click.Path(path_type=Path))
def restore_command(source: Path) -> None:
    """Replace the database with a checked backup; the old file is kept beside it."""
    from growtui.backup import restore

    kept = restore(source, db_path())
    echo(f"restored {source} to {db_path()}" + (f"; the previous database is kept as {kept}" if kept else ""))

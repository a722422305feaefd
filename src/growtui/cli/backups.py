"""Copies of the database: backup (now, or to a file), the automatic snapshots listed
(backups), restore from any of them or from a Litestream replica, and replicate."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import click

from growtui.cli.common import db_option, db_path
from growtui.cli.group import cli
from growtui.cli.launch import make_private
from growtui.cli.output import echo, echo_table, json_option, print_json
from growtui.errors import GrowtuiError


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e5 else f"{n / 1e3:.0f} kB"


@cli.command(
    "backup",
    epilog="\b\nExamples:\n  growtui backup                 a snapshot now, in the backup folder\n"
    "  growtui backup ~/backups/growtui-$(date +%F).db",
)
@db_option
@click.argument("dest", type=click.Path(path_type=Path), required=False)
def backup_command(dest: Path | None) -> None:
    """Copy the database to DEST (consistent, even while the app runs); with no DEST,
    take a snapshot now in the backup folder (encrypted if config.toml says so)."""
    from growtui import snapshots
    from growtui.backup import backup

    make_private(db_path())
    if dest is not None:
        conversations = backup(db_path(), dest)
        echo(f"backed up {conversations} conversations to {dest}")
        return
    plan = snapshots.plan_for(db_path())
    if plan is None:
        raise GrowtuiError("config.toml says backups = false: give a file to copy to (growtui backup PATH)")
    snapshot = snapshots.recorded(db_path(), plan, "now")
    how = "encrypted" if snapshot.encrypted else "not encrypted: set backup_recipient in config.toml"
    echo(f"backed up {snapshot.conversations} conversations to {snapshot.path} ({how})")


@cli.command("backups", epilog="\b\nExamples:\n  growtui backups\n  growtui backups --json | jq '.snapshots[0].path'")
@db_option
@json_option(
    "{folder, encrypted, last: {ok, tried, problem}, snapshots: [{path, taken, size, encrypted, conversations}]}"
)
def backups_command(as_json: bool) -> None:
    """The automatic snapshots (one a day, and after each completed conversation), newest first."""
    from growtui import snapshots

    plan = snapshots.plan_for(db_path())
    if plan is None:
        echo("Automatic backups are off (config.toml: backups = false).")
        return
    found = snapshots.listed(plan.folder)
    status = snapshots.last_status(db_path())
    last = {"ok": status.get("last_ok"), "tried": status.get("last_try"), "problem": status.get("problem")}
    if as_json:
        print_json(
            {
                "folder": str(plan.folder),
                "encrypted": plan.encrypted,
                "last": last,
                "snapshots": [
                    {
                        "path": str(s.path),
                        "taken": s.taken.isoformat(timespec="seconds"),
                        "size": s.size,
                        "encrypted": s.encrypted,
                        "conversations": s.conversations,
                    }
                    for s in found
                ],
            }
        )
        return
    how = "encrypted with age" if plan.encrypted else "NOT encrypted (set backup_recipient in config.toml)"
    echo(f"Backups in {plan.folder}, {how}; kept: {', '.join(f'{n} {k}' for k, n in plan.keep.items())}.")
    if last["problem"]:
        echo(f"The last one failed ({last['tried']}): {last['problem']}")
    if not found:
        echo("None yet: one is taken each day growtui runs (growtui backup takes one now).")
        return
    rows = [
        (
            s.taken.strftime("%Y-%m-%d %H:%M"),
            _size(s.size),
            "?" if s.conversations is None else str(s.conversations),
            "yes" if s.encrypted else "no",
            str(s.path),
        )
        for s in found
    ]
    echo_table(["taken", "size", "conversations", "encrypted", "file"], rows)
    echo("Restore one: growtui restore FILE")


@contextmanager
def _private_temp(db: Path, what: str) -> Iterator[Path]:
    """A file beside the database (private like it), gone afterwards with SQLite's own."""
    path = db.parent / f".{db.name}.{what}-{os.getpid()}"
    try:
        yield path
    finally:
        for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            p.unlink(missing_ok=True)


def _decrypted(source: Path, out: Path, identity: Path | None, passphrase_file: Path | None) -> None:
    from growtui import age

    if age.needs_passphrase(source):
        if passphrase_file:
            passphrase = age.read_passphrase(passphrase_file)
        elif os.environ.get("GROWTUI_BACKUP_PASSPHRASE"):
            passphrase = os.environ["GROWTUI_BACKUP_PASSPHRASE"].strip()  # (as a file's first line is read)
        elif sys.stdin.isatty():
            passphrase = click.prompt(f"Passphrase for {source.name}", hide_input=True)
        else:
            raise GrowtuiError(f"{source} is encrypted with a passphrase: give --passphrase-file FILE")
        age.decrypt_file(source, out, None, passphrase)
    else:
        if identity is None and sys.stdin.isatty():
            identity = Path(click.prompt(f"Identity file for {source.name} (an age key, or SSH private key)"))
            identity = identity.expanduser()
        if identity is None:
            raise GrowtuiError(
                f"{source} is encrypted to a key: give the identity file that holds its secret "
                "(growtui restore FILE --identity ~/.config/age/key.txt)"
            )
        age.decrypt_file(source, out, identity, None)


@cli.command(
    "restore",
    epilog="\b\nExamples:\n  growtui restore ~/backups/growtui-2026-11-30.db\n"
    "  growtui restore /media/usb/growtui/growtui-20261130-090000.db.age --identity ~/key.txt\n"
    "  growtui restore --from-replica s3://bucket/growtui",
)
@db_option
@click.argument("source", type=click.Path(path_type=Path), required=False)
@click.option("--identity", type=click.Path(path_type=Path), help="The age identity (or SSH private key) file.")
@click.option("--passphrase-file", type=click.Path(path_type=Path), help="A file holding the passphrase.")
@click.option("--from-replica", metavar="URL", help="Restore the latest state of a Litestream replica instead.")
def restore_command(
    source: Path | None, identity: Path | None, passphrase_file: Path | None, from_replica: str | None
) -> None:
    """Replace the database with a checked backup, an encrypted snapshot or a replica's
    latest state; the old file is kept beside it."""
    from growtui.backup import restore

    db = db_path()
    if (source is None) == (from_replica is None):
        raise click.UsageError("give a backup file, or --from-replica URL (one of them)")
    db.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if from_replica is not None:
        from growtui.replication import restore_from

        with _private_temp(db, "from-replica") as incoming:
            restore_from(from_replica, incoming)
            kept = restore(incoming, db)
        origin = from_replica
    else:
        assert source is not None
        from growtui import age

        if age.is_encrypted(source):
            with _private_temp(db, "decrypted") as plain:
                _decrypted(source, plain, identity, passphrase_file)
                kept = restore(plain, db)
        else:
            kept = restore(source, db)
        origin = str(source)
    echo(f"restored {origin} to {db}" + (f"; the previous database is kept as {kept}" if kept else ""))


@cli.command(
    "replicate",
    epilog="\b\nExamples:\n  growtui replicate --to /mnt/nas/growtui-replica\n"
    "  growtui replicate --to s3://my-bucket/growtui\n  growtui replicate --to sftp://me@host/growtui",
)
@db_option
@click.option("--to", "to", required=True, metavar="URL", help="A folder, or a file://, s3://, sftp:// URL.")
def replicate_command(to: str) -> None:
    """Copy every save off the machine within seconds (Litestream), until stopped (ctrl+c)."""
    from growtui.replication import replica_url, replicate
    from growtui.store import Store

    db = db_path()
    if not db.is_file():
        raise GrowtuiError(f"{db} does not exist: nothing to replicate")
    Store.open_to_read(db, create_folder=False).close()  # (ours, and current)
    echo(f"{datetime.now():%H:%M} replicating {db} to {replica_url(to)} (Litestream; ctrl+c stops)", err=True)
    code = replicate(db, to)
    if code not in (0, 130, -2):
        raise GrowtuiError(f"Litestream stopped with exit code {code} (its messages are above)")

"""Commands that keep the record in order: what became of an action between meetings,
a conversation thrown away (and the trash), a person archived, handed over, given
their copy, or erased. Destructive ones confirm on a terminal and take --yes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from growtui.cli.common import confirmed, conversation_id, db_option, db_path, open_store
from growtui.cli.group import cli
from growtui.cli.launch import agenda_library
from growtui.cli.output import echo, echo_table, json_option, print_json
from growtui.cli.people import actions, people
from growtui.errors import GrowtuiError
from growtui.store import ARCHIVE_REASONS, TRASH_DAYS, as_id

yes_option = click.option("--yes", is_flag=True, help="Do it without asking (for scripts).")


def _outcome_command(verb: str, outcome: str, said: str) -> None:
    @actions.command(
        verb,
        help=f"Record that action item ID was {said}, between meetings.",
        epilog=f"\b\nExamples:\n  growtui actions Ada\n  growtui actions {verb} 12 --result 'Talk given at the guild'",
    )
    @db_option
    @click.argument("action_id", metavar="ID")
    @click.option("--result", help="What they (or you) did, and the result.")
    def record(action_id: str, result: str | None) -> None:
        store = open_store(write=True)
        action = store.action(as_id(action_id, "action item"))
        changes: dict[str, object] = {"outcome": outcome}
        if result is not None:
            changes["result"] = result.strip()
        store.update_action(action.id, None, **changes)  # (no conversation: between meetings)
        echo(f"action item {action.id} ({action.text}): {said}; the next carry-over shows it as recorded")


_outcome_command("done", "done", "done")
_outcome_command("progress", "progressing", "progressing")
_outcome_command("drop", "dropped", "dropped")


@cli.group(epilog="\b\nExamples:\n  growtui history Ada   # the ids\n  growtui conversation delete 42")
def conversation() -> None:
    """One conversation: delete it (to the trash, for 30 days)."""


@conversation.command("delete", epilog="\b\nExamples:\n  growtui conversation delete 42\n  growtui trash")
@db_option
@click.argument("conversation_ref", metavar="ID")
@yes_option
def conversation_delete(conversation_ref: str, yes: bool) -> None:
    """Throw a conversation away: out of every screen, search, brief and figure at once,
    kept in the trash for 30 days (growtui trash restore ID brings it back)."""
    store = open_store(write=True)
    conv = store.conversation(conversation_id(store, conversation_ref))
    person = store.person(conv.person_id)
    confirmed(f"Delete the conversation of {conv.started_at[:16].replace('T', ' ')} with {person.name}?", yes)
    entry = store.delete_conversation(conv.id)
    echo(f"deleted {entry.label} (id {conv.id}): in the trash for {TRASH_DAYS} days")


@cli.group(invoke_without_command=True, epilog="\b\nExamples:\n  growtui trash\n  growtui trash restore 42")
@db_option
@json_option("an array of {id, person_id, label, deleted_at, erased_after}")
@click.pass_context
def trash(ctx: click.Context, as_json: bool) -> None:
    """Conversations deleted in the last 30 days (older ones are erased for good)."""
    if ctx.invoked_subcommand is not None:
        return
    from datetime import datetime, timedelta

    from growtui.cli.launch import expire_trash

    store = open_store(write=True)
    expire_trash(store, db_path())
    rows: list[dict[str, Any]] = [
        {
            "id": e.conversation_id,
            "person_id": e.person_id,
            "label": e.label,
            "deleted_at": e.deleted_at,
            "erased_after": (datetime.fromisoformat(e.deleted_at) + timedelta(days=TRASH_DAYS)).date().isoformat(),
        }
        for e in store.trash()
    ]
    if as_json:
        print_json(rows)
        return
    if not rows:
        echo("the trash is empty", err=True)
        return
    echo_table(
        ["id", "conversation", "deleted", "erased after"],
        [(r["id"], r["label"], r["deleted_at"][:16].replace("T", " "), r["erased_after"]) for r in rows],
    )


@trash.command("restore", epilog="\b\nExamples:\n  growtui trash\n  growtui trash restore 42")
@db_option
@click.argument("conversation_ref", metavar="ID")
def trash_restore(conversation_ref: str) -> None:
    """Bring a deleted conversation back, as it was."""
    store = open_store(write=True)
    entry = store.trash_entry(as_id(conversation_ref, "conversation"))
    new_id = store.restore_conversation(entry.conversation_id)
    echo(f"restored {entry.label}" + (f" (now id {new_id})" if new_id != entry.conversation_id else ""))


@trash.command("empty", epilog="\b\nExamples:\n  growtui trash empty --yes")
@db_option
@yes_option
def trash_empty(yes: bool) -> None:
    """Erase every deleted conversation for good now (the file is rewritten without them)."""
    from growtui.inuse import no_app_open

    store = open_store(write=True)
    count = len(store.trash())
    if not count:
        echo("the trash is empty", err=True)
        return
    confirmed(f"Erase the {count} conversations in the trash for good?", yes)
    with no_app_open(db_path(), "empty the trash"):
        store.empty_trash()
    echo(f"erased {count} conversations for good")


@people.command("archive", epilog="\b\nExamples:\n  growtui people archive Ada --reason moved")
@db_option
@click.argument("person")
@click.option(
    "--reason",
    type=click.Choice(sorted(ARCHIVE_REASONS)),
    default="left",
    show_default=True,
    help="Left the company, or moved to another team.",
)
@click.option("--date", "on", metavar="YYYY-MM-DD", help="When (default: today).")
def people_archive(person: str, reason: str, on: str | None) -> None:
    """A person who left the company or moved to another team: out of the people screen,
    due and the calendar; their history stays, readable and searchable."""
    from datetime import date

    store = open_store(write=True)
    who = store.find_person(person)
    if on is not None:
        try:
            on = date.fromisoformat(on).isoformat()
        except ValueError:
            raise click.BadParameter(f"{on!r} is not a date like 2026-12-01", param_hint="--date") from None
    store.archive_person(who.id, reason, on)
    echo(f"archived {who.name}: {ARCHIVE_REASONS[reason]} (growtui people unarchive {who.name!r} undoes it)")


@people.command("unarchive", epilog="\b\nExamples:\n  growtui people --archived\n  growtui people unarchive Ada")
@db_option
@click.argument("person")
def people_unarchive(person: str) -> None:
    """Bring an archived person back to the people screen."""
    store = open_store(write=True)
    who = store.find_person(person)
    if not who.archived_at:
        raise GrowtuiError(f"{who.name} is not archived")
    store.unarchive_person(who.id)
    echo(f"{who.name} is back on the people screen")


@cli.command(epilog="\b\nExamples:\n  growtui handover Ada --out ada-handover.md")
@db_option
@click.argument("person")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write it here (default: stdout).")
@click.option("--with-private", is_flag=True, help="Keep your private notes in it (their next manager reads them).")
def handover(person: str, out: Path | None, with_private: bool) -> None:
    """A document for PERSON's next manager: cadence, their focus over time, open actions,
    how their commitments held, and each conversation's shareable notes."""
    from growtui.person_record import handover_document
    from growtui.recovery import write_private_file

    store = open_store()
    who = store.find_person(person)
    if with_private:
        echo(f"warning: this hand-over holds your private notes about {who.name}", err=True)
    text = handover_document(store, agenda_library(), who.id, with_private)
    if out is None:
        echo(text, nl=False)
        return
    write_private_file(out, text)
    echo(f"wrote the hand-over of {who.name} to {out}")


@cli.group(epilog="\b\nExamples:\n  growtui person export Ada --out ~/ada-data\n  growtui person erase Ada")
def person() -> None:
    """Everything held about one person: their copy (export), or erasure."""


@person.command("export", epilog="\b\nExamples:\n  growtui person export Ada --out ~/ada-data")
@db_option
@click.argument("person_ref", metavar="PERSON")
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path), help="A folder to write.")
def person_export(person_ref: str, out: Path) -> None:
    """Everything held about PERSON, as JSON and Markdown with an index (what a subject
    access request needs): every conversation with private notes, every action and its
    history, transcripts, earlier versions, the person's fields."""
    from growtui.person_record import export_person

    store = open_store()
    who = store.find_person(person_ref)
    written = export_person(store, agenda_library(), who.id, out)
    echo(f"wrote {len(written)} files about {who.name} to {out} (start with index.md)")


@person.command(
    "erase", epilog="\b\nExamples:\n  growtui person export Ada --out ~/ada-data\n  growtui person erase Ada"
)
@db_option
@click.argument("person_ref", metavar="PERSON")
@yes_option
def person_erase(person_ref: str, yes: bool) -> None:
    """Erase every row about PERSON (conversations, notes, actions, transcripts, earlier
    versions, the trash), rewrite the file so no page still holds their words, and
    remove recovery files and crash reports that name them. Backups are not touched."""
    from growtui.inuse import no_app_open
    from growtui.recovery import remove_naming

    store = open_store(write=True)
    who = store.find_person(person_ref)
    conversations = [h.conversation.id for h in store.history(who.id)]
    confirmed(
        f"Erase everything about {who.name} ({len(conversations)} conversations)? This cannot be undone.", yes, who.name
    )
    with no_app_open(db_path(), f"erase {who.name}"):
        store.erase_person(who.id)
    removed = remove_naming(who.name, conversations)
    echo(f"erased {who.name}: {len(conversations)} conversations, and {removed} recovery files or crash reports.")
    from growtui.backup import backups_holding
    from growtui.snapshots import plan_for

    plan = plan_for(db_path())
    for path, day, sure in backups_holding(db_path(), who.name, plan.folder if plan else None):
        echo(f"  {'still held by' if sure else 'perhaps held by (encrypted)'} a backup of {day}: {path}")
    if any(db_path().parent.glob(f".{db_path().name}-litestream")):
        echo("  Litestream's replica (growtui replicate) holds them until its retention drops them.")
    echo("Backups and copies made elsewhere (growtui backup PATH, exports sent) may hold them: remove those yourself.")

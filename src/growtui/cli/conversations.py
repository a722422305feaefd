"""Commands over conversations: search and export."""

from __future__ import annotations

import sys
from typing import Any

import click

from growtui.cli.common import conversation_id, db_option, db_path, open_store
from growtui.cli.launch import agenda_library
from growtui.cli.group import cli
from growtui.cli.output import clip, echo, format_option, json_option, print_json, render, terminal_width
from growtui.errors import GrowtuiError
from growtui.inert import inert


@cli.command(
    epilog="\b\nExamples:\n  growtui search kubernetes\n  growtui search \"tech debt\" --json | jq '.[].snippet'\n"
    "  growtui search promotion >/dev/null && echo found"
)
@db_option
@json_option(
    "an array of {conversation (null for a note between meetings), note (its id, or null), person, archived "
    "(the person left or moved team), date, agenda, kind (note, action, transcript, or between: a note "
    "between meetings), question_id, question, snippet}"
)
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000), help="Show at most this many.")
@click.argument("query", nargs=-1, required=True)
def search(query: tuple[str, ...], as_json: bool, limit: int) -> None:
    """Full-text search over all notes and action items, best first. Exits 1 when
    nothing matched, as grep does."""
    from growtui.outline import question_text
    from growtui.store import MARK_END, MARK_START

    store = open_store()
    library = agenda_library()
    hits = store.search(" ".join(query), limit)

    def question(h: Any) -> str:
        if h.kind == "between":
            return "(a note between meetings)"
        text = question_text(library, h.agenda_id, h.question_id)
        return f"(transcript) {text}" if h.kind == "transcript" else text

    if as_json:
        rows = [
            {
                "conversation": h.conversation_id,
                "note": h.note_id,
                "person": h.person,
                "archived": h.archived,
                "date": h.started_at,
                "agenda": h.agenda_id,
                "kind": h.kind,
                "question_id": h.question_id,
                "question": question(h),
                "snippet": h.snippet.replace(MARK_START, "").replace(MARK_END, ""),
            }
            for h in hits
        ]
        print_json(rows)
    if not hits:
        from growtui.store import damaged

        if problem := damaged(db_path()):  # a damaged index finds nothing rather than failing
            raise problem
        if not as_json:
            echo("no matches", err=True)
        raise SystemExit(1)
    if as_json:
        return
    bold = sys.stdout.isatty()
    start, end = ("\x1b[1m", "\x1b[0m") if bold else ("*", "*")

    # The snippet is the last column: our bold around the matched words is put in after
    # the table is fitted (and ended at each line's end, should a cut fall inside it).
    table = render(
        ["conv", "date", "person", "question", "snippet"],
        [
            (
                h.conversation_id or f"note {h.note_id}",
                h.started_at[:10],
                h.person + (" (archived)" if h.archived else ""),
                clip(question(h), 40),
                h.snippet,
            )
            for h in hits
        ],
        terminal_width(),
    )
    lines = [line.replace(inert(MARK_START), start).replace(inert(MARK_END), end) for line in table.splitlines()]
    click.echo("\n".join(line + (end if bold and start in line else "") for line in lines))


EXPORT_FIELDS = (
    "one object {id, person, agenda, agenda_title, started_at, ended_at, status, topic, questions: "
    "[{id, text, asked, deferred, notes, shareable, answers, seconds}], general_notes, "
    "general_notes_shareable, stage_minutes, transcript: [{start, end, speaker, side, text, question_id}], "
    "talk: {me, them, other} or null, question_seconds, actions: [{text, due, due_date (ISO or null), "
    "owner (them or me), support, commitment, raise_it, status, outcome, result}]}"
)


@cli.command(
    epilog="\b\nExamples:\n  growtui export latest\n  growtui export 42 --format json\n"
    "  growtui export latest --shareable > for-ada.md\n  growtui export Ada --all > ada.md"
)
@db_option
@click.argument("conversation")
@format_option("md: a document for people; json: for scripts, " + EXPORT_FIELDS + ".")
@click.option("--shareable", is_flag=True, help="Leave private notes out (the copy to send the report).")
@click.option("--all", "whole", is_flag=True, help="CONVERSATION is a person: every conversation, newest first.")
@click.option(
    "--with-transcript",
    is_flag=True,
    help="Keep the call's transcript in a --shareable or --all document (left out unless asked).",
)
def export(conversation: str, fmt: str, shareable: bool, whole: bool, with_transcript: bool) -> None:
    """Write one conversation (an id, or 'latest') to stdout; with --all, a person's running file."""
    from growtui.export import conversation_document, shareable_copy, to_json, to_markdown
    from growtui.person_record import person_document

    store = open_store()
    if whole:
        if fmt != "md":
            raise click.UsageError("--all writes Markdown: use --format md")
        echo(
            person_document(store, agenda_library(), store.find_person(conversation).id, shareable, with_transcript),
            nl=False,
        )
        return
    if conversation != "latest" and not conversation.isdigit():
        raise GrowtuiError(f"{conversation!r} is not a conversation id or 'latest' (a person needs --all)")
    doc = conversation_document(store, agenda_library(), conversation_id(store, conversation))
    if shareable:
        doc = shareable_copy(doc, with_transcript)
    if fmt == "json":
        click.echo(to_json(doc))
    else:
        echo(to_markdown(doc), nl=False)

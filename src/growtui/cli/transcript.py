"""`growtui transcript attach|show|detach`: a call's transcript beside the notes."""

from __future__ import annotations

from pathlib import Path

import click

from growtui.scores import clock_text
from growtui.cli.common import conversation_id, db_option, open_store
from growtui.cli.group import cli
from growtui.cli.launch import agenda_library
from growtui.cli.output import echo, json_option, print_json
from growtui.errors import GrowtuiError

SHOW_FIELDS = (
    "one object {conversation, source, format, offset_seconds, me, transcript: [{start, end, speaker, "
    "side (me, them or other), text, question_id}], talk: {me, them, other} (seconds)}; times in seconds "
    "from the recording's start"
)


@cli.group(
    epilog="\b\nExamples:\n  growtui transcript attach latest ~/Downloads/GMT20261201-100102_Recording.transcript.vtt\n"
    '  growtui transcript attach 42 call.srt --start 10:02 --me "Dana Manager"\n'
    "  growtui transcript show latest\n  growtui transcript detach 42"
)
def transcript() -> None:
    """A call's transcript (Zoom, Teams, Meet: WebVTT; other tools: SRT), aligned to
    the questions that were on screen. Private, like the notes."""


@transcript.command(
    "attach",
    epilog="\b\nExamples:\n  growtui transcript attach latest meeting.vtt\n"
    "  growtui transcript attach 42 meeting.vtt --offset -95 --replace",
)
@db_option
@click.argument("conversation")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--start", metavar="HH:MM[:SS]", help="The clock time the recording began (default: when the conversation began)."
)
@click.option(
    "--offset",
    type=float,
    metavar="SECONDS",
    help="The recording began this many seconds after the conversation did (negative: before).",
)
@click.option(
    "--me",
    metavar="NAME",
    help="Your name as the transcript writes it (default: me in config.toml, else the speaker who is not the person).",
)
@click.option("--replace", is_flag=True, help="Replace a transcript already attached.")
@click.option(
    "--until-end",
    is_flag=True,
    help="Leave out what was said after the conversation ended (by default it goes under the last question).",
)
def transcript_attach(
    conversation: str,
    file: Path,
    start: str | None,
    offset: float | None,
    me: str | None,
    replace: bool,
    until_end: bool,
) -> None:
    """Attach FILE (WebVTT or SRT, told apart by its content) to a conversation."""
    from growtui.config import load_config
    from growtui.transcripts import UNKNOWN_SIDES, attach, talk_share

    if start and offset is not None:
        raise click.UsageError("--start or --offset, not both")
    store = open_store(write=True)
    conv = conversation_id(store, conversation)
    cues, talk, past_end = attach(store, conv, file, start, offset, me or load_config().me, replace, until_end)
    share = talk_share(talk)
    echo(
        f"attached {cues} lines to conversation {conv}"
        + (f" ({share} of the talking)" if share else f"; {UNKNOWN_SIDES}")
    )
    if past_end and until_end:
        echo(f"note: {past_end}")
    elif past_end:
        echo(
            f"note: {past_end} (attach again with --replace --until-end to leave them out; with --start or "
            "--offset if the recording began later)"
        )


@transcript.command(
    "show", epilog="\b\nExamples:\n  growtui transcript show latest\n  growtui transcript show 42 --json | jq .talk"
)
@db_option
@json_option(SHOW_FIELDS)
@click.argument("conversation")
def transcript_show(conversation: str, as_json: bool) -> None:
    """Print a conversation's transcript under the questions it was said during."""
    from growtui.outline import question_text
    from growtui.transcripts import talk, talk_share

    store = open_store()
    conv = conversation_id(store, conversation)
    info = store.transcript(conv)
    if info is None:
        raise GrowtuiError(f"conversation {conv} has no transcript (growtui transcript attach {conv} FILE)")
    cues = store.cues_of(conv)
    seconds = talk((c, c.side) for c in cues)
    if as_json:
        print_json(
            {
                "conversation": conv,
                "source": info.source,
                "format": info.format,
                "offset_seconds": info.offset_seconds,
                "me": info.me,
                "talk": seconds,
                "transcript": [
                    {
                        "start": c.start,
                        "end": c.end,
                        "speaker": c.speaker,
                        "side": c.side,
                        "text": c.text,
                        "question_id": c.question_id,
                    }
                    for c in cues
                ],
            }
        )
        return
    library = agenda_library()
    agenda_id = store.conversation(conv).agenda_id
    lines: list[str] = [
        f"Transcript of conversation {conv} ({info.source}); talk: {talk_share(seconds) or 'not known'}"
    ]
    question = None
    for c in cues:
        if c.question_id != question:
            question = c.question_id
            lines += ["", question_text(library, agenda_id, question)]
        lines.append(f"  [{clock_text(c.start)}] {c.speaker or '?'}: {c.text}")
    echo("\n".join(lines))


@transcript.command("detach", epilog="\b\nExamples:\n  growtui transcript detach latest")
@db_option
@click.argument("conversation")
def transcript_detach(conversation: str) -> None:
    """Remove a conversation's transcript (its notes stay)."""
    store = open_store(write=True)
    conv = conversation_id(store, conversation)
    if not store.detach_transcript(conv):
        raise GrowtuiError(f"conversation {conv} has no transcript")
    echo(f"detached the transcript of conversation {conv}")

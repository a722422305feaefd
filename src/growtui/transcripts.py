"""A call's transcript beside the notes: read a Zoom, Teams or Meet export (WebVTT)
or an SRT file with webvtt-py and srt, find who spoke (voice tags, "Name: text"),
and align each cue to the question that was on screen when it was said. Knows
nothing of Textual; nothing leaves the machine.

Cue times count from the recording's start; `offset` says when that was, in
seconds after the conversation started (negative: before). A cue belongs to the
question current at its time; cues before the first question go to the general
notes, cues after the conversation ended (the call ran on) to its last question.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from growtui.errors import GrowtuiError
from growtui.store import GENERAL, CueRecord, Store
from growtui.userfiles import UserFileError, read_foreign

MAX_BYTES = 16 * 1024 * 1024  # a day of captions is a few MB
MAX_CUES = 50_000  # a working day of captions is tens of thousands of cues
MAX_SECONDS = 7 * 86_400  # a cue's time from the recording's start: a week at the very most
MAX_OFFSET = 86_400  # seconds between the conversation's start and the recording's: at most a day
MAX_CUE_CHARS = 10_000  # a cue is a sentence or two; a long monologue a few thousand characters
TIMESTAMP_TAG = re.compile(r"<\d{1,2}(:\d{2}){1,2}[.,]\d{3}>")  # karaoke timing inside a cue (Meet, YouTube)
TAG = re.compile(r"</?[a-zA-Z][^>]*>")  # <v Name>, <c.yellow>, <i>, <b>, <lang en>...
SPEAKER = re.compile(r"^\s*([^:\n<>]{1,60}?):\s+(\S.*)$", re.DOTALL)  # Zoom's "Name: text"
CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$")


class TranscriptError(GrowtuiError):
    """A file that is not a usable transcript: one line, which file and what is wrong."""


@dataclass(frozen=True)
class Cue:
    start: float  # seconds from the recording's start
    end: float
    speaker: str  # "" when the file does not say
    text: str


def seconds(clock: str) -> float:
    """'01:02:03.450' or '02:03.450' (WebVTT may leave the hours out) in seconds."""
    m = CLOCK.match(clock.strip())
    if m is None:
        raise ValueError(f"not a time: {clock!r}")
    hours, minutes, secs, millis = m.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(secs) + int((millis or "0").ljust(3, "0")) / 1000


def _clean(raw: str) -> str:
    words = TIMESTAMP_TAG.sub(" ", raw)
    words = TAG.sub("", words)
    for entity, char in (("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&nbsp;", " "), ("&lrm;", ""), ("&rlm;", "")):
        words = words.replace(entity, char)
    return " ".join(words.split())


def _speaker(voice: str | None, text: str) -> tuple[str, str]:
    """Who spoke: the voice tag (Teams), else a "Name: " prefix (Zoom)."""
    if voice:
        return " ".join(voice.split()), text
    m = SPEAKER.match(text)
    if m and not m.group(1).strip().isdigit():
        return " ".join(m.group(1).split()), m.group(2).strip()
    return "", text


def parse(text: str, source: str = "<transcript>") -> tuple[str, list[Cue]]:
    """(format, cues) of a WebVTT or SRT text, told apart by content, not by name."""
    body = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")  # (CRLF, and old Macs' lone CR)
    if body.lstrip().startswith("WEBVTT"):
        return "webvtt", _webvtt(body, source)
    if re.match(r"\s*\d+\s*\r?\n\s*\d+:\d{2}:\d{2}[,.]\d{1,3}\s*-->", body):
        return "srt", _srt(body, source)
    raise TranscriptError(
        f"{source}: not a transcript (a WebVTT file starts with WEBVTT; an SRT file with a number and a time line)"
    )


# A cue's time line as webvtt-py reads one (its lenient form): what it would skip, we refuse.
TIMING = re.compile(r"\s*(?:\d+:)?\d{1,2}:\d{1,2}\.\d{1,3}\s*-->\s*(?:\d+:)?\d{1,2}:\d{1,2}\.\d{1,3}")


def _damaged_cue(text: str) -> tuple[int, str] | None:
    """(line number, line) of the first cue with no time line, if any: webvtt-py
    skips such a block without a word, and the words in it would be lost unseen."""
    block: list[tuple[int, str]] = []
    header = True  # the first block is WEBVTT and its header lines
    for number, line in enumerate([*text.split("\n"), ""], 1):
        if line.strip():
            block.append((number, line))
            continue
        if block and not header and not block[0][1].startswith(("NOTE", "STYLE", "REGION")):
            if not any(TIMING.match(candidate) for _, candidate in block[:2]):
                return block[1] if len(block) > 1 and "-->" not in block[0][1] else block[0]
        header = header and not block
        block = []
    return None


def _webvtt(text: str, source: str) -> list[Cue]:
    import webvtt

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if damaged := _damaged_cue(text):
        number, line = damaged
        raise TranscriptError(
            f"{source}: line {number}: not a cue's time line ({line.strip()[:60]!r}; "
            "one reads like 00:01:02.500 --> 00:01:05.000)"
        )
    try:
        captions = webvtt.from_buffer(io.StringIO(text)).captions
    except Exception as e:  # webvtt-py raises MalformedFileError, MalformedCaptionError...
        raise TranscriptError(f"{source}: not a readable WebVTT file ({_problem(e)})") from None
    cues = []
    for caption in captions:
        speaker, words = _speaker(getattr(caption, "voice", None), _clean(caption.raw_text))
        if words:
            cues.append(Cue(seconds(caption.start), seconds(caption.end), speaker, words))
    return cues


def _srt(text: str, source: str) -> list[Cue]:
    import srt

    try:
        subtitles = list(srt.parse(text.replace("\r\n", "\n")))
    except Exception as e:  # srt.SRTParseError
        raise TranscriptError(f"{source}: not a readable SRT file ({_problem(e)})") from None
    cues = []
    for sub in subtitles:
        voice = re.match(r"\s*<v\s+([^>]+)>", sub.content)
        speaker, words = _speaker(voice.group(1) if voice else None, _clean(sub.content))
        if words:
            cues.append(Cue(sub.start.total_seconds(), sub.end.total_seconds(), speaker, words))
    return cues


def _problem(error: Exception) -> str:
    words = " ".join(str(error).split())
    return (words[:160] + "…") if len(words) > 160 else (words or type(error).__name__)


def read(path: Path) -> tuple[str, list[Cue]]:
    """A transcript file, or TranscriptError naming it and what is wrong (empty included)."""
    try:
        text = read_foreign(path, MAX_BYTES)
    except UserFileError as e:
        raise TranscriptError(f"{path}: {e.problem}") from None
    kind, cues = parse(text, str(path))
    if not cues:
        raise TranscriptError(f"{path}: no cue with any words in it")
    if len(cues) > MAX_CUES:
        raise TranscriptError(
            f"{path}: {len(cues):,} cues (a working day of captions is tens of thousands; "
            f"growtui keeps at most {MAX_CUES:,} per call)"
        )
    if late := next((c for c in cues if max(c.start, c.end) > MAX_SECONDS), None):
        raise TranscriptError(
            f"{path}: a cue at {late.start / 3600:,.0f} hours (no call lasts that long: a damaged time line)"
        )
    if longest := max(cues, key=lambda c: len(c.text)) if any(len(c.text) > MAX_CUE_CHARS for c in cues) else None:
        raise TranscriptError(
            f"{path}: the cue at {longest.start:.0f} s holds {len(longest.text):,} characters "
            f"(at most {MAX_CUE_CHARS:,}: not a call's transcript)"
        )
    return kind, cues


def align(
    cues: Iterable[Cue], started: datetime, ended: datetime | None, offset: float, timeline: list[tuple[datetime, str]]
) -> list[tuple[Cue, str]]:
    """Each cue with the question on screen when it was said (see the module's doc);
    `timeline` is (when it became current, question key), in time order."""
    placed = []
    for cue in cues:
        at = started + timedelta(seconds=offset + cue.start)
        question = GENERAL
        for when, key in timeline:
            if when <= at:
                question = key
            else:
                break
        if ended is not None and at > ended and timeline:
            question = timeline[-1][1]
        placed.append((cue, question))
    return placed


def sides(cues: Iterable[Cue], person: str, me: str | None) -> dict[str, str]:
    """Speaker → me, them or other. The person is matched by name (their first name
    is enough, as call tools shorten it); the manager is `me`, or failing that the
    one other speaker; anyone else is other."""
    speakers = sorted({c.speaker for c in cues if c.speaker})

    def is_person(name: str) -> bool:
        wanted = folded(person).split()
        said = folded(name).split()
        return bool(wanted and said) and (said == wanted or said[0] == wanted[0])

    out = {s: "them" if is_person(s) else "" for s in speakers}
    mine = folded(me or "").split()
    if mine:
        for s in speakers:
            theirs = folded(s).split()
            if theirs and (theirs == mine or theirs[0] == mine[0]):
                out[s] = "me"
    rest = [s for s in speakers if out[s] == ""]
    if not me and len(rest) == 1:
        out[rest[0]] = "me"
    return {s: side or "other" for s, side in out.items()}


def folded(name: str) -> str:
    """A name as compared: one Unicode form (macOS writes "Zoë" decomposed), fullwidth
    letters as plain ones, any case."""
    return unicodedata.normalize("NFKC", name).casefold()


def talk(placed: Iterable[tuple[Cue | CueRecord, str]]) -> dict[str, float]:
    """Seconds spoken per side (me, them, other): the sum of their cues' durations."""
    out = {"me": 0.0, "them": 0.0, "other": 0.0}
    for cue, side in placed:
        out[side if side in out else "other"] += max(0.0, cue.end - cue.start)
    return {k: round(v, 1) for k, v in out.items()}


UNKNOWN_SIDES = "who spoke is not known: no speaker in it is them or you; attach again with --me NAME"


def talk_share(seconds_by_side: dict[str, float]) -> str:
    """ "them 64% · me 31%": how much of the talking each side did; "" if neither
    side spoke that we know of (captions without names, or names we could not place)."""
    total = sum(max(0.0, v) for v in seconds_by_side.values())
    if not (seconds_by_side.get("them") or seconds_by_side.get("me")) or total <= 0:
        return ""  # (cues of no length, as some caption tools write, say nothing of who talked)
    parts = [
        f"{side} {round(100 * v / total)}%"
        for side, v in sorted(seconds_by_side.items(), key=lambda kv: ("them", "me", "other").index(kv[0]))
        if v
    ]
    return " · ".join(parts)


def talk_line(seconds_by_side: dict[str, float]) -> str:
    """The line a summary or document gives the talking."""
    share = talk_share(seconds_by_side)
    return f"Talk: {share} (from the call's transcript)" if share else f"Talk: {UNKNOWN_SIDES}"


def clock_offset(start_clock: str, conversation_started: datetime) -> float:
    """--start HH:MM[:SS], the recording's start in local time on the conversation's
    day, as seconds after the conversation started."""
    m = re.fullmatch(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", start_clock.strip())
    if m is None:
        raise TranscriptError(f"--start {start_clock!r}: give the clock time the recording began, e.g. 14:02")
    hours, minutes, secs = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    if hours > 23 or minutes > 59 or secs > 59:
        raise TranscriptError(f"--start {start_clock!r}: not a time of day")
    began = conversation_started.replace(hour=hours, minute=minutes, second=secs, microsecond=0)
    return (began - conversation_started).total_seconds()


@dataclass(frozen=True)
class Prepared:
    """A transcript read and aligned, ready to be stored."""

    conv_id: int
    source: str
    kind: str
    shift: float
    me: str
    records: list[CueRecord]
    replace: bool
    past_end: tuple[int, float] = (0, 0.0)  # lines said after the conversation ended, and how long after
    ends_at: float | None = None  # the recording's second at which the conversation ended
    left_out: bool = False  # the lines after the end are not in `records`


def past_end_text(p: Prepared) -> str:
    """What a manager should know of the lines after the end: they went under the last question."""
    lines, seconds = p.past_end
    if not lines:
        return ""
    said = "1 line was" if lines == 1 else f"{lines} lines were"
    ran = f"the recording ran {max(1, round(seconds / 60))} min past it"
    if p.left_out:
        return f"{said} said after the conversation ended ({ran}): left out"
    return f"{said} said after the conversation ended ({ran}): under its last question"


def prepare(
    store: Store,
    conv_id: int,
    path: Path,
    start: str | None = None,
    offset: float | None = None,
    me: str | None = None,
    replace: bool = False,
    until_end: bool = False,
) -> Prepared:
    """Read `path` and align it to the conversation: only reads, so that it can run
    off the note writer (a long file must not hold it). A file none of whose cues
    falls in the conversation's time (the wrong file, or the wrong start) is refused."""
    conv = store.conversation(conv_id)
    person = store.person(conv.person_id)
    if store.transcript(conv_id) is not None and not replace:
        raise TranscriptError(
            f"conversation {conv_id} already has a transcript: --replace replaces it "
            "(the old one stays until the new one is read)"
        )
    if offset is not None and (not math.isfinite(offset) or abs(offset) > MAX_OFFSET):
        raise TranscriptError(
            f"--offset {offset}: give the seconds between the conversation's start and the "
            f"recording's, at most {MAX_OFFSET:,} (a day)"
        )
    kind, cues = read(path)
    started = datetime.fromisoformat(conv.started_at)
    shift = clock_offset(start, started) if start else (offset or 0.0)
    timeline = [(datetime.fromisoformat(at), key) for at, key in store.question_times(conv_id)]
    ended = datetime.fromisoformat(conv.ended_at) if conv.ended_at else None
    last = ended or (timeline[-1][0] if timeline else started) + timedelta(hours=3)
    inside = [
        c
        for c in cues
        if started <= started + timedelta(seconds=shift + c.end)
        and started + timedelta(seconds=shift + c.start) <= last
    ]
    if not inside:
        first = started + timedelta(seconds=shift + cues[0].start)
        raise TranscriptError(
            f"{path}: no cue falls in the conversation ({started:%Y-%m-%d %H:%M}"
            f"{f' to {ended:%H:%M}' if ended else ''}); the recording would begin at "
            f"{first:%Y-%m-%d %H:%M}: the wrong file, or --start/--offset"
        )
    who = sides(cues, person.name, me)
    records = [
        CueRecord(c.start, c.end, c.speaker, who.get(c.speaker, "other"), c.text, key)
        for c, key in align(cues, started, ended, shift, timeline)
    ]
    after = [c for c in cues if ended is not None and started + timedelta(seconds=shift + c.start) > ended]
    past_end = (
        (len(after), (started + timedelta(seconds=shift + after[-1].end) - ended).total_seconds())
        if (after and ended is not None)
        else (0, 0.0)
    )
    ends_at = (ended - started).total_seconds() - shift if ended is not None else None
    if until_end and ends_at is not None:
        records = [r for r in records if r.start <= ends_at]
    return Prepared(
        conv_id, str(path), kind, shift, me or "", records, replace, past_end, ends_at, until_end and bool(after)
    )


def store_prepared(store: Store, p: Prepared) -> tuple[int, dict[str, float]]:
    """Store a prepared transcript (short transactions; read only once all is in): the
    number of cues and the talk time per side."""
    store.attach_transcript(p.conv_id, p.source, p.kind, p.shift, p.me, p.records, p.replace)
    return len(p.records), talk((r, r.side) for r in p.records)


def attach(
    store: Store,
    conv_id: int,
    path: Path,
    start: str | None = None,
    offset: float | None = None,
    me: str | None = None,
    replace: bool = False,
    until_end: bool = False,
) -> tuple[int, dict[str, float], str]:
    """prepare, then store: the cues, the talk per side, and what to say of lines past the end."""
    prepared = prepare(store, conv_id, path, start, offset, me, replace, until_end)
    return (*store_prepared(store, prepared), past_end_text(prepared))

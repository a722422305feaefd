""" "Since last time": what a manager reads in 30 seconds before a 1-on-1.
All local: the themes are counted from the person's own recent notes."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from growtui.scores import HIGH, LOW, score_text
from growtui.agendas import Library
from growtui.development import goal_line
from growtui.dues import day_text, due_text
from growtui.meetings import Meeting
from growtui.outline import outline
from growtui.store import Action, Conversation, FollowThrough, Goal, Note, Person, Store

STOPWORDS = frozenset(
    """
a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here
hers him his how i if in into is it its itself just let like me more most my no nor not now of off on once only
or other our out over own same she should so some such than that the their them then there these they this
those through to too under until up very was we were what when where which while who whom why will with would
you your yours wants want would like feels thinks asked general next time also really maybe still lot things
thing get got going go went one two new
week weeks day days month months year years today yesterday tomorrow monday tuesday wednesday thursday friday
said says say told tell think thought know knew see saw make made bit much many good well yes okay ok sure
""".split()
)  # (and the days and words of time that fill any note: 'week (7)' is no theme)
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
TOKEN = re.compile(r"[a-z](?:[a-z'-]*[a-z])?")  # (a lowercased WORD without its trailing ' or -)
CLAUSE = re.compile(r"[.;:,!?()\n]+")  # a phrase never spans these
LONGEST = 4  # words in a phrase: "tech debt in billing"


def themes(notes: list[str], person: Person, top: int = 8) -> list[tuple[str, int]]:
    """What keeps coming back, in the words people said: phrases of up to four words
    (starting and ending on a meaningful word: "tech debt in billing") and words,
    counted by the notes that hold them; a phrase that recurs wins over its parts."""
    skip = unthemed(person)
    return ranked([phrases(note, skip) for note in notes], top)


def unthemed(person: Person) -> frozenset[str]:
    """Words no theme starts or ends on: the stop words, and the person's own names."""
    return STOPWORDS | {w.lower() for w in person.name.split()}


def phrases(note: str, skip: frozenset[str]) -> set[str]:
    """Every phrase of a note that could be a theme (the review cites the notes that hold one)."""
    seen: set[str] = set()
    add, join = seen.add, " ".join
    for clause in CLAUSE.split(note.lower()):
        tokens = TOKEN.findall(clause)
        n = len(tokens)
        ok = [len(t) > 2 and t not in skip for t in tokens]
        for i in range(n):
            if ok[i]:
                for j in range(i, i + LONGEST if i + LONGEST < n else n):
                    if ok[j]:
                        add(join(tokens[i : j + 1]))
    return seen


def ranked(found_in: list[set[str]], top: int) -> list[tuple[str, int]]:
    found: Counter[str] = Counter()
    for seen in found_in:
        found.update(seen)  # how many notes mention it, not how often
    chosen: list[tuple[str, int]] = []
    within: dict[str, int] = {}  # every run of words inside a chosen phrase: the most notes of one holding it
    recurring = [(phrase, n) for phrase, n in found.items() if n >= 2]
    for phrase, n in sorted(recurring, key=lambda kv: (-len(kv[0].split()), -kv[1], kv[0])):
        # A part of a chosen phrase that recurs no more often than the phrase adds nothing.
        if within.get(phrase, 0) >= n:
            continue
        chosen.append((phrase, n))
        words = phrase.split()
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                part = " ".join(words[i:j])
                within[part] = max(within.get(part, 0), n)
    return sorted(chosen, key=lambda kv: (-kv[1], -len(kv[0].split()), kv[0]))[:top]


TALKS = 3  # calls whose talk share the brief recalls
NOTED = 8  # notes between meetings the brief lists


def noted_line(n: Note, today: date | None) -> str:
    """'Fri 27 Nov · win: shipped the migration a week early'."""
    day = date.fromisoformat(n.noted_on)
    kind = "" if n.kind == "note" else f"{n.kind}: "
    return f"{day_text(day, today or day)} · {kind}{' '.join(n.text.split())}"


@dataclass(frozen=True)
class Brief:
    person: Person
    last: Conversation | None
    last_title: str
    open_actions: list[tuple[Action, int | None]]  # with the score it had first
    deferred: list[str]  # question texts
    not_yet_asked: list[tuple[str, str]]  # (agenda title, question text)
    themes: list[tuple[str, int]]
    follow_through: FollowThrough
    next_meeting: Meeting | None = None  # the next 1:1 in the calendar
    today: date | None = None  # for what is overdue
    their_talk: tuple[int, ...] = ()  # their % of the talking in the last calls with a transcript, oldest first
    noted: tuple[Note, ...] = ()  # notes between meetings since the last conversation, newest first
    goals: tuple[Goal, ...] = ()  # their plan's active goals, newest first


def make_brief(
    store: Store, library: Library, person: Person, next_meeting: Meeting | None = None, today: date | None = None
) -> Brief:
    history = store.history(person.id, 1)
    last = history[0].conversation if history else None
    last_agenda = library.agendas.get(last.agenda_id) if last else None
    actions = store.open_actions(person.id)
    first = store.first_commitments([a.id for a in actions])
    deferred = [d.key for d in store.pending_deferred(person.id)]
    deferred_texts = [e.text for e in outline(library, "", deferred)]
    steps = [a for a in library.series()[:-1]]  # the one-off meetings; the last one repeats
    asked = store.asked_questions(person.id, [a.id for a in steps])
    started = store.agendas_held(person.id)
    # A question the action form or the cadence field answers was asked when it has an answer.
    answered = store.answered_by_actions(person.id)
    answered |= {(agenda_id, "cadence") for agenda_id in started} if person.cadence_days else set()
    not_yet = [
        (agenda.title.split(" — ")[0], q.text)
        for agenda in steps
        if agenda.id in started
        for q in agenda.questions()
        if (agenda.id, q.id) not in asked and (agenda.id, q.answered_by) not in answered
    ]
    return Brief(
        person=person,
        last=last,
        last_title=last_agenda.title if last_agenda else (last.agenda_id if last else ""),
        open_actions=[(a, first.get(a.id)) for a in actions],
        deferred=deferred_texts,
        not_yet_asked=not_yet,
        themes=themes(store.recent_notes(person.id), person),
        follow_through=store.follow_through(person.id),
        next_meeting=next_meeting,
        today=today or date.today(),
        their_talk=tuple(round(100 * them / total) for _, them, total in store.talk_by_conversation(person.id, TALKS)),
        noted=tuple(store.notes(person.id, since=last.started_at[:10] if last else None)),
        goals=tuple(store.goals(person.id, "active")),
    )


def overdue(action: Action, today: date | None) -> bool:
    """Open, and its due date is past."""
    return (
        action.status == "open"
        and bool(action.due_date)
        and today is not None
        and (action.due_date or "") < today.isoformat()
    )


def brief_dict(b: Brief) -> dict[str, Any]:
    """The brief for scripts (`growtui brief --json`): the same facts as brief_lines."""
    ft = b.follow_through
    return {
        "person": b.person.name,
        "role": b.person.role,
        "about": b.person.notes,
        "last_conversation": {
            "id": b.last.id,
            "date": b.last.started_at[:10],
            "agenda": b.last.agenda_id,
            "status": b.last.status,
        }
        if b.last
        else None,
        "next_meeting": b.next_meeting.start.isoformat() if b.next_meeting else None,
        "open_actions": [
            {
                "text": a.text,
                "commitment": a.commitment,
                "first_commitment": then,
                "due": a.due,
                "due_date": a.due_date,
                "overdue": overdue(a, b.today),
                "owner": a.owner,
            }
            for a, then in b.open_actions
        ],
        "deferred": b.deferred,
        "not_yet_asked": [{"agenda": title, "question": text} for title, text in b.not_yet_asked],
        "themes": [{"words": words, "notes": n} for words, n in b.themes],
        "follow_through": {
            "high_done": ft.high_done,
            "high_closed": ft.high_closed,
            "low_done": ft.low_done,
            "low_closed": ft.low_closed,
        },
        "their_talk": list(b.their_talk),
        "goals": [
            {"id": g.id, "text": g.text, "by": g.by, "by_date": g.by_date, "measure": g.measure} for g in b.goals
        ],
        "noted": [
            {"id": n.id, "date": n.noted_on, "kind": n.kind, "text": n.text, "shareable": n.shareable} for n in b.noted
        ],
    }


def share(done: int, closed: int) -> str:
    return f"{done}/{closed} done ({round(100 * done / closed)}%)" if closed else "none closed yet"


def follow_through_text(ft: FollowThrough) -> str:
    return (
        f"scored {HIGH}+: {share(ft.high_done, ft.high_closed)} · "
        f"scored {LOW} or less: {share(ft.low_done, ft.low_closed)}"
    )


def brief_lines(b: Brief) -> list[str]:
    """The brief as plain lines: the same text on the command line and on screen."""
    out = [f"Since last time — {b.person.name}" + (f" ({b.person.role})" if b.person.role else "")]
    if b.person.notes.strip():  # (what the manager keeps about them: the person form's notes)
        out.append("About them: " + " ".join(b.person.notes.split()))
    if b.last:
        status = "" if b.last.status == "completed" else f", {b.last.status.replace('-', ' ')}"
        out.append(f"Last conversation: {b.last.started_at[:10]}, {b.last_title}{status}")
    else:
        out.append("No conversation yet: start with the first meeting.")
    if b.next_meeting:
        out.append(
            f"Next 1:1 in your calendar: {b.next_meeting.start.strftime('%a %-d %b %Y, %H:%M')}"
            + (f" ({b.next_meeting.summary})" if b.next_meeting.summary else "")
        )
    for g in b.goals:
        out.append(f"Their goal: {goal_line(g, b.today)}")
    out.append("")
    if b.noted:
        out.append(f"Since last time you noted ({len(b.noted)}):")
        out += [f"  • {noted_line(n, b.today)}" for n in b.noted[:NOTED]]
        if len(b.noted) > NOTED:
            out.append(f"  … and {len(b.noted) - NOTED} more (growtui notes {b.person.name.split()[0]})")
    theirs = [(a, then) for a, then in b.open_actions if a.owner != "me"]
    mine = [a for a, _ in b.open_actions if a.owner == "me"]
    out.append(f"Open action items ({len(theirs)}):" if theirs else "Open action items: none")
    for action, then in theirs[:8]:
        now = action.commitment
        score = f"{score_text(then)} → {score_text(now)}" if then and now and then != now else score_text(now)
        due = f", due {due_text(action.due, action.due_date)}" if action.due else ""
        late = " — OVERDUE" if overdue(action, b.today) else ""
        out.append(f"  • {action.text} — commitment {score}{due}{late}")
    if len(theirs) > 8:
        out.append(f"  … and {len(theirs) - 8} more")
    if mine:  # (the manager's own promises: not theirs, never scored as theirs)
        out.append(f"What I promised ({len(mine)}):")
        for action in mine:
            due = f", due {due_text(action.due, action.due_date)}" if action.due else ""
            out.append(f"  • {action.text}{due}{' — OVERDUE' if overdue(action, b.today) else ''}")
    if b.deferred:
        out.append("Deferred “for next time”:")
        out += [f"  • {text}" for text in b.deferred]
    if b.not_yet_asked:
        out.append("Not yet asked in the series:")
        out += [f"  • {text}  ({title})" for title, text in b.not_yet_asked[:8]]
    if b.themes:
        out.append("Keeps coming back: " + ", ".join(f"{word} ({n})" for word, n in b.themes))
    ft = b.follow_through
    if ft.high_closed or ft.low_closed:
        out.append(f"Follow-through: {follow_through_text(ft)}")
    if b.their_talk:  # (a coaching conversation is theirs: a low share is worth remembering before the next)
        calls = "the last call" if len(b.their_talk) == 1 else f"the last {len(b.their_talk)} calls"
        out.append(
            f"They did {' → '.join(f'{n}%' for n in b.their_talk)} of the talking in {calls} with a transcript"
            + (" — let them talk more" if b.their_talk[-1] < 50 else "")
        )
    return out

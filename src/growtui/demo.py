"""Realistic, varied sample data, the same for the same seed and end date.

It goes through the real storage API (with a simulated clock), so the demo
database is exactly what the app itself would have written.
"""

from __future__ import annotations

import os
import random
import sqlite3
from datetime import date, datetime, time, timedelta
from pathlib import Path

from growtui.scores import LOW
from growtui.agendas import Agenda, Library
from growtui.store import GENERAL, Store, StoreError

FIRST = [
    "Ada",
    "Bruno",
    "Chiara",
    "Dev",
    "Elif",
    "Farah",
    "Goran",
    "Hana",
    "Ines",
    "Jonas",
    "Kwame",
    "Lena",
    "Mateo",
    "Nia",
    "Oskar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sami",
    "Tomas",
    "Uma",
    "Viktor",
    "Wen",
    "Yusuf",
]
LAST = [
    "Lindqvist",
    "Okafor",
    "Marchetti",
    "Patel",
    "Yilmaz",
    "Haddad",
    "Novak",
    "Sato",
    "Ferreira",
    "Berg",
    "Mensah",
    "Vogel",
    "Alvarez",
    "Kowalski",
    "Nakamura",
    "Dubois",
    "Rahman",
    "Costa",
    "Ivanova",
    "Chen",
]
ROLES = [
    "Backend engineer",
    "Frontend engineer",
    "Senior engineer",
    "Staff engineer",
    "SRE",
    "Data engineer",
    "QA engineer",
    "Mobile engineer",
    "Engineering intern",
    "Tech lead",
]
CADENCES = [7, 14, 14, 21, 28]

TOPICS = [
    "the payments migration",
    "on-call load",
    "the design review process",
    "mentoring the new hires",
    "the Kubernetes upgrade",
    "public speaking",
    "the search relevance project",
    "code review turnaround",
    "the observability roadmap",
    "system design interviews",
    "the mobile release train",
    "tech debt in billing",
    "the data pipeline rewrite",
    "writing RFCs",
    "the accessibility audit",
    "estimation",
    "the API gateway",
]
FEELINGS = [
    "feels energised by",
    "is frustrated with",
    "wants more ownership of",
    "is unsure about",
    "is proud of the progress on",
    "would like to step back from",
    "sees a growth opportunity in",
    "is worried about the deadline for",
    "asked for feedback on",
    "wants to learn more about",
]
DETAILS = [
    "Mentioned a conference talk as a stretch goal.",
    "Wants to pair more with the staff engineers.",
    "Thinks the team needs clearer priorities.",
    "Long term: aiming for a tech lead role in 2-3 years.",
    "Enjoys debugging production issues more than greenfield work.",
    "Would like a quieter sprint to recharge.",
    "Considering the management track but not yet sure.",
    "Asked about the promotion criteria.",
    "Reading 'Staff Engineer' by Will Larson.",
    "Wants to rotate onto the platform team for a quarter.",
    "Blocked by unclear ownership between teams.",
    "Childhood dream: marine biologist; loves systems thinking.",
    "Admires their first mentor for patience and clarity.",
    "Prefers written async updates over meetings.",
]
ACTIONS = [
    "Draft an RFC for {t}",
    "Pair twice a week on {t}",
    "Present {t} at the engineering all-hands",
    "Read up on {t} and share a summary",
    "Shadow the incident commander for {t}",
    "Set up a study group on {t}",
    "Write the onboarding guide for {t}",
    "Book a session with the staff engineer about {t}",
    "Ship a first milestone of {t}",
    "Ask for feedback from two peers on {t}",
]
SUPPORT = [
    "",
    "",
    "Time boxed in sprint planning",
    "An intro to the platform team",
    "Budget for a course",
    "Review of the first draft",
    "Protected focus time on Fridays",
]
RAISERS = [
    "Clearer scope",
    "Less on-call that week",
    "A buddy to pair with",
    "Agreement from the product manager",
    "A smaller first step",
]


def _note(rng: random.Random, person_first: str) -> str:
    sentences = [f"{person_first} {rng.choice(FEELINGS)} {rng.choice(TOPICS)}."]
    sentences += rng.sample(DETAILS, rng.randint(0, 2))
    return " ".join(sentences)


GOALS = ["Lead {t}", "Become the go-to person for {t}", "Present {t} at the engineering all-hands"]
MEASURES = ["peers come to them about {t}", "a design doc on {t} is accepted", "the team runs {t} without them"]
BETWEEN = {
    "win": ["Shipped a tricky part of {t} ahead of plan.", "Got thanked in the channel for help with {t}."],
    "feedback": ["A peer said their reviews on {t} were thorough and kind.", "Asked for feedback on {t}."],
    "concern": ["Seemed stretched by {t} this week.", "Missed a deadline on {t}; no heads-up."],
    "note": ["Mentioned an interest in {t} at lunch.", "Out next week; {t} handed over."],
}


def _the_year_around(
    store: Store, year: random.Random, person_id: int, conv_id: int, index: int, next_day: date
) -> int | None:
    """A third meeting makes a goal of its Goal notes; a check-in now and then asks
    "still the goal?"; between meetings, now and then, a note. The active goal's id (or
    None), for the actions made next. A stream of its own: the rest of the sample is as it was."""
    goals = store.goals(person_id, "active")
    topic = year.choice(TOPICS)
    if index == 2 or (goals and year.random() < 0.06):
        if goals:
            store.check_in(goals[0].id, year.choice(["reached", "changed"]), conv_id)
        conv = store.conversation(conv_id)
        by = (date.fromisoformat(conv.started_at[:10]) + timedelta(days=180)).isoformat()
        text, measure = year.choice(GOALS).format(t=topic), year.choice(MEASURES).format(t=topic)
        question = "goal-achieve" if conv.agenda_id == "third-meeting-grow" else None
        goals = [store.goal(store.add_goal(person_id, text, by, by, measure, conv_id, question))]
    elif goals and year.random() < 0.2:
        store.check_in(goals[0].id, "kept", conv_id)
    if year.random() < 0.4:
        kind = year.choice(["win", "win", "feedback", "concern", "note"])
        start = date.fromisoformat(store.conversation(conv_id).started_at[:10])
        on = start + timedelta(days=year.randint(1, max(1, (next_day - start).days - 1)))
        if on < next_day:
            store.add_note(person_id, year.choice(BETWEEN[kind]).format(t=topic), kind, on.isoformat(), kind == "win")
    return goals[0].id if goals and year.random() < 0.7 else None


def _series_agenda(library: Library, index: int) -> Agenda:
    series = library.series()
    return series[min(index, len(series) - 1)]


class _Clock:
    def __init__(self) -> None:
        self.at = datetime(2000, 1, 1)

    def __call__(self) -> str:
        return self.at.isoformat(timespec="seconds")


def generate(
    path: Path,
    library: Library,
    people: int = 8,
    conversations: int = 120,
    seed: int = 7,
    until: date | None = None,
) -> dict[str, int]:
    """Write `people` people and `conversations` conversations ending before `until`,
    whole or not at all: into a file beside `path`, renamed into place when done."""
    writing = path.with_name(f".{path.name}.writing")
    try:
        counts = _generate(writing, library, people, conversations, seed, until)
        os.replace(writing, path)
        return counts
    except OverflowError:
        raise StoreError(
            "the sample history does not fit the calendar (years 1 to 9999): "
            "choose another --until or fewer conversations"
        ) from None
    except (sqlite3.Error, OSError) as e:
        raise StoreError(f"could not write the sample database {path}: {e}") from None
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{writing}{suffix}").unlink(missing_ok=True)


def _generate(
    path: Path, library: Library, people: int, conversations: int, seed: int, until: date | None
) -> dict[str, int]:
    rng = random.Random(seed)
    year = random.Random(seed * 7919 + 1)  # (goals and notes between meetings: see _the_year_around)
    until = until or date.today()
    clock = _Clock()
    store = Store.open(path, clock=clock)
    counts = {"people": 0, "conversations": 0, "actions": 0, "deferred": 0}
    try:
        with store.transaction():
            names = [f"{f} {l}" for l in LAST for f in FIRST]
            rng.shuffle(names)
            per_person = [conversations // people + (1 if i < conversations % people else 0) for i in range(people)]
            for n_person, n_convs in enumerate(per_person):
                name = names[n_person % len(names)] + (
                    f" {n_person // len(names) + 1}" if n_person >= len(names) else ""
                )
                cadence = rng.choice(CADENCES)
                gap = max(1, min(cadence, (3 * 365) // max(n_convs, 1)))
                # The newest conversation lies up to 1.6 cadences back, so some people are overdue.
                last_day = until - timedelta(days=rng.randint(1, max(2, int(cadence * 1.6))))
                start_day = last_day - timedelta(days=gap * max(n_convs - 1, 0))
                clock.at = datetime.combine(start_day - timedelta(days=30), time(9))
                person_id = store.add_person(name, rng.choice(ROLES), cadence, "")
                counts["people"] += 1
                _person_conversations(
                    store, library, clock, rng, person_id, name.split()[0], n_convs, start_day, gap, counts, year
                )
    finally:
        store.close()
    return counts


def _person_conversations(
    store: Store,
    library: Library,
    clock: _Clock,
    rng: random.Random,
    person_id: int,
    first: str,
    n_convs: int,
    start_day: date,
    gap: int,
    counts: dict[str, int],
    year: random.Random,
) -> None:
    for index in range(n_convs):
        day = start_day + timedelta(days=gap * index)
        clock.at = datetime.combine(day, time(rng.choice([9, 10, 11, 13, 14, 15, 16]), rng.choice([0, 15, 30, 45])))
        agenda = _series_agenda(library, index)
        carried = [d.key for d in store.pending_deferred(person_id)]
        conv_id = store.start_conversation(person_id, agenda.id, carried)
        counts["conversations"] += 1
        # Review last time's open actions: high scores get done more often.
        for action in store.open_actions(person_id, before=conv_id):
            clock.at += timedelta(seconds=40)
            score = action.commitment or 5
            roll = rng.random()
            if roll < 0.15 + score * 0.07:
                store.update_action(
                    action.id,
                    conv_id,
                    outcome="done",
                    result=rng.choice(
                        ["Done and shared with the team.", "Finished, went well.", "Completed; got good feedback."]
                    ),
                )
            elif roll < 0.85:
                store.update_action(
                    action.id,
                    conv_id,
                    outcome="progressing",
                    commitment=max(1, min(10, score + rng.choice([-2, -1, 1, 1, 2]))),
                )
            else:
                store.update_action(action.id, conv_id, outcome="dropped", result="Priorities changed.")
        for key in carried:
            clock.at += timedelta(minutes=2)
            store.mark(conv_id, key, asked=True)
            store.save_notes(conv_id, key, _note(rng, first))
        last = index == n_convs - 1
        questions = agenda.questions()
        asked = questions if not last or rng.random() < 0.6 else questions[: max(1, len(questions) // 2)]
        for question in asked:
            clock.at += timedelta(minutes=rng.randint(2, 6))
            if rng.random() < 0.08:
                store.mark(conv_id, question.id, deferred=True)
                counts["deferred"] += 1
                continue
            store.mark(conv_id, question.id, asked=True)
            store.save_notes(conv_id, question.id, _note(rng, first))
            if question.followups and rng.random() < 0.3:
                follow = rng.choice(question.followups)
                store.mark(conv_id, follow.id, asked=True)
                store.save_notes(conv_id, follow.id, _note(rng, first))
        if rng.random() < 0.5:
            store.save_notes(conv_id, GENERAL, f"General: {_note(rng, first)}")
        goal_id = _the_year_around(store, year, person_id, conv_id, index, day + timedelta(days=gap))
        for _ in range(rng.choice([0, 1, 1, 2, 2, 3])):
            clock.at += timedelta(minutes=1)
            due = (clock.at.date() + timedelta(days=rng.choice([7, 14, 21, 30]))).isoformat()
            score = rng.choice([3, 4, 5, 6, 6, 7, 7, 8, 8, 8, 9, 9, 10])
            store.add_action(
                person_id,
                conv_id,
                rng.choice(ACTIONS).format(t=rng.choice(TOPICS)),
                due,
                rng.choice(SUPPORT),
                score,
                rng.choice(RAISERS) if score <= LOW else "",
                due_date=due,
                goal_id=goal_id,
            )
            counts["actions"] += 1
        clock.at += timedelta(minutes=5)
        status = "to-be-continued" if last and len(asked) < len(questions) else "completed"
        store.set_status(conv_id, status)

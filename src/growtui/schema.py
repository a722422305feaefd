"""The database schema as forward migrations, one per `PRAGMA user_version`.

Never edit a released migration: add the next one (tests/test_migrations.py
holds each one's fingerprint). Each runs in a transaction together with the bump
of user_version, so a crash leaves the old version.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

GENERAL = "_general"  # question id under which a conversation's general notes live

# Full-text index rows are keyed by their source: rowid = source_id * 4 + kind,
# so triggers update one row by rowid instead of scanning.
KIND_NOTE, KIND_ACTION, KIND_TRANSCRIPT, KIND_BETWEEN = 0, 1, 2, 3  # (3: a note between meetings)

V1 = f"""
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    cadence_days INTEGER CHECK (cadence_days IS NULL OR cadence_days > 0),
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE conversations (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    agenda_id TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    status TEXT NOT NULL DEFAULT 'in-progress'
        CHECK (status IN ('in-progress', 'completed', 'to-be-continued'))
);
CREATE INDEX conversations_person ON conversations(person_id, started_at, id);
CREATE INDEX conversations_person_status ON conversations(person_id, status, agenda_id);

-- One row per question touched in a conversation; question_id '{GENERAL}' holds
-- the general notes. A question carried over from an earlier conversation is
-- keyed 'agenda-id:question-id'.
CREATE TABLE question_records (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    asked INTEGER NOT NULL DEFAULT 0,
    deferred INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '',
    shareable INTEGER NOT NULL DEFAULT 0,  -- notes are private unless marked shareable
    updated_at TEXT NOT NULL,
    -- for a deferred question: the later conversation in which it was asked
    resolved_in INTEGER REFERENCES conversations(id) ON DELETE SET NULL,
    UNIQUE (conversation_id, question_id)
);
CREATE INDEX question_records_pending ON question_records(conversation_id)
    WHERE deferred = 1 AND resolved_in IS NULL;

CREATE TABLE action_items (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    due TEXT NOT NULL DEFAULT '',
    support TEXT NOT NULL DEFAULT '',
    commitment INTEGER CHECK (commitment IS NULL OR commitment BETWEEN 1 AND 10),
    raise_it TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
    outcome TEXT CHECK (outcome IS NULL OR outcome IN ('done', 'progressing', 'dropped')),
    result TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX action_items_person ON action_items(person_id, status);
CREATE INDEX action_items_person_created ON action_items(person_id, created_at, id);
CREATE INDEX action_items_person_scored ON action_items(person_id, updated_at, id) WHERE commitment IS NOT NULL;
CREATE INDEX action_items_conversation ON action_items(conversation_id);

-- Seconds spent in each GROW stage of a conversation (for pacing).
CREATE TABLE stage_times (
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    stage TEXT NOT NULL CHECK (stage IN ('goal', 'reality', 'options', 'will')),
    seconds INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (conversation_id, stage)
) WITHOUT ROWID;

-- Every change of score, status or outcome, for trends.
CREATE TABLE action_history (
    id INTEGER PRIMARY KEY,
    action_id INTEGER NOT NULL REFERENCES action_items(id) ON DELETE CASCADE,
    conversation_id INTEGER REFERENCES conversations(id) ON DELETE SET NULL,
    at TEXT NOT NULL,
    field TEXT NOT NULL CHECK (field IN ('commitment', 'status', 'outcome')),
    value TEXT
);
CREATE INDEX action_history_action ON action_history(action_id, at);

CREATE VIRTUAL TABLE search_index USING fts5(
    body, conversation_id UNINDEXED, question_id UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER question_records_ai AFTER INSERT ON question_records WHEN new.notes != '' BEGIN
    INSERT INTO search_index(rowid, body, conversation_id, question_id)
    VALUES (new.id * 4 + {KIND_NOTE}, new.notes, new.conversation_id, new.question_id);
END;
CREATE TRIGGER question_records_au AFTER UPDATE OF notes ON question_records BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + {KIND_NOTE};
    INSERT INTO search_index(rowid, body, conversation_id, question_id)
    SELECT new.id * 4 + {KIND_NOTE}, new.notes, new.conversation_id, new.question_id
    WHERE new.notes != '';
END;
CREATE TRIGGER question_records_ad AFTER DELETE ON question_records BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + {KIND_NOTE};
END;

CREATE TRIGGER action_items_ai AFTER INSERT ON action_items BEGIN
    INSERT INTO search_index(rowid, body, conversation_id, question_id)
    VALUES (new.id * 4 + {KIND_ACTION}, trim(new.text || ' ' || new.support || ' ' || new.raise_it || ' ' || new.result),
            new.conversation_id, NULL);
END;
CREATE TRIGGER action_items_au AFTER UPDATE OF text, support, raise_it, result ON action_items BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + {KIND_ACTION};
    INSERT INTO search_index(rowid, body, conversation_id, question_id)
    VALUES (new.id * 4 + {KIND_ACTION}, trim(new.text || ' ' || new.support || ' ' || new.raise_it || ' ' || new.result),
            new.conversation_id, NULL);
END;
CREATE TRIGGER action_items_ad AFTER DELETE ON action_items BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + {KIND_ACTION};
END;
"""



def v2_complete_every_v1(conn: sqlite3.Connection) -> None:
    """Version 1 was edited in place after release: a database that says 1 may be
    any of five shapes. Add whatever its shape lacks (a column, a table, indexes
    that were added or widened), so that every one of them ends up the same."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(question_records)")}
    if "shareable" not in columns:
        conn.execute("ALTER TABLE question_records ADD COLUMN shareable INTEGER NOT NULL DEFAULT 0")
    conn.execute("""CREATE TABLE IF NOT EXISTS stage_times (
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    stage TEXT NOT NULL CHECK (stage IN ('goal', 'reality', 'options', 'will')),
    seconds INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (conversation_id, stage)
) WITHOUT ROWID""")
    conn.execute("DROP INDEX IF EXISTS conversations_person")  # was (person_id, started_at)
    conn.execute("CREATE INDEX conversations_person ON conversations(person_id, started_at, id)")
    conn.execute("CREATE INDEX IF NOT EXISTS conversations_person_status "
                 "ON conversations(person_id, status, agenda_id)")
    conn.execute("CREATE INDEX IF NOT EXISTS action_items_person_created "
                 "ON action_items(person_id, created_at, id)")
    conn.execute("CREATE INDEX IF NOT EXISTS action_items_person_scored "
                 "ON action_items(person_id, updated_at, id) WHERE commitment IS NOT NULL")


# The (x) of the GROW questions: the focus the person named under Goal.
V3 = """
ALTER TABLE conversations ADD COLUMN topic TEXT NOT NULL DEFAULT '';
"""

def v4_email_due_dates_owners(conn: sqlite3.Connection) -> None:
    """People gain an email (their 1:1s are found in the calendar by it); action items
    a due date, read once from the due text as typed (relative to the day each was
    written: growtui.dues), and an owner: them, or me (support the manager promised)."""
    from datetime import date

    from growtui.dues import parse_due

    conn.execute("ALTER TABLE people ADD COLUMN email TEXT NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE action_items ADD COLUMN due_date TEXT")  # ISO date, or NULL: no date
    conn.execute("ALTER TABLE action_items ADD COLUMN owner TEXT NOT NULL DEFAULT 'them' "
                 "CHECK (owner IN ('them', 'me'))")
    conn.execute("CREATE INDEX action_items_open_due ON action_items(due_date) WHERE status = 'open'")
    rows = conn.execute("SELECT id, due, created_at FROM action_items WHERE due != ''").fetchall()
    for action_id, due, created in rows:
        day = parse_due(due, date.fromisoformat(created[:10]))
        if day is not None:
            conn.execute("UPDATE action_items SET due_date = ? WHERE id = ?", (day.isoformat(), action_id))


# When each question became current (to the second): time per question and per part,
# and where a transcript's cues belong. A call's transcript, private like the notes;
# its words are searchable (labelled as transcript).
V5 = f"""
CREATE TABLE question_times (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX question_times_conversation ON question_times(conversation_id, at);

CREATE TABLE transcripts (
    conversation_id INTEGER PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    format TEXT NOT NULL CHECK (format IN ('webvtt', 'srt')),
    offset_seconds REAL NOT NULL DEFAULT 0,
    me TEXT NOT NULL DEFAULT '',
    attached_at TEXT NOT NULL
);
CREATE TABLE transcript_cues (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES transcripts(conversation_id) ON DELETE CASCADE,
    start REAL NOT NULL,
    end REAL NOT NULL,
    speaker TEXT NOT NULL DEFAULT '',
    side TEXT NOT NULL DEFAULT 'other' CHECK (side IN ('me', 'them', 'other')),
    text TEXT NOT NULL,
    question_id TEXT NOT NULL
);
CREATE INDEX transcript_cues_conversation ON transcript_cues(conversation_id, start);

CREATE TRIGGER transcript_cues_ai AFTER INSERT ON transcript_cues BEGIN
    INSERT INTO search_index(rowid, body, conversation_id, question_id)
    VALUES (new.id * 4 + {KIND_TRANSCRIPT}, new.text, new.conversation_id, new.question_id);
END;
CREATE TRIGGER transcript_cues_ad AFTER DELETE ON transcript_cues BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + {KIND_TRANSCRIPT};
END;
"""

# Keeping the record in order: a person archived (left, or moved to another team) on a
# date; a past conversation edited (when, and each earlier text with the time it was
# replaced); conversations thrown away, kept whole in the trash for 30 days.
V6 = """
ALTER TABLE people ADD COLUMN archived_at TEXT;
ALTER TABLE people ADD COLUMN archived_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN edited_at TEXT;
CREATE TABLE earlier_versions (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    what TEXT NOT NULL,  -- 'notes:<question id>', or 'action:<action id>' (its text, due, support)
    text TEXT NOT NULL,
    replaced_at TEXT NOT NULL
);
CREATE INDEX earlier_versions_conversation ON earlier_versions(conversation_id, what, replaced_at);
CREATE TABLE trash (
    conversation_id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    deleted_at TEXT NOT NULL,
    rows TEXT NOT NULL  -- JSON: every row the conversation held, by table, to restore as it was
);
-- A conversation deleted (to the trash, or with a person erased) sets these NULL: without
-- an index each deletion reads both tables whole (4.6 s to erase 50 of 10,000 conversations).
CREATE INDEX question_records_resolved_in ON question_records(resolved_in) WHERE resolved_in IS NOT NULL;
CREATE INDEX action_history_conversation ON action_history(conversation_id) WHERE conversation_id IS NOT NULL;
CREATE INDEX trash_person ON trash(person_id);
"""

# The manager's year. Notes between meetings: a win, feedback, a concern or a plain note
# about a person, on a day, private unless marked shareable; searchable (no conversation:
# the index row's conversation_id is NULL, and the note is found by rowid). And the plan.
V7 = f"""
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind TEXT NOT NULL DEFAULT 'note' CHECK (kind IN ('win', 'feedback', 'concern', 'note')),
    text TEXT NOT NULL,
    noted_on TEXT NOT NULL,  -- the day it is about (ISO), today unless given
    shareable INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX notes_person ON notes(person_id, noted_on);

CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN
    INSERT INTO search_index(rowid, body, conversation_id, question_id)
    VALUES (new.id * 4 + {KIND_BETWEEN}, new.text, NULL, NULL);
END;
CREATE TRIGGER notes_au AFTER UPDATE OF text ON notes BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + {KIND_BETWEEN};
    INSERT INTO search_index(rowid, body, conversation_id, question_id)
    VALUES (new.id * 4 + {KIND_BETWEEN}, new.text, NULL, NULL);
END;
CREATE TRIGGER notes_ad AFTER DELETE ON notes BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + {KIND_BETWEEN};
END;

-- The development plan: a person's goals (what, by when, how they will know they are on
-- track), each with its status and dated changes (a check-in's "still the goal?" among
-- them), where it came from (a conversation's question), and the actions that serve it.
CREATE TABLE goals (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    by TEXT NOT NULL DEFAULT '',  -- as typed ("end of Q2")
    by_date TEXT,  -- the day it names (ISO), or NULL
    measure TEXT NOT NULL DEFAULT '',  -- how they will know they are on track
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'reached', 'changed', 'dropped')),
    conversation_id INTEGER REFERENCES conversations(id) ON DELETE SET NULL,  -- where it came from
    question_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX goals_person ON goals(person_id, status);
CREATE INDEX goals_conversation ON goals(conversation_id) WHERE conversation_id IS NOT NULL;
CREATE TABLE goal_changes (
    id INTEGER PRIMARY KEY,
    goal_id INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    field TEXT NOT NULL,  -- created, text, by, measure, status, or check-in (kept, changed, reached)
    value TEXT,
    conversation_id INTEGER REFERENCES conversations(id) ON DELETE SET NULL
);
CREATE INDEX goal_changes_goal ON goal_changes(goal_id, at);
CREATE INDEX goal_changes_conversation ON goal_changes(conversation_id) WHERE conversation_id IS NOT NULL;
ALTER TABLE action_items ADD COLUMN goal_id INTEGER REFERENCES goals(id) ON DELETE SET NULL;
CREATE INDEX action_items_goal ON action_items(goal_id) WHERE goal_id IS NOT NULL;
"""

Migration = str | Callable[[sqlite3.Connection], None]
MIGRATIONS: list[Migration] = [V1, v2_complete_every_v1, V3, v4_email_due_dates_owners, V5, V6, V7]
VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the database up to VERSION, one transaction per step."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    for version in range(current, VERSION):
        step = MIGRATIONS[version]
        # executescript would COMMIT first; split so the step and the version bump are atomic.
        conn.execute("BEGIN IMMEDIATE")
        try:
            if callable(step):
                step(conn)
            else:
                for statement in _statements(step):
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    return [s for s in out if s]


def shape(conn: sqlite3.Connection) -> dict[str, str]:
    """What the code relies on, by name: every table's columns, indexes (with their
    definition: a changed one counts as missing) and triggers."""
    found: dict[str, str] = {}
    for kind, name, sql in conn.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"):
        if kind == "table" and not name.startswith("search_index_"):
            found |= {f"column {name}.{row[1]}": "" for row in conn.execute(f"PRAGMA table_info({name!r})")}
        elif kind in ("index", "trigger") and sql:
            found[f"{kind} {name}"] = " ".join(sql.split())
    return found


def missing(conn: sqlite3.Connection) -> list[str]:
    """What a migrated database lacks of the schema this version uses (empty: all there)."""
    fresh = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(fresh)
        want = shape(fresh)
    finally:
        fresh.close()
    have = shape(conn)
    return sorted(label for label, sql in want.items() if have.get(label) != sql)

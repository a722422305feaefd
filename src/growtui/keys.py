"""The key map: every app action's binding id, default key and meaning.

The single source for the screens' Bindings, the help screen, the command
palette and `growtui keys`; users remap ids in config.toml [keymap].
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Key(NamedTuple):
    id: str
    key: str
    action: str
    short: str  # the footer's label
    description: str
    screens: tuple[str, ...]  # where it works ("app": everywhere)
    footer: bool = True  # the footer is full at 80 columns; the rest show in F1 and the palette


# Defaults that reach the app in tmux, GNU screen, GNOME Terminal, iTerm2 and macOS
# Terminal: no ctrl+b or ctrl+a (tmux's and screen's prefixes), no ctrl+h/i/j/m
# (backspace, tab, enter), nothing TextArea uses for editing; every function key
# (media keys on a Mac, F1 is GNOME Terminal's help) also has a ctrl chord or escape.
KEYS: tuple[Key, ...] = (
    Key("quit", "ctrl+q", "app.quit", "Quit", "Quit (everything is already saved)", ("app",)),
    Key("help", "f1,ctrl+l", "app.help", "Help", "Key help", ("app",)),
    Key(
        "blind",
        "f9,ctrl+circumflex_accent",
        "app.blind",
        "Blind",
        "Hide every note, name and action at once (a shared screen); again: show them",
        ("app",),
        footer=False,
    ),
    Key("new-person", "n", "new_person", "New", "Add a person", ("people",)),
    Key("edit-person", "e", "edit_person", "Edit", "Edit the highlighted person", ("people",)),
    Key(
        "start-conversation",
        "s",
        "start_conversation",
        "Start",
        "Start a conversation with the highlighted person",
        ("people",),
    ),
    Key("history", "h", "history", "History", "History of the highlighted person", ("people",)),
    Key("search", "/", "search", "Search", "Search all notes", ("people", "history")),
    Key("agendas", "a", "agendas", "Agendas", "Browse agendas", ("people",)),
    Key("team", "t", "team", "Team", "The team at a glance: what needs attention first", ("people",)),
    Key(
        "archive-person",
        "A",
        "archive_person",
        "Archive",
        "Archive the highlighted person (left, or moved team); again: bring them back",
        ("people",),
        footer=False,
    ),
    Key("show-archived", "z", "show_archived", "Archived", "Show or hide archived people", ("people",), footer=False),
    # Keeping the record in order: an action's outcome between meetings (follow-through
    # tab), a conversation thrown away (conversations tab), the hand-over; correcting one.
    Key("action-done", "D", "outcome('done')", "Done", "Record the highlighted action done", ("history",)),
    Key("action-progress", "P", "outcome('progressing')", "Progress", "Record it progressing", ("history",)),
    Key("action-drop", "X", "outcome('dropped')", "Drop", "Record it dropped", ("history",)),
    Key(
        "delete",
        "delete",
        "delete_highlighted",
        "Delete",
        "Delete the highlighted conversation (to the trash, 30 days) or note",
        ("history",),
    ),
    Key("handover", "H", "handover", "Hand over", "Write the hand-over for their next manager", ("history",)),
    Key("add-goal", "g", "add_goal", "Goal", "Add a goal to their development plan", ("history",)),
    Key(
        "review",
        "R",
        "review",
        "Review",
        "Write their review packet: the last 12 months, every line sourced",
        ("history",),
    ),
    Key("edit-conversation", "e", "edit_conversation", "Edit", "Correct this past conversation", ("view",)),
    Key("earlier-versions", "v", "earlier_versions", "Earlier", "Show the text it had before each edit", ("view",)),
    Key("next-question", "ctrl+n", "next_question", "Next", "Next question", ("conversation",)),
    Key("previous-question", "ctrl+p", "previous_question", "Prev", "Previous question", ("conversation",)),
    Key(
        "next-followup",
        "ctrl+f",
        "next_followup",
        "Follow-up",
        "Next follow-up of this question (after the last one, the next question)",
        ("conversation",),
    ),
    Key(
        "defer-question",
        "ctrl+r",
        "defer_question",
        "Defer",
        "Mark the current question “for next time”",
        ("conversation",),
    ),
    Key("add-action", "ctrl+t", "add_action", "Action", "Add an action item", ("conversation",)),
    # A note between meetings (a win, feedback, a concern) about the person on screen.
    Key(
        "add-note",
        "f5,ctrl+underscore",
        "add_note",
        "Note",
        "A note between meetings about this person (a win, feedback, a concern)",
        ("people", "history", "conversation"),
    ),
    Key("end-conversation", "ctrl+g", "end_conversation", "End", "End the conversation (summary)", ("conversation",)),
    Key(
        "set-topic",
        "ctrl+right_square_bracket",
        "set_topic",
        "(x)",
        "Name their focus: the (x) in the GROW questions",
        ("conversation",),
        footer=False,
    ),
    Key(
        "toggle-shareable",
        "ctrl+o",
        "toggle_shareable",
        "Share",
        "Mark the current notes shareable or private",
        ("conversation",),
        footer=False,
    ),
    Key("focus-notes", "f3,escape", "focus_notes", "Notes", "Focus the notes", ("conversation",), footer=False),
    Key(
        "focus-tree",
        "f2,ctrl+backslash",
        "focus_tree",
        "Tree",
        "Focus the follow-up tree (all questions)",
        ("conversation",),
    ),
    Key("focus-actions", "f4,ctrl+s", "focus_actions", "Items", "Focus the action items", ("conversation",)),
    # (the panel beside the notes holds more than fits: read on without leaving the notes)
    Key(
        "side-down",
        "ctrl+down,alt+down",
        "scroll_side(1)",
        "More",
        "Read on in the panel beside the notes (on a narrow screen: the question's hints)",
        ("conversation",),
        footer=False,
    ),
    Key(
        "side-up",
        "ctrl+up,alt+up",
        "scroll_side(-1)",
        "Back up",
        "Read back up in the panel beside the notes",
        ("conversation",),
        footer=False,
    ),
)

BY_ID = {k.id: k for k in KEYS}


def for_screen(screen: str) -> list[Key]:
    return [k for k in KEYS if screen in k.screens]


def clashes(keymap: dict[str, str]) -> list[str]:
    """Keys that would do two things on one screen ("app" keys work on every screen)."""
    keys = effective(keymap)
    screens = {s for k in KEYS for s in k.screens} - {"app"}
    found = []
    for screen in sorted(screens):
        seen: dict[str, str] = {}
        for k in KEYS:
            if screen in k.screens or "app" in k.screens:
                for one in keys[k.id].split(","):
                    one = one.strip()
                    if one in seen and f"{one!r} is bound to both {seen[one]} and {k.id}" not in found:
                        found.append(f"{one!r} is bound to both {seen[one]} and {k.id}")
                    seen.setdefault(one, k.id)
    return found


# Keys that type nothing: a binding may use them where text is typed.
NOT_TYPED = re.compile(
    r"^(ctrl|alt|meta|super|hyper)\+.+$|^(shift\+)?(f\d{1,2}|escape|tab|enter|up|down|left|right|"
    r"home|end|pageup|pagedown|insert|delete|backspace)$"
)


def typed_where_text_goes(binding_id: str, key: str) -> str | None:
    """The first of a binding's keys that would type a character where the binding must
    work among text (the notes, the forms): the conversation's keys and the app's."""
    k = BY_ID[binding_id]
    if not {"conversation", "app"} & set(k.screens):
        return None
    return next((one.strip() for one in key.split(",") if not NOT_TYPED.match(one.strip())), None)


def effective(keymap: dict[str, str]) -> dict[str, str]:
    """Binding id → key, the user's keymap over the defaults."""
    return {k.id: keymap.get(k.id, k.key) for k in KEYS}


def with_keys(text: str, keymap: dict[str, str]) -> str:
    """Agenda text naming a key as {key:BINDING-ID} reads with the key the user has
    (`keymap` as `effective` returns it; the first of several keys)."""

    def key(match: re.Match[str]) -> str:
        found = keymap.get(match.group(1))
        return found.split(",")[0].strip() if found else match.group(0)

    return re.sub(r"\{key:([a-z-]+)\}", key, text)


SYMBOLS = {
    "backslash": "\\",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "underscore": "_",
    "circumflex_accent": "^",
    "escape": "esc",
    "down": "↓",
    "up": "↑",
}


def readable(keys: str) -> str:
    """A binding's keys as F1 lists them: "ctrl+]" for ctrl+right_square_bracket, "f1, ctrl+l"."""

    def one(key: str) -> str:
        *mods, name = key.strip().split("+")
        return "+".join([*mods, SYMBOLS.get(name, name) if name != "escape" else "esc"])

    return ", ".join(one(k) for k in keys.split(","))


def display(key: str) -> str:
    """A binding's first key as the footer shows it: ctrl+o → ^o, ctrl+backslash → ^\\."""
    first = key.split(",")[0].strip()
    name = first.removeprefix("ctrl+")
    name = SYMBOLS.get(name, name)
    return f"^{name}" if first.startswith("ctrl+") else name

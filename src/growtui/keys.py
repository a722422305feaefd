"""The key map: every app action's binding id, default key and meaning.

The single source for the screens' Bindings, the help screen, and
`growtui keys`; users remap ids in config.toml [keymap].
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Key:
    id: str
    key: str
    action: str
    description: str
    screen: str  # where it works: app, people, conversation, ...


KEYS: tuple[Key, ...] = (
    Key("quit", "ctrl+q", "app.quit", "Quit (everything is already saved)", "app"),
    Key("help", "f1", "app.help", "Key help", "app"),
    Key("new-person", "n", "new_person", "Add a person", "people"),
    Key("edit-person", "e", "edit_person", "Edit the highlighted person", "people"),
    Key("start-conversation", "s", "start_conversation", "Start a conversation", "people"),
    Key("history", "h", "history", "History of the highlighted person", "people"),
    Key("search", "/", "search", "Search all notes", "people"),
    Key("agendas", "a", "agendas", "Browse agendas", "people"),
    Key("next-question", "ctrl+n", "next_question", "Next question", "conversation"),
    Key("previous-question", "ctrl+b", "previous_question", "Previous question", "conversation"),
    Key("focus-tree", "f2", "focus_tree", "Focus the follow-up tree", "conversation"),
    Key("focus-notes", "f3", "focus_notes", "Focus the notes", "conversation"),
    Key("focus-actions", "f4", "focus_actions", "Focus the action items", "conversation"),
    Key("add-action", "ctrl+t", "add_action", "Add an action item", "conversation"),
    Key("defer-question", "ctrl+r", "defer_question", "Mark the question for next time", "conversation"),
    Key("end-conversation", "ctrl+g", "end_conversation", "End the conversation", "conversation"),
)

BY_ID = {k.id: k for k in KEYS}


def effective(keymap: dict[str, str]) -> dict[str, str]:
    """Binding id → key, the user's keymap over the defaults."""
    return {k.id: keymap.get(k.id, k.key) for k in KEYS}

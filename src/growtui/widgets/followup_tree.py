"""The agenda as a tree: parts › questions › follow-ups, with asked and
deferred marks. Enter makes a question current; space, → and ← fold."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from growtui.keygate import InOrder
from growtui.outline import Entry
from growtui.store import GENERAL
from growtui.guide import ASKED, DEFERRED, UNASKED
from growtui.inert import inert
from growtui.widgets.rows import text


def nest(
    root: TreeNode[str],
    entries: list[Entry],
    label: Callable[[Entry], Text] = lambda e: Text(""),
    under: Callable[[Entry, TreeNode[str]], None] = lambda e, node: None,
) -> dict[str, TreeNode[str]]:
    """The one way an agenda becomes a tree (here and in the agendas screen's preview):
    each part a bold branch, questions under it, follow-ups under their question, all
    open; `under` adds to a question what goes before its follow-ups. Returns the nodes by key."""
    parts: dict[str, TreeNode[str]] = {}
    stack: list[TreeNode[str]] = []
    nodes: dict[str, TreeNode[str]] = {}
    for entry in entries:
        if entry.part not in parts:
            parts[entry.part] = root.add(text(entry.part or "Agenda", style="bold"), expand=True)
        parent = parts[entry.part] if entry.depth == 0 else stack[entry.depth - 1]
        node = parent.add(label(entry), data=entry.key, expand=True)
        under(entry, node)
        del stack[entry.depth :]
        stack.append(node)
        nodes[entry.key] = node
    return nodes


def leaves_fixed(nodes: dict[str, TreeNode[str]]) -> None:
    for node in nodes.values():
        if not node.children:
            node.allow_expand = False
            node.collapse()


class FollowUpTree(InOrder, Tree[str]):
    BINDINGS = [
        Binding("right", "expand", "Expand", show=False),
        Binding("left", "collapse", "Collapse", show=False),
    ]

    @dataclass
    class QuestionChosen(Message):
        tree: FollowUpTree
        key: str

        @property
        def control(self) -> FollowUpTree:
            return self.tree

    def __init__(self, **kwargs: object) -> None:
        super().__init__("agenda", **kwargs)  # type: ignore[arg-type]
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 2
        self.nodes_by_key: dict[str, TreeNode[str]] = {}
        self.entries: dict[str, Entry] = {}

    def build(self, entries: list[Entry], current: str, asked: set[str], deferred: set[str]) -> None:
        self.clear()
        self.nodes_by_key.clear()
        self.entries = {e.key: e for e in entries}
        self.nodes_by_key[GENERAL] = self.root.add_leaf("", data=GENERAL)
        self.nodes_by_key.update(nest(self.root, entries))
        leaves_fixed(self.nodes_by_key)
        self.mark(current, asked, deferred)

    def mark(self, current: str, asked: set[str], deferred: set[str]) -> None:
        for key, node in self.nodes_by_key.items():
            node.set_label(self._label(key, key == current, key in asked, key in deferred))

    def _label(self, key: str, current: bool, asked: bool, deferred: bool) -> Text:
        if key == GENERAL:
            return Text("▶ General notes" if current else "  General notes", style="bold" if current else "italic")
        mark = DEFERRED if deferred else ASKED if asked else UNASKED
        label = Text(f"{'▶' if current else ' '}{mark} ")
        label.append(inert(self.entries[key].text), style="bold reverse" if current else ("italic" if deferred else ""))
        return label

    def show_key(self, key: str) -> None:
        node = self.nodes_by_key.get(key)
        if node is not None:
            parent = node.parent
            while parent is not None:
                parent.expand()
                parent = parent.parent
            self.call_after_refresh(self.move_cursor, node)

    def action_expand(self) -> None:
        if self.cursor_node is not None:
            self.cursor_node.expand()

    def action_collapse(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded and node.children:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    def action_select_cursor(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.data is None:  # a part heading
            node.toggle()
        else:
            self.post_message(self.QuestionChosen(self, node.data))

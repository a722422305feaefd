"""The agendas: bundled and the user's own, each previewed as a tree with its
invite text (copied with c); broken user files are named with their error."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static, Tree
from textual.widgets.option_list import Option
from textual.widgets.tree import TreeNode

from growtui import locations
from growtui.agendas import Agenda
from growtui.inert import inert
from growtui.outline import Entry, outline
from growtui.widgets.followup_tree import leaves_fixed, nest
from growtui.widgets.rows import text
from growtui.widgets.footer import Footer

if TYPE_CHECKING:  # (the app imports the screens)
    from growtui.app import GrowApp


class AgendasScreen(Screen[None]):
    CSS_PATH = locations.stylesheet("review.tcss")
    BINDINGS = [Binding("escape", "app.pop_screen", "Back"), Binding("c", "copy_invite", "Copy invite")]
    app: GrowApp

    def compose(self) -> ComposeResult:
        library = self.app.library
        options = [
            Option(text(a.title) + Text(f"  {'user' if library.is_user(a.id) else 'bundled'}", style="dim"), id=a.id)
            for a in library.in_order()
        ]
        yield Static("Agendas", classes="screen-title")
        with Horizontal(id="agendas-main"):
            with Vertical(id="agendas-left"):
                yield OptionList(*options, id="agenda-list")
                for error in library.errors:
                    yield Static(
                        text(f"✗ {error.path.name}: {error.place}: {error.problem}", style="bold red"),
                        classes="agenda-error",
                    )
            with Vertical(id="agendas-right"):
                tree: Tree[str] = Tree("agenda", id="agenda-tree")
                tree.show_root = False
                yield tree
                with VerticalScroll(id="invite-box"):
                    yield Static("", id="invite-text")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        options = self.query_one("#agenda-list", OptionList)
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionHighlighted, "#agenda-list")
    def preview(self, event: OptionList.OptionHighlighted) -> None:
        agenda = self.app.library.agendas[event.option.id or ""]
        self.agenda = agenda
        tree = self.query_one("#agenda-tree", Tree)
        tree.clear()
        tree.root.label = text(agenda.title)
        entries = outline(self.app.library, agenda.id, [])  # (as a conversation shows them)

        def hints(entry: Entry, node: TreeNode[str]) -> None:
            for hint in entry.hints:
                node.add_leaf(text(f"» {hint}", style="italic yellow"))

        leaves_fixed(nest(tree.root, entries, lambda e: text(e.text), hints))
        box = self.query_one("#invite-box")
        box.border_title = "Invite text (c copies it)"
        self.query_one("#invite-text", Static).update(text(agenda.invite_text()))

    def action_copy_invite(self) -> None:
        agenda: Agenda | None = getattr(self, "agenda", None)
        if agenda:
            # OSC 52 cannot say whether it worked (tmux's set-clipboard, many terminals drop
            # it): say what was done, and where else the text is.
            self.app.copy_to_clipboard(agenda.invite_text())
            self.notify(
                inert(
                    f"Invite text of “{agenda.title}” sent to the terminal's clipboard (if it allows "
                    f"OSC 52). It is also in the box on the right, and `growtui agendas invite "
                    f"{agenda.id}` prints it."
                ),
                timeout=8,
                markup=False,
            )

"""The shape ARCHITECTURE.md describes, held by tests: imports run one way (no
cycle), the layers below the UI know nothing of Textual, no module grows past
~400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).parent.parent / "src"
PACKAGE = SRC / "growtui"
MAX_LINES = 400
# Below the UI: they must not import Textual (the command line and tests use them bare).
NO_TEXTUAL = [
    "growtui.store",
    "growtui.schema",
    "growtui.agendas",
    "growtui.config",
    "growtui.keys",
    "growtui.export",
    "growtui.brief",
    "growtui.series",
    "growtui.outline",
    "growtui.autosave",
    "growtui.backup",
    "growtui.demo",
    "growtui.inert",
    "growtui.userfiles",
    "growtui.recovery",
    "growtui.cli",
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def is_type_checking(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def imports(path: Path) -> set[str]:
    """Every module of ours (and every outside package) this one imports at run time,
    at any depth (a function's import counts), but not under `if TYPE_CHECKING:`."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in MODULES)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text()))
    return found


GRAPH = {name: {m for m in imports(path) if m in MODULES and m != name} for name, path in MODULES.items()}


def test_imports_have_no_cycle() -> None:
    """Depth first, three colours: a grey module met again is a cycle."""
    state: dict[str, str] = {}
    cycles: list[list[str]] = []

    def walk(name: str, trail: list[str]) -> None:
        state[name] = "grey"
        for dep in sorted(GRAPH[name]):
            if state.get(dep) == "grey":
                cycles.append([*trail[trail.index(dep) :], dep] if dep in trail else [name, dep])
            elif dep not in state:
                walk(dep, [*trail, dep])
        state[name] = "black"

    for name in sorted(GRAPH):
        if name not in state:
            walk(name, [name])
    assert cycles == []


def test_screens_and_widgets_never_import_the_app() -> None:
    offenders = [
        name
        for name in GRAPH
        if name.startswith(("growtui.screens", "growtui.widgets")) and "growtui.app" in GRAPH[name]
    ]
    assert offenders == []


def test_layers_below_the_ui_know_nothing_of_textual() -> None:
    offenders = {}
    for name, path in MODULES.items():
        if any(name == layer or name.startswith(layer + ".") for layer in NO_TEXTUAL):
            if name.startswith("growtui.cli"):  # the command line opens the app: only inside a function
                continue
            used = {m for m in imports(path) if m.split(".")[0] in ("textual", "rich")}
            if used:
                offenders[name] = sorted(used)
    assert offenders == {}


def test_the_command_line_imports_textual_only_to_open_the_app() -> None:
    for name, path in MODULES.items():
        if name.startswith("growtui.cli"):
            top = ast.parse(path.read_text()).body
            top_level = {a.name for n in top if isinstance(n, ast.Import) for a in n.names}
            top_level |= {n.module or "" for n in top if isinstance(n, ast.ImportFrom)}
            assert not [m for m in top_level if m.split(".")[0] in ("textual", "rich")], name
            assert "growtui.app" not in top_level, name


def test_no_module_is_over_400_lines() -> None:
    long = {name: n for name, path in MODULES.items() if (n := len(path.read_text().splitlines())) > MAX_LINES}
    assert long == {}


def test_every_package_the_code_imports_is_declared() -> None:
    """dues.py imported python-dateutil, which arrived only because icalendar needs it today."""
    import sys
    import tomllib
    from importlib.metadata import packages_distributions

    from packaging.requirements import Requirement

    declared = {
        Requirement(r).name.lower().replace("_", "-")
        for r in tomllib.loads((SRC.parent / "pyproject.toml").read_text())["project"]["dependencies"]
    }
    providers = packages_distributions()
    outside = {m.split(".")[0] for path in MODULES.values() for m in imports(path)} - {"growtui"}
    undeclared = sorted(
        m
        for m in outside
        if m not in sys.stdlib_module_names
        and not {d.lower().replace("_", "-") for d in providers.get(m, [m])} & declared
    )
    assert undeclared == [], f"imported but not in pyproject.toml's dependencies: {undeclared}"


def test_the_help_names_no_file_outside_the_project() -> None:
    for module in MODULES.values():
        assert "DESIGN.md" not in module.read_text(), module

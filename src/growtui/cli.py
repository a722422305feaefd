"""The command line (DESIGN.md "Command line" is the contract).

Textual is imported only when the app opens, so commands stay quick. Every
error is one line on stderr with a non-zero exit, never a traceback.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from growtui import __version__, locations
from growtui.errors import GrowtuiError
from growtui.inert import inert


def echo(text: str = "", err: bool = False, nl: bool = True) -> None:
    """Every line for people goes out inert: a name or a note holding escape sequences
    must not clear the screen, write the clipboard or disguise a link (JSON is
    printed as it is: its own escaping keeps control characters out)."""
    click.echo(inert(text), err=err, nl=nl)


def _remember_db(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not value.strip():  # `--db "$UNSET"` must not fall back to the real notes
        raise click.BadParameter("is empty (an unset variable?); give the database file's path", param_hint="--db")
    if value:
        ctx.find_root().ensure_object(dict)["db"] = value
    return value


def db_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """--db works on the group and on every command (the command's wins)."""
    return click.option(
        "--db",
        metavar="PATH",
        expose_value=False,
        callback=_remember_db,
        help="Database file (default: GROWTUI_DB, then the user data folder).",
    )(f)


def json_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True, help="Print one JSON array.")(f)


_in_use: list[Path] = []  # the database this command opened, for the damage check in main()


def _db_path() -> Path:
    ctx = click.get_current_context()
    root = ctx.find_root()
    path = locations.db_path((root.obj or {}).get("db"))
    _in_use[:] = [path]
    return path


def _store():  # type: ignore[no-untyped-def]
    from growtui.store import Store

    _make_private(_db_path())
    return Store.open_to_read(_db_path(), create_folder=_is_default(_db_path()))  # every command using it reads


def _make_private(path: Path) -> None:
    """Notes are confidential: an existing database others can read (a copy made with
    cp, a file from another tool) is made 0600, with SQLite's files beside it, as ssh
    insists on private keys. chmod does not open the file (see store.check_file)."""
    from growtui.store import StoreError, check_file, private_mode

    try:
        if path.is_file():
            check_file(path)  # only our own database: anything else is refused, untouched, when opened
        tightened = private_mode(path)
    except StoreError:
        return
    except OSError as e:
        echo(f"growtui: warning: {path} can be read by others and could not be made private: {e.strerror}", err=True)
        return
    if tightened is not None:
        echo(f"growtui: warning: {path} could be read by others (mode {tightened:04o}); made private (0600)", err=True)


def _is_default(path: Path) -> bool:
    """Only the default location's folder is made on demand; a chosen path must exist."""
    return path == locations.default_db_path()


def _library():  # type: ignore[no-untyped-def]
    from growtui.agendas import load_library

    library = load_library()
    for error in library.errors:
        echo(f"growtui: warning: skipped agenda {error}", err=True)
    return library


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@db_option
@click.option("--demo", is_flag=True, help="Open the app on a throwaway database of sample data.")
@click.version_option(__version__, "--version", prog_name="growtui", message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context, demo: bool) -> None:
    """growtui: career conversations with the GROW model, from the keyboard."""
    if ctx.invoked_subcommand is not None:
        return
    if demo:
        _run_demo_app()
    else:
        _run_app(_db_path())


def _run_app(path: Path) -> None:
    from growtui.config import load_config
    from growtui.store import Store

    config = load_config()
    library = _library()
    _make_private(path)
    store = Store.open(path, create_folder=_is_default(path))
    store.close()  # checked and migrated before the screen takes over
    from growtui.app import GrowApp

    app = GrowApp(db_path=path, library=library, keymap=config.keymap)
    app.run()
    if app.crash is not None:
        import sqlite3

        from growtui.store import damaged

        problem = damaged(path, app.crash) if isinstance(app.crash, sqlite3.DatabaseError) else None
        what = f"the app stopped: {problem}" if problem else "the app stopped on an unexpected error"
        saved = f"some notes could not be saved; they are in {app.recovery_path}" if app.recovery_path else (
            "notes typed before it are saved")
        report = f"the report is in {app.crash_report}" if app.crash_report else "no report could be written"
        if app.unsaved_text:
            echo(app.unsaved_text)
            saved = "some notes could not be saved; they are printed above"
        raise GrowtuiError(f"{what} ({saved}; {report})")
    if app.recovery_path:
        raise GrowtuiError(f"some notes could not be saved to {path}; they are in {app.recovery_path}")
    if app.unsaved_text:  # no folder would take a recovery file: the terminal is the last place left
        echo(app.unsaved_text)
        raise GrowtuiError(f"some notes could not be saved to {path} nor to a recovery file; they are printed above")


def _run_demo_app() -> None:
    from growtui.demo import generate

    folder = Path(tempfile.mkdtemp(prefix="growtui-demo-"))
    try:
        path = folder / "demo.db"
        generate(path, _library(), people=8, conversations=60, seed=7)
        _run_app(path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@cli.command()
@db_option
@click.option("--people", default=8, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--conversations", default=120, show_default=True, type=click.IntRange(0, 10_000_000))
@click.option("--seed", default=7, show_default=True, type=int)
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Last day of the sample history (default: today).")
def demo(people: int, conversations: int, seed: int, until: datetime | None) -> None:
    """Write a sample database (does not open the app)."""
    from growtui.demo import generate

    path = _db_path()
    if path.exists() and path.stat().st_size > 0:
        raise GrowtuiError(f"{path} already exists; demo writes only to a new file")
    counts = generate(path, _library(), people, conversations, seed, until.date() if until else None)
    echo(
        f"wrote {counts['people']} people, {counts['conversations']} conversations, "
        f"{counts['actions']} action items to {path}"
    )


@cli.group(invoke_without_command=True)
@db_option
@click.pass_context
def agendas(ctx: click.Context) -> None:
    """List agendas (id, title, questions); see also show, invite, check."""
    if ctx.invoked_subcommand is not None:
        return
    from growtui.tables import render

    library = _library()
    rows = [
        (a.id, a.title, a.counts()[0], a.counts()[1], "user" if library.is_user(a.id) else "bundled")
        for a in sorted(library.agendas.values(), key=lambda a: (a.series or 99, a.id))
    ]
    echo(render(["id", "title", "questions", "follow-ups", "from"], rows))


@agendas.command("show")
@db_option
@click.argument("agenda_id")
def agendas_show(agenda_id: str) -> None:
    """Print one agenda as an indented tree."""
    agenda = _library().get(agenda_id)
    out = [agenda.title]
    if agenda.purpose:
        out.append(f"  {agenda.purpose.strip()}")
    for part in agenda.parts:
        out.append("")
        if part.title:
            out.append(f"{part.title}" + (f" — {part.purpose}" if part.purpose else ""))
        number = 0
        for node in agenda.nodes():
            if node.part is not part:
                continue
            indent = "  " * (node.depth + 1)
            if node.depth == 0:
                number += 1
                out.append(f"{indent}{number}. {node.item.text}  [{node.item.id}]")
            else:
                out.append(f"{indent}- {node.item.text}  [{node.item.id}]")
            for hint in node.item.hints:
                out.append(f"{indent}    (hint) {hint}")
    echo("\n".join(out))


@agendas.command("invite")
@db_option
@click.argument("agenda_id")
@click.option("--ics", is_flag=True, help="Print an iCalendar event instead of text.")
@click.option("--start", type=click.DateTime(["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]), help="Start, e.g. 2026-12-01T10:00.")
@click.option("--minutes", default=45, show_default=True, type=click.IntRange(5, 600))
@click.option("--person", help="Who the 1-on-1 is with (for the title).")
def agendas_invite(agenda_id: str, ics: bool, start: datetime | None, minutes: int, person: str | None) -> None:
    """Print the meeting-invite agenda: top-level questions only."""
    agenda = _library().get(agenda_id)
    text = agenda.invite_text()
    if not ics:
        echo(text)
        return
    if start is None:
        raise click.UsageError("--ics needs --start, e.g. --start 2026-12-01T10:00")
    from growtui.ics import event

    summary = f"1-on-1: {agenda.title}" + (f" with {person}" if person else "")
    click.echo(event(summary, text, start, minutes), nl=False)


@agendas.command("check")
@db_option
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def agendas_check(files: tuple[Path, ...]) -> None:
    """Validate agenda files; exit 1 if any is bad."""
    from growtui.agendas import AgendaError, load_agenda_file

    bad = 0
    for path in files:
        try:
            agenda = load_agenda_file(path)
        except AgendaError as e:
            echo(f"growtui: {e}", err=True)
            bad += 1
            continue
        q, f, h = agenda.counts()
        echo(f"{path}: ok ({agenda.id}: {q} questions, {f} follow-ups, {h} hints)")
    if bad:
        sys.exit(1)


@cli.command()
@db_option
@json_option
def people(as_json: bool) -> None:
    """List people."""
    from growtui.series import describe_people
    from growtui.tables import render

    store = _store()
    rows = describe_people(store, _library(), date.today())
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    echo(
        render(
            ["id", "name", "role", "last", "next due", "stage", "open actions", "commitment"],
            [
                (r["id"], r["name"], r["role"], r["last_conversation"] or "never", r["next_due"] or "-",
                 r["stage"], r["open_actions"], r["latest_commitment"] or "-")
                for r in rows
            ],
        )
    )


@cli.command()
@db_option
@json_option
@click.argument("person")
def history(person: str, as_json: bool) -> None:
    """A person's conversations, newest first."""
    from growtui.tables import render

    store = _store()
    who = store.find_person(person)
    rows = [
        {
            "id": h.conversation.id,
            "started_at": h.conversation.started_at,
            "agenda": h.conversation.agenda_id,
            "status": h.conversation.status,
            "actions": h.actions,
            "mean_commitment": round(h.mean_commitment, 1) if h.mean_commitment is not None else None,
        }
        for h in store.history(who.id)
    ]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    echo(f"{who.name} — {len(rows)} conversations")
    echo(
        render(
            ["id", "date", "agenda", "status", "actions", "mean commitment"],
            [(r["id"], r["started_at"][:16].replace("T", " "), r["agenda"], r["status"], r["actions"],
              r["mean_commitment"] if r["mean_commitment"] is not None else "-") for r in rows],
        )
    )


@cli.command()
@db_option
@json_option
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.argument("query", nargs=-1, required=True)
def search(query: tuple[str, ...], as_json: bool, limit: int) -> None:
    """Full-text search over all notes and action items."""
    from growtui.outline import question_text
    from growtui.store import MARK_END, MARK_START
    from growtui.tables import render

    store = _store()
    library = _library()
    hits = store.search(" ".join(query), limit)

    def question(h: Any) -> str:
        return question_text(library, h.agenda_id, h.question_id)

    if as_json:
        rows = [
            {"conversation": h.conversation_id, "person": h.person, "date": h.started_at, "agenda": h.agenda_id,
             "question_id": h.question_id, "question": question(h),
             "snippet": h.snippet.replace(MARK_START, "").replace(MARK_END, "")}
            for h in hits
        ]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not hits:
        from growtui.store import damaged

        if problem := damaged(_db_path()):  # a damaged index finds nothing rather than failing
            raise problem
        echo("no matches", err=True)
        return
    bold = sys.stdout.isatty()
    start, end = ("\x1b[1m", "\x1b[0m") if bold else ("*", "*")

    def snippet(h: Any) -> str:  # inert text, then our own bold around the matched words
        return inert(h.snippet).replace(inert(MARK_START), start).replace(inert(MARK_END), end)

    click.echo(
        render(
            ["conv", "date", "person", "question", "snippet"],
            [(h.conversation_id, h.started_at[:10], inert(h.person), inert(_clip(question(h), 40)), snippet(h))
             for h in hits],
        )
    )


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@cli.command()
@db_option
@click.argument("conversation")
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
@click.option("--shareable", is_flag=True, help="Leave private notes out (the copy to send the report).")
@click.option("--all", "whole", is_flag=True, help="CONVERSATION is a person: every conversation, newest first.")
def export(conversation: str, fmt: str, shareable: bool, whole: bool) -> None:
    """Write one conversation (an id, or 'latest') to stdout; with --all, a person's running file."""
    from growtui.export import conversation_document, person_document, shareable_copy, to_json, to_markdown

    store = _store()
    if whole:
        if fmt != "md":
            raise click.UsageError("--all writes Markdown: use --format md")
        echo(person_document(store, _library(), store.find_person(conversation).id, shareable), nl=False)
        return
    if conversation == "latest":
        conv_id = store.latest_conversation_id()
    elif conversation.isdigit():
        from growtui.store import as_id

        conv_id = as_id(conversation, "conversation")
    else:
        raise GrowtuiError(f"{conversation!r} is not a conversation id or 'latest' (a person needs --all)")
    doc = conversation_document(store, _library(), conv_id)
    if shareable:
        doc = shareable_copy(doc)
    if fmt == "json":
        click.echo(to_json(doc))
    else:
        echo(to_markdown(doc), nl=False)


@cli.command()
@db_option
@click.argument("person")
def brief(person: str) -> None:
    """What to read before a 1-on-1: since last time, in 30 seconds."""
    from growtui.brief import brief_lines, make_brief

    store = _store()
    echo("\n".join(brief_lines(make_brief(store, _library(), store.find_person(person)))))


@cli.command()
@db_option
@json_option
@click.option("--days", default=7, show_default=True, type=click.IntRange(0, 365), help="Look this far ahead.")
def due(as_json: bool, days: int) -> None:
    """Who is due or overdue for a 1-on-1 (this week by default)."""
    from growtui.series import describe_people

    today = date.today()
    rows = [r for r in describe_people(_store(), _library(), today)
            if r["next_due"] and (date.fromisoformat(r["next_due"]) - today).days <= days]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for r in rows:
        left = (date.fromisoformat(r["next_due"]) - today).days
        when = (f"overdue by {r['overdue_days']} day{'s' if r['overdue_days'] != 1 else ''}" if r["overdue_days"]
                else "due today" if left == 0 else f"due in {left} day{'s' if left != 1 else ''}")
        last = f"last {r['last_conversation']}" if r["last_conversation"] else "never met"
        echo(f"{r['name']}: {when} ({last}; next: {r['stage']})")


@cli.command("backup")
@db_option
@click.argument("dest", type=click.Path(path_type=Path))
def backup_command(dest: Path) -> None:
    """Copy the database to DEST (consistent, even while the app runs)."""
    from growtui.backup import backup

    _make_private(_db_path())
    conversations = backup(_db_path(), dest)
    echo(f"backed up {conversations} conversations to {dest}")


@cli.command("restore")
@db_option
@click.argument("source", type=click.Path(path_type=Path))
def restore_command(source: Path) -> None:
    """Replace the database with a checked backup; the old file is kept beside it."""
    from growtui.backup import restore

    kept = restore(source, _db_path())
    echo(f"restored {source} to {_db_path()}" + (f"; the previous database is kept as {kept}" if kept else ""))


@cli.command("keys")
@db_option
@json_option
def keys_command(as_json: bool) -> None:
    """Print the effective key map: binding id → key."""
    from growtui.config import load_config
    from growtui.keys import KEYS, effective
    from growtui.tables import render

    keymap = effective(load_config().keymap)
    if as_json:
        click.echo(json.dumps(keymap, indent=2))
        return
    echo(render(["id", "key", "does"], [(k.id, keymap[k.id], k.description) for k in KEYS]))


def _damage_or_unexpected(error: Exception) -> str:
    """SQLite does not check the whole file on open: damage shows as the first error
    reading it. Say so, and what to do, if a quick check confirms it."""
    import sqlite3

    if isinstance(error, sqlite3.DatabaseError) and _in_use:
        from growtui.store import damaged

        if found := damaged(_in_use[0], error):
            return str(found)
    return f"unexpected error: {type(error).__name__}: {error}"


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command line; turn every failure into one line."""
    try:
        code = cli.main(args=argv, prog_name="growtui", standalone_mode=False)
    except click.exceptions.Abort:
        echo("growtui: aborted", err=True)
        sys.exit(130)
    except click.ClickException as e:
        echo(f"growtui: {e.format_message()}", err=True)
        sys.exit(e.exit_code)
    except GrowtuiError as e:
        echo(f"growtui: {e}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as e:  # the last line of defence: never a traceback
        echo(f"growtui: {_damage_or_unexpected(e)}", err=True)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)

"""`growtui` itself: with no command, the app (or the demo); the commands join
this group from their modules."""

from __future__ import annotations

import click

from growtui import __version__
from growtui.cli.common import calendar_option, db_option, db_path
from growtui.cli.launch import run_app, run_demo_app


EXAMPLES = """\b
Examples:
  growtui                      open the app on your notes
  growtui --demo               look around on sample data
  growtui --blind              start with nothing private shown (f9 shows it)
  growtui people --json        who you meet, for scripts
  growtui search "tech debt"   find what was said

\b
Shell completion (bash; zsh and fish likewise):
  eval "$(_GROWTUI_COMPLETE=bash_source growtui)"
"""


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXAMPLES)
@db_option
@calendar_option
@click.option("--demo", is_flag=True, help="Open the app on a throwaway database of sample data.")
@click.option("--blind", is_flag=True, help="Start blind: nothing private drawn until f9 (a shared screen).")
@click.version_option(__version__, "--version", prog_name="growtui", message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context, demo: bool, blind: bool, calendar_path: str | None) -> None:
    """growtui: career conversations with the GROW model, from the keyboard."""
    if ctx.invoked_subcommand is not None:
        return
    if demo:
        run_demo_app(blind=blind)
    else:
        run_app(db_path(), calendar=calendar_path, blind=blind)

"""`growtui keys`: the effective key map."""

from __future__ import annotations

from growtui.cli.common import db_option
from growtui.cli.group import cli
from growtui.cli.output import echo, json_option, print_json, render


@cli.command("keys")
@db_option
@json_option
def keys_command(as_json: bool) -> None:
    """Print the effective key map: binding id → key."""
    from growtui.config import load_config
    from growtui.keys import KEYS, effective

    keymap = effective(load_config().keymap)
    if as_json:
        print_json(keymap)
        return
    echo(render(["id", "key", "does"], [(k.id, keymap[k.id], k.description) for k in KEYS]))

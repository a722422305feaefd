"""`growtui keys`: the effective key map."""

from __future__ import annotations

from growtui.cli.common import db_option
from growtui.cli.group import cli
from growtui.cli.output import echo_table, json_option, print_json


@cli.command("keys", epilog="\b\nExamples:\n  growtui keys\n  growtui keys --json | jq -r '.\"next-question\"'")
@db_option
@json_option("one object, binding id → key (several keys comma-separated)")
def keys_command(as_json: bool) -> None:
    """Print the effective key map: binding id → key (config.toml [keymap] over the defaults)."""
    from growtui.config import load_config
    from growtui.keys import KEYS, effective

    keymap = effective(load_config().keymap)
    if as_json:
        print_json(keymap)
        return
    echo_table(["id", "key", "does"], [(k.id, keymap[k.id], k.description) for k in KEYS])

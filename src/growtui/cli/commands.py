"""The whole command line: the group and every command module joined to it."""

from __future__ import annotations

import growtui.cli.agendas  # noqa: F401  (each module adds its commands to the group)
import growtui.cli.backups  # noqa: F401
import growtui.cli.calendar  # noqa: F401
import growtui.cli.conversations  # noqa: F401
import growtui.cli.data  # noqa: F401
import growtui.cli.keeping  # noqa: F401
import growtui.cli.keymap  # noqa: F401
import growtui.cli.notes  # noqa: F401
import growtui.cli.people  # noqa: F401
import growtui.cli.plan  # noqa: F401
import growtui.cli.review  # noqa: F401
import growtui.cli.team  # noqa: F401
import growtui.cli.transcript  # noqa: F401
from growtui.cli.group import cli

__all__ = ["cli"]

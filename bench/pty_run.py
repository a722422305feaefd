"""Run a Python function's app in a real pseudo-terminal, so Textual renders
for real (headless mode skips rendering), and collect what it measured."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path


def run_in_pty(
    args: list[str], width: int = 100, height: int = 30, timeout: float = 300, env: dict[str, str] | None = None
) -> dict:
    """Run `python args...` on a pty; the child writes its JSON result to the file named by BENCH_OUT."""
    out = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-{os.getpid()}-{time.monotonic_ns()}.json"
    env = {
        **os.environ,
        **(env or {}),
        "BENCH_OUT": str(out),
        "TERM": "xterm-256color",
        "COLUMNS": str(width),
        "LINES": str(height),
    }
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        close_fds=True,
        start_new_session=True,
    )
    os.close(slave)
    deadline = time.monotonic() + timeout
    tail = b""
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    tail = (tail + os.read(master, 65536))[-4000:]  # drain, as a terminal would
                except OSError:
                    break
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        os.close(master)
    if not out.exists():
        raise RuntimeError(f"benchmark child failed ({proc.returncode}): {tail.decode(errors='replace')[-800:]}")
    result = json.loads(out.read_text())
    out.unlink()
    return result


def write_result(data: dict) -> None:
    Path(os.environ["BENCH_OUT"]).write_text(json.dumps(data))

"""Run a real command with one of its streams on a pseudo-terminal, as a person sees it."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import termios
from collections.abc import Mapping, Sequence
from pathlib import Path


def run_on_terminal(cmd: Sequence[str], *, stream: str = "stderr", columns: int = 0,
                    env: Mapping[str, str] | None = None,
                    cwd: Path | None = None) -> tuple[subprocess.CompletedProcess[bytes], str]:
    """Run ``cmd`` with ``stream`` ("stderr" or "stdout") on a terminal; the other is piped.

    Returns the finished process and everything the terminal received.
    ``columns`` sets the terminal's width (0: a terminal that reports no size);
    then COLUMNS and LINES are dropped from the environment (some imported
    library sets them), so that the terminal itself is what the command sees.
    """
    environ = dict(os.environ if env is None else env)
    if columns:
        environ.pop("COLUMNS", None)
        environ.pop("LINES", None)
    master, slave = pty.openpty()
    if columns:
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    on_terminal = {stream: slave}
    try:
        proc = subprocess.run(list(cmd), stdout=on_terminal.get("stdout", subprocess.PIPE),
                              stderr=on_terminal.get("stderr", subprocess.PIPE), check=False,
                              env=environ, cwd=cwd)
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the other side is closed and drained
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(master)
    return proc, b"".join(chunks).decode()

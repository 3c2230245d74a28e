"""Files of the command line: naming inputs, walking directories, reading and writing safely.

Shared by ``newsfix``, ``newsfix detect`` and ``newsfix batch``, so that a
directory, a missing file or a named pipe behave the same in every command.
Every problem is an :class:`InputError` whose message names the input and the
problem; the caller reports it and goes on with the other inputs.
"""

from __future__ import annotations

import errno
import os
import select
import stat
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

__all__ = ["FIFO_WAIT_S", "Input", "InputError", "expand", "read_bytes", "walk", "write_atomic"]

#: How long a named pipe may stay without a writer before it is an error
#: (a pipe that already has a writer, like ``<(cmd)``, is read at once).
FIFO_WAIT_S = 3.0


class InputError(Exception):
    """An input that cannot be processed; the message names the input and the problem."""


@dataclass(frozen=True)
class Input:
    """One input: its name in messages, its path (None: stdin), its path below its directory."""

    name: str
    path: Path | None
    relative: Path


def walk(root: Path, glob: str = "*.txt") -> Iterator[Path]:
    """The regular files below ``root`` matching ``glob``, in sorted order, one at a time.

    The order is that of sorted paths; it streams (memory grows with the depth
    of the tree, not its size). Symbolic links to directories are not
    followed, so a link cannot make a loop. ``glob`` matches the path below
    ``root`` from the right (``*.txt``, ``2024/*.txt``).

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> for p in ("b.txt", "a/c.txt", "a/d.md"):
    ...     (d / p).parent.mkdir(exist_ok=True)
    ...     _ = (d / p).write_text("x")
    >>> [p.relative_to(d).as_posix() for p in walk(d)]
    ['a/c.txt', 'b.txt']
    """
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return
    yield from _walk(root, entries, glob)


def _walk(root: Path, entries: list[os.DirEntry[str]], glob: str) -> Iterator[Path]:
    for entry in entries:
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            try:
                children = sorted(os.scandir(path), key=lambda e: e.name)
            except OSError:
                continue
            yield from _walk(root, children, glob)
        elif entry.is_file() and PurePath(path.relative_to(root)).match(glob):
            yield path


def expand(names: Sequence[str], glob: str = "*.txt") -> tuple[list[Input], list[str]]:
    """The inputs named on a command line, directories expanded; and the errors found.

    ``-`` is standard input. A directory stands for its files matching
    ``glob``, recursively and in sorted order; one with none is an error.
    """
    inputs: list[Input] = []
    errors: list[str] = []
    for name in names:
        if name == "-":
            inputs.append(Input("<stdin>", None, Path("stdin.txt")))
            continue
        path = Path(name)
        if path.is_dir():
            files = list(walk(path, glob))
            if not files:
                errors.append(f"{name}: directory has no files matching {glob!r}")
            inputs += [Input(str(f), f, f.relative_to(path)) for f in files]
        else:
            inputs.append(Input(name, path, Path(path.name)))
    return inputs, errors


def read_bytes(path: Path | None, name: str | None = None) -> bytes:
    """All bytes of ``path`` (None: standard input); ``InputError`` names what went wrong.

    A named pipe is read only once a writer has opened it: one that has none
    after :data:`FIFO_WAIT_S` seconds is an error instead of a hang. Devices
    and sockets (``/dev/zero`` would never end) are refused; a terminal is
    read like standard input.

    >>> read_bytes(Path("/nonexistent/a.txt"))
    Traceback (most recent call last):
    ...
    newsfix.inputs.InputError: /nonexistent/a.txt: no such file
    """
    if path is None:
        return sys.stdin.buffer.read()
    label = name or str(path)
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise InputError(f"{label}: is a directory")
        if stat.S_ISFIFO(mode):
            return _read_fifo(path, label)
        if not stat.S_ISREG(mode):
            kind = ("character device" if stat.S_ISCHR(mode) else
                    "block device" if stat.S_ISBLK(mode) else
                    "socket" if stat.S_ISSOCK(mode) else "special file")
            if not (stat.S_ISCHR(mode) and _is_terminal(path)) and str(path) != os.devnull:
                raise InputError(f"{label}: not a regular file ({kind})")
        return path.read_bytes()
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(f"{label}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{label}: is a directory") from None
    except PermissionError:
        raise InputError(f"{label}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{label}: cannot read: {exc.strerror or exc}") from None


def _is_terminal(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError:
        return False
    try:
        return os.isatty(fd)
    finally:
        os.close(fd)


def _read_fifo(path: Path, label: str) -> bytes:
    """Read a named pipe to its end, or fail if no writer comes within FIFO_WAIT_S."""
    # Opening a FIFO for reading blocks until a writer opens it; without
    # O_NONBLOCK a pipe nobody writes to would hang the command for ever.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        poller = select.poll()
        poller.register(fd, select.POLLIN | select.POLLHUP)
        events = poller.poll(FIFO_WAIT_S * 1000)
        chunks: list[bytes] = []
        if not events:
            try:
                first = os.read(fd, 65536)
            except BlockingIOError:  # a writer is there, it has written nothing yet
                first = None
            if first == b"":
                raise InputError(f"{label}: named pipe (FIFO) with no writer after "
                                 f"{FIFO_WAIT_S:g} s")
            if first:
                chunks.append(first)
        os.set_blocking(fd, True)
        while True:
            try:
                chunk = os.read(fd, 1 << 20)
            except OSError as exc:  # pragma: no cover - a broken pipe mid-read
                if exc.errno == errno.EINTR:
                    continue
                raise
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def write_atomic(target: Path, content: str) -> None:
    """Write ``content`` (UTF-8) to ``target`` whole or not at all: a temp file, then a rename.

    A run killed while writing leaves the old file or none, never half of one.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

"""How a command ends when it is stopped from outside: SIGTERM, Ctrl-C, a closed pipe.

- ``SIGTERM`` (``kill PID``) raises ``Terminated`` in the main thread, so it unwinds
  exactly like Ctrl-C's ``KeyboardInterrupt``: ``with`` blocks run, the temporary file
  of ``-o`` is removed (the old file is kept), an open store transaction rolls back,
  coding workers are stopped. Exit status 143 (128 + SIGTERM), after one line
  ``legation: terminated``; Ctrl-C gives 130 and ``legation: interrupted``.
- A reader of stdout that goes away (``legation code … | head -1``) ends the run quietly
  with exit status 0, as ``head`` asked for no more: no traceback, no message. Any other
  broken pipe is one error line and exit status 1. (Python ignores
  SIGPIPE, so the write fails with ``BrokenPipeError``; stdout is then pointed at the null
  device so the interpreter's final flush cannot fail a second time.)

``guard`` is entered once per run as a Click context resource (``legation.cli._root``),
so it sees every command's exception before Typer's own handlers.
"""

from __future__ import annotations

import os
import select
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import typer

from legation.cli.common import PROG, stderr_console

EXIT_INTERRUPTED = 130  # 128 + SIGINT
EXIT_TERMINATED = 143  # 128 + SIGTERM


class Terminated(BaseException):
    """SIGTERM arrived: a ``BaseException`` so no ``except Exception`` swallows it."""


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated()


@contextmanager
def sigterm_raises() -> Iterator[None]:
    """Within the block, SIGTERM raises ``Terminated``; the old handler comes back after
    (``main`` may be called in-process, by tests or a notebook). Only the main thread may
    set handlers: elsewhere SIGTERM keeps its default."""
    try:
        previous = signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def stdout_reader_gone() -> bool:
    """Whether stdout is a pipe whose reader has closed it (``poll`` reports an error on
    the write end), as opposed to some other pipe or socket breaking."""
    try:
        fd = sys.stdout.fileno()
        poller = select.poll()
        poller.register(fd, select.POLLOUT)
        return any(events & select.POLLERR for _, events in poller.poll(0))
    except (AttributeError, OSError, ValueError):
        return False


def silence_stdout() -> None:
    """Point stdout at the null device: after a broken pipe, the interpreter's last flush
    of buffered output would fail again and print ``Exception ignored …``."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, fd)
    finally:
        os.close(null)


@contextmanager
def guard() -> Iterator[None]:
    """End a run stopped from outside with the documented status (module docstring)."""
    try:
        yield
    except BrokenPipeError as exc:
        if not stdout_reader_gone():  # some other pipe or socket: a real error
            stderr_console().print(f"{PROG}: error: {exc.strerror or exc}")
            raise typer.Exit(1) from None
        silence_stdout()
        raise typer.Exit(0) from None
    except Terminated:
        stderr_console().print(f"{PROG}: terminated")
        raise typer.Exit(EXIT_TERMINATED) from None
    except KeyboardInterrupt:
        stderr_console().print(f"{PROG}: interrupted")
        raise typer.Exit(EXIT_INTERRUPTED) from None

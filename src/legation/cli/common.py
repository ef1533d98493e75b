"""What every command shares: the stderr console, warning and error lines, option parsing,
and where output goes (stdout, or a file written atomically)."""

from __future__ import annotations

import datetime as dt
import io
import sys
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from rich.console import Console

from legation.errors import InputError
from legation.output import atomic_output

if TYPE_CHECKING:
    from legation.actors.kb import KnowledgeBase

PROG = "legation"


def stderr_console() -> Console:
    """A console for messages: stderr, no markup or highlighting (file names may hold
    ``[...]``), no wrapping (one message stays one line for ``grep``)."""
    return Console(stderr=True, markup=False, highlight=False, emoji=False, soft_wrap=True)


class Messages:
    """Prints ``legation: warning: …`` lines (through Rich, so a live progress bar stays
    intact) and counts them."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or stderr_console()
        self.warnings = 0

    def warning(self, message: str) -> None:
        self.warnings += 1
        self.console.print(f"{PROG}: warning: {message}")

    def info(self, message: str) -> None:
        self.console.print(f"{PROG}: {message}")


def error_line(exc: BaseException) -> str:
    """The one line a ``LegationError`` becomes: ``legation: error: <where>: <message>``."""
    return f"{PROG}: error: {exc}"


def parse_date_option(value: str | None, option: str = "--date") -> dt.date | None:
    """``YYYY-MM-DD`` → date; anything else is an ``InputError`` naming the option."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(option, f"invalid date {value!r}: expected YYYY-MM-DD") from None


def load_kb(actor_files: Sequence[Path], messages: Messages) -> KnowledgeBase | None:
    """The bundled knowledge base plus the user's files; ``None`` (the default) when none."""
    if not actor_files:
        return None
    from legation.actors.kb import load_default_kb

    kb = load_default_kb()
    add_actor_files(kb, actor_files, messages)
    return kb


def add_actor_files(kb: KnowledgeBase, paths: Sequence[Path], messages: Messages) -> None:
    """``kb.add_file`` for each path; the lines a PETRARCH importer skips come as
    ``DictionaryWarning`` and are printed as warnings, not lost."""
    for path in paths:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            kb.add_file(path)
        for warning in caught:
            messages.warning(str(warning.message))


@contextmanager
def output_stream(path: str | None) -> Iterator[TextIO]:
    """UTF-8 text to ``path`` (atomically: all or nothing) or to stdout for ``None``/``-``."""
    if path is None or path == "-":
        stdout = sys.stdout
        if isinstance(stdout, io.TextIOWrapper) and stdout.encoding.lower() != "utf-8":
            stdout.reconfigure(encoding="utf-8")
        yield stdout
        stdout.flush()
        return
    with atomic_output(path) as stream:
        yield stream

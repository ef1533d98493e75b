"""What every command shares: the stderr console, warning and error lines, option parsing,
and where output goes (stdout, or a file written atomically)."""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from legation.errors import InputError
from legation.output import atomic_output

if TYPE_CHECKING:
    from legation.actors.kb import KnowledgeBase
    from legation.coding.petrarch_verbs import VerbDictionary
    from legation.store import EventFilter, Store

PROG = "legation"
# What article text must not send to a terminal: escape sequences (CSI, OSC, and the
# two-character ones), then any other C0/C1 control and the bidirectional overrides
# that reorder what a reader sees.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x9b[0-?]*[ -/]*[@-~]|\x1b.?"
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile(r"[\t\n\r]+")
WIDE = 100_000  # the width of a table written to a pipe or a file: never wrapped


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
    from legation.read.base import check_regular_file

    for path in paths:
        check_regular_file(path)  # a FIFO would block the read forever
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            kb.add_file(path)
        for warning in caught:
            messages.warning(str(warning.message))


def check_verb_files(
    paths: Sequence[Path], messages: Messages, *, replace: bool = False
) -> list[VerbDictionary]:
    """Read each ``--verbs`` file now (before any model loads) and print its unusable lines
    as warnings naming ``path:line``; a missing file or one with no verb block is an error.
    ``replace`` (``--verbs-replace``) needs at least one file."""
    from legation.coding.petrarch_verbs import read_verb_dictionary
    from legation.read.base import check_regular_file

    if replace and not paths:
        raise InputError("--verbs-replace", "needs at least one --verbs FILE")
    parsed = []
    for path in paths:
        check_regular_file(path)  # a FIFO would block the read forever
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            parsed.append(read_verb_dictionary(path))
        for warning in caught:
            messages.warning(str(warning.message))
    return parsed


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


def actor_code(store: Store, value: str, where: str) -> str:
    """A country or actor name or code → its code (``legation.actors.lookup``); codes the
    store holds are accepted too. Unknown: an ``InputError`` (exit 2)."""
    from legation.actors.lookup import resolve_actor, store_knows

    return resolve_actor(value, where, store_knows(store))


def actor_codes(store: Store, value: str, where: str) -> list[str]:
    """``"RUS,Soviet Union"`` → ``["RUS", "SUN"]``, each as ``actor_code``."""
    from legation.actors.lookup import resolve_actors, store_knows

    return resolve_actors(value, where, store_knows(store))


def resolve_filter(store: Store, flt: EventFilter) -> EventFilter:
    """``--source``/``--target`` names resolved to codes."""
    from dataclasses import replace

    return replace(
        flt,
        source=actor_code(store, flt.source, "--source") if flt.source else None,
        target=actor_code(store, flt.target, "--target") if flt.target else None,
    )


def terminal_text(value: object) -> str:
    """``value`` as one line that is safe to print: escape sequences and control
    characters from article text are dropped, tabs and line breaks become spaces."""
    text = _ESCAPES.sub("", str(value))
    return _CONTROLS.sub("", _BREAKS.sub(" ", text))


class SafeTable(Table):
    """A Rich table whose cells are plain text: never parsed as Rich markup
    (``[bold]`` in a sentence stays as written) and passed through ``terminal_text``."""

    def add_row(self, *renderables: RenderableType | None, **kwargs: Any) -> None:
        cells = [Text(terminal_text(r)) if isinstance(r, str) else r for r in renderables]
        super().add_row(*cells, **kwargs)


def table_console() -> Console:
    """Where tables go: stdout, no markup or highlighting. On a terminal, its width; to a
    pipe or a file, as wide as the rows need (a sentence column is not folded to a few
    characters by an 80-column default)."""
    if sys.stdout.isatty():
        return Console(highlight=False, markup=False, emoji=False)
    return Console(highlight=False, markup=False, emoji=False, width=WIDE, soft_wrap=False)

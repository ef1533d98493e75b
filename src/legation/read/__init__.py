"""Input readers: files and standard input → a stream of ``Article``.

``read_inputs`` dispatches on each path's suffix:

=================  ===============================================================
``.txt``           one article; id = the file name, date = ``default_date``
``.jsonl``         one JSON object a line: ``id``, ``text``, optional ``date``,
                   ``title``, ``url``, ``source``
``.csv``           a header naming ``id`` and ``text`` (and optionally the others)
``-``              JSON Lines on standard input
``*.gz``           any of the above, gzip-compressed (``corpus.jsonl.gz``)
=================  ===============================================================

Bad input never raises anything but ``InputError`` and is never dropped silently:

- fatal (``InputError(where, message)``): a missing file, a directory, a FIFO, device
  or socket (opening it would block), an unknown file type, a binary file (a NUL byte in
  its first 8 KiB), all checked for every path before any is read; a ``default_date``
  outside ``date_window``; a CSV header without ``id`` and ``text``, an unreadable (e.g. truncated
  gzip) file, met while reading;
- a warning ``path:line: message``, the item skipped and the rest read: a malformed JSON
  line, a line that is not an object, a missing ``id`` or ``text``, empty text, invalid
  UTF-8 (the line, CSV row or text file holding it), a CSV row with the wrong number of
  fields, a line over ``MAX_LINE_BYTES``, a JSON integer over 4,300 digits;
- a warning, the article kept: an invalid ``date`` or one outside ``date_window``
  (1800-01-01 to five years ahead; the default date is used, or none),
  an over-long text (cut at a sentence end at ``MAX_ARTICLE_CHARS``), a duplicate id,
  the first undated article of an input, an empty input ("empty, no articles").

Lines end at ``\n``, ``\r\n`` or a lone ``\r``; a file of only a byte-order mark is empty.
File names in messages are escaped (``errors.printable``): one message, one line.

Warnings go to ``on_warning`` (the CLI prints them to stderr); without one they are
issued as ``InputWarning`` through Python's ``warnings`` module.
"""

from __future__ import annotations

import datetime as dt
import gzip
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, cast

from legation.errors import InputError
from legation.model import Article
from legation.read.base import (
    MAX_ARTICLE_CHARS,
    MAX_LINE_BYTES,
    InputWarning,
    ReadContext,
    ReadStats,
    Warn,
    check_date_window,
    check_not_binary,
    check_regular_file,
    peek,
)
from legation.read.csv import read_csv_stream
from legation.read.jsonl import STDIN_LABEL, read_jsonl_stream
from legation.read.text import read_text_stream

__all__ = [
    "MAX_ARTICLE_CHARS",
    "MAX_LINE_BYTES",
    "READERS",
    "InputWarning",
    "ReadStats",
    "check_paths",
    "read_inputs",
    "reader_for",
]

StreamReader = Callable[[BinaryIO, str, ReadContext], Iterator[Article]]
READERS: dict[str, StreamReader] = {
    ".txt": read_text_stream,
    ".jsonl": read_jsonl_stream,
    ".csv": read_csv_stream,
}
STDIN = "-"


def read_inputs(
    paths: Sequence[str],
    default_date: dt.date | None = None,
    on_warning: Warn | None = None,
    *,
    stats: ReadStats | None = None,
    strict: bool = False,
) -> Iterator[Article]:
    """Articles from each input in turn, streamed (never a whole JSONL/CSV file in memory).

    Every path is checked now (it exists, is a file, has a known type), so a typo in the
    last of many inputs fails before anything is coded; contents are read lazily.
    ``default_date`` is the date of articles that give none (all ``.txt`` articles);
    ``stats``, when given, is updated as articles are read and skipped; ``strict`` turns
    every warning into an ``InputError``.
    """
    check_default_date(default_date)
    check_paths(paths)
    ctx = ReadContext(
        default_date, on_warning, stats if stats is not None else ReadStats(), strict=strict
    )
    return _read_all(paths, ctx)


def _read_all(paths: Sequence[str], ctx: ReadContext) -> Iterator[Article]:
    for path in paths:
        yield from _read_one(path, ctx)


def check_default_date(default_date: dt.date | None) -> None:
    """``InputError`` for a ``--date`` outside the plausible window (``date_window``)."""
    if default_date is not None:
        try:
            check_date_window(default_date)
        except ValueError as exc:
            raise InputError("--date", str(exc)) from None


def check_paths(paths: Sequence[str]) -> None:
    """``InputError`` for the first path that cannot be read: ``-`` given twice, an
    unknown type, a missing file, a directory, a binary file (by its first 8 KiB)."""
    if sum(1 for path in paths if path == STDIN) > 1:
        raise InputError(STDIN, "standard input can be read only once")
    for path in paths:
        if path == STDIN:
            continue
        reader_for(path)
        with _open(path) as stream:
            check_not_binary(peek(stream, path), path)


def reader_for(path: str) -> StreamReader:
    """The reader for a path's (lower-cased, ``.gz``-stripped) suffix, or ``InputError``."""
    suffixes = [s.lower() for s in Path(path).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    suffix = suffixes[-1] if suffixes else ""
    reader = READERS.get(suffix)
    if reader is None:
        known = ", ".join(READERS)
        found = f"'{suffix}'" if suffix else "no suffix"
        raise InputError(
            path, f"unknown file type ({found}): expected {known} (optionally .gz) or - for stdin"
        )
    return reader


def _read_one(path: str, ctx: ReadContext) -> Iterator[Article]:
    before = ctx.stats.articles, ctx.stats.skipped
    reader: StreamReader
    if path == STDIN:
        label, reader = STDIN_LABEL, read_jsonl_stream
        ctx.stats.files += 1
        yield from reader(sys.stdin.buffer, label, ctx)
    else:
        label, reader = path, reader_for(path)
        with _open(path) as stream:
            ctx.stats.files += 1
            yield from reader(stream, label, ctx)
    # (the text reader says itself when its file is empty or skipped)
    if (ctx.stats.articles, ctx.stats.skipped) == before and reader is not read_text_stream:
        ctx.warn(label, "empty, no articles")


@contextmanager
def _open(path: str) -> Iterator[BinaryIO]:
    """Open a file for binary reading (through gzip for ``.gz``); failures are fatal."""
    file = Path(path)
    check_regular_file(file)  # a FIFO would block open() until some writer came
    try:
        stream: BinaryIO = open(file, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory: give the files in it (e.g. dir/*.jsonl)") from None
    except OSError as exc:
        raise InputError(path, f"cannot open: {exc.strerror or exc}") from None
    try:
        if file.suffix.lower() == ".gz":
            with gzip.GzipFile(fileobj=stream, mode="rb") as unzipped:
                yield cast(BinaryIO, unzipped)
        else:
            yield stream
    finally:
        stream.close()

"""CSV input: a header naming ``id`` and ``text`` (and optionally ``date``, ``title``,
``url``, ``source``), then one article a row; quoted fields may span lines.

Lines are decoded one at a time so that invalid UTF-8 is reported at its line and only
the record holding it is skipped; rows stream through ``csv.reader``.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from typing import BinaryIO

from legation.errors import InputError
from legation.model import Article
from legation.read.base import (
    MAX_LINE_BYTES,
    OPTIONAL_FIELDS,
    ReadContext,
    article_from_record,
    check_not_binary,
    decode_line,
    iter_lines,
    peek,
)

REQUIRED_COLUMNS = ("id", "text")
KNOWN_COLUMNS = (*REQUIRED_COLUMNS, "date", *OPTIONAL_FIELDS)
MAX_NAMED = 20  # column names quoted in one message


class _Lines:
    """Decoded lines for ``csv.reader``, remembering which line numbers were not UTF-8."""

    def __init__(self, stream: BinaryIO, label: str, ctx: ReadContext) -> None:
        self._raw = iter_lines(stream, label, ctx)
        self.bad: dict[int, str] = {}  # line number → why it could not be decoded
        self.count = 0

    def __iter__(self) -> Iterator[str]:
        for number, raw in self._raw:
            self.count = number
            try:
                yield decode_line(raw, first=number == 1)
            except ValueError as exc:
                self.bad[number] = str(exc)
                yield raw.decode("utf-8", errors="replace")


def read_csv_stream(stream: BinaryIO, label: str, ctx: ReadContext) -> Iterator[Article]:
    """Articles from a binary CSV stream; a header without ``id`` and ``text`` is fatal."""
    if csv.field_size_limit() < MAX_LINE_BYTES:
        csv.field_size_limit(MAX_LINE_BYTES)  # allow long articles (process-wide, only raised)
    check_not_binary(peek(stream, label), label)
    lines = _Lines(stream, label, ctx)
    rows = csv.reader(lines, strict=True)
    header = _header(rows, lines, label, ctx)
    if header is None:
        return
    end = lines.count
    while True:
        start = end + 1
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            end = lines.count
            ctx.skip(f"{label}:{start}", f"malformed CSV ({exc})", "row")
            continue
        end = lines.count
        where = f"{label}:{start}"
        bad = [n for n in range(start, end + 1) if n in lines.bad]
        if bad:
            ctx.skip(f"{label}:{bad[0]}", lines.bad[bad[0]], "row")
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            ctx.skip(where, f"{len(row)} fields but the header has {len(header)}", "row")
            continue
        article = article_from_record(dict(zip(header, row, strict=True)), where, ctx, "row")
        if article is not None:
            yield ctx.article(article, label)


def _header(
    rows: Iterator[list[str]], lines: _Lines, label: str, ctx: ReadContext
) -> list[str] | None:
    """The lower-cased column names, or ``None`` for an empty file; unknown ones warned."""
    try:
        header = next(rows, None)
        while header is not None and not any(cell.strip() for cell in header):
            header = next(rows, None)  # blank lines (or only a byte-order mark) first
    except csv.Error as exc:
        raise InputError(f"{label}:1", f"malformed CSV header ({exc})") from None
    if header is None:
        return None
    where = f"{label}:{lines.count}"
    if lines.bad:
        raise InputError(where, f"header line: {next(iter(lines.bad.values()))}")
    names = [name.strip().lower() for name in header]
    counts = Counter(names)  # linear: a header of 100,000 columns is checked at once
    if any(name not in counts for name in REQUIRED_COLUMNS):
        found = _names(names) or "nothing"
        raise InputError(where, f"CSV header must name columns id and text; found {found}")
    twice = sorted(name for name, n in counts.items() if n > 1)
    if twice:
        raise InputError(where, f"CSV column(s) named twice: {_names(twice)}")
    unknown = [name for name in names if name not in KNOWN_COLUMNS]
    if unknown:
        ctx.warn(
            where,
            f"ignoring unknown CSV column(s) {_names(unknown)} (known: {', '.join(KNOWN_COLUMNS)})",
        )
    return names


def _names(names: list[str], most: int = MAX_NAMED) -> str:
    """Column names for a message: the first ``most`` of them, then how many more."""
    shown = ", ".join(repr(name[:80]) for name in names[:most])
    return shown + (f" and {len(names) - most:,} more" if len(names) > most else "")

"""Plain-text input: one file is one article, its id the file name, its date ``--date``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePath
from typing import BinaryIO

from legation.errors import InputError
from legation.model import Article
from legation.read.base import (
    MAX_LINE_BYTES,
    ReadContext,
    check_not_binary,
    clean_article,
    decode_text,
    truncate,
)


def read_text_stream(stream: BinaryIO, label: str, ctx: ReadContext) -> Iterator[Article]:
    """The one article in a text file (at most ``MAX_LINE_BYTES`` of it are read)."""
    try:
        data = stream.read(MAX_LINE_BYTES + 1)
    except (OSError, EOFError) as exc:
        raise InputError(label, f"cannot read: {exc}") from exc
    complete = len(data) <= MAX_LINE_BYTES
    data = data[:MAX_LINE_BYTES]
    check_not_binary(data, label)
    if not data.strip():
        ctx.warn(label, "empty, no articles")
        return
    try:
        text = decode_text(data, complete)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - data.rfind(b"\n", 0, exc.start)
        bad = data[exc.start : exc.start + 1].hex()
        ctx.skip(f"{label}:{line}", f"invalid UTF-8 (byte 0x{bad} at column {column})", "file")
        return
    if not text.strip():  # only Unicode whitespace (bytes.strip knows just ASCII's)
        ctx.warn(label, "empty, no articles")
        return
    if not complete:
        ctx.warn(label, f"file is over {MAX_LINE_BYTES:,} bytes: only its start is read")
    article = Article(
        id=PurePath(label).name,
        text=truncate(text, label, ctx),
        date=ctx.default_date,
        origin=label,
    )
    yield ctx.article(clean_article(article, label, ctx), label)

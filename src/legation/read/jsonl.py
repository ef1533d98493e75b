"""JSON Lines input: one article object a line, from a file or from standard input.

Each line is decoded and parsed on its own, so a bad line is reported by number and
skipped while the rest of the file is read; the file is never held in memory whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from legation.model import Article
from legation.read.base import (
    ReadContext,
    article_from_record,
    check_not_binary,
    decode_line,
    iter_lines,
    peek,
)

STDIN_LABEL = "<stdin>"


def read_jsonl_stream(stream: BinaryIO, label: str, ctx: ReadContext) -> Iterator[Article]:
    """Articles from a binary stream of JSON Lines; ``label`` names it in messages."""
    check_not_binary(peek(stream, label), label)
    for number, raw in iter_lines(stream, label, ctx):
        where = f"{label}:{number}"
        if not raw.strip():
            continue
        try:
            line = decode_line(raw, first=number == 1)
        except ValueError as exc:
            ctx.skip(where, str(exc))
            continue
        if not line.strip():  # a line holding only the byte-order mark
            continue
        try:
            record = json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as exc:
            ctx.skip(where, f"not valid JSON ({_at_column(exc)})")
            continue
        except RecursionError:
            ctx.skip(where, "not valid JSON (nested too deeply)")
            continue
        except ValueError as exc:  # an integer of more than 4,300 digits, say
            reason = " ".join(str(exc).split(":")[0].split())[:200]
            ctx.skip(where, f"not valid JSON ({reason})")
            continue
        if not isinstance(record, dict):
            ctx.skip(where, f"expected a JSON object, found {type(record).__name__}")
            continue
        article = article_from_record(record, where, ctx)
        if article is not None:
            yield ctx.article(article, label)


def _at_column(exc: json.JSONDecodeError) -> str:
    """``Expecting value at column 3``; ``Unterminated string starting at column 9``
    (that message ends in "at" already)."""
    joiner = " " if exc.msg.endswith(" at") else " at "
    return f"{exc.msg}{joiner}column {exc.colno}"

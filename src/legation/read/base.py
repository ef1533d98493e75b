"""What every reader shares: the warning channel, counts, limits, and record → Article.

Readers never print and never drop input silently: each problem either raises
``InputError(where, message)`` (the run cannot sensibly go on) or goes through
``ReadContext.warn``/``ReadContext.skip`` as one ``path:line: message`` line.
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import re
import warnings
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import BinaryIO

from legation.errors import InputError
from legation.model import Article

# Articles longer than this many characters are cut at the last sentence end before the
# limit (with a warning) rather than skipped: the first 10 million characters of an
# over-long document are still worth coding, and nothing is dropped without a word.
MAX_ARTICLE_CHARS = 10_000_000
# A JSONL line or CSV record longer than this many bytes is skipped unread (it could not
# hold an article within MAX_ARTICLE_CHARS plus its JSON escaping); bounds memory per line.
MAX_LINE_BYTES = 6 * MAX_ARTICLE_CHARS
# How much of a file's start is checked for NUL bytes, the mark of a binary file.
BINARY_SNIFF_BYTES = 8192

OPTIONAL_FIELDS = ("title", "url", "source")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s")
# Characters no store can hold: NUL (PostgreSQL text refuses it) and lone surrogates
# (JSON "\ud800" escapes; they cannot be encoded as UTF-8 at all).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")

Warn = Callable[[str], None]


class InputWarning(UserWarning):
    """An input line or file that was skipped or read with a caveat (``path:line: why``)."""


def _warn_python(message: str) -> None:
    warnings.warn(message, InputWarning, stacklevel=3)


@dataclass(slots=True)
class ReadStats:
    """Counts for a summary line: files opened, articles yielded, items skipped, warnings."""

    files: int = 0
    articles: int = 0
    skipped: int = 0
    warnings: int = 0


@dataclass(slots=True)
class ReadContext:
    """Per-run state shared by the readers: default date, warning sink, counts, seen ids."""

    default_date: dt.date | None = None
    on_warning: Warn | None = None
    stats: ReadStats = field(default_factory=ReadStats)
    seen_ids: set[str] = field(default_factory=set)
    undated_warned: set[str] = field(default_factory=set)
    strict: bool = False  # every warning becomes an InputError

    def warn(self, where: str, message: str) -> None:
        if self.strict:
            raise InputError(where, message)
        self.stats.warnings += 1
        (self.on_warning or _warn_python)(f"{where}: {message}")

    def skip(self, where: str, message: str, what: str = "line") -> None:
        """Warn that an input item (a line, a CSV row, a file) was left out; count it."""
        if self.strict:
            raise InputError(where, message)
        self.stats.skipped += 1
        self.warn(where, f"{message}; {what} skipped")

    def article(self, article: Article, label: str) -> Article:
        """Final checks shared by all readers before an article is yielded."""
        where = article.origin or label
        if article.id in self.seen_ids:
            self.warn(where, f"duplicate id {article.id!r}: its events will share a doc_id")
        else:
            self.seen_ids.add(article.id)
        if article.date is None and label not in self.undated_warned:
            self.undated_warned.add(label)
            self.warn(
                where,
                "no date and no --date given: relative dates will not be resolved "
                "(further undated articles in this input are not reported)",
            )
        self.stats.articles += 1
        return article


def check_not_binary(head: bytes, label: str) -> None:
    """Refuse a file whose first bytes hold a NUL: it is not text, so nothing can be read."""
    nul = head.find(b"\x00")
    if nul >= 0:
        raise InputError(label, f"binary file (NUL byte at offset {nul}): expected UTF-8 text")


def peek(stream: BinaryIO, label: str) -> bytes:
    """Up to ``BINARY_SNIFF_BYTES`` from the start of a stream without consuming them.

    Works on buffered streams (files, gzip files, standard input); others give ``b""``,
    and a NUL byte later on still fails that line's decoding or parsing.
    """
    peek_method = getattr(stream, "peek", None)
    if peek_method is None:
        return b""
    try:
        data: bytes = peek_method(BINARY_SNIFF_BYTES)
    except (OSError, EOFError) as exc:
        raise InputError(f"{label}:1", f"cannot read: {exc}") from exc
    return data[:BINARY_SNIFF_BYTES]


def decode_line(raw: bytes, first: bool) -> str:
    """Strict UTF-8 for one line; ``ValueError`` names the bad byte and column."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = raw[exc.start : exc.start + 1].hex()
        raise ValueError(f"invalid UTF-8 (byte 0x{bad} at column {exc.start + 1})") from None
    return text.removeprefix("\ufeff") if first else text


def iter_lines(stream: BinaryIO, label: str, ctx: ReadContext) -> Iterator[tuple[int, bytes]]:
    """Numbered raw lines, never holding more than ``MAX_LINE_BYTES`` of one line in memory.

    Over-long lines are consumed and skipped with a warning; read errors (a truncated
    gzip file, an I/O error) become ``InputError`` at the line they stopped at.
    """
    number = 0
    try:
        while True:
            raw = stream.readline(MAX_LINE_BYTES + 1)
            if not raw:
                return
            number += 1
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                while (rest := stream.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                    pass
                ctx.skip(f"{label}:{number}", f"line longer than {MAX_LINE_BYTES:,} bytes")
                continue
            yield number, raw
    except (OSError, EOFError) as exc:
        raise InputError(f"{label}:{number + 1}", f"cannot read: {exc}") from exc


def parse_date(value: object) -> dt.date | None:
    """``"2024-06-19"`` or an ISO timestamp → date; ``None`` when absent; ``ValueError`` if bad."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"invalid date {value!r}: expected a 'YYYY-MM-DD' string")
    text = value.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        raise ValueError(f"invalid date {value!r}: expected YYYY-MM-DD") from None


def truncate(text: str, where: str, ctx: ReadContext) -> str:
    """Cut text over ``MAX_ARTICLE_CHARS`` at the last sentence end (else space) before it."""
    if len(text) <= MAX_ARTICLE_CHARS:
        return text
    head = text[:MAX_ARTICLE_CHARS]
    cut = 0
    for match in _SENTENCE_END.finditer(head, max(0, len(head) - 100_000)):
        cut = match.end()
    if not cut:
        cut = head.rfind(" ") + 1 or len(head)
    ctx.warn(
        where,
        f"text is {len(text):,} characters, over the {MAX_ARTICLE_CHARS:,} limit: "
        f"only the first {cut:,} are coded",
    )
    return text[:cut].rstrip()


def article_from_record(
    record: Mapping[str, object], where: str, ctx: ReadContext, what: str = "line"
) -> Article | None:
    """A JSONL object or CSV row → ``Article``; ``None`` (after a warning) when unusable."""
    raw_id = record.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int) or str(raw_id).strip() == "":
        ctx.skip(where, "missing or empty 'id' (a string or integer)", what)
        return None
    text = record.get("text")
    if not isinstance(text, str):
        ctx.skip(where, "missing 'text' (a string)", what)
        return None
    if not text.strip():
        ctx.skip(where, "empty 'text'", what)
        return None
    date = ctx.default_date
    try:
        date = parse_date(record.get("date")) or date
    except ValueError as exc:
        kept = f"kept with --date {date.isoformat()}" if date else "kept with no date"
        ctx.warn(where, f"{exc}; article {kept}")
    extras: dict[str, str | None] = {}
    for name in OPTIONAL_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            ctx.warn(where, f"field {name!r} is not a string; ignored")
            value = None
        extras[name] = value or None
    article = Article(
        id=str(raw_id).strip(),
        text=truncate(text, where, ctx),
        date=date,
        title=extras["title"],
        url=extras["url"],
        source=extras["source"],
        origin=where,
    )
    return clean_article(article, where, ctx)


def storable(value: str) -> tuple[str, int]:
    """``value`` with NULs and lone surrogates replaced by U+FFFD, and how many there were."""
    return _UNSTORABLE.subn("\ufffd", value)


def clean_article(article: Article, where: str, ctx: ReadContext) -> Article:
    """The article with unstorable characters replaced (one warning saying how many)."""
    fields = {"id": article.id, "text": article.text, "title": article.title,
              "url": article.url, "source": article.source}  # fmt: skip
    total = 0
    for name, value in fields.items():
        if value is not None:
            fields[name], count = storable(value)
            total += count
    if not total:
        return article
    ctx.warn(where, f"{total} NUL or lone-surrogate character(s) replaced by U+FFFD")
    return dataclasses.replace(article, **fields)  # type: ignore[arg-type]


def decode_text(data: bytes, complete: bool) -> str:
    """Strict UTF-8 for a whole (possibly cut-short) buffer; raises ``UnicodeDecodeError``."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    return decoder.decode(data, final=complete).removeprefix("\ufeff")

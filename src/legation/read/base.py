"""What every reader shares: the warning channel, counts, limits, and record → Article.

Readers never print and never drop input silently: each problem either raises
``InputError(where, message)`` (the run cannot sensibly go on) or goes through
``ReadContext.warn``/``ReadContext.skip`` as one ``path:line: message`` line.
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import os
import re
import stat
import warnings
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import BinaryIO

from legation.errors import InputError, printable
from legation.model import Article
from legation.read.hygiene import tidy_article

# Articles longer than this many characters are cut at the last sentence end before the
# limit (with a warning) rather than skipped: the first 10 million characters of an
# over-long document are still worth coding, and nothing is dropped without a word.
MAX_ARTICLE_CHARS = 10_000_000
# A JSONL line or CSV record longer than this many bytes is skipped unread (it could not
# hold an article within MAX_ARTICLE_CHARS plus its JSON escaping); bounds memory per line.
MAX_LINE_BYTES = 6 * MAX_ARTICLE_CHARS
# How much of a file's start is checked for NUL bytes, the mark of a binary file.
BINARY_SNIFF_BYTES = 8192
# Bytes asked of a stream at a time when splitting it into lines.
READ_BLOCK = 1 << 16
# The plausible window for an article's date: news from before 1800 or more than a few
# years ahead is a typo or an attack (a 9999-12-31 date made the monthly dyad series
# ~120,000 periods long). Dates outside it are warned about and dropped.
DATE_MIN = dt.date(1800, 1, 1)
DATE_MAX_YEARS_AHEAD = 5

OPTIONAL_FIELDS = ("title", "url", "source")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s")
_LINE_END = re.compile(rb"\r\n?|\n")  # \n, \r\n and a lone \r (old Mac files) end a line
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
        (self.on_warning or _warn_python)(f"{printable(where)}: {message}")

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


def check_regular_file(path: str | os.PathLike[str]) -> None:
    """``InputError`` unless ``path`` is a regular file (or a directory, refused where it
    is opened): a FIFO, socket or device would block the open or the read forever."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot open: {exc.strerror or exc}") from None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return
    kind = "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a special file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "a device"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    raise InputError(
        str(path), f"is {kind}, not a regular file: give a file, or - to read standard input"
    )


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

    A line ends at ``\\n``, ``\\r\\n`` or a lone ``\\r``. Over-long lines are consumed and
    skipped with a warning; read errors (a truncated gzip file, an I/O error) become
    ``InputError`` at the line they stopped at.
    """
    number = 0
    try:
        for raw in split_lines(stream, MAX_LINE_BYTES):
            number += 1
            if raw is None:
                ctx.skip(f"{label}:{number}", f"line longer than {MAX_LINE_BYTES:,} bytes")
                continue
            yield number, raw
    except (OSError, EOFError) as exc:
        raise InputError(f"{label}:{number + 1}", f"cannot read: {exc}") from exc


def split_lines(stream: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """Each line of ``stream`` with its ending; ``None`` for one longer than ``limit``
    bytes (read past, never held). Linear in the input: each byte is scanned once."""
    read = getattr(stream, "read1", None) or stream.read
    buf = bytearray()
    too_long = eof = False
    while not eof:
        block = read(READ_BLOCK)
        eof = not block
        scan = max(0, len(buf) - 1)  # buf holds no line end, but may end in a lone \r
        buf += block
        start = 0
        for match in _LINE_END.finditer(buf, scan):
            if match.end() == len(buf) and match[0] == b"\r" and not eof:
                break  # the first half of a \r\n split between two reads
            too_long = too_long or match.start() - start > limit
            yield None if too_long else bytes(buf[start : match.end()])
            too_long, start = False, match.end()
        del buf[:start]
        pending = len(buf) - buf.endswith(b"\r")  # bytes of the unfinished line
        if pending > limit:
            too_long = True
            del buf[:pending]
    if buf or too_long:
        yield None if too_long else bytes(buf)


def parse_date(value: object) -> dt.date | None:
    """``"2024-06-19"`` or an ISO timestamp → date; ``None`` when absent; ``ValueError`` if bad."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"invalid date {value!r}: expected a 'YYYY-MM-DD' string")
    text = value.strip()
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        try:
            day = dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            raise ValueError(f"invalid date {value!r}: expected YYYY-MM-DD") from None
    check_date_window(day)
    return day


def date_window(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The first and last plausible article date: ``DATE_MIN`` to a few years ahead."""
    today = today or dt.date.today()
    return DATE_MIN, dt.date(today.year + DATE_MAX_YEARS_AHEAD, 12, 31)


def check_date_window(day: dt.date) -> None:
    """``ValueError`` for a date outside ``date_window()`` (0001-01-01, 9999-12-31)."""
    first, last = date_window()
    if not first <= day <= last:
        raise ValueError(
            f"date {day.isoformat()} is outside the plausible range "
            f"{first.isoformat()} to {last.isoformat()}"
        )


def window_date(day: dt.date | None, where: str, ctx: ReadContext) -> dt.date | None:
    """``day`` if it is plausible, else ``None`` after a warning naming ``where``."""
    if day is None:
        return None
    try:
        check_date_window(day)
    except ValueError as exc:
        ctx.warn(where, f"{exc}; article kept with no date")
        return None
    return day


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
    article = tidy_article(article)  # mojibake and boilerplate lines (read/hygiene.py)
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


def checked_article(article: Article, where: str, ctx: ReadContext) -> Article | None:
    """The checks every article passes, whatever brought it (a reader, an HTML page, a
    feed entry, the web API): a non-blank id and text (else skipped, with a warning),
    text cut at ``MAX_ARTICLE_CHARS``, a date inside ``date_window`` (else none) and
    only characters a store can hold."""
    doc_id = article.id.strip()
    if not doc_id:
        ctx.skip(where, "missing or empty 'id'", "article")
        return None
    if not article.text.strip():
        ctx.skip(where, "empty 'text'", "article")
        return None
    date = window_date(article.date, where, ctx)
    text = truncate(article.text, where, ctx)
    if (doc_id, text, date) != (article.id, article.text, article.date):
        article = dataclasses.replace(article, id=doc_id, text=text, date=date)
    return clean_article(article, where, ctx)


def decode_text(data: bytes, complete: bool) -> str:
    """Strict UTF-8 for a whole (possibly cut-short) buffer; raises ``UnicodeDecodeError``."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    return decoder.decode(data, final=complete).removeprefix("\ufeff")

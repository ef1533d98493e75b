"""``PATH_OR_URL`` arguments → ``Article`` stream, for ``legation ingest``.

Each argument is one of: ``-`` (stdin), a URL (an HTML page or an RSS/Atom feed), a
directory (every readable file under it, in name order), a glob (``news/**/*.html``), or
a file. Plain text, JSONL and CSV (and stdin) are read by ``legation.read.read_inputs``;
HTML pages are reduced to their main text, title and date by trafilatura; feeds are read
with feedparser, and each entry's page is fetched and extracted when it can be, else the
entry's own summary is used. Nothing is fetched unless a URL or a feed asks for it;
``fetch=None`` turns all network access off.
"""

from __future__ import annotations

import datetime as dt
import glob
import html
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from legation.errors import InputError, printable
from legation.model import Article
from legation.read.base import MAX_ARTICLE_CHARS, MAX_LINE_BYTES

Warn = Callable[[str], None]
Fetch = Callable[[str], str | None]

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml", ".feed"})
TEXT_SUFFIXES = frozenset({".txt", ".jsonl", ".csv"})  # legation.read (also .gz)
KNOWN_SUFFIXES = HTML_SUFFIXES | FEED_SUFFIXES | TEXT_SUFFIXES
# Bytes of an HTML page read before extraction: markup around at most MAX_ARTICLE_CHARS
# of text (the text is cut there after extraction). Feed files may hold many entries.
MAX_PAGE_BYTES = 2 * MAX_ARTICLE_CHARS
MAX_FEED_BYTES = MAX_LINE_BYTES
_GLOB_CHARS = re.compile(r"[*?\[]")
_TAG = re.compile(r"<[^>]+>")
_CHARREF = re.compile(r"&#([xX][0-9a-fA-F]+|[0-9]+);?")


def default_fetch(url: str) -> str | None:
    """Download a page (trafilatura's fetcher: timeouts, retries, size limits)."""
    import trafilatura

    result = trafilatura.fetch_url(url)
    return str(result) if result is not None else None


def read_sources(
    specs: Sequence[str],
    default_date: dt.date | None = None,
    on_warning: Warn | None = None,
    *,
    fetch: Fetch | None = default_fetch,
) -> Iterator[Article]:
    """Articles from every argument, in order; problems raise ``InputError``.

    Every local argument is checked now (``check_sources``), before the first article
    is read, so that a missing last file fails a run before anything is stored.
    """
    from legation.read import check_default_date

    check_default_date(default_date)
    files = check_sources(specs)
    return _read_all(specs, files, default_date, on_warning, fetch)


def check_sources(specs: Sequence[str]) -> dict[str, list[Path]]:
    """The files each local argument names, each checked: it exists, is a regular file
    (not a FIFO or a device, which would block), can be opened, and (for text, JSONL and
    CSV) has a known type and is not binary. The first problem is an ``InputError``."""
    from legation.read import check_paths
    from legation.read.base import check_regular_file

    if sum(1 for spec in specs if spec == "-") > 1:
        raise InputError("-", "standard input can be read only once")
    found: dict[str, list[Path]] = {}
    for spec in specs:
        if spec == "-" or _is_url(spec):
            continue
        found[spec] = _expand(spec)
        for path in found[spec]:
            check_regular_file(path)
            if _suffix(path) in TEXT_SUFFIXES or path.suffix.lower() not in KNOWN_SUFFIXES:
                check_paths([str(path)])
            else:
                _check_readable(path)
    return found


def _check_readable(path: Path) -> None:
    try:
        with open(path, "rb"):
            pass
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None


def _read_all(
    specs: Sequence[str],
    files: dict[str, list[Path]],
    default_date: dt.date | None,
    on_warning: Warn | None,
    fetch: Fetch | None,
) -> Iterator[Article]:
    def warn(message: str) -> None:
        if on_warning is not None:
            on_warning(message)

    checked = _checked(warn)
    for spec in specs:
        if spec == "-":
            yield from _read_plain([spec], default_date, warn)
        elif _is_url(spec):
            yield from checked(_read_url(spec, default_date, warn, fetch))
        else:
            for path in files[spec]:
                yield from checked(_read_file(path, default_date, warn, fetch))


def _checked(warn: Warn) -> Callable[[Iterator[Article]], Iterator[Article]]:
    """The checks ``legation.read`` makes of its own formats (``checked_article``): text
    cut at ``MAX_ARTICLE_CHARS``, dates in the plausible window, storable characters."""
    from legation.read.base import ReadContext, checked_article

    ctx = ReadContext(on_warning=warn)

    def check(articles: Iterator[Article]) -> Iterator[Article]:
        for article in articles:
            kept = checked_article(article, article.origin or article.id, ctx)
            if kept is not None:
                yield kept

    return check


def _is_url(spec: str) -> bool:
    return urlsplit(spec).scheme in ("http", "https")


def _expand(spec: str) -> list[Path]:
    """The files an argument names: itself, a directory's files, or a glob's matches."""
    path = Path(spec).expanduser()
    if path.is_dir():
        files = [p for p in sorted(path.rglob("*")) if p.is_file() and _wanted(p, path)]
        if not files:
            raise InputError(spec, "directory holds no readable files")
        return files
    if path.exists():
        return [path]
    if _GLOB_CHARS.search(spec):
        matches = [Path(m) for m in sorted(glob.glob(str(path), recursive=True))]
        files = [m for m in matches if m.is_file()]
        if not files:
            raise InputError(spec, "no files match")
        return files
    raise InputError(spec, "no such file or directory")


def _suffix(path: Path) -> str:
    """The lower-cased suffix, looking through ``.gz`` (``a.jsonl.gz`` → ``.jsonl``)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def _wanted(path: Path, root: Path) -> bool:
    hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
    return not hidden and _suffix(path) in KNOWN_SUFFIXES


def _read_plain(paths: list[str], default_date: dt.date | None, warn: Warn) -> Iterator[Article]:
    from legation.read import read_inputs

    yield from read_inputs(paths, default_date, warn)


def _read_file(
    path: Path, default_date: dt.date | None, warn: Warn, fetch: Fetch | None
) -> Iterator[Article]:
    suffix = path.suffix.lower()  # ".gz": legation.read knows .txt/.jsonl/.csv.gz
    if suffix in HTML_SUFFIXES or suffix in FEED_SUFFIXES:
        content = _read_text(path, warn)
        if suffix in FEED_SUFFIXES or _looks_like_feed(content):
            yield from feed_articles(content, str(path), default_date, warn, fetch)
        else:
            article = html_article(content, path.name, str(path), None, default_date)
            if article is None:
                warn(f"{printable(str(path))}: no main text found in the page, skipped")
            else:
                yield article
        return
    yield from _read_plain([str(path)], default_date, warn)


def _read_text(path: Path, warn: Warn) -> str:
    """A page or feed file, at most ``MAX_PAGE_BYTES`` of it (a warning says so)."""
    limit = MAX_PAGE_BYTES if path.suffix.lower() in HTML_SUFFIXES else MAX_FEED_BYTES
    try:
        with open(path, "rb") as stream:
            raw = stream.read(limit + 1)
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > limit:
        warn(f"{printable(str(path))}: file is over {limit:,} bytes: only its start is read")
        raw = raw[:limit]
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start >= len(raw) - 3:  # a character cut in two by the limit
            return raw[: exc.start].decode("utf-8-sig")
        return raw.decode("latin-1")  # old pages without a declared encoding


def _capped_page(page: str, where: str, warn: Warn) -> str:
    """A fetched page cut at ``MAX_PAGE_BYTES`` characters before extraction."""
    if len(page) <= MAX_PAGE_BYTES:
        return page
    warn(f"{printable(where)}: page is over {MAX_PAGE_BYTES:,} characters: only its start is read")
    return page[:MAX_PAGE_BYTES]


def _read_url(
    url: str, default_date: dt.date | None, warn: Warn, fetch: Fetch | None
) -> Iterator[Article]:
    if fetch is None:
        raise InputError(url, "fetching is turned off (--no-fetch)")
    content = fetch(url)
    if content is None:
        raise InputError(url, "cannot download")
    content = _capped_page(content, url, warn)
    if _looks_like_feed(content):
        yield from feed_articles(content, url, default_date, warn, fetch)
        return
    article = html_article(content, url, url, url, default_date)
    if article is None:
        warn(f"{printable(url)}: no main text found in the page, skipped")
    else:
        yield article


def _looks_like_feed(content: str) -> bool:
    head = content.lstrip()[:500].lower()
    if head.startswith("<?xml"):
        return any(tag in head for tag in ("<rss", "<feed", "<rdf"))
    return head.startswith(("<rss", "<feed"))


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def html_article(
    content: str, doc_id: str, origin: str, url: str | None, default_date: dt.date | None
) -> Article | None:
    """Main text, title and date of an HTML page (``None`` when it has no main text)."""
    import trafilatura

    document = trafilatura.bare_extraction(content, url=url, with_metadata=True)
    if document is None or isinstance(document, dict):
        return None
    meta: dict[str, Any] = document.as_dict()
    text = (meta.get("text") or "").strip()
    title = (meta.get("title") or "").strip() or None
    if title and text.startswith(title + "\n"):  # the headline repeated as the first line
        text = text[len(title) + 1 :].lstrip()
    if not text:
        return None
    page_url = meta.get("url") or url
    source = (
        meta.get("sitename") or meta.get("hostname") or (urlsplit(url).hostname if url else None)
    )
    return Article(
        id=doc_id,
        text=text,
        date=_date(meta.get("date")) or default_date,
        title=title,
        url=page_url,
        source=source,
        origin=origin,
    )


def _summary_text(entry: Any) -> str:
    parts = entry.get("content") or []
    raw = parts[0].get("value", "") if parts else entry.get("summary", "")
    return " ".join(html.unescape(_TAG.sub(" ", raw or "")).split())


def _entry_date(entry: Any, where: str, warn: Warn) -> dt.date | None:
    """The entry's first valid date (published, updated, created), in UTC as feedparser
    reads it. feedparser rolls impossible dates over (``2025-13-45`` becomes 2026-01-01,
    a year alone January 1st): only a real RFC 822 or ISO 8601 calendar date is taken;
    another is warned about and the entry kept undated (or with ``--date``)."""
    from legation.read.base import check_date_window

    seen: set[str] = set()  # feedparser copies "updated" into "published"
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw or str(raw) in seen:
            continue
        seen.add(str(raw))
        parsed = entry.get(f"{key}_parsed")
        problem = None if _real_date(str(raw)) else "is not a calendar date"
        day = None
        if problem is None and parsed:
            try:
                day = dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
                check_date_window(day)
            except ValueError as exc:
                problem, day = str(exc).removeprefix(f"date {day} "), None
        if day is not None:
            return day
        shown = " ".join(str(raw).split())[:80]
        warn(
            f"{printable(where)}: {key} date {shown!r} {problem or 'cannot be read'}; "
            "entry read without it"
        )
    return None


def _real_date(raw: str) -> bool:
    """An ISO 8601 date (``2024-06-19``, with a time or not) or an RFC 822 one
    (``Wed, 19 Jun 2024 08:00:00 GMT``) that names a day of the calendar."""
    import email.utils

    text = raw.strip()
    if re.match(r"\d{4}-\d{2}-\d{2}", text):
        try:
            dt.date.fromisoformat(text[:10])
        except ValueError:
            return False
        return True
    try:
        email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return False
    return True


def _valid_charrefs(content: str) -> str:
    """Numeric character references to no character (``&#xD800;``, ``&#0;``, past
    U+10FFFF) become U+FFFD: feedparser raises on them, losing the whole feed."""

    def repair(match: re.Match[str]) -> str:
        digits = match[1]
        if len(digits) > 9:
            return "&#xFFFD;"
        value = int(digits[1:], 16) if digits[:1] in "xX" else int(digits)
        bad = value == 0 or 0xD800 <= value <= 0xDFFF or value > 0x10FFFF
        return "&#xFFFD;" if bad else match[0]

    return _CHARREF.sub(repair, content)


def _warn_not_well_formed(problem: Any, origin: str, warn: Warn) -> None:
    """A feed read leniently: say where it broke, as an element left open there swallows
    what follows it (XML nesting), and those entries come out short or merged."""
    line = getattr(problem, "getLineNumber", lambda: None)()
    where = f"{origin}:{line}" if isinstance(line, int) and line > 0 else origin
    getmessage = getattr(problem, "getMessage", None)
    reason = getmessage() if callable(getmessage) else str(problem or "")
    reason = " ".join(str(reason).split()) or "unknown problem"
    warn(
        f"{printable(where)}: feed is not well-formed ({reason}); "
        "read leniently, check the entries here"
    )


def feed_articles(
    content: str, origin: str, default_date: dt.date | None, warn: Warn, fetch: Fetch | None
) -> Iterator[Article]:
    """One article per feed entry: its page's main text when reachable, else its summary."""
    import feedparser

    try:
        parsed = feedparser.parse(_valid_charrefs(content))
    except Exception as exc:  # a parser bug must not cost a traceback: name the feed
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise InputError(origin, f"cannot parse feed: {reason}") from None
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "not an RSS or Atom feed"
        raise InputError(origin, f"cannot parse feed: {reason}")
    if parsed.get("bozo") and parsed.entries:
        _warn_not_well_formed(parsed.get("bozo_exception"), origin, warn)
    feed_title = parsed.feed.get("title") or None
    for index, entry in enumerate(parsed.entries, start=1):
        where = f"{origin}#{index}"
        link = entry.get("link") or None
        doc_id = entry.get("id") or link or where
        date = _entry_date(entry, where, warn)
        article = None
        if link and fetch is not None and _is_url(link):
            page = fetch(link)
            page = _capped_page(page, link, warn) if page else page
            article = (
                html_article(page, doc_id, where, link, date or default_date) if page else None
            )
            if article is None:
                warn(
                    f"{printable(where)}: page {printable(link)} unreachable or empty, "
                    "using the feed's summary"
                )
        if article is None:
            text = _summary_text(entry)
            if not text:
                warn(f"{printable(where)}: entry has no text, skipped")
                continue
            article = Article(doc_id, text, date or default_date, None, link, None, where)
        yield Article(
            id=article.id,
            text=article.text,
            date=date or article.date,
            title=entry.get("title") or article.title,
            url=link or article.url,
            source=feed_title or article.source,
            origin=where,
        )

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

from legation.errors import InputError
from legation.model import Article

Warn = Callable[[str], None]
Fetch = Callable[[str], str | None]

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml", ".feed"})
TEXT_SUFFIXES = frozenset({".txt", ".jsonl", ".csv"})  # legation.read (also .gz)
KNOWN_SUFFIXES = HTML_SUFFIXES | FEED_SUFFIXES | TEXT_SUFFIXES
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
    """Articles from every argument, in order; problems raise ``InputError``."""

    def warn(message: str) -> None:
        if on_warning is not None:
            on_warning(message)

    for spec in specs:
        if spec == "-":
            yield from _read_plain([spec], default_date, warn)
        elif _is_url(spec):
            yield from map(_storable(warn), _read_url(spec, default_date, warn, fetch))
        else:
            for path in _expand(spec):
                yield from map(_storable(warn), _read_file(path, default_date, warn, fetch))


def _storable(warn: Warn) -> Callable[[Article], Article]:
    """Replace characters no store can hold (``legation.read`` does it for its formats)."""

    def clean(article: Article) -> Article:
        from legation.read.base import ReadContext, clean_article

        return clean_article(article, article.origin or article.id, ReadContext(on_warning=warn))

    return clean


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
        content = _read_text(path)
        if suffix in FEED_SUFFIXES or _looks_like_feed(content):
            yield from feed_articles(content, str(path), default_date, warn, fetch)
        else:
            article = html_article(content, path.name, str(path), None, default_date)
            if article is None:
                warn(f"{path}: no main text found in the page, skipped")
            else:
                yield article
        return
    yield from _read_plain([str(path)], default_date, warn)


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")  # old pages without a declared encoding


def _read_url(
    url: str, default_date: dt.date | None, warn: Warn, fetch: Fetch | None
) -> Iterator[Article]:
    if fetch is None:
        raise InputError(url, "fetching is turned off (--no-fetch)")
    content = fetch(url)
    if content is None:
        raise InputError(url, "cannot download")
    if _looks_like_feed(content):
        yield from feed_articles(content, url, default_date, warn, fetch)
        return
    article = html_article(content, url, url, url, default_date)
    if article is None:
        warn(f"{url}: no main text found in the page, skipped")
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


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


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
    warn(f"{where}: feed is not well-formed ({reason}); read leniently, check the entries here")


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
        date = _entry_date(entry)
        article = None
        if link and fetch is not None and _is_url(link):
            page = fetch(link)
            article = (
                html_article(page, doc_id, where, link, date or default_date) if page else None
            )
            if article is None:
                warn(f"{where}: page {link} unreachable or empty, using the feed's summary")
        if article is None:
            text = _summary_text(entry)
            if not text:
                warn(f"{where}: entry has no text, skipped")
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

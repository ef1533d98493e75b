"""PATH_OR_URL arguments → articles: HTML, feeds (with and without their pages), folders,
globs, plain corpora through legation.read, and clear errors. No network: fetch is faked."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from legation.errors import InputError
from legation.store.sources import read_sources

PAGE = """<html><head><title>Putin lands in Pyongyang</title>
<meta property="article:published_time" content="2024-06-19"></head>
<body><nav>Home | World | Asia</nav><article><h1>Putin lands in Pyongyang</h1>
<p>Russian President Vladimir Putin arrived in Pyongyang early on Wednesday for his first
visit to North Korea in twenty-four years, state media reported.</p>
<p>Kim Jong Un greeted him at the airport, and the two leaders later signed a comprehensive
strategic partnership treaty that includes a mutual defence clause.</p></article>
<footer>Copyright Example News</footer></body></html>"""

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>https://wire.example/</link>
<item><title>Putin visits North Korea</title><link>https://wire.example/putin</link>
<guid>wire-1</guid><pubDate>Wed, 19 Jun 2024 08:00:00 GMT</pubDate>
<description>Summary: Putin &lt;b&gt;arrived&lt;/b&gt; in Pyongyang.</description></item>
<item><title>Seoul protests treaty</title><link>https://wire.example/seoul</link>
<pubDate>Fri, 21 Jun 2024 09:30:00 GMT</pubDate>
<description>South Korea summoned the Russian ambassador over the treaty.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
<entry><title>Talks in Geneva</title><id>urn:atom:1</id><updated>2024-07-02T10:00:00Z</updated>
<content type="html">&lt;p&gt;China and the United States met in Geneva.&lt;/p&gt;</content></entry>
</feed>"""


def no_fetch(url: str) -> str | None:
    raise AssertionError(f"unexpected fetch of {url}")


def test_html_file_gives_main_text_title_and_date(tmp_path: Path) -> None:
    path = tmp_path / "putin.html"
    path.write_text(PAGE)
    [article] = read_sources([str(path)], fetch=no_fetch)
    assert article.id == "putin.html" and article.title == "Putin lands in Pyongyang"
    assert article.date == dt.date(2024, 6, 19)
    assert article.text.startswith("Russian President Vladimir Putin arrived")
    assert "Home | World" not in article.text and "Copyright" not in article.text
    assert article.origin == str(path)


def test_html_without_date_uses_the_default(tmp_path: Path) -> None:
    path = tmp_path / "undated.htm"
    path.write_text(
        PAGE.replace('<meta property="article:published_time" content="2024-06-19">', "")
    )
    [article] = read_sources([str(path)], dt.date(2024, 1, 2), fetch=no_fetch)
    assert article.date == dt.date(2024, 1, 2)


def test_feed_reads_entry_pages_or_falls_back_to_summaries(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(FEED)
    fetched: list[str] = []

    def fetch(url: str) -> str | None:
        fetched.append(url)
        return PAGE if url.endswith("/putin") else None

    warnings: list[str] = []
    first, second = read_sources([str(path)], None, warnings.append, fetch=fetch)
    assert fetched == ["https://wire.example/putin", "https://wire.example/seoul"]
    assert first.id == "wire-1" and first.text.startswith("Russian President Vladimir Putin")
    assert first.title == "Putin visits North Korea" and first.source == "Example Wire"
    assert first.date == dt.date(2024, 6, 19) and first.url == "https://wire.example/putin"
    assert second.text == "South Korea summoned the Russian ambassador over the treaty."
    assert second.id == "https://wire.example/seoul" and second.date == dt.date(2024, 6, 21)
    assert len(warnings) == 1 and "seoul" in warnings[0] and "summary" in warnings[0]


def test_feed_without_fetching_uses_summaries(tmp_path: Path) -> None:
    path = tmp_path / "wire.xml"
    path.write_text(FEED)
    first, _ = read_sources([str(path)], fetch=None)
    assert first.text == "Summary: Putin arrived in Pyongyang."


def test_atom_feed(tmp_path: Path) -> None:
    path = tmp_path / "news.atom"
    path.write_text(ATOM)
    [entry] = read_sources([str(path)], fetch=None)
    assert entry.id == "urn:atom:1" and entry.text == "China and the United States met in Geneva."
    assert entry.date == dt.date(2024, 7, 2) and entry.source == "Atom News"


def test_urls_are_fetched_and_sniffed() -> None:
    pages = {"https://news.example/a": PAGE, "https://news.example/feed": ATOM}
    [page] = read_sources(["https://news.example/a"], fetch=pages.get)
    assert page.id == "https://news.example/a" and page.source == "news.example"
    [entry] = read_sources(["https://news.example/feed"], fetch=pages.get)
    assert entry.source == "Atom News"
    with pytest.raises(InputError, match="cannot download"):
        list(read_sources(["https://news.example/missing"], fetch=pages.get))
    with pytest.raises(InputError, match="no-fetch"):
        list(read_sources(["https://news.example/a"], fetch=None))


def test_directories_and_globs(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    (folder / "deep").mkdir(parents=True)
    (folder / "b.html").write_text(PAGE)
    (folder / "deep" / "a.atom").write_text(ATOM)
    (folder / "c.jsonl").write_text(json.dumps({"id": "j1", "text": "RUS visited PRK."}) + "\n")
    (folder / "notes.md").write_text("ignored")
    (folder / ".hidden.html").write_text(PAGE)
    ids = [a.id for a in read_sources([str(folder)], fetch=None)]
    assert ids == ["b.html", "j1", "urn:atom:1"]  # name order: b.html, c.jsonl, deep/a.atom
    globbed = [a.id for a in read_sources([str(folder / "**" / "*.atom")], fetch=None)]
    assert globbed == ["urn:atom:1"]


def test_plain_text_goes_through_legation_read(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("RUS visited PRK on Monday.")
    [article] = read_sources([str(path)], dt.date(2024, 6, 17), fetch=None)
    assert (article.id, article.date) == ("report.txt", dt.date(2024, 6, 17))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing.html", "no such file"),
        ("*.nothing", "no files match"),
        ("empty-dir", "no readable"),
    ],
)
def test_bad_arguments(tmp_path: Path, name: str, message: str) -> None:
    (tmp_path / "empty-dir").mkdir()
    with pytest.raises(InputError, match=message):
        list(read_sources([str(tmp_path / name)], fetch=None))


def test_broken_feed_and_empty_page(tmp_path: Path) -> None:
    feed = tmp_path / "broken.rss"
    feed.write_text("this is not xml at all")
    with pytest.raises(InputError, match="cannot parse feed") as info:
        list(read_sources([str(feed)], fetch=None))
    assert info.value.where == str(feed)
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>x</title></head><body></body></html>")
    warnings: list[str] = []
    assert list(read_sources([str(page)], None, warnings.append, fetch=None)) == []
    assert warnings and "no main text" in warnings[0]

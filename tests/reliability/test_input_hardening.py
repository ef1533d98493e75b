"""``legation ingest`` inputs under hostile or odd input (issue 13): feed dates that
stopped a run or were invented, pages and entry texts over the size limits, a FIFO given
as input or as ``--actors``, and a missing last path found only after storing the rest."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import legation.read.base as base
import legation.store.sources as sources
from legation.cli import main
from legation.errors import InputError
from legation.model import Article
from legation.read import ReadStats, read_inputs
from legation.store.sources import read_sources

from .fifo import unblocking_writer

ATOM = """<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
{entries}</feed>"""
ATOM_ENTRY = "<entry><id>{id}</id><title>t</title>{date}<summary>{text}</summary></entry>"
RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
{items}</channel></rss>"""
RSS_ITEM = "<item><guid>{id}</guid><title>t</title>{date}<description>{text}</description></item>"


def read(path: Path, **kwargs: object) -> tuple[list[Article], list[str]]:
    warned: list[str] = []
    articles = list(read_sources([str(path)], None, warned.append, fetch=None, **kwargs))  # type: ignore[arg-type]
    return articles, warned


def test_atom_updated_of_year_zero_is_a_warning_and_the_rest_is_read(tmp_path: Path) -> None:
    entries = [
        ATOM_ENTRY.format(
            id="a", date="<updated>0000-01-01T00:00:00Z</updated>", text="An envoy came."
        ),
        ATOM_ENTRY.format(
            id="b", date="<updated>2024-05-01T00:00:00Z</updated>", text="The envoy left."
        ),
    ]
    path = tmp_path / "wire.atom"
    path.write_text(ATOM.format(entries="".join(entries)))
    articles, warned = read(path)
    assert [(a.id, a.date) for a in articles] == [("a", None), ("b", base.dt.date(2024, 5, 1))]
    assert warned == [
        f"{path}#1: updated date '0000-01-01T00:00:00Z' is not a calendar date; "
        "entry read without it"
    ]


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("2025-13-45", "is not a calendar date"),  # feedparser made it 2026-01-01
        ("2025-00-00T00:00:00Z", "is not a calendar date"),  # … and this 2024-11-30
        ("Tue, 30 Feb 2025 00:00:00 GMT", "is not a calendar date"),
        ("Fri, 31 Dec 9999 10:00:00 GMT", "is outside the plausible range"),
    ],
)
def test_invalid_rss_date_never_becomes_an_invented_date(
    tmp_path: Path, value: str, problem: str
) -> None:
    item = RSS_ITEM.format(id="c", date=f"<pubDate>{value}</pubDate>", text="The minister spoke.")
    path = tmp_path / "wire.rss"
    path.write_text(RSS.format(items=item))
    [article], warned = read(path)
    assert article.date is None
    assert len(warned) == 1
    assert warned[0].startswith(f"{path}#1: published date {value!r} {problem}")


def test_a_valid_rss_date_is_kept(tmp_path: Path) -> None:
    date = "<pubDate>Wed, 19 Jun 2024 08:00:00 GMT</pubDate>"
    path = tmp_path / "wire.rss"
    path.write_text(RSS.format(items=RSS_ITEM.format(id="d", date=date, text="Talks began.")))
    [article], warned = read(path)
    assert article.date == base.dt.date(2024, 6, 19)
    assert warned == []


def test_feed_entry_text_is_cut_at_max_article_chars(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(base, "MAX_ARTICLE_CHARS", 60)
    text = "The envoy arrived in the capital. " * 10
    path = tmp_path / "wire.rss"
    path.write_text(RSS.format(items=RSS_ITEM.format(id="e", date="", text=text)))
    [article], warned = read(path)
    assert len(article.text) <= 60
    assert article.text.endswith(".")
    assert any("over the 60 limit" in w for w in warned)


def test_html_page_is_cut_before_extraction_and_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_PAGE_BYTES", 4_000)
    monkeypatch.setattr(base, "MAX_ARTICLE_CHARS", 300)
    paras = "".join(
        f"<p>In round {i} the foreign minister met her counterpart about treaty clause {i}.</p>"
        for i in range(400)
    )
    page = tmp_path / "big.html"
    page.write_text(f"<html><body><article>{paras}</article></body></html>")
    [article], warned = read(page)
    assert any(w.startswith(f"{page}: file is over 4,000 bytes") for w in warned)
    assert len(article.text) <= 300
    assert any("over the 300 limit" in w for w in warned)


def test_fetched_page_is_capped_before_extraction(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sources, "MAX_PAGE_BYTES", 2_000)
    seen: list[int] = []
    real = sources.html_article

    def spy(content: str, *args: object) -> Article | None:
        seen.append(len(content))
        return real(content, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(sources, "html_article", spy)
    para = "<p>The delegation crossed the border at dawn and met local officials.</p>"
    pages = {"https://news.example/a": f"<html><body>{para * 200}</body></html>"}
    warned: list[str] = []
    list(read_sources(["https://news.example/a"], None, warned.append, fetch=pages.get))
    assert seen == [2_000]
    assert warned[0].startswith("https://news.example/a: page is over 2,000 characters")


@pytest.mark.parametrize("name", ["feed.rss", "page.html", "lines.jsonl"])
def test_fifo_argument_is_refused_not_waited_on(tmp_path: Path, name: str) -> None:
    fifo = tmp_path / name
    os.mkfifo(fifo)
    with unblocking_writer(fifo), pytest.raises(InputError) as info:
        read(fifo)
    assert info.value.where == str(fifo)
    assert "FIFO" in info.value.message


def test_every_path_is_checked_before_the_first_article(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"id": "a", "text": "RUS visited PRK."}) + "\n")
    with pytest.raises(InputError, match="no such file"):
        read_sources([str(good), str(tmp_path / "missing.jsonl")], fetch=None)  # not iterated


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        main(argv)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    return code, capsys.readouterr().err


def test_ingest_with_a_missing_last_path_stores_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).parents[1] / "store"))
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"id": "a", "text": "RUS visited PRK.", "date": "2024-06-19"}))
    db = tmp_path / "never.db"
    missing = tmp_path / "missing.jsonl"
    argv = ["ingest", str(good), str(missing), "--db", str(db), "--no-fetch"]
    code, err = run([*argv, "--coder", "store_fakes:FakeCoder"], capsys)
    assert code == 2
    assert err.strip().splitlines() == [f"legation: error: {missing}: no such file or directory"]
    assert not db.exists()


def test_fifo_as_actors_file_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The minister visited the capital.")
    fifo = tmp_path / "actors.tsv"
    os.mkfifo(fifo)
    with unblocking_writer(fifo):
        code, err = run(["code", str(article), "--actors", str(fifo)], capsys)
    assert code == 2
    [line] = err.strip().splitlines()
    assert line.startswith(f"legation: error: {fifo}: is a FIFO (named pipe)")


@pytest.mark.parametrize("name", ["pipe.jsonl", "pipe.txt", "pipe.csv.gz"])
def test_fifo_input_is_refused_with_one_line(tmp_path: Path, name: str) -> None:
    fifo = tmp_path / name
    os.mkfifo(fifo)
    with unblocking_writer(fifo), pytest.raises(InputError) as info:
        list(read_inputs([str(fifo)], None, [].append, stats=ReadStats()))
    assert info.value.where == str(fifo)
    assert "FIFO" in info.value.message
    assert "- to read standard input" in info.value.message

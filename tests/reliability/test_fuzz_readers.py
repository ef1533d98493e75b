"""Hostile input for the article readers: text, JSONL, CSV (plain and gzip), HTML and
RSS/Atom feeds. Arbitrary bytes never raise anything but ``LegationError`` (one line,
naming the file); broken records around good ones never cost the good ones."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from legation.errors import LegationError
from legation.model import Article
from legation.store.sources import read_sources

from .conftest import check_error, check_warning, fuzz

GOOD_TEXT = "RUS visited PRK on Monday. Officials met for hours."


def read_all(path: Path) -> tuple[list[Article], list[str], LegationError | None]:
    """Everything a reader yields before it stops, its warnings, and its error if any."""
    got: list[Article] = []
    warnings: list[str] = []
    try:
        for article in read_sources([str(path)], None, warnings.append, fetch=None):
            got.append(article)
    except LegationError as exc:
        return got, warnings, exc
    return got, warnings, None


T = TypeVar("T")


def interleave(first: list[T], second: list[T]) -> list[T]:
    """first[0], second[0], first[1], … then the rest of the longer list."""
    mixed = [x for pair in zip(first, second, strict=False) for x in pair]
    return mixed + first[len(second) :] + second[len(first) :]


def check_good_survive(path: Path, n_good: int, *, line: bool) -> None:
    """Reading ``path`` raised nothing, kept every good record intact, and each warning
    names the file (and the line where ``line``)."""
    articles, warnings, error = read_all(path)
    assert error is None, error
    check_articles(articles)
    read = {a.id: a.text for a in articles}
    for i in range(n_good):
        assert read[f"good-{i}"] == f"{GOOD_TEXT} #{i}"
    for message in warnings:
        check_warning(message, path, line=line)


def check_articles(articles: list[Article]) -> None:
    for article in articles:
        assert article.id.strip() and article.text.strip()
        article.text.encode("utf-8")  # no lone surrogates left: every store can hold it
        article.id.encode("utf-8")
        assert "\x00" not in article.text and "\x00" not in article.id


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-readers")


SUFFIXES = [".txt", ".jsonl", ".csv", ".jsonl.gz", ".csv.gz", ".html", ".rss", ".xml", ".atom"]


@fuzz
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_bytes_give_articles_or_one_line_errors(
    workdir: Path, data: bytes, suffix: str
) -> None:
    path = workdir / f"input{suffix}"
    path.write_bytes(data)
    articles, warnings, error = read_all(path)
    check_articles(articles)
    if error is not None:
        check_error(error, path)
    for message in warnings:
        check_warning(message, path, line=False)


@fuzz
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".jsonl", ".csv", ".txt"]))
def test_arbitrary_bytes_inside_gzip(workdir: Path, data: bytes, suffix: str) -> None:
    path = workdir / f"inside{suffix}.gz"
    packed = gzip.compress(data)
    path.write_bytes(packed[: len(packed) * 3 // 4] if len(data) % 2 else packed)  # some cut
    articles, _, error = read_all(path)
    check_articles(articles)
    if error is not None:
        check_error(error, path)


# --- JSON Lines: broken lines between good ones -------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=8,
)
broken_json_lines = st.one_of(
    st.binary(max_size=200).map(lambda b: b.replace(b"\n", b" ").replace(b"\x00", b" ")),
    json_values.map(lambda v: json.dumps(v).encode()),  # valid JSON, often not an object
    st.fixed_dictionaries(
        {},
        optional={
            "id": json_values,
            "text": json_values,
            "date": st.one_of(json_values, st.sampled_from(["2024-13-01", "9999-12-31", "x"])),
            "title": json_values,
            "url": json_values,
        },
    ).map(lambda d: json.dumps(d).encode()),
    st.just(b'{"id": "x", "text": "a'),  # cut short
    st.just(b"[" * 5000 + b"]" * 5000),  # nested too deeply for json
    st.just(b'{"id": "s\\ud800", "text": "lone \\udc00 surrogate and \\u0000 NUL"}'),
    st.just(b'{"id": "latin", "text": "caf\xe9"}'),  # invalid UTF-8
)


@fuzz
@given(broken=st.lists(broken_json_lines, max_size=8), n_good=st.integers(1, 4))
def test_jsonl_good_lines_survive_broken_ones(
    workdir: Path, broken: list[bytes], n_good: int
) -> None:
    good = [
        json.dumps({"id": f"good-{i}", "text": f"{GOOD_TEXT} #{i}", "date": "2024-06-19"}).encode()
        for i in range(n_good)
    ]
    lines = interleave(broken, good)
    path = workdir / "mixed.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    check_good_survive(path, n_good, line=True)


# --- CSV: broken rows between good ones --------------------------------------------------

cells = st.text(
    st.characters(blacklist_characters='"\r\n\x00', blacklist_categories=("Cs",)), max_size=30
)
broken_csv_rows = st.one_of(
    st.lists(cells, max_size=6).map(lambda row: ",".join(row).encode()),  # wrong field counts
    st.binary(max_size=80).map(
        lambda b: b.translate(None, b'"\r\n\x00') or b"\xff"
    ),  # invalid UTF-8, odd fields
    st.sampled_from([b",,", b"x,,2024-01-01", b",text only,", b"id3,text,2024-99-99"]),
)


@fuzz
@given(broken=st.lists(broken_csv_rows, max_size=8), n_good=st.integers(1, 4))
def test_csv_good_rows_survive_broken_ones(workdir: Path, broken: list[bytes], n_good: int) -> None:
    good = [f'good-{i},"{GOOD_TEXT} #{i}",2024-06-19'.encode() for i in range(n_good)]
    rows = interleave(broken, good)
    path = workdir / "mixed.csv"
    path.write_bytes(b"id,text,date\n" + b"\n".join(rows) + b"\n")
    check_good_survive(path, n_good, line=True)


def test_nul_bytes_refuse_the_file_naming_it(workdir: Path) -> None:
    path = workdir / "binary.jsonl"
    path.write_bytes(b'{"id": "a", "text": "b"}\n\x00\x01\x02')
    articles, _, error = read_all(path)
    assert articles == [] and error is not None
    check_error(error, path)
    assert error.exit_code == 2


# --- feeds and HTML -------------------------------------------------------------------

ITEM = (
    "<item><title>Item {i}</title><guid>good-{i}</guid>"
    "<pubDate>Wed, 19 Jun 2024 08:00:00 GMT</pubDate>"
    "<description>{text}</description></item>"
)
broken_items = st.one_of(
    st.just("<item><title>no text</title></item>"),
    st.just("<item><guid>bad-date</guid><pubDate>Someday 99 Foo 20x4</pubDate>"
            "<description>RUS met PRK.</description></item>"),
    st.just("<item><description>&bogus; &#0; &#xD800; entities</description></item>"),
    st.just("<item><title>unclosed <b> tag</title></item>"),
    st.just("<item><description><![CDATA[RUS met <PRK>.]]></description><zz:bad></item>"),
    st.text(st.characters(blacklist_characters="<&\x00", blacklist_categories=("Cs",)),
            max_size=40),
)  # fmt: skip


@fuzz
@given(broken=st.lists(broken_items, max_size=4), n_good=st.integers(1, 3))
def test_feed_good_items_survive_broken_ones(workdir: Path, broken: list[str], n_good: int) -> None:
    good = [ITEM.format(i=i, text=f"{GOOD_TEXT} #{i}") for i in range(n_good)]
    items = interleave(good, broken)
    path = workdir / "mixed.rss"
    body = "".join(items)
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>{body}'
                    "</channel></rss>", encoding="utf-8")  # fmt: skip
    check_good_survive(path, n_good, line=False)


def test_unclosed_feed_element_is_reported_with_its_line(workdir: Path) -> None:
    """An element left open swallows what follows (XML nesting): never silently."""
    good = ITEM.format(i=0, text=GOOD_TEXT)
    path = workdir / "open.rss"
    path.write_text('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>W</title>\n'
                    f'{good}\n<item><description>RUS met PRK.</item>\n{good.replace("-0", "-1")}'
                    "\n</channel></rss>\n")  # fmt: skip
    articles, warnings, error = read_all(path)
    assert error is None and articles[0].id == "good-0"
    assert any(w.startswith(f"{path}:4: feed is not well-formed") for w in warnings), warnings


@fuzz
@given(
    head=st.binary(max_size=300),
    tail=st.binary(max_size=300),
    cut=st.integers(0, 400),
)
def test_broken_html_pages(workdir: Path, head: bytes, tail: bytes, cut: int) -> None:
    page = (
        b"<html><head><title>T</title></head><body><article><p>"
        + GOOD_TEXT.encode() * 5
        + b"</p><p>"
        + head
        + b"&#xD800; &#0; &#99999999999; &bogus;</p></article>"
        + tail
    )
    path = workdir / "page.html"
    path.write_bytes(page[: len(page) - cut])
    articles, warnings, error = read_all(path)
    check_articles(articles)
    if error is not None:
        check_error(error, path)
    for message in warnings:
        check_warning(message, path, line=False)

"""The offline HTML report: self-contained, escaped, with charts and sentences."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from analysis_fakes import ev

from legation.analysis import build_report, write_report
from legation.model import Event
from legation.store import Store

MakeStore = Callable[[Iterable[Event]], Store]
EVIL = 'Putin visited <script>alert("x")</script> Pyongyang & <img src="http://evil/x.png">.'


class _Attrs(HTMLParser):
    """Collects every tag and attribute of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)


@pytest.fixture
def store(make_store: MakeStore) -> Store:
    return make_store(
        [
            ev("RUSGOV", "PRKGOV", "042", "2024-06-19", sentence=EVIL),
            ev("PRKGOV", "RUSGOV", "042", "2023-09-13", sentence="Kim went to Vostochny."),
            ev("PRKGOV", "RUSGOV", "042", "2019-04-25"),
            ev("RUSGOV", "PRK", "057", "2024-06-19"),
            ev("RUSGOV", "PRK", "111", "2024-07-01"),
            ev("SUNGOV", "PRKGOV", "042", None, modality="negated", sentence="Stalin never came."),
            ev("USAGOV", "CHNGOV", "042", "1972-02-21", sentence="Nixon went to China."),
            ev("RUSGOV", "PRKGOV", "042", "2000", modality="planned", sentence="Putin may go."),
        ]
    )


def test_report_is_self_contained_and_escaped(store: Store) -> None:
    page = build_report(store, "RUS", "PRK")
    parsed = _Attrs()
    parsed.feed(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags and "link" not in parsed.tags
    for name, value in parsed.attrs:
        if name in ("src", "href"):
            raise AssertionError(f"external reference {name}={value!r}")
    assert "http" not in page.replace("&quot;http://evil/x.png&quot;", "")
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&amp;" in page


def test_report_content(store: Store) -> None:
    page = build_report(store, "RUS", "PRK", freq="year")
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<svg") == 3  # two directions and the asymmetry chart
    assert len(re.findall(r'class="bar q1"', page)) >= 3
    assert 'class="bar asym"' in page
    assert "Kim went to Vostochny." in page and "Putin may go." in page
    assert "Nixon went to China." not in page and "Stalin never came." not in page  # others
    assert "1 RUS→PRK, 2 PRK→RUS; asymmetry index -0.33" in page
    assert "057" in page and "111" in page  # the reversal and the event table
    assert "No events between them." in build_report(store, "RUS", "USA")


def test_write_report(store: Store, tmp_path: Path) -> None:
    path = write_report(store, "PRK", "RUS", tmp_path / "report.html", since="2023")
    text = path.read_text(encoding="utf-8")
    assert "Kim went to Vostochny." in text
    assert "2019-04-25" not in text

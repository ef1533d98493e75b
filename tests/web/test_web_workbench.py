"""The dashboard and API as an analyst meets them: names for codes, chart buckets and
links, the event page, CSV downloads, counted nouns, placeholders and the favicon."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.store.store_fakes import FakeCoder
from tests.web.conftest import MAX_PAGE, web_article

from legation.store import Store
from legation.store.export import TABLE_COLUMNS
from legation.web import create_app
from legation.web.pages import MAX_BARS, auto_freq

FORMULA = '=HYPERLINK("http://evil.example") and RUS criticised PRK over it.'
# A dyad over 25 years (one visit a year), and one event of another pair.
ARTICLES = [
    web_article(f"y{year}", f"RUSGOV visited PRK in spring {year}.", f"{year}-04-0{1 + year % 5}")
    for year in range(2000, 2025)
] + [
    web_article("formula", FORMULA, "2024-05-01", title="Formula"),
    web_article("single", "CHN met JPN.", "2010-01-01"),
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("bench") / "bench.db"
    with Store(path) as store:
        store.ingest(ARTICLES, FakeCoder())
    with TestClient(create_app(str(path), max_page=MAX_PAGE)) as test_client:
        yield test_client


def event_ids(client: TestClient, **params: str) -> list[str]:
    found = client.get("/api/events", params={**params, "limit": str(MAX_PAGE)})
    assert found.status_code == 200, found.text
    return [e["event_id"] for e in found.json()["events"]]


def test_names_work_where_codes_do(client: TestClient) -> None:
    by_code = client.get("/api/events", params={"source": "RUSGOV"}).json()["total"]
    assert by_code == 25
    assert client.get("/api/events", params={"source": "Putin"}).json()["total"] == 25
    assert event_ids(client, target="North Korea", source="Russia") == event_ids(
        client, target="PRK", source="RUS"
    )
    page = client.get("/events", params={"source": "russia", "target": "north korea"})
    assert page.status_code == 200 and "of 26 events" in page.text
    form = client.get("/dyad", params={"a": "Russia", "b": "North Korea"}, follow_redirects=False)
    assert form.status_code == 303 and form.headers["location"] == "/dyad/RUS/PRK"


def test_an_unknown_name_is_an_error_not_an_empty_list(client: TestClient) -> None:
    answer = client.get("/api/events", params={"source": "Rusia"})
    assert answer.status_code == 422
    assert "unknown country or actor" in answer.json()["detail"]
    assert "did you mean russia (RUS)?" in answer.json()["detail"]
    page = client.get("/events", params={"target": "Atlantis"})
    assert page.status_code == 422 and "unknown country or actor" in page.text


def test_auto_freq_keeps_charts_readable() -> None:
    assert auto_freq("2024-01-05", "2024-11-30") == "month"
    assert auto_freq("2010-01-01", "2019-12-31") == "quarter"
    assert auto_freq("2000-04-01", "2024-04-05") == "year"
    assert auto_freq(None, None) == "month"


def test_a_long_dyad_is_drawn_by_year(client: TestClient) -> None:
    html = client.get("/dyad/RUS/PRK").text
    svg = re.search(r'<figure id="series-chart">(.*?)</figure>', html, re.S)
    assert svg is not None
    bars = svg.group(1).count('<g class="bar">')
    assert 20 <= bars <= MAX_BARS  # 25 years: 25 bars, not 300 hairlines
    assert '<option value="auto" selected>auto (year)</option>' in html
    monthly = client.get("/dyad/RUS/PRK", params={"freq": "month"}).text
    assert monthly.count('<g class="bar">') > 200  # asked for explicitly


def test_chart_bars_link_to_their_events(client: TestClient) -> None:
    html = client.get("/dyad/RUS/PRK", params={"freq": "year"}).text
    series = re.search(r'<figure id="series-chart">(.*?)</figure>', html, re.S)
    assert series is not None
    links = [unescape(h) for h in re.findall(r'<a href="([^"]+)" class="chart-link">', series[1])]
    assert len(links) == 25
    wanted = next(link for link in links if "since=2007-01-01" in link)
    assert "until=2007-12-31" in wanted and "dyad=true" in wanted
    listed = client.get(wanted).text
    assert "1–1 of 1 event ·" in listed and "spring 2007" in listed
    goldstein = re.search(r'<figure id="goldstein-chart">(.*?)</figure>', html, re.S)
    assert goldstein is not None and 'class="chart-link"' in goldstein[1]


def test_event_page_shows_sentence_article_rule_and_mentions(client: TestClient) -> None:
    [event_id] = event_ids(client, source="CHN")
    row_links = client.get("/events", params={"source": "CHN"}).text
    assert f'href="/events/{event_id}"' in row_links  # the table links to it
    html = client.get(f"/events/{event_id}").text
    assert '<mark class="actor">CHN</mark> <mark class="trigger">met</mark>' in html
    assert "fake" in html  # the rule
    assert re.search(r'href="/articles/\d+#s0"', html)  # the reporting article
    assert "<h2>Reported in</h2>" in html and html.count("<li>") >= 1
    assert not html.lstrip().startswith("{")
    assert client.get("/events/no-such-event").status_code == 404


def test_events_download_as_csv(client: TestClient) -> None:
    answer = client.get("/api/events", params={"format": "csv", "source": "RUS"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert list(rows[0]) == list(TABLE_COLUMNS)
    assert len(rows) == 26  # every matching event, not one page of MAX_PAGE
    formula = next(r for r in rows if "HYPERLINK" in r["sentence"])
    assert formula["sentence"] == "'" + FORMULA  # opens as text, not a formula
    page = client.get("/events", params={"source": "RUS"}).text
    assert 'href="/api/events?source=RUS&amp;format=csv"' in page


def test_counted_nouns(client: TestClient) -> None:
    html = client.get("/events", params={"source": "CHN"}).text
    assert "of 1 event ·" in html and "1 events" not in html
    index = client.get("/").text
    assert "1 events" not in index and re.search(r"\b27 events from 27 articles\b", index)


def test_placeholders_do_not_look_like_filters(client: TestClient) -> None:
    for path in ("/", "/events", "/dyad/RUS/PRK", "/network"):
        html = client.get(path).text
        for placeholder in re.findall(r'placeholder="([^"]*)"', html):
            assert not re.fullmatch(r"[A-Z]{3}|[0-9]{2,4}([,-][0-9]{2,4})*", placeholder), path
            assert not re.fullmatch(r"\d{4}(-\d{2}){0,2}", placeholder), path


def test_favicon(client: TestClient) -> None:
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"] == "image/svg+xml"
    assert icon.content.startswith(b"<svg")
    assert '<link rel="icon" href="/static/favicon.svg"' in client.get("/").text
    assert client.get("/static/favicon.svg").status_code == 200


def test_link_targets_clear_the_sticky_header() -> None:
    css = (Path(__file__).parents[2] / "src/legation/web/static/legation.css").read_text()
    assert "position: sticky" in css and re.search(r"\[id\] \{ scroll-margin-top: [\d.]+rem", css)


def test_dyad_and_visit_api_take_names(client: TestClient) -> None:
    by_name = client.get("/api/dyad", params={"a": "Russia", "b": "North Korea", "freq": "year"})
    by_code = client.get("/api/dyad", params={"a": "RUS", "b": "PRK", "freq": "year"})
    assert by_name.status_code == 200 and by_name.json()["series"] == by_code.json()["series"]
    assert by_name.json()["a"] == "RUS"
    visits = client.get("/api/visits", params={"country": "north korea"}).json()
    assert visits["country"] == "PRK" and len(visits["rows"]) == 25
    assert client.get("/api/visits", params={"country": "Narnia"}).status_code == 422

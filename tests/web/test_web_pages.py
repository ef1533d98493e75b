"""Server-rendered pages: what each shows, links that keep the view, form normalisation."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from legation.web.charts import line_chart, nice_max
from legation.web.highlight import find_span, highlight


def rows(html: str) -> list[str]:
    return re.findall(r'<tr id="e-[0-9a-f]+">.*?</tr>', html, re.S)


def test_index_has_search_form_counts_and_dyad_links(client: TestClient) -> None:
    html = client.get("/").text
    assert '<form class="filters" action="/events" method="get" data-filters>' in html
    assert 'name="text"' in html
    assert "8 events from 4 articles" in html
    assert '<a href="/dyad/PRK/RUS">PRK – RUS</a>' in html  # the busiest pair first


def test_events_table_highlights_actors_and_trigger(client: TestClient) -> None:
    html = client.get("/events", params={"code": "057"}).text
    [row] = rows(html)
    assert (
        '<mark class="actor">RUS</mark> <mark class="trigger">signed a treaty with</mark> '
        '<mark class="actor">PRK</mark> on mutual assistance.'
    ) in row
    assert re.search(r'href="/articles/\d+#s1"', row)
    assert 'href="/dyad/RUS/PRK"' in row
    assert "1–1 of 1 event ·" in html  # not "1 events"


def test_events_page_echoes_filters_and_paginates(client: TestClient) -> None:
    html = client.get("/events", params={"source": "PRK", "dyad": "true", "limit": 2}).text
    assert len(rows(html)) == 2
    assert 'name="source" value="PRK"' in html and "checked" in html
    assert 'href="/events?source=PRK&amp;dyad=true&amp;limit=2&amp;offset=2"' in html
    assert 'rel="prev"' not in html
    second = client.get("/events", params={"source": "PRK", "dyad": "true", "limit": 2,
                                           "offset": 2}).text  # fmt: skip
    assert 'rel="prev" href="/events?source=PRK&amp;dyad=true&amp;limit=2"' in second


def test_events_page_ignores_empty_form_fields_and_case(client: TestClient) -> None:
    """A plain HTML form submits every field, empty ones too, and users type "rus"."""
    html = client.get("/events?text=&source=rus&target=&code=04%2C057&since=&modality=").text
    found = rows(html)
    assert len(found) == 2  # RUSGOV visited PRK, RUS signed a treaty with PRK
    assert 'name="code" value="04,057"' in html


def test_events_page_with_no_match(client: TestClient) -> None:
    html = client.get("/events", params={"text": "earthquake"}).text
    assert "No events match." in html and not rows(html)


def test_bad_filter_gives_an_html_error_page(client: TestClient) -> None:
    response = client.get("/events", params={"since": "2024-13-45"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert "since" in response.text and "Error 422" in response.text


def test_dyad_page_has_charts_ledger_and_shareable_form(client: TestClient) -> None:
    html = client.get("/dyad/RUS/PRK", params={"freq": "year"}).text
    series = re.search(r'<figure id="series-chart">(.*?)</figure>', html, re.S)
    assert series and '<svg class="chart series"' in series.group(1)
    api = client.get("/api/dyad", params={"a": "RUS", "b": "PRK", "freq": "year"}).json()
    segments = sum(1 for p in api["series"] for n in p["by_quad"].values() if n)
    assert series.group(1).count('<rect class="q') == segments >= 2
    assert "<title>2023: 2 events" in series.group(1)
    assert '<svg class="chart asymmetry"' in html
    assert '<svg class="chart line"' in html
    ledger = re.search(r'<table class="events ledger">(.*?)</table>', html, re.S)
    assert ledger and ledger.group(1).count("<tr>") == 3  # header + two visits
    assert "PRKGOV visited RUS in Vladivostok." in ledger.group(1)
    assert '<option value="year" selected>' in html
    assert 'action="/dyad/RUS/PRK"' in html and "data-autosubmit" in html
    assert 'href="/dyad/PRK/RUS?freq=year' in html  # swap keeps the view


def test_dyad_asymmetry_is_seen_from_the_first_country(client: TestClient) -> None:
    forward = client.get("/dyad/RUS/PRK", params={"freq": "year"}).text
    backward = client.get("/dyad/PRK/RUS", params={"freq": "year"}).text
    assert "2024: RUS→PRK 1, PRK→RUS 0, index +1.00" in forward
    assert "2024: PRK→RUS 0, RUS→PRK 1, index -1.00" in backward


def test_dyad_page_redirects_lower_case_and_the_form(client: TestClient) -> None:
    lower = client.get("/dyad/rus/prk?freq=year", follow_redirects=False)
    assert lower.status_code == 307 and lower.headers["location"] == "/dyad/RUS/PRK?freq=year"
    form = client.get("/dyad?a=rus&b=prk", follow_redirects=False)
    assert form.status_code == 303 and form.headers["location"] == "/dyad/RUS/PRK"


def test_dyad_page_normalised_share(client: TestClient) -> None:
    html = client.get("/dyad/RUS/PRK", params={"normalize": "true", "freq": "year"}).text
    assert '<rect class="share"' in html and "of all events" in html


def test_network_page_draws_countries_and_ties(client: TestClient) -> None:
    html = client.get("/network").text
    svg = re.search(r'<svg class="chart network".*?</svg>', html, re.S)
    assert svg
    assert (
        len(
            re.findall(r'<a href="/events\?source=[A-Z]+&amp;dyad=true" class="node"', svg.group(0))
        )
        == 4
    )  # fmt: skip  (CHN, JPN: not occurred)
    assert 'class="edge cooperation" data-source="RUS" data-target="PRK"' in svg.group(0)
    assert 'class="edge conflict" data-source="USA" data-target="PRK"' in svg.group(0)
    empty = client.get("/network", params={"since": "2030"}).text
    assert "no ties between countries" in empty


def test_article_page_shows_sentences_and_coded_events(client: TestClient) -> None:
    html = client.get("/articles/2").text
    assert "<h1>Putin in Pyongyang</h1>" in html
    assert (  # the coded sentence carries its event's marks
        '<p id="s1" class="coded"><mark class="actor">RUS</mark> '
        '<mark class="trigger">signed a treaty with</mark> <mark class="actor">PRK</mark>'
    ) in html
    assert '<p id="s0" class="coded"><mark class="actor">RUSGOV</mark>' in html
    assert len(rows(html)) == 3
    assert client.get("/articles/99").status_code == 404


def test_highlight_escapes_before_marking() -> None:
    marked = highlight("<b>RUS</b> visited PRK & more", ["RUS", "PRK"], "visited")
    assert str(marked) == (
        '&lt;b&gt;<mark class="actor">RUS</mark>&lt;/b&gt; <mark class="trigger">visited</mark>'
        ' <mark class="actor">PRK</mark> &amp; more'
    )


def test_highlight_never_lets_actor_text_inject_markup() -> None:
    marked = highlight("a <script> b", ["<script>"], None)
    assert str(marked) == 'a <mark class="actor">&lt;script&gt;</mark> b'


def test_highlight_prefers_whole_words_and_skips_overlaps() -> None:
    assert find_span("Russians and Russia", "Russia") == (13, 19)
    assert find_span("the KREMLIN said", "Kremlin") == (4, 11)
    assert find_span("nothing here", "Putin") is None
    assert find_span("text", "") is None
    marked = highlight("Putin met Putin's aide", ["Putin", "Putin's aide"], "met")
    assert str(marked).count("<mark") == 3


def test_highlight_finds_a_trigger_by_its_first_word() -> None:
    marked = highlight("They signed the accord.", [], "signing accord")
    assert str(marked) == "They signed the accord."  # no word of it appears as written
    marked = highlight("They visited Kyiv.", [], "visited country")
    assert '<mark class="trigger">visited</mark>' in str(marked)


def test_chart_axis_tops_are_round() -> None:
    assert [nice_max(v) for v in (9, 0.37, 1, 11, 0, 250)] == [10, 0.5, 1, 20, 1, 500]


def test_line_chart_breaks_at_periods_without_events() -> None:
    svg = str(line_chart(["a", "b", "c", "d", "e"], [1.0, 2.0, None, 3.0, 4.0], -10, 10, "t"))
    assert svg.count("<polyline") == 2 and svg.count('<circle class="dot"') == 4


def test_chart_labels_are_escaped() -> None:
    svg = str(line_chart(["<b>x</b>"], [1.0], -10, 10, 'say "hi" <script>'))
    assert "<b>" not in svg and "<script>" not in svg and "&lt;b&gt;x&lt;/b&gt;" in svg

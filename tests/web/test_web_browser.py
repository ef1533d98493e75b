"""End to end in headless Chromium: the dashboard over the bundled sample corpus coded
by the real coder, served by uvicorn on a free loopback port.

Needs Debian's ``chromium`` (``apt-get install -y chromium``) and the ``playwright``
Python client (never ``playwright install``: the system browser is used). Skipped when
either is missing. Set ``LEGATION_SCREENSHOTS=docs/screenshots`` to refresh the
screenshots in the docs; otherwise they go to a temporary folder.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import threading
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from legation.model import Article
from legation.read import read_inputs
from legation.store import Store
from legation.web import create_app

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = os.environ.get("LEGATION_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
HOSTILE = Article(
    "hostile",
    "Vladimir Putin visited Pyongyang on Wednesday <script>window.__pwned = 1</script>. "
    '<img src=x onerror="window.__pwned = 2"> Kim Jong Un met Putin at the airport.',
    dt.date(2024, 6, 19),
    title="Hostile <script>window.__pwned = 3</script>",
)


def _sample_articles() -> list[Article]:
    sample = resources.files("legation.samples").joinpath("sample_corpus.jsonl")
    with resources.as_file(sample) as path:
        return [*read_inputs([str(path)]), HOSTILE]


@pytest.fixture(scope="module")
def sync_api() -> Any:
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium)")
    return pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def base_url(sync_api: Any, coder: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """uvicorn serving the sample corpus (coded by the real coder) on a free port."""
    import uvicorn

    db = tmp_path_factory.mktemp("browser") / "sample.db"
    with Store(db) as store:
        store.ingest(_sample_articles(), coder)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    app = create_app(str(db), allowed_hosts=["127.0.0.1", "localhost"])
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def browser(sync_api: Any) -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.csp_errors = []
    opened.on(
        "console",
        lambda msg: (
            opened.csp_errors.append(msg.text) if "Content Security Policy" in msg.text else None
        ),
    )
    yield opened
    context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wanted = os.environ.get("LEGATION_SCREENSHOTS")
    folder = Path(wanted) if wanted else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def screenshot(page: Any, folder: Path, name: str, full_page: bool = False) -> None:
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    assert path.stat().st_size > 5_000


def test_search_shows_highlighted_sentences(page: Any, base_url: str, shots: Path) -> None:
    page.goto(base_url + "/")
    assert page.title() == "Search · legation"
    screenshot(page, shots, "search")
    page.fill("input[name=text]", "visit")
    page.click("form[data-filters] button[type=submit]")
    page.wait_for_url("**/events?text=visit")  # empty fields left out of the shared URL
    rows = page.locator("table.events tbody tr")
    assert rows.count() > 0
    first = rows.first
    assert first.locator("mark.trigger").count() == 1
    assert first.locator("mark.actor").count() >= 1
    assert first.locator("a.article-link").count() == 1
    screenshot(page, shots, "events")
    first.locator("a.article-link").click()
    page.wait_for_url("**/articles/*")
    assert page.locator("article.text p.coded").count() >= 1
    assert page.csp_errors == []


def test_dyad_page_draws_its_charts(page: Any, base_url: str, shots: Path) -> None:
    page.goto(base_url + "/")
    page.locator("ul.dyads a").first.click()  # the busiest pair of the sample corpus
    page.wait_for_url("**/dyad/*/*")
    assert page.locator("#series-chart svg.chart rect").count() > 0
    assert page.locator("#goldstein-chart svg.chart").count() == 1
    assert page.locator("#asymmetry-chart svg.chart").count() == 1
    page.select_option("select[name=freq]", "year")  # re-runs by itself
    page.wait_for_url("**freq=year**")
    assert "modality=occurred" in page.url
    bars = page.locator("#series-chart svg.chart g.bar")
    assert bars.count() >= 1
    assert page.locator("table.ledger tbody tr").count() >= 1
    screenshot(page, shots, "dyad", full_page=True)
    assert page.csp_errors == []


def test_network_view_reacts_to_hover(page: Any, base_url: str, shots: Path) -> None:
    page.goto(base_url + "/network")
    nodes = page.locator("svg.network a.node")
    assert nodes.count() >= 3
    assert page.locator("svg.network path.edge").count() >= 2
    screenshot(page, shots, "network", full_page=True)
    page.hover("svg.network a.node[data-id=RUS] circle")
    assert page.locator("svg.network path.edge.lit").count() >= 1
    assert page.locator("svg.network path.edge.faded").count() >= 1
    assert page.csp_errors == []


def test_script_in_an_article_does_not_run(page: Any, base_url: str) -> None:
    # The hostile article's visit is linked to the sample corpus's report of the same
    # trip (an event keeps its first sentence), so its own event is the airport meeting.
    page.goto(base_url + "/events?text=airport")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    sentence = page.locator("td.sentence", has_text="window.__pwned = 2")
    assert sentence.count() >= 1
    assert '<img src=x onerror="window.__pwned = 2">' in sentence.first.inner_text()
    sentence.first.locator("xpath=..").locator("a.article-link").click()
    page.wait_for_url("**/articles/*")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("article.text script, article.text img").count() == 0
    assert "<script>window.__pwned = 1</script>" in page.locator("article.text").inner_text()
    assert "<script>window.__pwned = 3</script>" in page.locator("h1").inner_text()


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    opened = context.new_page()
    yield opened
    context.close()


def test_pages_fit_a_phone_screen(phone: Any, base_url: str, shots: Path) -> None:
    """At 390 px nothing is wider than the screen: forms stack, wide tables scroll
    inside their own box."""
    phone.goto(base_url + "/")
    dyad = phone.locator("ul.dyads a").first.get_attribute("href")
    phone.goto(base_url + "/events?text=visit")
    article = phone.locator("a.article-link").first.get_attribute("href")
    for path in ("/", "/events?text=visit", dyad, "/network", article):
        phone.goto(base_url + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width} px wide"
    phone.goto(base_url + "/events?text=visit")
    screenshot(phone, shots, "events-phone")


def test_a_linked_sentence_is_not_hidden_under_the_header(page: Any, base_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 500})
    page.goto(base_url + "/events?text=visit")
    href = page.locator("a.article-link").last.get_attribute("href")
    page.goto(base_url + href)
    anchor = href.split("#", 1)[1]
    header = page.evaluate("document.querySelector('header.top').getBoundingClientRect().bottom")
    top = page.evaluate(f"document.getElementById('{anchor}').getBoundingClientRect().top")
    scrolled = page.evaluate("window.scrollY")
    assert scrolled > 0 or top >= header  # the page scrolled, and the target shows
    assert top >= header - 1, f"#{anchor} at {top}px, header ends at {header}px"
    assert page.locator(f"#{anchor} mark.trigger").count() >= 1  # highlighted in place


def test_a_chart_bar_opens_its_events(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.locator("ul.dyads a").first.click()
    page.wait_for_url("**/dyad/*/*")
    page.locator("#series-chart a.chart-link").first.click()
    page.wait_for_url("**/events?**")
    assert "since=" in page.url and "until=" in page.url
    assert page.locator("table.events tbody tr").count() >= 1

"""Web fixtures: a SQLite store filled through the store's fake coder (no spaCy), and
FastAPI ``TestClient``s over it: read-only, and with an ingest token."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.store.store_fakes import FakeCoder

from legation.model import Article
from legation.store import Store
from legation.web import create_app

TOKEN = "s3cret-token-for-tests-0123456789"
MAX_PAGE = 5
SCRIPT = "<script>window.__pwned = 1</script>"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives pages in headless Chromium")


def web_article(doc_id: str, text: str, date: str, **kw: str) -> Article:
    return Article(doc_id, text, dt.date.fromisoformat(date), **kw)  # type: ignore[arg-type]


# The fake coder codes "AAA <verb> BBB" (see tests/store/store_fakes.py).
ARTICLES = [
    web_article(
        "visit-2023",
        "PRKGOV visited RUS in Vladivostok. The talks lasted four hours. "
        "RUS praised PRK for its support.",
        "2023-09-13",
        title="Kim in Vladivostok",
        url="https://example.org/kim-vladivostok",
        source="example.org",
    ),
    web_article(
        "visit-2024",
        "RUSGOV visited PRK for the first time in decades. "
        "RUS signed a treaty with PRK on mutual assistance. KOR criticised RUS.",
        "2024-06-19",
        title="Putin in Pyongyang",
        url="javascript:alert(1)",
    ),
    web_article(
        "hostile",
        f"USA criticised PRK over launches {SCRIPT} late on Monday. "
        "A second sentence <img src=x onerror=alert(1)> without events.",
        "2024-07-02",
        title="<b>Bold</b> title " + SCRIPT,
    ),
    web_article("planned", "CHN will visit KOR soon. JPN did not meet CHN.", "2024-08-01"),
]
EVENTS = 8  # what the fake coder finds in ARTICLES


def filled_store(folder: Path) -> Path:
    path = folder / "web.db"
    with Store(path) as store:
        store.ingest(ARTICLES, FakeCoder())
    return path


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """A fresh store for tests that write."""
    return filled_store(tmp_path)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A read-only app, shared by a module's tests (none of them can write through it)."""
    path = filled_store(tmp_path_factory.mktemp("web"))
    with TestClient(create_app(str(path), max_page=MAX_PAGE)) as test_client:
        yield test_client


@pytest.fixture
def token_client(store_path: Path) -> Iterator[TestClient]:
    app = create_app(str(store_path), token=TOKEN, max_page=MAX_PAGE, coder=FakeCoder())
    with TestClient(app) as test_client:
        yield test_client

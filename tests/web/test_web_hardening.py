"""The web server under hostile input (issue 13): bounded dyad series over implausible
dates, a health check that cannot queue behind slow requests, ingest bodies cleaned as
the file readers clean them, and security headers on the bad-Host 400."""

from __future__ import annotations

import datetime as dt
import inspect
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import Request
from fastapi.testclient import TestClient
from tests.store.store_fakes import FakeCoder
from tests.web.conftest import TOKEN

from legation.analysis import dyad_series
from legation.analysis.common import MAX_PERIODS, TooManyPeriods, period_bounds
from legation.model import Article
from legation.store import Store
from legation.store.schema import events
from legation.web import api, create_app
from legation.web.security import SECURITY_HEADERS

AUTH = {"Authorization": f"Bearer {TOKEN}", "content-type": "application/json"}


@pytest.fixture
def far_dates(tmp_path: Path) -> Path:
    """A store as an older legation filled it: events dated 0001-01-01 and 9999-12-31
    (written straight into the table; the readers and the API now refuse such dates)."""
    path = tmp_path / "far.db"
    with Store(path) as store:
        store.ingest(
            [
                Article("early", "RUS visited PRK in the morning.", dt.date(2024, 1, 1)),
                Article("late", "PRK visited RUS at night.", dt.date(2024, 2, 1)),
            ],
            FakeCoder(),
        )
        with store.engine.begin() as conn:
            for day, old in (("0001-01-01", "2024-01-01"), ("9999-12-31", "2024-02-01")):
                conn.execute(
                    events.update()
                    .where(events.c.date_start == old)
                    .values(date=day, date_start=day, date_end=day)
                )
    return path


@pytest.fixture
def far_client(far_dates: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(far_dates))) as client:
        yield client


def test_monthly_dyad_over_implausible_dates_is_a_400_saying_why(far_client: TestClient) -> None:
    response = far_client.get("/api/dyad", params={"a": "RUS", "b": "PRK", "freq": "month"})
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "119,988 periods" in detail and f"limit of {MAX_PERIODS:,}" in detail
    assert len(response.content) < 1_000


def test_dyad_normalize_at_year_9999_is_never_a_500(far_client: TestClient) -> None:
    narrowed = {"a": "RUS", "b": "PRK", "since": "9999", "normalize": "true"}
    for freq in ("month", "quarter", "year"):
        response = far_client.get("/api/dyad", params={**narrowed, "freq": freq})
        assert response.status_code == 200, response.text
        [point] = response.json()["series"]
        assert point["events"] == 1 and point["share"] == 1.0


def test_library_series_refuses_too_many_periods(far_dates: Path) -> None:
    with Store(far_dates) as store, pytest.raises(TooManyPeriods):
        dyad_series(store, "RUS", "PRK", freq="month")
    with Store(far_dates) as store:
        assert len(dyad_series(store, "RUS", "PRK", freq="month", since="9999")) == 1


@pytest.mark.parametrize(
    ("period", "freq", "end"),
    [("9999-12", "month", "9999-12-31"), ("9999-Q4", "quarter", "9999-12-31"),
     ("9999", "year", "9999-12-31"), ("2024-02", "month", "2024-02-29")],
)  # fmt: skip
def test_period_bounds_reach_the_last_day_of_the_calendar(period: str, freq: str, end: str) -> None:
    assert period_bounds(period, freq)[1] == end


def test_health_cannot_queue_behind_slow_requests(far_client: TestClient) -> None:
    """An async route whose only parameter is the request (no dependency, each of which
    FastAPI would run in the thread pool) runs on the event loop: never queued behind
    slow series in that pool. It runs no query."""
    assert inspect.iscoroutinefunction(api.health)
    assert [p.annotation for p in inspect.signature(api.health).parameters.values()] == [Request]
    assert far_client.get("/api/health").json()["status"] == "ok"


def test_lone_surrogate_in_an_ingest_body_is_a_422(token_client: TestClient) -> None:
    body = '{"articles": [{"id": "s", "text": "FRA met DEU \\ud800 in Paris."}]}'
    response = token_client.post("/api/ingest", content=body, headers=AUTH)
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "articles", 0, "text"]
    assert "\\ud800" in error["input"]


def test_ingest_cleans_articles_as_the_readers_do(token_client: TestClient) -> None:
    body = {
        "articles": [
            {"id": "nul\u0000id", "text": "FRA met DEU\u0000 in Paris.", "date": "2024-09-01"},
            {"id": "   ", "text": "ITA met ESP in Rome."},
            {"id": "far", "text": "GBR met IRL in Dublin.", "date": "9999-12-31"},
        ]
    }
    response = token_client.post("/api/ingest", content=json.dumps(body), headers=AUTH)
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["articles_added"] == 2 and data["skipped"] == 1
    assert data["warnings"] == [
        "articles[0]: 2 NUL or lone-surrogate character(s) replaced by U+FFFD",
        "articles[1]: missing or empty 'id'; article skipped",
        f"articles[2]: date 9999-12-31 is outside the plausible range 1800-01-01 to "
        f"{dt.date.today().year + 5}-12-31; article kept with no date",
    ]
    stored = token_client.get("/api/events", params={"source": "FRA"}).json()["events"]
    assert stored and all("\x00" not in e["sentence"] for e in stored)
    far = token_client.get("/api/events", params={"source": "GBR"}).json()["events"]
    assert [e["date"] for e in far] == [None]


def test_bad_host_400_has_the_security_headers(store_path: Path) -> None:
    app = create_app(str(store_path), allowed_hosts=["127.0.0.1"])
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        response = client.get("/api/health", headers={"Host": "attacker.example"})
    assert response.status_code == 400
    for name, value in SECURITY_HEADERS:
        assert response.headers[name.decode()] == value.decode()


def test_route_modules_are_imported_before_any_request(tmp_path: Path) -> None:
    """Routes import analysis lazily and run in a thread pool; importing those modules in
    several threads at once deadlocked (HTTP 500 under load). The app imports them first."""
    import subprocess
    import sys

    script = (
        "import sys; from legation.web import create_app; "
        f"create_app({str(tmp_path / 'w.db')!r}); "
        "print('legation.analysis.report' in sys.modules, 'legation.web.netview' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True"]

"""Hostile requests: injection, traversal, huge and malformed values get 4xx (never 500,
never data from outside the query); the ingest token; headers; body size; escaping."""

from __future__ import annotations

import hmac
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from tests.store.store_fakes import FakeCoder
from tests.web.conftest import EVENTS, SCRIPT, TOKEN

from legation.errors import InputError
from legation.web import create_app, security

SQLI = "' OR 1=1 --"
TRAVERSAL = "../../etc/passwd"
BAD_DATE = "2024-13-45"
HOSTILE = [SQLI, TRAVERSAL, BAD_DATE, "9" * 40, "A" * 5000, "\x00", "2024-02-30", "-1"]

# Every query parameter of every endpoint; each must refuse every hostile value.
QUERY_PARAMS = {
    "/api/events": ["source", "target", "dyad", "code", "plover", "modality", "since",
                    "until", "limit", "offset"],
    "/api/dyad?a=RUS&b=PRK": ["freq", "direction", "normalize", "modality", "since", "until"],
    "/api/visits": ["country", "since", "until"],
    "/api/network": ["since", "until", "kind"],
    "/events": ["source", "target", "dyad", "code", "plover", "modality", "since", "until",
                "limit", "offset"],
    "/dyad/RUS/PRK": ["freq", "direction", "normalize", "modality", "since", "until"],
    "/network": ["since", "until", "kind"],
}  # fmt: skip
CASES = [
    (path, name, value)
    for path, names in QUERY_PARAMS.items()
    for name in names
    for value in HOSTILE
]
PATHS = [
    "/api/events/{}",
    "/api/articles/{}",
    "/articles/{}",
    "/dyad/{}/PRK",
    "/dyad/RUS/{}",
    "/static/{}",
]


def get(client: TestClient, path: str, **params: str) -> int:
    response = client.get(path, params=params, follow_redirects=False)
    return response.status_code


@pytest.mark.parametrize(("path", "name", "value"), CASES)
def test_hostile_query_values_are_refused(
    client: TestClient, path: str, name: str, value: str
) -> None:
    status = get(client, path, **{name: value})
    assert 400 <= status < 500, f"{path}?{name}={value[:20]!r} gave {status}"


@pytest.mark.parametrize("template", PATHS)
@pytest.mark.parametrize("value", [*HOSTILE, "..%2F..%2Fetc%2Fpasswd", "1" * 30])
def test_hostile_path_values_are_refused(client: TestClient, template: str, value: str) -> None:
    status = get(client, template.format(quote(value, safe="")))
    assert 400 <= status < 500, f"{template} with {value[:20]!r} gave {status}"


@pytest.mark.parametrize("value", [str(10**9), str(10**30), "0", "-5", "1e3", "ten"])
@pytest.mark.parametrize("path", ["/api/events", "/events"])
def test_page_size_is_bounded(client: TestClient, path: str, value: str) -> None:
    assert get(client, path, limit=value) == 422


def test_missing_required_parameters_are_422(client: TestClient) -> None:
    assert get(client, "/api/dyad") == 422
    assert get(client, "/api/dyad", a="RUS") == 422
    assert get(client, "/dyad", a="RUS") == 422


@pytest.mark.parametrize("text", [SQLI, TRAVERSAL, '"; DROP TABLE events; --', "*", "a OR b"])
def test_text_search_binds_its_words(client: TestClient, text: str) -> None:
    """Free text is a legitimate search: it matches nothing here, and returns nothing."""
    response = client.get("/api/events", params={"text": text})
    assert response.status_code in (200, 422)
    if response.status_code == 200:
        assert response.json()["total"] == 0
    assert client.get("/api/events").json()["total"] == EVENTS  # the table is still there


def test_overlong_text_is_refused(client: TestClient) -> None:
    assert get(client, "/api/events", text="visit " * 100) == 422


def test_ingest_is_absent_without_a_token(client: TestClient) -> None:
    response = client.post("/api/ingest", json={"articles": [{"id": "x", "text": "RUS met PRK."}]})
    assert response.status_code in (404, 405)
    assert client.get("/api/events").json()["total"] == EVENTS


def test_ingest_needs_the_right_token(token_client: TestClient) -> None:
    body = {"articles": [{"id": "new", "text": "FRA met DEU in Paris.", "date": "2024-09-01"}]}
    missing = token_client.post("/api/ingest", json=body)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    wrong = token_client.post("/api/ingest", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403
    basic = token_client.post("/api/ingest", json=body, headers={"Authorization": f"Basic {TOKEN}"})
    assert basic.status_code == 401
    assert token_client.get("/api/events").json()["total"] == EVENTS
    right = token_client.post(
        "/api/ingest", json=body, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert right.status_code == 200
    assert right.json()["articles_added"] == 1 and right.json()["events_added"] == 1
    assert token_client.get("/api/events", params={"source": "FRA"}).json()["total"] == 1


def test_token_is_compared_in_constant_time(
    token_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(security.hmac, "compare_digest", spy)
    headers = {"Authorization": "Bearer guess"}
    assert token_client.post("/api/ingest", json={}, headers=headers).status_code == 403
    assert calls == [(b"guess", TOKEN.encode())]


def test_ingest_validates_its_body(token_client: TestClient) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    for body in (
        {},
        {"articles": []},
        {"articles": [{"id": "x"}]},
        {"articles": [{"id": "x", "text": "RUS met PRK.", "date": BAD_DATE}]},
        {"articles": [{"id": "x", "text": "RUS met PRK."}] * 101},
    ):
        assert token_client.post("/api/ingest", json=body, headers=headers).status_code == 422
    garbage = token_client.post("/api/ingest", content=b"\xff{not json", headers=headers)
    assert garbage.status_code == 422


def test_ingest_route_is_documented_with_its_scheme(token_client: TestClient) -> None:
    schema = token_client.get("/openapi.json").json()
    assert "/api/ingest" in schema["paths"]
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"


def test_short_tokens_are_refused(store_path: Path) -> None:
    with pytest.raises(InputError, match="16 characters"):
        create_app(str(store_path), token="short")


def test_request_body_size_is_limited(store_path: Path) -> None:
    app = create_app(str(store_path), token=TOKEN, coder=FakeCoder(), max_body=2_000)
    with TestClient(app) as client:
        headers = {"Authorization": f"Bearer {TOKEN}"}
        big = {"articles": [{"id": "big", "text": "RUS met PRK. " * 500}]}
        response = client.post("/api/ingest", json=big, headers=headers)
        assert response.status_code == 413

        def chunks() -> object:  # no Content-Length: counted while read
            for _ in range(10):
                yield b"x" * 1000

        chunked = client.post("/api/ingest", content=chunks(), headers=headers)  # type: ignore[arg-type]
        assert chunked.status_code == 413
        assert client.get("/api/events").json()["total"] == EVENTS


@pytest.mark.parametrize("path", ["/", "/events", "/dyad/RUS/PRK", "/network", "/articles/1",
                                  "/api/events", "/events?since=bad", "/nowhere"])  # fmt: skip
def test_security_headers_on_every_response(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"


def test_no_cors_by_default(client: TestClient) -> None:
    origin = {"Origin": "https://evil.example"}
    simple = client.get("/api/events", headers=origin)
    assert "access-control-allow-origin" not in simple.headers
    preflight = client.options(
        "/api/events", headers={**origin, "Access-Control-Request-Method": "GET"}
    )
    assert preflight.status_code >= 400
    assert "access-control-allow-origin" not in preflight.headers


def test_pages_have_no_inline_script(client: TestClient) -> None:
    for path in ("/", "/events", "/dyad/RUS/PRK", "/network", "/articles/1"):
        html = client.get(path).text
        assert '<script src="/static/legation.js" defer></script>' in html
        assert html.count("<script") == 1, path
        assert " style=" not in html and "on" + "click" not in html


def test_article_text_is_escaped(client: TestClient) -> None:
    events = client.get("/api/events", params={"source": "USA"}).json()["events"]
    article_id = events[0]["article_id"]
    html = client.get(f"/articles/{article_id}").text
    assert SCRIPT not in html and "<img src=x" not in html and "<b>Bold</b>" not in html
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    table = client.get("/events", params={"source": "USA"}).text
    assert SCRIPT not in table and "&lt;script&gt;" in table
    assert '<mark class="trigger">criticised</mark>' in table


def test_unsafe_article_urls_are_not_links(client: TestClient) -> None:
    events = client.get("/api/events", params={"code": "057"}).json()["events"]
    html = client.get(f"/articles/{events[0]['article_id']}").text
    assert 'href="javascript:' not in html
    assert "javascript:alert(1)" in html  # shown as text


def test_host_header_is_checked_when_configured(store_path: Path) -> None:
    app = create_app(str(store_path), allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        assert client.get("/api/health").status_code == 200
        rebound = client.get("/api/health", headers={"Host": "attacker.example"})
        assert rebound.status_code == 400


def test_static_files_come_only_from_the_package(client: TestClient) -> None:
    css = client.get("/static/legation.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    js = client.get("/static/legation.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]
    assert client.get("/static/missing.css").status_code == 404
    assert client.get("/static/app.py").status_code == 422
    assert client.get("/static/%2e%2e%2fapp.py").status_code in (404, 422)


def test_a_database_failure_is_503_without_details(store_path: Path) -> None:
    app = create_app(str(store_path))
    with TestClient(app) as client:
        with app.state.store.engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE event_mentions")
        missing = client.get("/api/events/0123456789abcdef")  # a raw query
        assert client.get("/api/health").status_code == 200
        response = client.get("/api/events", params={"text": "visit"})
        assert response.status_code == 503
        assert "event_mentions" not in response.text and "SELECT" not in response.text
        assert missing.status_code == 404
        page = client.get("/events", params={"text": "visit"})
        assert page.status_code == 503 and "Error 503" in page.text

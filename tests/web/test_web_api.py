"""The JSON API over a small store: every endpoint, filters, pagination, the schema."""

from __future__ import annotations

from fastapi.testclient import TestClient
from tests.web.conftest import EVENTS, MAX_PAGE


def test_health(client: TestClient) -> None:
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["schema_version"] >= 3


def test_events_default_page_is_bounded_by_max_page(client: TestClient) -> None:
    body = client.get("/api/events").json()
    assert body["total"] == EVENTS
    assert body["limit"] == MAX_PAGE
    assert len(body["events"]) == MAX_PAGE
    assert body["next_offset"] == MAX_PAGE


def test_events_pagination_walks_every_event_once(client: TestClient) -> None:
    seen: list[str] = []
    offset: int | None = 0
    while offset is not None:
        body = client.get("/api/events", params={"limit": 3, "offset": offset}).json()
        seen += [e["event_id"] for e in body["events"]]
        offset = body["next_offset"]
    assert len(seen) == EVENTS == len(set(seen))
    dates = [e["date"] for e in client.get("/api/events", params={"limit": 5}).json()["events"]]
    assert dates == sorted(dates)  # date order, as `legation events`


def test_events_offset_past_the_end_is_empty(client: TestClient) -> None:
    body = client.get("/api/events", params={"offset": 100}).json()
    assert body["events"] == [] and body["total"] == EVENTS and body["next_offset"] is None


def test_events_filters_match_the_cli(client: TestClient) -> None:
    def codes(**params: object) -> list[tuple[str, str, str]]:
        events = client.get("/api/events", params=params).json()["events"]
        return sorted((e["source"]["code"], e["cameo"], e["target"]["code"]) for e in events)

    assert codes(source="RUS", target="PRK") == [("RUS", "051", "PRK"), ("RUS", "057", "PRK"),
                                                 ("RUSGOV", "042", "PRK")]  # fmt: skip
    assert codes(source="PRK", target="RUS") == [("PRKGOV", "042", "RUS")]
    assert len(codes(source="PRK", target="RUS", dyad="true")) == 4
    assert codes(code="057") == [("RUS", "057", "PRK")]
    assert len(codes(code=["04", "057"])) == 5
    assert codes(modality="negated") == [("JPN", "040", "CHN")]
    assert codes(plover="CONSULT", modality="planned") == [("CHN", "042", "KOR")]
    assert codes(since="2024-07", until="2024-07-31") == [("USA", "111", "PRK")]
    assert codes(text="treaty") == [("RUS", "057", "PRK")]
    assert codes(source="RUSGOV") == [("RUSGOV", "042", "PRK")]


def test_event_record_has_provenance(client: TestClient) -> None:
    event = client.get("/api/events", params={"code": "057"}).json()["events"][0]
    assert event["sentence"] == "RUS signed a treaty with PRK on mutual assistance."
    assert event["trigger"] == "signed a treaty with"
    assert event["num_mentions"] == 1 and event["article_id"] >= 1
    detail = client.get(f"/api/events/{event['event_id']}").json()
    assert detail["event_id"] == event["event_id"]
    assert [m["doc_id"] for m in detail["mentions"]] == ["visit-2024"]
    assert detail["mentions"][0]["sentence"] == event["sentence"]


def test_unknown_event_and_article_are_404(client: TestClient) -> None:
    assert client.get("/api/events/0123456789abcdef").status_code == 404
    assert client.get("/api/articles/999").status_code == 404


def test_article_has_text_sentences_and_events(client: TestClient) -> None:
    event = client.get("/api/events", params={"code": "057"}).json()["events"][0]
    article = client.get(f"/api/articles/{event['article_id']}").json()
    assert article["doc_id"] == "visit-2024"
    assert article["title"] == "Putin in Pyongyang"
    assert article["text"].startswith("RUSGOV visited PRK")
    assert [s["index"] for s in article["sentences"]] == [0, 1, 2]
    assert {e["cameo"] for e in article["events"]} == {"042", "057", "111"}
    assert "content_hash" not in article


def test_dyad_series(client: TestClient) -> None:
    body = client.get("/api/dyad", params={"a": "RUS", "b": "PRK", "freq": "year"}).json()
    assert (body["a"], body["b"], body["freq"], body["direction"]) == ("RUS", "PRK", "year", "both")
    by_period = {p["period"]: p["events"] for p in body["series"]}
    assert by_period == {"2023": 2, "2024": 2}
    one_way = client.get(
        "/api/dyad", params={"a": "RUS", "b": "PRK", "freq": "year", "direction": "a->b"}
    ).json()
    assert {p["period"]: p["events"] for p in one_way["series"]} == {"2023": 1, "2024": 2}
    shares = client.get("/api/dyad", params={"a": "RUS", "b": "PRK", "normalize": "true"}).json()
    assert all(p["share"] is None or 0 <= p["share"] <= 1 for p in shares["series"])
    assert any(p["share"] for p in shares["series"])


def test_visits_and_asymmetry(client: TestClient) -> None:
    body = client.get("/api/visits", params={"country": "PRK"}).json()
    pairs = sorted((r["visitor"], r["host"], r["date"]) for r in body["rows"])
    assert pairs == [("PRK", "RUS", "2023-09-13"), ("RUS", "PRK", "2024-06-19")]
    assert all(row["a"] == "PRK" for row in body["asymmetry"])
    everyone = client.get("/api/visits").json()
    assert len(everyone["rows"]) == 2  # CHN's visit to KOR is only planned


def test_network(client: TestClient) -> None:
    body = client.get("/api/network").json()
    ids = {n["id"] for n in body["nodes"]}
    assert {"RUS", "PRK", "KOR", "USA"} <= ids
    edge = next(e for e in body["edges"] if (e["source"], e["target"]) == ("RUS", "PRK"))
    assert edge["weight"] == 3 and edge["cooperation"] == 3
    assert all("pagerank" in n["centrality"] for n in body["nodes"])
    conflict = client.get("/api/network", params={"kind": "conflict"}).json()
    assert {(e["source"], e["target"]) for e in conflict["edges"]} == {
        ("KOR", "RUS"),
        ("USA", "PRK"),
    }
    later = client.get("/api/network", params={"since": "2024-07"}).json()
    assert {(e["source"], e["target"]) for e in later["edges"]} == {("USA", "PRK")}


def test_openapi_schema_lists_the_read_endpoints(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    assert {"/api/events", "/api/events/{event_id}", "/api/articles/{article_id}",
            "/api/dyad", "/api/visits", "/api/network", "/api/health"} <= paths  # fmt: skip
    assert "/api/ingest" not in paths
    assert not any(path.startswith(("/static", "/dyad/", "/articles/")) for path in paths)
    limit = next(p for p in schema["paths"]["/api/events"]["get"]["parameters"]
                 if p["name"] == "limit")  # fmt: skip
    assert limit["schema"]["maximum"] == MAX_PAGE


def test_docs_pages_that_load_a_cdn_are_off(client: TestClient) -> None:
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404

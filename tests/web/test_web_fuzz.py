"""Schema-driven fuzzing: every GET operation in ``/openapi.json``, every parameter, random
text and numbers (Hypothesis, a bounded budget): never a 500."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.web.conftest import MAX_PAGE, filled_store

from legation.web import create_app

VALUES = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["' OR 1=1 --", "../../etc/passwd", "2024-13-45", "RUS", "04", "true"]),
)
PAGES = ["/events", "/dyad/RUS/PRK", "/network"]


@pytest.fixture(scope="module")
def fuzz_client(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = filled_store(tmp_path_factory.mktemp("fuzz"))
    with TestClient(create_app(str(path), max_page=MAX_PAGE)) as client:
        yield client


def operations(client: TestClient) -> list[tuple[str, list[dict[str, Any]]]]:
    schema = client.get("/openapi.json").json()
    return [(path, item["get"].get("parameters", [])) for path, item in schema["paths"].items()]


def test_schema_has_operations_to_fuzz(fuzz_client: TestClient) -> None:
    assert len(operations(fuzz_client)) >= 7


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_api_never_answers_500(fuzz_client: TestClient, data: st.DataObject) -> None:
    path, params = data.draw(st.sampled_from(operations(fuzz_client)))
    query: dict[str, str] = {}
    for param in params:
        value = data.draw(VALUES)
        if param["in"] == "path":
            path = path.replace("{" + param["name"] + "}", quote(value, safe="") or "x")
        elif data.draw(st.booleans()):
            query[param["name"]] = value
    response = fuzz_client.get(path, params=query)
    assert response.status_code < 500, (path, query, response.text[:200])


@settings(max_examples=60, deadline=None)
@given(page=st.sampled_from(PAGES), name=st.sampled_from(
    ["source", "target", "code", "since", "until", "text", "freq", "kind", "limit", "offset"]
), value=VALUES)  # fmt: skip
def test_pages_never_answer_500(fuzz_client: TestClient, page: str, name: str, value: str) -> None:
    response = fuzz_client.get(page, params={name: value})
    assert response.status_code < 500, (page, name, value, response.text[:200])

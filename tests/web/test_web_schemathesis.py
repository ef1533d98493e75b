"""Schemathesis over the OpenAPI schema (issue 6): every operation, schema-driven and
schema-violating inputs, a bounded budget — never a server error."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from tests.web.conftest import MAX_PAGE, filled_store

from legation.web import create_app

EXAMPLES = 25  # per operation; raise for a longer campaign

_FOLDER = Path(tempfile.mkdtemp(prefix="legation-schemathesis-"))
APP = create_app(str(filled_store(_FOLDER)), max_page=MAX_PAGE)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[not_a_server_error])

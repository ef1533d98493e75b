"""Store fixtures: every ``store`` test runs on SQLite (a temporary file) and, when
``LEGATION_TEST_PG_URL`` names a PostgreSQL server (``scripts/with-postgres.sh`` sets it),
on a fresh PostgreSQL database as well."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from legation.store import Store
from legation.store.db import resolve_url

PG_ENV = "LEGATION_TEST_PG_URL"
PG_URL = os.environ.get(PG_ENV)
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=[pytest.mark.slow, pytest.mark.skipif(not PG_URL, reason=f"{PG_ENV} not set")],
    ),
]


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database: a SQLite file, or a throwaway PostgreSQL database."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
        return
    assert PG_URL is not None
    admin = sa.create_engine(resolve_url(PG_URL), isolation_level="AUTOCOMMIT")
    name = f"legation_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = sa.make_url(resolve_url(PG_URL)).set(database=name)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store(store_url) as opened:
        yield opened

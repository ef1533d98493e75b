"""Two ``legation ingest`` processes feeding the same corpus into one PostgreSQL store at
the same time: both succeed, and every article is stored once, with the same counts as
one run alone. Runs when ``LEGATION_TEST_PG_URL`` is set (``scripts/with-postgres.sh``)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from legation.store import Store
from legation.store.db import resolve_url
from legation.store.schema import articles

from .helpers import snapshot, start_ingest, write_corpus

PG_URL = os.environ.get("LEGATION_TEST_PG_URL")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not PG_URL, reason="LEGATION_TEST_PG_URL not set"),
]


@pytest.fixture
def pg_databases() -> Iterator[tuple[str, str]]:
    """Two fresh, empty PostgreSQL databases (the shared one and a reference)."""
    assert PG_URL is not None
    admin = sa.create_engine(resolve_url(PG_URL), isolation_level="AUTOCOMMIT")
    names = [f"legation_rel_{uuid.uuid4().hex[:10]}" for _ in range(2)]
    with admin.connect() as conn:
        for name in names:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    base = sa.make_url(resolve_url(PG_URL))
    urls = [base.set(database=n).render_as_string(hide_password=False) for n in names]
    try:
        yield urls[0], urls[1]
    finally:
        with admin.connect() as conn:
            for name in names:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.mark.parametrize("schema_first", [True, False])
def test_two_concurrent_ingests_store_each_article_once(
    pg_databases: tuple[str, str], tmp_path: Path, schema_first: bool
) -> None:
    shared, alone = pg_databases
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, 160)
    if schema_first:
        Store(shared).close()
    # Same corpus, same moment: they race for every batch.
    runs = [start_ingest(corpus, shared, delay=0.002, batch_size=4) for _ in range(2)]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err.decode()

    single = start_ingest(corpus, alone, batch_size=4)
    _, err = single.communicate(timeout=300)
    assert single.returncode == 0, err.decode()

    with Store(shared) as store, store.engine.connect() as conn:
        hashes = conn.execute(sa.select(articles.c.content_hash)).scalars().all()
        doc_ids = conn.execute(sa.select(articles.c.doc_id)).scalars().all()
    assert len(hashes) == len(set(hashes)) and len(doc_ids) == len(set(doc_ids))
    got, want = snapshot(shared), snapshot(alone)
    for key in ("articles", "events", "mentions", "sentences", "hashes"):
        assert got[key] == want[key], key

"""Migration 6 (event identity): a store written by a version-5 legation opens with the
current code, keeps its articles, events and mentions, and its events get the linking
key that new mentions look them up by."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from store_fakes import FakeCoder, article

from legation.store import Store, identity, linking
from legation.store import db as store_db
from legation.store.migrations import _V6_COLUMNS, CURRENT_VERSION, migrate
from legation.store.schema import articles, event_mentions, events, schema_version

NOW = dt.datetime(2024, 6, 20, tzinfo=dt.UTC)


def _make_v5_store(url: str) -> None:
    """Migrations 1-5, then the tables as version 5 had them: ``_v1_tables`` creates
    today's tables, so the columns and index migration 6 adds are taken out again."""
    engine = store_db.create_engine(store_db.resolve_url(url))
    assert migrate(engine, target=5) == 5
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP INDEX IF EXISTS ix_events_link")
        for table, names in _V6_COLUMNS.items():
            for name in names:
                conn.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN {name}")
        have = {c["name"] for c in sa.inspect(conn).get_columns("events")}
        assert "link_key" not in have  # really a version-5 layout
        article_id = conn.execute(
            sa.insert(articles).values(
                doc_id="old",
                content_hash="h" * 64,
                text="old text",
                ingested_at=NOW,
                date="2024-06-19",
            )
        ).inserted_primary_key[0]
        rows = [  # a visit, the same kind of visit as a host saw it, a joint signing
            ("v", "RUS", "PRK", "042", "04"),
            ("h", "PRK", "CHN", "043", "04"),
            ("s", "RUS", "PRK", "057", "05"),
        ]
        for index, (event_id, src, tgt, cameo, root) in enumerate(rows):
            conn.execute(
                sa.text(
                    "INSERT INTO events (event_id, article_id, doc_id, sentence_index, "
                    "sentence, source_code, source_country, target_code, target_country, "
                    "cameo, root, quad_class, goldstein, modality, date, date_precision, "
                    "date_start, date_end, count, trigger, rule, dataset, num_mentions, "
                    "num_sources, num_articles, added_at) VALUES (:id, :a, 'old', :i, "
                    "'a sentence', :s, :s, :t, :t, :c, :r, 1, 1.0, 'occurred', "
                    "'2024-06-19', 'day', '2024-06-19', '2024-06-19', 1, 'x', '', "
                    "'legation', 1, 1, 1, :now)"
                ),
                {"id": event_id, "a": article_id, "i": index, "s": src, "t": tgt,
                 "c": cameo, "r": root, "now": NOW},
            )  # fmt: skip
            conn.execute(
                sa.text(
                    "INSERT INTO event_mentions (event_id, article_id, sentence_index, "
                    "sentence, added_at) VALUES (:id, :a, :i, 'a sentence', :now)"
                ),
                {"id": event_id, "a": article_id, "i": index, "now": NOW},
            )
    engine.dispose()


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection")
def test_a_version_5_store_is_upgraded_and_keeps_its_data(store_url: str) -> None:
    _make_v5_store(store_url)
    with Store(store_url) as store:
        assert store.schema_version == CURRENT_VERSION
        with store.engine.connect() as conn:
            versions = list(conn.execute(sa.select(schema_version.c.version)).scalars())
            assert 6 in versions
            assert conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar() == 1
            stored = {r["event_id"]: r for r in conn.execute(sa.select(events)).mappings()}
            mentions = list(conn.execute(sa.select(event_mentions)).mappings())
            index_names = {i["name"] for i in sa.inspect(conn).get_indexes("events")}
        assert set(stored) == {"v", "h", "s"}
        assert stored["v"]["source_country"] == "RUS" and stored["v"]["date"] == "2024-06-19"
        # every old event has the key a new mention of it would be looked up by
        for row in stored.values():
            assert row["link_key"] == linking.blocking_key(identity.row_facts(row))
        assert stored["h"]["link_key"] == "CHN|PRK|04"  # hosting read as the visit
        # mentions keep their event and get its code and modality
        assert len(mentions) == 3
        assert {(m["event_id"], m["cameo"], m["modality"]) for m in mentions} == {
            ("v", "042", "occurred"), ("h", "043", "occurred"), ("s", "057", "occurred"),
        }  # fmt: skip
        assert "ix_events_link" in index_names


def test_a_new_report_links_to_an_event_stored_before_the_upgrade(store_url: str) -> None:
    _make_v5_store(store_url)
    with Store(store_url) as store:
        summary = store.ingest(
            [article("new", "Later that week RUS visited PRK, state media said.", "2024-06-21")],
            FakeCoder(),
        )
        assert (summary.events_added, summary.mentions_added) == (0, 1)
        assert store.info().events == 3 and store.info().mentions == 4

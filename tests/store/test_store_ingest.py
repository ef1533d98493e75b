"""Ingest: idempotent, near-duplicates linked as mentions, batches, doc-id clashes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from store_fakes import EDITED, ORIGINAL, FakeCoder, article

from legation.read import read_inputs
from legation.store import EventFilter, Store
from legation.store.schema import articles, event_mentions, events

SAMPLE = (
    Path(__file__).resolve().parents[2] / "src" / "legation" / "samples" / "sample_corpus.jsonl"
)
SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def counts(store: Store) -> tuple[int, int, int, int]:
    info = store.info()
    return info.articles, info.sentences, info.events, info.mentions


def test_ingest_stores_articles_sentences_events_and_mentions(store: Store) -> None:
    summary = store.ingest([article("a1", ORIGINAL)], FakeCoder())
    assert (summary.articles_added, summary.events_added, summary.mentions_added) == (1, 3, 3)
    assert summary.sentences_added == 6
    assert counts(store) == (1, 6, 3, 3)
    stored = store.events()
    assert sorted(e.cameo for e in stored) == ["042", "057", "111"]
    # the record comes back exactly as the coder made it
    [coded] = FakeCoder().code_stream([article("a1", ORIGINAL)])
    assert {e.event_id: e for e in stored} == {e.event_id: e for e in coded.events}


def test_ingesting_twice_adds_nothing(store: Store) -> None:
    batch = [article(f"d{i}", f"RUS visited PRK {i} times. CHN met USA{i}.") for i in range(5)]
    first = store.ingest(batch, FakeCoder())
    before = counts(store)
    coder = FakeCoder()
    second = store.ingest(batch, coder)
    assert counts(store) == before
    assert first.articles_added == 5 and second.articles_added == 0
    assert second.already_stored == 5
    assert coder.coded == []  # skipped before coding, not after


def test_same_text_twice_in_one_run_is_stored_once(store: Store) -> None:
    summary = store.ingest([article("x", ORIGINAL), article("y", ORIGINAL + "  ")], FakeCoder())
    assert summary.articles_added == 1 and summary.already_stored == 1


def test_empty_articles_are_skipped_with_a_warning(store: Store) -> None:
    warnings: list[str] = []
    summary = store.ingest([article("e", "   ")], FakeCoder(), on_warning=warnings.append)
    assert summary.empty == 1 and summary.articles_added == 0
    assert warnings and "empty" in warnings[0]


def test_near_duplicate_is_linked_and_its_events_are_mentions(store: Store) -> None:
    store.ingest([article("orig", ORIGINAL, title="Putin in Pyongyang")], FakeCoder())
    summary = store.ingest(
        [article("copy", EDITED, title="Russian leader lands in North Korea")], FakeCoder()
    )
    assert summary.near_duplicates == 1
    rows = {a["doc_id"]: a for a in store.articles()}
    assert rows["copy"]["duplicate_of"] == rows["orig"]["id"]
    assert 0.8 <= rows["copy"]["similarity"] < 1.0
    # three shared events become mentions; the edited sentence's new event is new
    assert summary.events_added == 1 and summary.mentions_added == 4
    stored = {(e.source.code if e.source else None, e.cameo): e for e in store.events()}
    assert set(stored) == {("RUSGOV", "042"), ("RUS", "057"), ("KOR", "111"), ("USA", "111")}
    for key in [("RUSGOV", "042"), ("RUS", "057"), ("KOR", "111")]:
        event = stored[key]
        assert event.doc_id == "orig"
        reported_by = [m["doc_id"] for m in store.mentions(event.event_id)]
        assert reported_by == ["orig", "copy"]
    new = stored[("USA", "111")]
    assert new.doc_id == "copy" and [m["doc_id"] for m in store.mentions(new.event_id)] == ["copy"]
    rows_by_id = {r["event_id"]: r for r in store.event_rows(EventFilter())}
    assert rows_by_id[stored[("RUS", "057")].event_id]["num_mentions"] == 2
    assert rows_by_id[stored[("RUS", "057")].event_id]["num_articles"] == 2
    assert rows_by_id[new.event_id]["num_mentions"] == 1


def test_near_duplicate_of_a_near_duplicate_links_to_the_original(store: Store) -> None:
    third = EDITED.replace("closed talks", "long closed talks")
    store.ingest([article("orig", ORIGINAL), article("copy", EDITED)], FakeCoder())
    store.ingest([article("copy2", third)], FakeCoder())
    rows = {a["doc_id"]: a for a in store.articles()}
    assert rows["copy2"]["duplicate_of"] == rows["orig"]["id"]
    # the USA event first seen in "copy" is matched too: the whole family is searched
    usa = [e for e in store.events() if e.source and e.source.code == "USA"]
    assert len(usa) == 1
    assert [m["doc_id"] for m in store.mentions(usa[0].event_id)] == ["copy", "copy2"]


def test_different_articles_are_not_linked(store: Store) -> None:
    other = (
        "CHN met USA in Geneva on Tuesday to discuss tariffs and export controls. "
        "The delegations agreed to meet again next month. Markets rose on the news. "
        "JPN praised CHN for keeping the channel open."
    )
    summary = store.ingest([article("a", ORIGINAL), article("b", other)], FakeCoder())
    assert summary.near_duplicates == 0
    assert all(a["duplicate_of"] is None for a in store.articles())


def test_same_event_in_two_outlets_is_one_event_with_two_mentions(store: Store) -> None:
    # Different texts, same news day, same actors and code: one event, reported twice.
    store.ingest(
        [
            article("a", "RUS visited PRK. It rained.", source="Outlet A"),
            article("b", "Reports: RUS visited PRK!", source="Outlet B"),
        ],
        FakeCoder(),
    )
    [visit] = store.event_rows(EventFilter(source="RUS"))
    assert (visit["num_mentions"], visit["num_articles"], visit["num_sources"]) == (2, 2, 2)


def test_reports_a_week_apart_without_dates_in_the_text_stay_two_events(store: Store) -> None:
    store.ingest(
        [
            article("a", "RUS visited PRK. It rained.", date="2024-06-19"),
            article("b", "Reports: RUS visited PRK!", date="2024-06-26"),
        ],
        FakeCoder(),
    )
    assert len(store.events(source="RUS")) == 2


def test_reused_doc_id_with_new_text_gets_its_own_events(store: Store) -> None:
    store.ingest([article("report", "RUS visited PRK.")], FakeCoder())
    store.ingest([article("report", "RUS visited PRK. CHN met USA.", "2024-07-30")], FakeCoder())
    doc_ids = sorted(a["doc_id"] for a in store.articles())
    assert doc_ids[0] == "report" and doc_ids[1].startswith("report#")
    assert len(store.events(source="RUS")) == 2  # two articles, each with its own event


def test_commits_per_batch_and_reports_progress(store: Store) -> None:
    seen: list[int] = []
    batch = [article(f"n{i}", f"Story {i}: RUS met PRK{i:03d} about item {i}.") for i in range(7)]
    summary = store.ingest(
        batch, FakeCoder(), batch_size=3, progress=lambda s: seen.append(s.articles_added)
    )
    assert summary.batches == 3
    assert seen == [3, 6, 7, 7]  # after each commit, then the final summary


def test_batch_rolls_back_whole_on_error(store: Store) -> None:
    class Exploding(FakeCoder):
        def code_stream(self, items, batch_size=32):  # type: ignore[no-untyped-def]
            for n, coded in enumerate(super().code_stream(items)):
                if n == 3:
                    raise RuntimeError("coder crashed")
                yield coded

    batch = [article(f"n{i}", f"Story {i}: RUS met PRK{i:03d}.") for i in range(6)]
    with pytest.raises(RuntimeError):
        store.ingest(batch, Exploding(), batch_size=2)
    assert store.info().articles == 2  # the first batch; the second never committed
    again = store.ingest(batch, FakeCoder(), batch_size=2)
    assert again.already_stored == 2 and again.articles_added == 4


def test_default_coder_is_the_pipeline(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import legation.pipeline

    monkeypatch.setattr(legation.pipeline, "Coder", FakeCoder)
    assert store.ingest([article("a", "RUS visited PRK.")]).events_added == 1


def test_sample_corpus_twice_gives_identical_counts(store: Store) -> None:
    first = store.ingest(read_inputs([str(SAMPLE)]), FakeCoder())
    before = counts(store)
    second = store.ingest(read_inputs([str(SAMPLE)]), FakeCoder())
    assert (
        first.articles_added == sum(1 for _ in SAMPLE.open()) and before[0] == first.articles_added
    )
    assert second.articles_added == 0 and counts(store) == before


@pytest.mark.shared
def test_seed_corpus_twice_gives_identical_counts(store: Store) -> None:
    seeds = SHARED / "corpus" / "seeds.jsonl"
    if not seeds.exists():
        pytest.skip("../shared/corpus is absent")
    n = sum(1 for line in seeds.open() if line.strip())
    first = store.ingest(read_inputs([str(seeds)]), FakeCoder())
    before = counts(store)
    store.ingest(read_inputs([str(seeds)]), FakeCoder())
    assert first.articles_added == n and counts(store) == before


def test_rows_hold_the_full_record(store: Store) -> None:
    store.ingest([article("a1", ORIGINAL, url="https://example.org/a1")], FakeCoder())
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(events).limit(1)).mappings().one()
        art = conn.execute(sa.select(articles)).mappings().one()
        n_mentions = conn.execute(sa.select(sa.func.count()).select_from(event_mentions)).scalar()
    assert row["date_start"] == row["date_end"] == "2024-06-19"
    assert art["source"] == "example.org" and art["content_hash"] and n_mentions == 3
    assert json.dumps(store.events()[0].to_dict())


@pytest.mark.slow
def test_real_coder_near_duplicate_shares_events(store: Store) -> None:
    """The issue's case with the real coder: a copy with a new headline and one edited
    sentence is linked to the original, and the events both report are mentions."""
    pytest.importorskip("spacy")
    from legation.pipeline import Coder

    coder = Coder()
    originals = list(read_inputs([str(SAMPLE)]))
    coded = {c.article.id: c for c in coder.code_stream(originals)}
    # the article with the most events among those with a sentence that has none
    choices = [
        (len(coded[a.id].events), a, i)
        for a in originals
        for i in range(len(coded[a.id].sentences))
        if coded[a.id].events and all(e.sentence_index != i for e in coded[a.id].events)
    ]
    if not choices:
        pytest.skip("every sample sentence holds an event: nothing to edit harmlessly")
    _, source, quiet = max(choices, key=lambda c: (c[0], -c[2]))
    sentences = coded[source.id].sentences
    edited = source.text.replace(sentences[quiet], sentences[quiet].rstrip(".") + ", aides said.")
    assert edited != source.text
    day = source.date.isoformat() if source.date else "2024-01-01"
    copy = article(source.id + "-copy", edited, day, title="A different headline")
    store.ingest([source], coder)
    before = {e.event_id for e in store.events()}
    assert before, "the coder found no events in the sample corpus"
    mentions = store.info().mentions
    summary = store.ingest([copy], coder)
    assert summary.near_duplicates == 1
    # the edited sentence held no event: every mention is reported again, no event is new
    assert (summary.events_added, summary.mentions_added) == (0, mentions)
    for event_id in before:  # each event: as many mentions in the copy as in the source
        docs = [m["doc_id"] for m in store.mentions(event_id)]
        assert docs.count(source.id) == docs.count(copy.id) >= 1, docs

"""Event filters: actors, dyads, codes, PLOVER, modality, date overlap, full text, limits."""

from __future__ import annotations

import pytest
from store_fakes import FakeCoder, article

from legation.errors import InputError
from legation.model import Event
from legation.store import EventFilter, Store

ARTICLES = [
    article(
        "a", "RUSGOV visited PRK to sign the pact. RUS signed a treaty with PRK.", "2024-06-19"
    ),
    article("b", "PRKGOV praised RUS for its support during the war.", "2024-06-25"),
    article(
        "c", "USA criticised PRK over missile launches. CHN will visit KOR soon.", "2024-07-02"
    ),
    article("d", "JPN did not meet CHN in Tokyo despite the summit plans.", "2023-11-30"),
]


@pytest.fixture
def filled(store: Store) -> Store:
    store.ingest(ARTICLES, FakeCoder())
    return store


def keys(events: list[Event]) -> list[tuple[str, str, str]]:
    return sorted(
        (e.source.code if e.source else "", e.cameo, e.target.code if e.target else "")
        for e in events
    )


def test_source_country_matches_every_sector(filled: Store) -> None:
    assert keys(filled.events(source="RUS")) == [("RUS", "057", "PRK"), ("RUSGOV", "042", "PRK")]


def test_actor_code_matches_that_actor(filled: Store) -> None:
    assert keys(filled.events(source="RUSGOV")) == [("RUSGOV", "042", "PRK")]
    assert keys(filled.events(source="rusgov")) == [("RUSGOV", "042", "PRK")]


def test_source_and_target_and_dyad(filled: Store) -> None:
    assert len(filled.events(source="RUS", target="PRK")) == 2
    assert keys(filled.events(source="PRK", target="RUS")) == [("PRKGOV", "051", "RUS")]
    assert len(filled.events(source="PRK", target="RUS", dyad=True)) == 3
    assert len(filled.events(source="PRK", dyad=True)) == 4  # PRK on either side


def test_code_prefix_root_and_several(filled: Store) -> None:
    assert keys(filled.events(code="04")) == [
        ("CHN", "042", "KOR"),
        ("JPN", "040", "CHN"),
        ("RUSGOV", "042", "PRK"),
    ]
    assert keys(filled.events(code="042")) == [("CHN", "042", "KOR"), ("RUSGOV", "042", "PRK")]
    assert len(filled.events(code=["057", "111"])) == 2
    assert len(filled.events(code="057,111")) == 2


def test_plover_and_modality(filled: Store) -> None:
    assert {e.cameo for e in filled.events(plover="CONSULT")} == {"040", "042"}
    assert keys(filled.events(modality="planned")) == [("CHN", "042", "KOR")]
    assert keys(filled.events(modality="negated")) == [("JPN", "040", "CHN")]
    assert len(filled.events(modality=["occurred"])) == 4


def test_since_until_by_overlap(filled: Store) -> None:
    assert len(filled.events(since="2024-06-20")) == 3  # b (06-25) and c (2 events)
    assert len(filled.events(until="2023-12")) == 1
    assert len(filled.events(since="2024-06", until="2024-06")) == 3
    assert len(filled.events(since="2024")) == 5
    assert len(filled.events()) == 6


def test_month_precision_dates_overlap_a_day_range(store: Store) -> None:
    coded = next(FakeCoder().code_stream([article("m", "RUS visited PRK.")])).events[0]
    month = Event.from_dict(
        {**coded.to_dict(), "date": "2024-06", "date_precision": "month", "event_id": ""}
    )

    class MonthCoder(FakeCoder):
        def code_stream(self, items, batch_size=32):  # type: ignore[no-untyped-def]
            for c in super().code_stream(items):
                yield type(c)(c.article, c.sentences, (month,))

    store.ingest([article("m", "RUS visited PRK.")], MonthCoder())
    assert len(store.events(since="2024-06-15", until="2024-06-15")) == 1
    assert store.events(since="2024-07-01") == []
    # a page (limit) takes another path: events starting in the range, plus longer-dated
    # events that started before it (the partial index); both must be there, in order
    assert len(store.events(since="2024-06-15", limit=10)) == 1
    assert store.events(since="2024-07-01", limit=10) == []


def test_since_pages_merge_spanning_and_inside_events(store: Store) -> None:
    coded = FakeCoder().code_stream(
        [article(f"d{n}", "RUS visited PRK.", f"2024-06-{n:02d}") for n in range(1, 21)]
    )
    day_events = [c.events[0] for c in coded]
    year = Event.from_dict(
        {**day_events[0].to_dict(), "date": "2024", "date_precision": "year", "event_id": "",
         "doc_id": "y"}
    )  # fmt: skip

    class YearCoder(FakeCoder):
        def code_stream(self, items, batch_size=32):  # type: ignore[no-untyped-def]
            for c in super().code_stream(items):
                extra = (year,) if c.article.id == "d1" else ()
                yield type(c)(c.article, c.sentences, c.events + extra)

    store.ingest(
        [article(f"d{n}", "RUS visited PRK.", f"2024-06-{n:02d}") for n in range(1, 21)],
        YearCoder(),
    )
    everything = store.events(since="2024-06-10")
    page = store.events(since="2024-06-10", limit=5)
    assert [e.event_id for e in page] == [e.event_id for e in everything[:5]]
    assert page[0].date == "2024"  # started 2024-01-01, still covers 2024-06-10
    second = store.events(since="2024-06-10", limit=5, offset=5)
    assert [e.event_id for e in second] == [e.event_id for e in everything[5:10]]


def test_full_text_search_uses_stemming(filled: Store) -> None:
    assert keys(filled.events(text="treaties")) == [("RUS", "057", "PRK")]
    assert keys(filled.events(text="missile launch")) == [("USA", "111", "PRK")]
    assert filled.events(text="nothing-like-this") == []
    # punctuation in a query is not query syntax
    assert filled.events(text='"pact" OR (war') == []


def test_limit_offset_and_order(filled: Store) -> None:
    everything = filled.events()
    assert [e.date for e in everything] == sorted(e.date or "" for e in everything)
    assert filled.events(limit=2) == everything[:2]
    assert filled.events(limit=2, offset=2) == everything[2:4]
    assert filled.count_events(EventFilter(source="RUS")) == 2


@pytest.mark.parametrize(
    ("kwargs", "flag"),
    [
        ({"source": "R-S"}, "--source"),
        ({"code": "4x"}, "--code"),
        ({"modality": "maybe"}, "--modality"),
        ({"since": "June 2024"}, "--since"),
        ({"until": "2024-13-01"}, "--until"),
        ({"text": "!!"}, "--text"),
        ({"limit": -1}, "--limit"),
    ],
)
def test_bad_filters_are_input_errors(filled: Store, kwargs: dict[str, object], flag: str) -> None:
    with pytest.raises(InputError) as info:
        filled.events(**kwargs)  # type: ignore[arg-type]
    assert info.value.where == flag

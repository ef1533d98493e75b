"""Exports: JSONL records, CSV/TSV, Parquet, GDELT 2.0 events + mentions, PLOVER JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from store_fakes import EDITED, ORIGINAL, FakeCoder, article

from legation.errors import InputError
from legation.store import EventFilter, Store
from legation.store.export import TABLE_COLUMNS
from legation.store.gdelt import EVENT_COLUMNS, MENTION_COLUMNS, fraction_date, global_event_id
from legation.store.gdelt_export import mentions_path

SCHEMA = Path(__file__).resolve().parents[2].parent / "shared" / "schema" / "event.schema.json"


@pytest.fixture
def filled(store: Store) -> Store:
    store.ingest(
        [
            article("orig", ORIGINAL, url="https://news.example/orig", source="Example News"),
            article("copy", EDITED, url="https://wire.example/copy", source="Wire"),
            article("plain", "KOR will meet JPN. PRK threatened KOR.", "2024-07-01"),
        ],
        FakeCoder(),
    )
    return store


def test_layouts_follow_the_codebooks() -> None:
    assert len(EVENT_COLUMNS) == 61 and len(MENTION_COLUMNS) == 16
    assert EVENT_COLUMNS[:5] == ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate")
    assert EVENT_COLUMNS[25:35] == (
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
        "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    )  # fmt: skip
    assert EVENT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")
    assert fraction_date(2024, 6, 19) == round(2024 + (6 * 30 + 19) / 365, 4)
    assert global_event_id("00000000000000ff") == 0xF
    assert global_event_id("gdelt-1", {"GlobalEventID": "1170000001"}) == 1170000001


def test_jsonl_records_round_trip(filled: Store) -> None:
    out = io.StringIO()
    result = filled.export("jsonl", stream=out)
    lines = out.getvalue().splitlines()
    assert result.events == len(lines) == len(filled.events())
    records = [json.loads(line) for line in lines]
    assert {r["event_id"] for r in records} == {e.event_id for e in filled.events()}
    treaty = next(r for r in records if r["cameo"] == "057")
    assert (treaty["num_mentions"], treaty["num_articles"], treaty["num_sources"]) == (2, 2, 2)


@pytest.mark.shared
def test_jsonl_records_match_the_event_schema(filled: Store) -> None:
    if not SCHEMA.exists():
        pytest.skip("../shared/schema is absent")
    import jsonschema

    schema = json.loads(SCHEMA.read_text())
    out = io.StringIO()
    filled.export("jsonl", stream=out)
    for line in out.getvalue().splitlines():
        jsonschema.validate(json.loads(line), schema)


def test_csv_and_tsv_tables(filled: Store, tmp_path: Path) -> None:
    out = io.StringIO()
    filled.export("csv", stream=out, flt=EventFilter(source="KOR"))
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == TABLE_COLUMNS
    assert {(r["source_code"], r["cameo"], r["modality"]) for r in rows} == {
        ("KOR", "111", "occurred"),
        ("KOR", "040", "planned"),
    }
    path = tmp_path / "events.tsv"
    result = filled.export("tsv", path)
    lines = path.read_text().splitlines()
    assert result.paths == [path] and len(lines) == result.events + 1
    assert all(line.count("\t") == len(TABLE_COLUMNS) - 1 for line in lines)


def test_parquet_reads_back(filled: Store, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    path = tmp_path / "events.parquet"
    filled.export("parquet", path, flt=EventFilter(code="057"))
    table = pq.read_table(path)
    assert table.column_names == list(TABLE_COLUMNS)
    row = table.to_pylist()[0]
    assert (row["cameo"], row["num_mentions"], row["url"]) == (
        "057",
        2,
        "https://news.example/orig",
    )
    empty = tmp_path / "none.parquet"
    assert filled.export("parquet", empty, flt=EventFilter(code="20")).events == 0
    assert pq.read_table(empty).num_rows == 0


def test_gdelt_events_and_mentions(filled: Store, tmp_path: Path) -> None:
    path = tmp_path / "legation.export.CSV"
    result = filled.export("gdelt", path)
    assert result.paths == [path, tmp_path / "legation.mentions.CSV"]
    events = [line.split("\t") for line in path.read_text().splitlines()]
    assert result.events == len(events) == len(filled.events())
    assert all(len(cells) == 61 for cells in events)
    by_code = {
        cells[EVENT_COLUMNS.index("EventCode")]: dict(zip(EVENT_COLUMNS, cells, strict=True))
        for cells in events
    }
    treaty = by_code["057"]
    assert (treaty["Day"], treaty["MonthYear"], treaty["Year"]) == ("20240619", "202406", "2024")
    assert (treaty["Actor1Code"], treaty["Actor1CountryCode"], treaty["Actor2Code"]) == (
        "RUS",
        "RUS",
        "PRK",
    )
    assert (treaty["EventBaseCode"], treaty["EventRootCode"], treaty["QuadClass"]) == (
        "057",
        "05",
        "1",
    )
    assert (treaty["NumMentions"], treaty["NumSources"], treaty["NumArticles"]) == ("2", "2", "2")
    assert treaty["SOURCEURL"] == "https://news.example/orig"
    assert len(treaty["DATEADDED"]) == 14 and treaty["DATEADDED"].isdigit()
    assert by_code["042"]["Actor1Type1Code"] == "GOV" and by_code["042"]["IsRootEvent"] == "1"
    mentions = [
        dict(zip(MENTION_COLUMNS, line.split("\t"), strict=True))
        for line in result.paths[1].read_text().splitlines()
    ]
    assert result.mentions == len(mentions) == filled.info().mentions
    of_treaty = [m for m in mentions if m["GlobalEventID"] == treaty["GlobalEventID"]]
    assert [m["MentionIdentifier"] for m in of_treaty] == [
        "https://news.example/orig",
        "https://wire.example/copy",
    ]
    assert [m["SentenceID"] for m in of_treaty] == ["3", "3"]
    first = of_treaty[0]
    text = ORIGINAL
    assert text[int(first["Actor1CharOffset"]) :].startswith("RUS signed")
    assert text[int(first["ActionCharOffset"]) :].startswith("signed a treaty with")
    assert first["MentionDocLen"] == str(len(text)) and first["Confidence"] == "100"
    assert int(of_treaty[1]["Confidence"]) < 100  # a near-duplicate's mention


def test_gdelt_needs_an_output_file(filled: Store) -> None:
    with pytest.raises(InputError):
        filled.export("gdelt", stream=io.StringIO())
    with pytest.raises(InputError):
        filled.export("xml", stream=io.StringIO())
    assert mentions_path(Path("out.tsv")) == Path("out.mentions.tsv")


def test_plover_json(filled: Store, tmp_path: Path) -> None:
    path = tmp_path / "events.json"
    result = filled.export("plover", path)
    records = json.loads(path.read_text())
    assert result.events == len(records) and result.skipped == 0
    visit = next(r for r in records if r["cameo"] == "042")
    assert visit["event"] == "CONSULT" and visit["mode"] == "visit"
    assert visit["source"] == [{"actorText": "RUSGOV", "code": "RUSGOV", "country": "RUS",
                                "sector": "GOV", "name": None}]  # fmt: skip
    assert visit["date"] == "2024-06-19" and visit["text"].startswith("RUSGOV visited PRK")
    assert visit["publication"] == "Example News" and visit["numMentions"] == 2
    planned = next(r for r in records if r["modality"] == "planned")
    assert planned["event"] == "CONSULT"
    empty = io.StringIO()
    filled.export("plover", stream=empty, flt=EventFilter(code="20"))
    assert json.loads(empty.getvalue()) == []


def test_to_pandas_reports_missing_pandas_or_works(filled: Store) -> None:
    try:
        import pandas  # noqa: F401
    except ModuleNotFoundError:
        from legation.errors import StoreError

        with pytest.raises(StoreError, match="pandas"):
            filled.to_pandas()
        return
    frame = filled.to_pandas(source="RUS")
    assert list(frame.columns) == list(TABLE_COLUMNS) and len(frame) == 2

"""Event writers: JSONL is ``Event.to_dict`` (and valid against the shared schema), CSV and
TSV flatten the same record; atomic output never leaves half a file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from legation.errors import InputError
from legation.model import Actor, Event, Location, Plover
from legation.output import FLAT_COLUMNS, atomic_output, flatten, format_for, write_events

SCHEMA = Path(__file__).resolve().parents[1].parent / "shared" / "schema" / "event.schema.json"


def make_event(doc_id: str = "doc-1", sentence: str = "Putin visited Pyongyang.") -> Event:
    return Event(
        doc_id=doc_id,
        sentence_index=0,
        sentence=sentence,
        source=Actor("RUSGOV", "RUS", "GOV", "Vladimir Putin", "Putin"),
        target=Actor("PRK", "PRK", None, "North Korea", "Pyongyang"),
        cameo="042",
        root="04",
        quad_class=1,
        goldstein=1.9,
        plover=Plover("CONSULT", "visit"),
        modality="occurred",
        trigger="visited",
        date="2024-06-19",
        date_precision="day",
        location=Location("Pyongyang", "PRK"),
        rule="lexicon:visit+dobj",
    )


def bare_event() -> Event:
    return Event(
        "doc-2", 3, "They talked.", None, None, "040", "04", 1, 1.0, None, "planned", "talked"
    )


def test_jsonl_is_to_dict_one_line_each() -> None:
    stream = io.StringIO()
    events = [make_event(), bare_event()]
    assert write_events(events, stream, "jsonl") == 2
    lines = stream.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == [e.to_dict() for e in events]
    assert Event.from_dict(json.loads(lines[0])) == events[0]


def test_jsonl_keeps_non_ascii_text_readable() -> None:
    stream = io.StringIO()
    write_events([make_event(sentence="Zelenskyy met Erdoğan in Kyiv.")], stream)
    assert "Erdoğan" in stream.getvalue()


@pytest.mark.shared
def test_jsonl_records_validate_against_the_shared_schema() -> None:
    if not SCHEMA.exists():
        pytest.skip("../shared/schema/event.schema.json is absent")
    import jsonschema

    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    stream = io.StringIO()
    write_events([make_event(), bare_event()], stream, "jsonl")
    for line in stream.getvalue().splitlines():
        validator.validate(json.loads(line))


def test_csv_has_a_header_and_one_flat_row_per_event() -> None:
    stream = io.StringIO()
    sentence = 'He said, "we agreed"\nand left.'
    assert write_events([make_event(sentence=sentence), bare_event()], stream, "csv") == 2
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert list(rows[0]) == list(FLAT_COLUMNS)
    first, second = rows
    assert first["source_code"] == "RUSGOV" and first["target_country"] == "PRK"
    assert first["plover_type"] == "CONSULT" and first["plover_mode"] == "visit"
    assert first["location_name"] == "Pyongyang" and first["goldstein"] == "1.9"
    assert first["sentence"] == sentence  # quoted, so commas, quotes and newlines survive
    assert second["source_code"] == "" and second["plover_type"] == ""  # null → empty cell
    assert second["modality"] == "planned" and second["sentence_index"] == "3"


def test_csv_header_is_written_even_without_events() -> None:
    stream = io.StringIO()
    assert write_events([], stream, "csv") == 0
    assert stream.getvalue() == ",".join(FLAT_COLUMNS) + "\n"


def test_tsv_replaces_tabs_and_line_breaks_so_each_event_is_one_line() -> None:
    stream = io.StringIO()
    write_events([make_event(sentence="A\tB\nC\r\nD")], stream, "tsv")
    header, row = stream.getvalue().splitlines()
    assert header.split("\t") == list(FLAT_COLUMNS)
    cells = dict(zip(FLAT_COLUMNS, row.split("\t"), strict=True))
    assert cells["sentence"] == "A B C  D"
    assert cells["trigger"] == "visited"


def test_flatten_covers_every_column() -> None:
    assert set(flatten(make_event())) == set(FLAT_COLUMNS)


@pytest.mark.parametrize(
    ("path", "fmt", "expected"),
    [
        (None, None, "jsonl"),
        ("-", None, "jsonl"),
        ("out.CSV", None, "csv"),
        ("out.tsv", None, "tsv"),
        ("out.json", None, "jsonl"),
        ("out.csv", "jsonl", "jsonl"),
    ],
)
def test_format_for(path: str | None, fmt: str | None, expected: str) -> None:
    assert format_for(path, fmt) == expected


def test_format_for_unknown_suffix_asks_for_format() -> None:
    with pytest.raises(InputError) as info:
        format_for("out.xlsx")
    assert info.value.where == "out.xlsx"
    assert info.value.message.startswith("unknown output format 'xlsx'")


def test_atomic_output_appears_only_on_success(tmp_path: Path) -> None:
    target = tmp_path / "events.jsonl"
    with atomic_output(target) as stream:
        stream.write("one\n")
        assert not target.exists()
    assert target.read_text(encoding="utf-8") == "one\n"
    assert [p.name for p in tmp_path.iterdir()] == ["events.jsonl"]


def test_atomic_output_failure_keeps_the_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "events.jsonl"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_output(target) as stream:
        stream.write("half")
        raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["events.jsonl"]


def test_atomic_output_to_a_missing_folder_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot write"), atomic_output(tmp_path / "no" / "x"):
        pass


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_formula_like_text_cells_are_neutralised_but_numbers_stay_numbers(fmt: str) -> None:
    event = make_event(sentence='=HYPERLINK("http://evil.example","click") said the envoy.')
    event = Event.from_dict(
        {**event.to_dict(), "goldstein": -2.0, "trigger": "+visit", "rule": "@rule"}
    )
    stream = io.StringIO()
    write_events([event], stream, fmt)  # type: ignore[arg-type]
    delimiter = "," if fmt == "csv" else "\t"
    rows = list(csv.DictReader(io.StringIO(stream.getvalue()), delimiter=delimiter))
    assert rows[0]["sentence"].startswith("'=HYPERLINK(")
    assert rows[0]["trigger"] == "'+visit" and rows[0]["rule"] == "'@rule"
    assert rows[0]["goldstein"] == "-2.0"  # a number, not text: left as it is
    assert rows[0]["source_code"] == "RUSGOV"


@pytest.mark.parametrize("text", ["-1 dead", "\tindented", "\rreturn", "@handle", "+44 20"])
def test_spreadsheet_safe_prefixes_every_formula_start(text: str) -> None:
    from legation.output import spreadsheet_safe

    assert spreadsheet_safe(text) == "'" + text
    assert spreadsheet_safe(-2.0) == -2.0 and spreadsheet_safe("Moscow") == "Moscow"

"""Readers under hostile or odd input (issue 13): each case once stopped a run with a
traceback, hung it, invented data, or took unbounded work; now it is one warning naming
file and line (the record skipped, the rest read) or one clear error."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import legation.read.base as base
from legation.errors import InputError, printable
from legation.model import Article
from legation.read import ReadStats, read_inputs

D = dt.date


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return str(path)


def line(record: object) -> str:
    return json.dumps(record)


def read(paths: list[str], default_date: dt.date | None = None) -> tuple[list[Article], list[str]]:
    warned: list[str] = []
    articles = list(read_inputs(paths, default_date, warned.append, stats=ReadStats()))
    return articles, warned


# --- tracebacks that stopped a run -----------------------------------------------------------


def test_json_integer_over_4300_digits_skips_only_its_line(tmp_path: Path) -> None:
    huge = '{"id": 1' + "0" * 5000 + ', "text": "An envoy arrived."}'
    content = "\n".join([huge, line({"id": "b", "text": "The talks went on."})]) + "\n"
    path = write(tmp_path, "big.jsonl", content)
    articles, warned = read([path])
    assert [a.id for a in articles] == ["b"]
    assert len(warned) == 2  # the skipped line, the first undated article
    assert warned[0].startswith(f"{path}:1: not valid JSON (")
    assert warned[0].endswith("; line skipped")
    assert "set_int_max_str_digits" not in warned[0]


def test_unterminated_string_message_says_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, "u.jsonl", '{"id": "a", "text": "no end\n')
    _, warned = read([path])
    assert warned[0].startswith(f"{path}:1: not valid JSON (Unterminated string starting at ")
    assert " at at " not in warned[0]
    assert re.search(r"starting at column \d+\)", warned[0])


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "1799-12-31"])
def test_implausible_article_date_is_warned_and_dropped(tmp_path: Path, value: str) -> None:
    content = line({"id": "a", "text": "A minister flew in.", "date": value}) + "\n"
    path = write(tmp_path, "d.jsonl", content)
    [article], warned = read([path], D(2024, 3, 1))
    assert article.date == D(2024, 3, 1)  # the --date, not the implausible one
    assert warned[0].startswith(f"{path}:1: date {value} is outside the plausible range 1800-01-01")
    assert warned[0].endswith("article kept with --date 2024-03-01")


def test_plausible_dates_at_the_window_edges_are_kept(tmp_path: Path) -> None:
    first, last = base.date_window()
    records = [
        {"id": "a", "text": "An old report.", "date": first.isoformat()},
        {"id": "b", "text": "A planned summit.", "date": last.isoformat()},
    ]
    path = write(tmp_path, "w.jsonl", "".join(line(r) + "\n" for r in records))
    articles, warned = read([path])
    assert [a.date for a in articles] == [first, last]
    assert warned == []


def test_implausible_default_date_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "The delegation left.")
    with pytest.raises(InputError) as info:
        read([path], D(9999, 12, 31))
    assert info.value.where == "--date"
    assert "outside the plausible range" in info.value.message


# --- unbounded work from small input --------------------------------------------------------


def test_csv_header_of_many_columns_gives_a_bounded_message(tmp_path: Path) -> None:
    columns = ["id", "text", *(f"extra{i}" for i in range(20_000))]
    row = ["a", "Talks began in Oslo.", *([""] * 20_000)]
    path = write(tmp_path, "wide.csv", ",".join(columns) + "\n" + ",".join(row) + "\n")
    articles, warned = read([path], D(2024, 1, 1))
    assert [a.id for a in articles] == ["a"]
    assert len(warned) == 1
    assert "and 19,980 more" in warned[0]
    assert len(warned[0]) < 2_000


def test_csv_header_naming_a_column_twice_among_many_is_fatal(tmp_path: Path) -> None:
    columns = ["id", "text", *(f"c{i}" for i in range(5_000)), "c7"]
    path = write(tmp_path, "dup.csv", ",".join(columns) + "\n")
    with pytest.raises(InputError, match=r"named twice: 'c7'$"):
        read([path])


# --- smaller ones -----------------------------------------------------------------------------


@pytest.mark.parametrize("ending", ["\r", "\n", "\r\n"])
def test_every_line_ending_splits_jsonl(tmp_path: Path, ending: str) -> None:
    records = [{"id": str(i), "text": f"Envoy {i} arrived."} for i in range(3)]
    path = write(tmp_path, "e.jsonl", ending.join(line(r) for r in records) + ending)
    articles, warned = read([path], D(2024, 1, 1))
    assert [a.id for a in articles] == ["0", "1", "2"]
    assert [a.origin for a in articles] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    assert warned == []


def test_cr_only_csv_is_read_row_by_row(tmp_path: Path) -> None:
    path = write(tmp_path, "m.csv", 'id,text\r"a","One."\r"b","Two."\r')
    articles, warned = read([path], D(2024, 1, 1))
    assert [(a.id, a.text) for a in articles] == [("a", "One."), ("b", "Two.")]
    assert warned == []


@pytest.mark.parametrize("name", ["bom.jsonl", "bom.csv", "bom.txt"])
def test_a_file_of_only_a_bom_is_empty(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, name, b"\xef\xbb\xbf")
    articles, warned = read([path], D(2024, 1, 1))
    assert articles == []
    assert warned == [f"{path}: empty, no articles"]


def test_a_newline_in_a_file_name_stays_inside_one_message_line(tmp_path: Path) -> None:
    path = write(tmp_path, "two\nlines\x1b[31m.jsonl", "{bad\n")
    _, warned = read([path])
    assert len(warned) == 1
    assert "\n" not in warned[0] and "\x1b" not in warned[0]
    assert warned[0].startswith(printable(path) + ":1: not valid JSON")
    with pytest.raises(InputError) as info:
        read([str(tmp_path / "gone\n.jsonl")])
    assert "\n" not in str(info.value)
    assert str(info.value).startswith(f"{tmp_path}/gone\\n.jsonl: ")


def test_printable_escapes_control_characters_only() -> None:
    assert printable("a\nb\tc\x1b[0m\u2028d é") == "a\\nb\\tc\\x1b[0m\\u2028d é"


# --- the line splitter ----------------------------------------------------------------------


def reference_lines(data: bytes, limit: int) -> list[bytes | None]:
    parts = re.split(rb"(\r\n|\r|\n)", data)
    lines: list[bytes | None] = [
        None if len(parts[i]) > limit else parts[i] + parts[i + 1]
        for i in range(0, len(parts) - 1, 2)
    ]
    if parts[-1]:
        lines.append(None if len(parts[-1]) > limit else parts[-1])
    return lines


@settings(max_examples=300, deadline=None)
@given(
    data=st.lists(st.sampled_from([b"a", b"bc", b"\r", b"\n", b"\r\n"]), max_size=60).map(b"".join),
    limit=st.integers(0, 12),
    block=st.integers(1, 9),
)
def test_split_lines_matches_a_reference(data: bytes, limit: int, block: int) -> None:
    """Every ending, a ``\\r\\n`` split between reads, over-long lines: all as re.split."""
    original = base.READ_BLOCK
    base.READ_BLOCK = block
    try:
        got = list(base.split_lines(io.BufferedReader(io.BytesIO(data)), limit))  # type: ignore[arg-type]
    finally:
        base.READ_BLOCK = original
    assert got == reference_lines(data, limit)

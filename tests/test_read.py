"""Input readers: each input kind, each kind of bad input (fatal error or warning + skip,
always naming file and line), streaming, limits, and a property test on arbitrary bytes."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import re
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import legation.read.base as base
from legation.errors import InputError
from legation.model import Article
from legation.read import InputWarning, ReadStats, read_inputs
from legation.read.jsonl import read_jsonl_stream

D = dt.date


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return str(path)


def jsonl(*records: object) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


JAN1 = D(2024, 1, 1)


def read(
    paths: list[str], default_date: dt.date | None = JAN1, **kwargs: object
) -> tuple[list[Article], list[str], ReadStats]:
    warned: list[str] = []
    stats = ReadStats()
    articles = list(read_inputs(paths, default_date, warned.append, stats=stats, **kwargs))  # type: ignore[arg-type]
    return articles, warned, stats


# --- good input ---------------------------------------------------------------------------


def test_text_file_is_one_article_named_after_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "report.txt", "Putin visited Pyongyang.\nHe met Kim.\n")
    articles, warned, stats = read([path], D(2024, 6, 19))
    assert warned == []
    [article] = articles
    assert article.id == "report.txt"
    assert article.text.startswith("Putin visited Pyongyang.\nHe met Kim.")
    assert article.date == D(2024, 6, 19)
    assert article.origin == path
    assert (stats.files, stats.articles, stats.skipped) == (1, 1, 0)


def test_jsonl_fields_origin_and_default_date(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "c.jsonl",
        jsonl(
            {
                "id": "a",
                "text": "One.",
                "date": "2023-02-20",
                "title": "T",
                "url": "u",
                "source": "s",
            },
            {"id": 7, "text": "Two."},
        ),
    )
    articles, warned, _ = read([path], D(2024, 1, 1))
    assert warned == []
    assert articles[0] == Article("a", "One.", D(2023, 2, 20), "T", "u", "s", f"{path}:1")
    assert articles[1].id == "7"  # integer ids are accepted as strings
    assert articles[1].date == D(2024, 1, 1)  # no date in the line: the default
    assert articles[1].origin == f"{path}:2"


def test_jsonl_accepts_timestamps_bom_crlf_and_blank_lines(tmp_path: Path) -> None:
    content = (
        "\ufeff"
        + json.dumps({"id": "a", "text": "x", "date": "2023-02-20T10:15:00Z"})
        + "\r\n\r\n   \n"
        + json.dumps({"id": "b", "text": "y"})
        + "\r\n"
    )
    articles, warned, _ = read([write(tmp_path, "c.jsonl", content)])
    assert [a.id for a in articles] == ["a", "b"]
    assert articles[0].date == D(2023, 2, 20)
    assert warned == []


def test_csv_with_quoted_multiline_text(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "c.csv",
        'ID,Text,date,title\n1,"First line\nsecond line, with comma",2023-03-21,Talks\n2,Plain,,\n',
    )
    articles, warned, _ = read([path], D(2024, 1, 1))
    assert warned == []
    assert articles[0] == Article(
        "1", "First line\nsecond line, with comma", D(2023, 3, 21), "Talks", origin=f"{path}:2"
    )
    assert articles[1].origin == f"{path}:4"  # the record after a two-line record
    assert articles[1].date == D(2024, 1, 1) and articles[1].title is None


def test_gzip_input(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(gzip.compress(jsonl({"id": "a", "text": "x"}).encode()))
    articles, warned, _ = read([str(path)])
    assert [a.id for a in articles] == ["a"] and warned == []


def test_stdin_is_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    data = jsonl({"id": "a", "text": "x"}, {"id": "b", "text": ""}).encode()
    fake = io.TextIOWrapper(io.BufferedReader(io.BytesIO(data)))  # type: ignore[arg-type]
    monkeypatch.setattr("sys.stdin", fake)
    articles, warned, _ = read(["-"])
    assert [a.origin for a in articles] == ["<stdin>:1"]
    assert warned == ["<stdin>:2: empty 'text'; line skipped"]


def test_reading_is_lazy_and_streams(tmp_path: Path) -> None:
    """The first article arrives before a later bad line is read (no whole-file parse)."""
    path = write(tmp_path, "c.jsonl", jsonl({"id": "a", "text": "x"}) + "{bad\n")
    warned: list[str] = []
    articles = read_inputs([path], None, warned.append)
    assert next(articles).id == "a"
    assert not any(":2:" in w for w in warned)
    assert list(articles) == []
    assert any(w.startswith(f"{path}:2: not valid JSON") for w in warned)


# --- fatal errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("missing.jsonl", "no such file"),
        ("c.json", "unknown file type ('.json')"),
        ("README", "unknown file type (no suffix)"),
    ],
)
def test_fatal_path_errors_raise_before_reading(tmp_path: Path, name: str, expected: str) -> None:
    good = write(tmp_path, "good.jsonl", jsonl({"id": "a", "text": "x"}))
    if name != "missing.jsonl":
        write(tmp_path, name, "x")
    bad = str(tmp_path / name)
    with pytest.raises(InputError) as info:
        read_inputs([good, bad])  # raised at call time, before the good file is read
    assert info.value.where == bad
    assert expected in info.value.message


def test_directory_is_fatal(tmp_path: Path) -> None:
    folder = tmp_path / "in.jsonl"
    folder.mkdir()
    with pytest.raises(InputError, match="is a directory"):
        read_inputs([str(folder)])


def test_stdin_twice_is_fatal() -> None:
    with pytest.raises(InputError, match="only once"):
        read_inputs(["-", "-"])


@pytest.mark.parametrize("name", ["bin.jsonl", "bin.csv", "bin.txt"])
def test_binary_file_is_fatal(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, name, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError) as info:
        read([path])
    assert info.value.where == path
    assert "binary file (NUL byte at offset 8)" in info.value.message


def test_csv_without_id_and_text_columns_is_fatal(tmp_path: Path) -> None:
    path = write(tmp_path, "c.csv", "doc,body\n1,x\n")
    with pytest.raises(InputError) as info:
        read([path])
    assert info.value.where == f"{path}:1"
    assert "must name columns id and text" in info.value.message


def test_csv_duplicate_column_is_fatal(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="named twice: 'text'"):
        read([write(tmp_path, "c.csv", "id,text,text\n1,a,b\n")])


def test_truncated_gzip_is_fatal_with_line(tmp_path: Path) -> None:
    data = gzip.compress(jsonl(*({"id": str(i), "text": "x" * 50} for i in range(200))).encode())
    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError) as info:
        read([str(path)])
    assert info.value.where.startswith(f"{path}:")
    assert "cannot read" in info.value.message


# --- warnings: skipped or kept -------------------------------------------------------------


def test_bad_jsonl_lines_are_skipped_with_file_and_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "ok1", "text": "x"}),
        '{"id": "a", "text": ',
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "no id"}),
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": "  \n "}),
        json.dumps({"id": True, "text": "bool id"}),
        json.dumps({"id": "ok2", "text": "y"}),
    ]
    path = write(tmp_path, "c.jsonl", "\n".join(lines) + "\n")
    articles, warned, stats = read([path])
    assert [a.id for a in articles] == ["ok1", "ok2"]
    assert warned == [
        f"{path}:2: not valid JSON (Expecting value at column 21); line skipped",
        f"{path}:3: expected a JSON object, found list; line skipped",
        f"{path}:4: missing or empty 'id' (a string or integer); line skipped",
        f"{path}:5: missing 'text' (a string); line skipped",
        f"{path}:6: empty 'text'; line skipped",
        f"{path}:7: missing or empty 'id' (a string or integer); line skipped",
    ]
    assert (stats.articles, stats.skipped, stats.warnings) == (2, 6, 6)


def test_invalid_utf8_skips_only_that_line(tmp_path: Path) -> None:
    content = (
        jsonl({"id": "a", "text": "x"}).encode()
        + b'{"id": "b", "text": "caf\xe9"}\n'
        + jsonl({"id": "c", "text": "z"}).encode()
    )
    path = write(tmp_path, "c.jsonl", content)
    articles, warned, _ = read([path])
    assert [a.id for a in articles] == ["a", "c"]
    assert warned == [f"{path}:2: invalid UTF-8 (byte 0xe9 at column 25); line skipped"]


def test_invalid_utf8_in_csv_skips_the_row(tmp_path: Path) -> None:
    content = b'id,text\n1,"ok"\n2,"two\nlines \xff"\n3,fine\n'
    path = write(tmp_path, "c.csv", content)
    articles, warned, _ = read([path])
    assert [a.id for a in articles] == ["1", "3"]
    assert warned == [f"{path}:4: invalid UTF-8 (byte 0xff at column 7); row skipped"]


def test_invalid_utf8_in_text_file_skips_the_file_naming_the_line(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.txt", b"fine line\nsecond \xc3( line\n")
    good = write(tmp_path, "good.txt", "Fine.")
    articles, warned, stats = read([bad, good])
    assert [a.id for a in articles] == ["good.txt"]
    assert warned == [f"{bad}:2: invalid UTF-8 (byte 0xc3 at column 8); file skipped"]
    assert stats.skipped == 1


def test_csv_row_with_wrong_field_count_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, "c.csv", "id,text,date\n1,x\n2,y,2024-01-02\n")
    articles, warned, _ = read([path])
    assert [a.id for a in articles] == ["2"]
    assert warned == [f"{path}:2: 2 fields but the header has 3; row skipped"]


def test_csv_unknown_columns_are_warned_once_and_ignored(tmp_path: Path) -> None:
    path = write(tmp_path, "c.csv", "id,text,author\n1,x,Ann\n2,y,Bob\n")
    articles, warned, _ = read([path])
    assert len(articles) == 2
    assert len(warned) == 1 and warned[0].startswith(f"{path}:1: ignoring unknown CSV column")


@pytest.mark.parametrize(
    ("default", "kept"),
    [(D(2024, 5, 1), "kept with --date 2024-05-01"), (None, "kept with no date")],
)
def test_invalid_date_keeps_the_article_and_says_which_date(
    tmp_path: Path, default: dt.date | None, kept: str
) -> None:
    path = write(tmp_path, "c.jsonl", jsonl({"id": "a", "text": "x", "date": "20 Feb"}))
    articles, warned, _ = read([path], default)
    assert articles[0].date == default
    assert warned[0] == f"{path}:1: invalid date '20 Feb': expected YYYY-MM-DD; article {kept}"


def test_missing_date_is_reported_once_per_input(tmp_path: Path) -> None:
    path = write(tmp_path, "c.jsonl", jsonl({"id": "a", "text": "x"}, {"id": "b", "text": "y"}))
    txt = write(tmp_path, "d.txt", "x")
    articles, warned, _ = read([path, txt], None)
    assert len(articles) == 2 + 1
    assert [w.split(": ")[0] for w in warned] == [f"{path}:1", txt]
    assert all("no date and no --date given" in w for w in warned)


def test_wrongly_typed_optional_field_is_dropped_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "c.jsonl", jsonl({"id": "a", "text": "x", "title": ["T"]}))
    articles, warned, _ = read([path])
    assert articles[0].title is None
    assert warned == [f"{path}:1: field 'title' is not a string; ignored"]


def test_duplicate_ids_are_kept_and_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "c.jsonl", jsonl({"id": "a", "text": "x"}, {"id": "a", "text": "y"}))
    articles, warned, _ = read([path])
    assert len(articles) == 2
    assert warned == [f"{path}:2: duplicate id 'a': its events will share a doc_id"]


@pytest.mark.parametrize(
    ("name", "content"),
    [("e.jsonl", ""), ("e.csv", ""), ("e.csv", "id,text\n"), ("e.jsonl", "\n\n"), ("e.txt", " \n")],
)
def test_empty_input_warns(tmp_path: Path, name: str, content: str) -> None:
    path = write(tmp_path, name, content)
    articles, warned, _ = read([path])
    assert articles == []
    assert warned == [f"{path}: empty, no articles"]


def test_without_a_callback_warnings_go_to_python_warnings(tmp_path: Path) -> None:
    path = write(tmp_path, "c.jsonl", "{bad\n")
    with pytest.warns(InputWarning, match=r"c\.jsonl:1: not valid JSON"):
        assert list(read_inputs([path])) == []


def test_strict_turns_the_first_warning_into_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "c.jsonl", jsonl({"id": "a", "text": "x"}) + "{bad\n")
    with pytest.raises(InputError) as info:
        read([path], strict=True)
    assert info.value.where == f"{path}:2"
    assert "not valid JSON" in info.value.message


# --- size limits --------------------------------------------------------------------------


def test_five_megabyte_single_line_article(tmp_path: Path) -> None:
    text = ("The envoy met the minister in Geneva. " * 140_000)[: 5 * 1024 * 1024]
    path = write(tmp_path, "big.jsonl", jsonl({"id": "big", "text": text}))
    articles, warned, _ = read([path])
    assert warned == []
    assert articles[0].text == text


def test_over_long_article_is_cut_at_a_sentence_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(base, "MAX_ARTICLE_CHARS", 50)
    text = "First sentence here. Second one is here. Third sentence runs past the limit."
    path = write(tmp_path, "c.jsonl", jsonl({"id": "a", "text": text}))
    articles, warned, _ = read([path])
    assert articles[0].text == "First sentence here. Second one is here."
    assert warned == [
        f"{path}:1: text is {len(text)} characters, over the 50 limit: only the first 41 are coded"
    ]


def test_over_long_line_is_skipped_without_being_held(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(base, "MAX_LINE_BYTES", 100)
    content = jsonl({"id": "a", "text": "x" * 500}, {"id": "b", "text": "short"})
    path = write(tmp_path, "c.jsonl", content)
    articles, warned, _ = read([path])
    assert [a.id for a in articles] == ["b"]
    assert warned == [f"{path}:1: line longer than 100 bytes; line skipped"]


# --- property: arbitrary bytes --------------------------------------------------------------


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".jsonl", ".csv", ".txt"]))
def test_arbitrary_bytes_never_crash(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = write(tmp_path, f"fuzz{suffix}", data)
    warned: list[str] = []
    try:
        articles = list(read_inputs([path], None, warned.append))
    except InputError as exc:
        assert exc.where.startswith(path)
        return
    for article in articles:
        assert article.id and article.text.strip()
    assert all(w.startswith(path) for w in warned)


@settings(max_examples=50, deadline=None)
@given(lines=st.lists(st.one_of(st.binary(max_size=60), st.text(max_size=60).map(str.encode))))
def test_arbitrary_jsonl_lines_are_read_or_reported(lines: list[bytes]) -> None:
    """Every non-blank line either becomes an article or is named in a warning."""
    data = b"\n".join(line.replace(b"\n", b" ").replace(b"\x00", b"") for line in lines)
    stream = io.BufferedReader(io.BytesIO(data))  # type: ignore[arg-type]
    warned: list[str] = []
    ctx = base.ReadContext(D(2024, 1, 1), warned.append)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        articles = list(read_jsonl_stream(stream, "s", ctx))
    reported = {int(w.split(":")[1]) for w in warned}
    seen = {int((a.origin or "").split(":")[1]) for a in articles}
    numbered = re.split(rb"\r\n|\r|\n", data)  # a lone \r ends a line too
    # blank as the reader reads text: Unicode whitespace too ("\x1c", NBSP, U+2028)
    blank = {n for n, line in enumerate(numbered, 1) if not line.decode("utf-8", "replace").strip()}
    assert seen | reported | blank >= set(range(1, len(numbered) + 1))

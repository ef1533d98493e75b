"""The analysis and store commands as an analyst meets them: names where codes are
expected, tables written to a pipe, hostile text in tables, one JSON record a line."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

import pytest
from analysis_fakes import ev

from legation.cli import main
from legation.model import Event
from legation.store import Store

MakeStore = Callable[[Iterable[Event]], Store]
LONG = (
    "The delegation arrived by train after a journey of several days and was received "
    "at the station by the foreign minister and a guard of honour."
)
HOSTILE = "Red \x1b[31malert\x1b[0m here\x1b]0;owned\x07 [bold]not markup[/bold] end."


@pytest.fixture
def db(make_store: MakeStore) -> str:
    store = make_store(
        [
            ev("PRKGOV", "SUNGOV", "042", "1956-06", sentence="Kim travelled to Moscow."),
            ev("RUSGOV", "PRKGOV", "042", "2024-06-19", sentence=LONG),
            ev("RUSGOV", "PRK", "057", "2024-06-19", sentence=HOSTILE),
            ev("USAGOV", "PRKGOV", "111", "2024-06-20"),
        ]
    )
    return store.url


def cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        main(args)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def ok(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    code, out, err = cli(args, capsys)
    assert code == 0, err
    return out


def test_names_are_resolved_like_codes(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    by_code = ok(["dyad", "RUS", "PRK", "--db", db, "-f", "jsonl"], capsys)
    by_name = ok(["dyad", "Russia", "north korea", "--db", db, "-f", "jsonl"], capsys)
    assert by_code == by_name and json.loads(by_code.splitlines()[0])["events"] >= 1
    visits = ok(["visits", "North Korea", "--db", db, "-f", "jsonl"], capsys)
    assert any(json.loads(line)["host"] == "PRK" for line in visits.splitlines())
    events = ok(["events", "--db", db, "--source", "Russia", "-f", "jsonl"], capsys)
    assert {json.loads(line)["source"]["country"] for line in events.splitlines()} == {"RUS"}


def test_claim_takes_lists_and_names_on_both_sides(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    forward = json.loads(ok(["claim", "RUS,Soviet Union", "PRK", "--db", db, "--json"], capsys))
    assert forward["answer"] is True
    backward = json.loads(ok(["claim", "PRK", "RUS,SUN", "--db", db, "--json"], capsys))
    assert backward["answer"] is True and {v["host"] for v in backward["visits"]} == {"SUN"}


@pytest.mark.parametrize(
    "args",
    [
        ["dyad", "Rusia", "PRK"],
        ["visits", "Atlantis"],
        ["claim", "RUS,XYZ", "PRK"],
        ["events", "--source", "Narnia"],
        ["partners", "QQQ"],
    ],
)
def test_an_unknown_name_or_code_is_an_error(
    db: str, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli([*args, "--db", db], capsys)
    assert code == 2 and not out
    assert len(err.strip().splitlines()) == 1 and "unknown country or actor" in err


def test_a_close_name_gets_a_suggestion(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = cli(["dyad", "Rusia", "PRK", "--db", db], capsys)
    assert "did you mean russia (RUS)?" in err


def test_a_code_only_the_store_holds_is_accepted(
    make_store: MakeStore, capsys: pytest.CaptureFixture[str]
) -> None:
    """Imported data (GDELT, a user's dictionary) has codes the bundled base lacks."""
    db = make_store([ev("ZZZ", "PRK", "042", "2020-01-02")]).url
    out = ok(["dyad", "ZZZ", "PRK", "--db", db, "-f", "jsonl"], capsys)
    assert json.loads(out)["events"] == 1


def test_a_table_to_a_pipe_keeps_sentences_whole(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    for args in (["visits", "PRK"], ["events"], ["claim", "RUS", "PRK"]):
        out = ok([*args, "--db", db], capsys)
        assert any(LONG in line for line in out.splitlines()), args


def test_table_cells_drop_escape_sequences_and_are_not_markup(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (["events"], ["visits"], ["claim", "RUS", "PRK"]):
        out = ok([*args, "--db", db], capsys)
        assert "\x1b" not in out and "\x07" not in out, args
    out = ok(["events", "--db", db], capsys)
    assert "Red alert here [bold]not markup[/bold] end." in out


@pytest.mark.parametrize("command", [["visits"], ["reversals"]])
def test_csv_is_refused_where_records_differ_in_shape(
    db: str, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli([*command, "--db", db, "-f", "csv"], capsys)
    assert code == 2 and not out and "not csv" in err

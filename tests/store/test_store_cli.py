"""The store commands, through Typer, as ``legation`` runs them (thin wrappers over Store)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from legation.cli import store_cmds
from legation.errors import InputError
from legation.store import Store
from legation.store.migrations import CURRENT_VERSION

COMMANDS = ("ingest", "events", "export", "import-gdelt", "import-icews", "db-info")


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    store_cmds.register(app)
    return app


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    rows = [
        {
            "id": "a",
            "date": "2024-06-19",
            "text": "RUSGOV visited PRK. RUS signed a treaty with PRK.",
        },
        {"id": "b", "date": "2024-06-21", "text": "KOR criticised RUS over the treaty with PRK."},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def run(app: typer.Typer, *args: str) -> str:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_command_is_registered_and_documented(app: typer.Typer) -> None:
    for name in COMMANDS:
        result = CliRunner().invoke(app, [name, "--help"])
        assert result.exit_code == 0 and "--db" in result.stdout, name


def test_ingest_then_query_then_export(
    app: typer.Typer, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    db = str(tmp_path / "cli.db")
    result = CliRunner().invoke(
        app,
        ["ingest", str(corpus), "--db", db, "--coder", "store_fakes:FakeCoder"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    assert "2 articles read: 2 stored" in result.stderr and "3 new events" in result.stderr
    again = CliRunner().invoke(
        app, ["ingest", str(corpus), "--db", db, "--coder", "store_fakes:FakeCoder"]
    )
    assert "0 stored, 2 already stored" in again.stderr

    table = run(app, "events", "--db", db, "--source", "RUS", "--target", "PRK")
    assert "042" in table and "057" in table and "2 of 2 matching events" in table
    lines = run(app, "events", "--db", db, "--code", "111", "--format", "jsonl").splitlines()
    assert [json.loads(line)["source"]["code"] for line in lines] == ["KOR"]
    dyad = run(
        app, "events", "--db", db, "--source", "RUS", "--target", "KOR", "--dyad", "-f", "csv"
    )
    assert len(dyad.splitlines()) == 2  # the header and KOR → RUS, found the other way round
    text = run(app, "events", "--db", db, "--text", "treaty", "--format", "tsv")
    assert len(text.splitlines()) == 3  # header + the treaty sentence + the criticism sentence

    out = tmp_path / "x.export.CSV"
    run(app, "export", "--db", db, "--format", "gdelt", "--output", str(out))
    assert len(out.read_text().splitlines()) == 3
    assert (tmp_path / "x.mentions.CSV").exists()
    plover = run(app, "export", "--db", db, "--format", "plover", "--modality", "occurred")
    assert len(json.loads(plover)) == 3
    info = run(app, "db-info", "--db", db)
    assert f"schema version  {CURRENT_VERSION}" in info
    assert "events          3 (legation: 3)" in info


def test_imports(app: typer.Typer, tmp_path: Path) -> None:
    from test_store_imports import ICEWS_HEADER, ICEWS_ROWS, gdelt_line

    db = str(tmp_path / "imp.db")
    gdelt = tmp_path / "g.export.CSV"
    gdelt.write_text(gdelt_line() + "\n")
    icews = tmp_path / "i.tab"
    icews.write_text(ICEWS_HEADER + "\n" + ICEWS_ROWS[0] + "\n")
    result = CliRunner().invoke(
        app, ["import-gdelt", str(gdelt), "--db", db], catch_exceptions=False
    )
    assert "1 row, 1 event added" in result.stderr
    CliRunner().invoke(app, ["import-icews", str(icews), "--db", db], catch_exceptions=False)
    assert Store(db).info().events_by_dataset == {"gdelt": 1, "icews": 1}
    out = run(app, "events", "--db", db, "--dataset", "icews", "-f", "jsonl")
    assert json.loads(out)["event_id"] == "icews-26870001"


def test_errors_are_legation_errors(app: typer.Typer, tmp_path: Path) -> None:
    db = str(tmp_path / "e.db")
    Store(db).close()  # read commands refuse a store that does not exist
    result = CliRunner().invoke(app, ["events", "--db", db, "--since", "yesterday"])
    assert isinstance(result.exception, InputError) and result.exception.where == "--since"
    result = CliRunner().invoke(app, ["export", "--db", db, "--format", "parquet"])
    assert isinstance(result.exception, InputError) and result.exception.where == "--output"
    result = CliRunner().invoke(
        app, ["ingest", str(tmp_path / "nope.jsonl"), "--db", db, "--coder", "x:y"]
    )
    assert isinstance(result.exception, InputError)
    good = tmp_path / "good.jsonl"  # (paths are checked first: give one that exists)
    good.write_text('{"id": "a", "text": "RUS met PRK."}\n')
    result = CliRunner().invoke(app, ["ingest", "--db", db, "--coder", "nocolon", str(good)])
    assert isinstance(result.exception, InputError) and result.exception.where == "--coder"

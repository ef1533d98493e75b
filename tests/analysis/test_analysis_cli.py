"""The analysis commands, run in-process on a store built from hand-written events."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from pathlib import Path

import networkx as nx
import pytest
import typer
from analysis_fakes import ev
from typer.testing import CliRunner

from legation.cli import analysis_cmds
from legation.errors import InputError
from legation.model import Event
from legation.store import Store

MakeStore = Callable[[Iterable[Event]], Store]


def make_app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """Test app."""

    analysis_cmds.register(app)
    return app


APP = make_app()


@pytest.fixture
def db(make_store: MakeStore) -> str:
    store = make_store(
        [
            ev("PRKGOV", "SUNGOV", "042", "1956-06", count=12, sentence="Kim went twelve times."),
            ev("SUNGOV", "PRKGOV", "042", None, modality="negated", sentence="No Soviet came."),
            ev("RUSGOV", "PRKGOV", "042", "2024-06-19", sentence="Putin came to Pyongyang."),
            ev("RUSGOV", "PRK", "057", "2024-06-19"),
            ev("RUSGOV", "PRK", "111", "2024-07-01"),
            ev("PRKGOV", "RUSGOV", "043", "2024-06-20"),  # another day: not the 042 trip
            ev("USAGOV", "PRKGOV", "111", "2024-06-20"),
        ]
    )
    return store.url


def run(*args: str) -> str:
    result = CliRunner().invoke(APP, list(args), env={"COLUMNS": "200"})  # no wrapping
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, result.output
    return result.output


def test_dyad_formats(db: str) -> None:
    table = run("dyad", "RUS", "PRK", "--db", db)
    assert "2024-06" in table and "2024-07" in table and "4 events in 2 periods" in table
    lines = run("dyad", "RUS", "PRK", "--db", db, "--format", "jsonl", "--freq", "year")
    [point] = [json.loads(line) for line in lines.splitlines()]
    assert point["period"] == "2024" and point["events"] == 4 and point["by_quad"]["1"] == 3
    text = run("dyad", "rus", "prk", "--db", db, "-f", "csv", "--direction", "ba", "--normalize")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["period"], r["events"], r["share"]) for r in rows] == [("2024-06", "1", "0.25")]
    forward = run("dyad", "RUS", "PRK", "--db", db, "-f", "jsonl", "--direction", "a->b")
    assert sum(json.loads(line)["events"] for line in forward.splitlines()) == 3


def test_bad_options(db: str, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--direction"):
        run("dyad", "RUS", "PRK", "--db", db, "--direction", "up")
    with pytest.raises(InputError, match="graphml"):
        run("network", "--db", db, "-o", str(tmp_path / "net.png"))
    assert not (tmp_path / "net.png").exists()


def test_visits_and_claim(db: str) -> None:
    out = run("visits", "PRK", "--db", db)
    assert "Kim went twelve times." in out and "12" in out
    assert "Did not happen" in out and "+1.00" in out and "-1.00" in out
    records = [json.loads(line) for line in run("visits", "--db", db, "-f", "jsonl").splitlines()]
    visits = [r for r in records if r["section"] == "rows"]  # one record a line
    assert {r["visitor"] for r in visits} == {"PRK", "RUS"} and len(visits) > 1
    assert {r["section"] for r in records} >= {"rows", "not_occurred", "asymmetry", "totals"}
    claim = run("claim", "RUS,SUN", "PRK", "--db", db)
    assert claim.startswith("Yes: 2 reported visits") and "2024-06-19" in claim
    assert "No Soviet came." in claim
    no = json.loads(run("claim", "SUN", "PRK", "--db", db, "--json"))
    assert no["answer"] is False and no["not_occurred"][0]["sentence"] == "No Soviet came."


def test_network_reversals_partners(db: str, tmp_path: Path) -> None:
    graph_file = tmp_path / "g.graphml"
    out = run("network", "--db", db, "--since", "2020", "-o", str(graph_file))
    assert "PRK" in out and "3 countries" in out
    graph = nx.read_graphml(graph_file)
    assert set(graph.nodes) == {"RUS", "PRK", "USA"}
    gexf = tmp_path / "g.gexf"
    run("network", "--db", db, "--kind", "conflict", "-o", str(gexf))
    assert set(nx.read_gexf(gexf).edges) == {("RUS", "PRK"), ("USA", "PRK")}
    rev = run("reversals", "RUS", "--db", db)
    assert "057" in rev and "111" in rev and "1 reversal;" in rev  # not "1 reversals"
    assert json.loads(run("reversals", "--db", db, "-f", "jsonl"))["days"] == 12
    partners = run("partners", "PRK", "--db", db)
    assert "RUS" in partners and "Make a visit" in partners


def test_report_command(db: str, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    run("report", "RUS", "PRK", "--db", db, "-o", str(target), "--freq", "month")
    page = target.read_text(encoding="utf-8")
    assert "Putin came to Pyongyang." in page and "<svg" in page

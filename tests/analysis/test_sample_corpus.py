"""The analyses on the bundled sample corpus, coded by the real coder (slow: spaCy)."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

import pytest

from legation.analysis import build_report, dyad_series, network, visit_ledger
from legation.model import Article
from legation.read import read_inputs
from legation.store import Store


def sample_articles() -> list[Article]:
    sample = files("legation.samples").joinpath("sample_corpus.jsonl")
    with as_file(sample) as path:
        return list(read_inputs([str(path)]))


@pytest.mark.slow
def test_sample_corpus_has_visits(tmp_path: Path, coder: Any) -> None:
    with Store(tmp_path / "sample.db") as store:
        store.ingest(sample_articles(), coder)
        ledger = visit_ledger(store)
        assert ledger.rows, "the sample corpus reports state visits"
        visit = ledger.rows[0]
        assert visit.visitor and visit.host and visit.visitor != visit.host
        assert visit.sentence and visit.modality == "occurred"
        assert ledger.totals
        pair = ledger.totals[0]
        series = dyad_series(store, pair.a, pair.b, freq="year")
        assert sum(p.events for p in series) >= pair.a_to_b + pair.b_to_a > 0
        assert network(store).number_of_edges() > 0
        assert "<svg" in build_report(store, pair.a, pair.b)

"""The hand-judged precision sample (benchmarks/precision_sample.tsv) is complete and well
formed; its development/held-back split is fixed by the key."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

from benchmarks.precision_sample import (
    TSV,
    VERDICTS,
    Row,
    held_back,
    read_tsv,
    score,
    split_of,
    write_tsv,
)  # fmt: skip


def test_judged_file_is_complete() -> None:
    rows = read_tsv(TSV)
    assert len(rows) >= 200
    assert len({r.key for r in rows}) == len(rows)
    for row in rows:
        assert row.verdict in VERDICTS, row.key
        assert row.reason.strip(), row.key
        assert row.cameo[:2].isdigit(), row.key
        assert row.corpus in ("india", "gigaword"), row.key
    assert Counter(r.corpus for r in rows).keys() == {"india", "gigaword"}


def test_judged_file_holds_no_sentence_text() -> None:
    """The sentences are ../shared's text; the tracked file keeps only keys and verdicts."""
    assert "sentence" not in TSV.read_text(encoding="utf-8").splitlines()[0].split("\t")


def test_round_trip_and_score(tmp_path: Path) -> None:
    rows = [
        Row("a|1|042|USA|CHN", "india", 'He said "yes".', "USA", "CHN", "042 Make a visit",
            "occurred", "ok", "visit happened"),
        Row("b|2|190|IND|PAK", "gigaword", "x", "IND", "PAK", "190 Use force", "occurred",
            "wrong", "sports result"),
        Row("c|3|010|IND|-", "india", "y", "IND", "-", "010 Make statement", "planned"),
    ]  # fmt: skip
    path = tmp_path / "sample.tsv"
    write_tsv(rows, path)
    assert read_tsv(path) == [replace(r, sentence="") for r in rows]
    assert 'He said' not in path.read_text(encoding="utf-8")  # sentences stay out of the file
    current = [rows[0], replace(rows[2], modality="occurred")]
    report = score(current, rows)
    assert report["share_correct"] == 1.0
    assert report["judged_gone"] == {"ok": 0, "wrong": 1}


def test_split_is_fixed_by_key() -> None:
    rows = read_tsv(TSV)
    share = sum(held_back(r.key) for r in rows) / len(rows)
    assert 0.15 < share < 0.35  # about a quarter
    assert split_of("a|1|042|USA|CHN") == split_of("a|1|042|USA|CHN")
    report = score(rows, rows)
    by_split = report["by_split"]
    assert isinstance(by_split, dict) and set(by_split) == {"dev", "held_back"}
    assert sum(part["judged"] for part in by_split.values()) == report["judged_still_produced"]

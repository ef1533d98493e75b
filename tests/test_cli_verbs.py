"""``--verbs`` / ``--verbs-replace`` on ``legation code`` and ``ingest``, and ``legation verbs
check``: a user's PETRARCH verb dictionary reaches the coder (in this process and in
workers), its unusable lines are warnings naming the line, and bad files stop the run before
anything is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.test_cli_code import assert_one_line_error, run, write

from legation.cli.scale_opts import scaled_coder
from legation.parallel import ParallelCoder

# A small dictionary of our own: REPRIMAND codes 112 (accuse) here, where the bundled
# lexicon codes it 111; line 6 has a WEIS code with no CAMEO root (unusable).
DICTIONARY = """\
# my verbs
--- REBUKE  [112] ---
REPRIMAND
CHIDE
- * SHARPLY [112]
- * BITTERLY [223]
"""
SENTENCE = "The French government reprimanded Germany on Monday."


def events_of(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.fixture
def verbs_file(tmp_path: Path) -> str:
    return write(tmp_path, "mine.verbs.txt", DICTIONARY)


def test_verbs_code_the_listed_verb_and_the_rule_names_the_line(
    tmp_path: Path, verbs_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = write(tmp_path, "a.txt", SENTENCE)
    code, out, err = run(["code", text, "-d", "2024-03-04", "--verbs", verbs_file], capsys)
    assert code == 0, err
    [event] = events_of(out)
    assert event["cameo"] == "112"
    assert f"{verbs_file}:3" in str(event["rule"])
    assert f"legation: warning: {verbs_file}:6:" in err


def test_without_verbs_the_bundled_lexicon_codes_the_verb(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = write(tmp_path, "a.txt", SENTENCE)
    code, out, _ = run(["code", text, "-d", "2024-03-04"], capsys)
    assert code == 0
    [event] = events_of(out)
    assert event["cameo"] == "111" and "triggers.tsv" in str(event["rule"])


def test_verbs_replace_codes_with_the_dictionary_alone(
    tmp_path: Path, verbs_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = write(tmp_path, "a.txt", SENTENCE + " Spain praised Portugal on Monday.")
    code, out, err = run(
        ["code", text, "-d", "2024-03-04", "--verbs", verbs_file, "--verbs-replace"], capsys
    )
    assert code == 0, err
    cameos = [event["cameo"] for event in events_of(out)]
    assert cameos == ["112"]  # "praised" is not in the dictionary: no event


def test_verbs_replace_without_verbs_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = write(tmp_path, "a.txt", SENTENCE)
    code, _, err = run(["code", text, "-d", "2024-03-04", "--verbs-replace"], capsys)
    assert code == 2
    assert_one_line_error(err, "--verbs-replace: needs at least one --verbs FILE")


def test_missing_or_empty_verb_files_stop_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = write(tmp_path, "a.txt", SENTENCE)
    missing = str(tmp_path / "nope.txt")
    code, _, err = run(["code", text, "--verbs", missing], capsys)
    assert code == 2
    assert_one_line_error(err, f"{missing}: no such file")
    no_block = write(tmp_path, "noblock.txt", "REPRIMAND\nCHIDE\n")
    code, _, err = run(["code", text, "--verbs", no_block], capsys)
    assert code == 2
    assert_one_line_error(err, no_block)


def test_ingest_with_a_bad_verb_file_creates_no_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = write(tmp_path, "a.txt", SENTENCE)
    db = tmp_path / "events.db"
    missing = str(tmp_path / "nope.txt")
    code, _, err = run(["ingest", "--db", str(db), text, "--verbs", missing], capsys)
    assert code == 2
    assert_one_line_error(err, f"{missing}: no such file")
    assert not db.exists()


def test_ingest_stores_events_coded_by_the_dictionary(
    tmp_path: Path, verbs_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = write(tmp_path, "a.txt", SENTENCE)
    db = str(tmp_path / "events.db")
    code, _, err = run(
        ["ingest", "--db", db, text, "-d", "2024-03-04", "--verbs", verbs_file], capsys
    )
    assert code == 0, err
    code, out, err = run(["events", "--db", db, "--format", "jsonl"], capsys)
    assert code == 0, err
    assert [event["cameo"] for event in events_of(out)] == ["112"]


def test_verbs_and_another_coder_do_not_mix(
    tmp_path: Path, verbs_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = write(tmp_path, "a.txt", SENTENCE)
    db = tmp_path / "events.db"
    argv = ["ingest", "--db", str(db), text, "--verbs", verbs_file, "--coder", "x:y"]
    code, _, err = run(argv, capsys)
    assert code == 2
    assert_one_line_error(err, "--verbs: applies to the built-in coder")
    assert not db.exists()


def test_workers_get_the_verb_files(tmp_path: Path, verbs_file: str) -> None:
    coder = scaled_coder(
        workers=2, dask=None, fast=False, verb_files=[Path(verbs_file)], verbs_replace=True
    )
    assert isinstance(coder, ParallelCoder)
    assert coder.options.verb_files == (str(Path(verbs_file).resolve()),)
    assert coder.options.verbs_replace


def test_verbs_check_counts_and_warns(verbs_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["verbs", "check", verbs_file], capsys)
    assert code == 0, err
    # The line with an unusable code is not counted as a pattern.
    assert out.startswith(f"{verbs_file}: 1 verb block, 2 verbs, 1 pattern, 0 synonym sets")
    assert out.rstrip().endswith("; 1 unusable line")
    assert f"legation: warning: {verbs_file}:6:" in err

"""``legation code`` / ``demo`` / ``actors`` end to end: exit codes, one-line errors without
tracebacks, warnings and the summary on stderr, output formats, atomic ``-o``, and the
JSONL record checked against the shared schema."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

import pytest

import legation
from legation.actors.kb import KnowledgeBase
from legation.cli import main
from legation.model import Actor, Article, CodedArticle, Event, Plover
from legation.output import FLAT_COLUMNS

SCHEMA = Path(__file__).resolve().parents[1].parent / "shared" / "schema" / "event.schema.json"
SAMPLE = resources.files("legation.samples").joinpath("sample_corpus.jsonl")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the real entry point in-process: (exit code, stdout, stderr)."""
    try:
        main(argv)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return str(path)


def jsonl(*records: object) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


class FakeCoder:
    """Stands in for ``legation.pipeline.Coder``: one event per article, kb recorded."""

    instances: ClassVar[list[FakeCoder]] = []

    def __init__(self, kb: Any = None, *, require_actor: bool = True) -> None:
        self.kb = kb
        FakeCoder.instances.append(self)

    def code_stream(
        self, articles: Iterable[Article], batch_size: int = 32
    ) -> Iterator[CodedArticle]:
        for article in articles:
            event = Event(
                doc_id=article.id,
                sentence_index=0,
                sentence=article.text,
                source=Actor("RUSGOV", "RUS", "GOV", "Vladimir Putin", "Putin"),
                target=Actor("PRK", "PRK", None, "North Korea", "Pyongyang"),
                cameo="042",
                root="04",
                quad_class=1,
                goldstein=1.9,
                plover=Plover("CONSULT", "visit"),
                modality="occurred",
                trigger="visited",
                date=article.date.isoformat() if article.date else None,
                date_precision="day" if article.date else None,
            )
            yield CodedArticle(article, (article.text,), (event,))


@pytest.fixture
def fake_coder(monkeypatch: pytest.MonkeyPatch) -> type[FakeCoder]:
    FakeCoder.instances = []
    monkeypatch.setattr("legation.pipeline.Coder", FakeCoder)
    return FakeCoder


def assert_one_line_error(err: str, starts: str) -> None:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"legation: error: {starts}"), err


# --- basics ---------------------------------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--version"], capsys)
    assert code == 0 and out.strip() == f"legation {legation.__version__}"


def test_no_arguments_shows_help(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, err = run([], capsys)
    assert "code" in out + err and "Usage" in out + err


# --- bad input: exit 2, one line, no traceback ----------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "where", "message"),
    [
        ("missing.jsonl", None, "{path}", "no such file"),
        ("in.docx", "x", "{path}", "unknown file type ('.docx')"),
        ("bin.jsonl", b"ab\x00cd", "{path}", "binary file"),
        ("bin.txt", b"\x7fELF\x02\x01\x01\x00\x00", "{path}", "binary file"),
        ("c.csv", "title,body\nx,y\n", "{path}:1", "CSV header must name columns id and text"),
    ],
)
def test_bad_input_file_exits_2_with_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: str | bytes | None,
    where: str,
    message: str,
) -> None:
    path = write(tmp_path, name, content) if content is not None else str(tmp_path / name)
    code, out, err = run(["code", path], capsys)
    assert code == 2
    assert_one_line_error(err, f"{where.format(path=path)}: {message}")
    assert out == ""


def test_directory_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["code", str(tmp_path)], capsys)
    assert code == 2
    assert "Traceback" not in err and "legation: error:" in err


def test_invalid_date_option_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.txt", "Text.")
    code, _, err = run(["code", path, "--date", "2024-02-30"], capsys)
    assert code == 2
    assert_one_line_error(err, "--date: invalid date '2024-02-30': expected YYYY-MM-DD")


def test_bad_actor_file_exits_2_naming_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "a.txt", "Text.")
    actors = write(tmp_path, "mine.tsv", "code\tname\tpatterns\nnot a code\tX\tx\n")
    code, _, err = run(["code", path, "--actors", actors], capsys)
    assert code == 2
    assert_one_line_error(err, f"{actors}:2: bad actor code 'not a code'")


def test_strict_stops_at_the_first_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "c.jsonl", jsonl({"id": "a", "text": "x", "date": "2024-01-01"}) + "{\n")
    code, _, err = run(["code", path, "--strict"], capsys)
    assert code == 2
    assert_one_line_error(err, f"{path}:2: not valid JSON")


def test_subprocess_entry_point_has_no_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "legation.cli", "code", str(tmp_path / "nope.jsonl")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == f"legation: error: {tmp_path / 'nope.jsonl'}: no such file\n"
    assert result.stdout == ""


def test_keyboard_interrupt_exits_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("legation.cli.code.code_files", interrupted)
    code, _, err = run(["code", "x.jsonl"], capsys)
    assert code == 130
    assert "Traceback" not in err


# --- warnings and the summary ---------------------------------------------------------------


def test_warnings_and_summary_go_to_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_coder: type[FakeCoder]
) -> None:
    path = write(
        tmp_path,
        "c.jsonl",
        jsonl({"id": "a", "text": "x", "date": "2024-01-01"}) + "{oops\n" + jsonl({"id": "b"}),
    )
    code, out, err = run(["code", path], capsys)
    assert code == 0
    assert len(out.splitlines()) == 1  # one event, for the one good article
    assert err.splitlines()[:2] == [
        f"legation: warning: {path}:2: not valid JSON "
        "(Expecting property name enclosed in double quotes at column 2); line skipped",
        f"legation: warning: {path}:3: missing 'text' (a string); line skipped",
    ]
    assert err.splitlines()[2].startswith(
        "legation: 1 article read, 2 skipped, 1 event, 2 warnings, "
    )


def test_quiet_drops_the_summary_but_not_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_coder: type[FakeCoder]
) -> None:
    path = write(tmp_path, "c.jsonl", jsonl({"id": "a", "text": "x", "date": "2024-01-01"}) + "{\n")
    code, _, err = run(["code", path, "-q"], capsys)
    assert code == 0
    assert [line.split(":")[0:2] for line in err.splitlines()] == [["legation", " warning"]]


# --- output ---------------------------------------------------------------------------------


def test_jsonl_to_stdout_one_event_per_line_with_input_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_coder: type[FakeCoder]
) -> None:
    txt = write(tmp_path, "report.txt", "Putin visited Pyongyang.")
    lines = write(tmp_path, "c.jsonl", jsonl({"id": "n-1", "text": "x", "date": "2023-03-21"}))
    code, out, _ = run(["code", txt, lines, "--date", "2024-06-19"], capsys)
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [(r["doc_id"], r["date"]) for r in records] == [
        ("report.txt", "2024-06-19"),
        ("n-1", "2023-03-21"),
    ]


@pytest.mark.parametrize(("option", "sep"), [(["--format", "csv"], ","), (["-f", "TSV"], "\t")])
def test_flat_formats_to_stdout(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fake_coder: type[FakeCoder],
    option: list[str],
    sep: str,
) -> None:
    path = write(tmp_path, "a.txt", "Text.")
    code, out, _ = run(["code", path, "-d", "2024-01-01", *option], capsys)
    assert code == 0
    header, row = out.splitlines()
    assert header.split(sep) == list(FLAT_COLUMNS)
    assert row.split(sep)[FLAT_COLUMNS.index("doc_id")] == "a.txt"


def test_output_file_format_from_suffix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_coder: type[FakeCoder]
) -> None:
    path = write(tmp_path, "a.txt", "Text.")
    target = tmp_path / "events.csv"
    code, out, _ = run(["code", path, "-d", "2024-01-01", "-o", str(target)], capsys)
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8").splitlines()[0] == ",".join(FLAT_COLUMNS)


def test_failed_run_leaves_no_output_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_coder: type[FakeCoder]
) -> None:
    good = write(tmp_path, "a.jsonl", jsonl({"id": "a", "text": "x", "date": "2024-01-01"}))
    binary = write(tmp_path, "b.jsonl", b"\x00\x01\x02")
    target = tmp_path / "out" / "events.jsonl"
    target.parent.mkdir()
    code, _, err = run(["code", good, binary, "-o", str(target)], capsys)
    assert code == 2
    assert_one_line_error(err, f"{binary}: binary file")
    assert list(target.parent.iterdir()) == []  # neither the file nor a temporary one


def test_actor_files_reach_the_coder_and_dictionary_warnings_are_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_coder: type[FakeCoder]
) -> None:
    path = write(tmp_path, "a.txt", "Text.")
    tsv = write(tmp_path, "mine.tsv", "code\tname\tpatterns\nIGOXYZ\tXYZ Pact\txyz pact\n")
    petrarch = write(
        tmp_path, "mine.actors.txt", "ZORBIA_ [ZRB]\nBAD_ONE [ZRB 990101-9901]\nGOOD_ONE [ZRB]\n"
    )
    code, _, err = run(
        ["code", path, "-d", "2024-01-01", "--actors", tsv, "--actors", petrarch], capsys
    )
    assert code == 0
    [coder] = fake_coder.instances
    assert isinstance(coder.kb, KnowledgeBase)
    names = {entry.name for entry in coder.kb.entries}
    assert {"XYZ Pact", "Good One"} <= names
    assert f"legation: warning: {petrarch}:2:" in err


def test_without_actor_files_the_coder_gets_the_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_coder: type[FakeCoder]
) -> None:
    run(["code", write(tmp_path, "a.txt", "Text."), "-d", "2024-01-01"], capsys)
    assert fake_coder.instances[0].kb is None


def test_stdin_input(tmp_path: Path) -> None:
    data = jsonl({"id": "s1", "text": "Hello.", "date": "2024-01-01"}) + "not json\n"
    result = subprocess.run(
        [sys.executable, "-m", "legation.cli", "code", "-"],
        input=data,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "legation: warning: <stdin>:2: not valid JSON" in result.stderr
    assert "1 article read, 1 skipped, 0 events, 1 warning, " in result.stderr
    assert "Traceback" not in result.stderr


# --- the bundled sample corpus and the schema -----------------------------------------------


def code_sample(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    with resources.as_file(SAMPLE) as path:
        code, out, err = run(["code", str(path), "-q"], capsys)
    assert code == 0, err
    assert "Traceback" not in err
    return [json.loads(line) for line in out.splitlines()]


@pytest.mark.shared
def test_sample_corpus_output_validates_against_the_schema(
    capsys: pytest.CaptureFixture[str],
) -> None:
    if not SCHEMA.exists():
        pytest.skip("../shared/schema/event.schema.json is absent")
    import jsonschema

    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    records = code_sample(capsys)
    assert records, "the sample corpus yields events to validate"
    for record in records:
        validator.validate(record)
        assert record["doc_id"].startswith("sample-")


def test_sample_corpus_gives_events(capsys: pytest.CaptureFixture[str]) -> None:
    assert len(code_sample(capsys)) > 0


def test_demo_runs(capsys: pytest.CaptureFixture[str], fake_coder: type[FakeCoder]) -> None:
    code, out, err = run(["demo"], capsys)
    assert code == 0, err
    assert "8 articles, 8 events" in out
    assert "sample-001" in out and "RUSGOV" in out


# --- actors ---------------------------------------------------------------------------------


def test_actors_lookup_resolves_by_date(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["actors", "lookup", "Putin", "--date", "1999-01-01"], capsys)
    assert code == 0
    assert "RUSSPY" in out and "tenure" in out


def test_actors_lookup_unknown_name_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["actors", "lookup", "Puttin"], capsys)
    assert code == 1
    assert "no actor or agent named 'Puttin'; did you mean: putin" in out


def test_actors_check_counts_entries(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tsv = write(tmp_path, "mine.tsv", "sector\tpatterns\nMIL\tlegionnaires|legion\n")
    code, out, _ = run(["actors", "check", tsv], capsys)
    assert code == 0
    assert out.strip() == f"{tsv}: 0 actor entries, 1 agent entries"

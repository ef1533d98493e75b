"""Hostile GDELT 2.0 and ICEWS files: arbitrary bytes and broken rows raise only
``InputError`` naming ``file:line``, and every good row of the file is still stored."""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from legation.errors import InputError, LegationError
from legation.store import Store
from legation.store.gdelt import EVENT_COLUMNS

from .conftest import check_error, check_warning, fuzz

_ids = itertools.count(1)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-imports")


@pytest.fixture(scope="module")
def store(workdir: Path) -> Iterator[Store]:
    with Store(workdir / "imports.db") as opened:
        yield opened


def gdelt_row(global_id: int, **values: str) -> str:
    cells = dict.fromkeys(EVENT_COLUMNS, "")
    cells.update(GlobalEventID=str(global_id), Day="20240619", Actor1Code="RUS",
                 Actor1CountryCode="RUS", Actor2Code="PRK", EventCode="042",
                 GoldsteinScale="1.9", NumMentions="1", NumSources="1",
                 NumArticles="1")  # fmt: skip
    cells.update(values)
    return "\t".join(cells[name] for name in EVENT_COLUMNS)


ICEWS_HEADER = (
    "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\t"
    "CAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\t"
    "Sentence Number"
)


def icews_row(event_id: int, **values: str) -> str:
    cells = {"Event ID": str(event_id), "Event Date": "2024-06-19",
             "Source Name": "Russia", "Source Sectors": "", "Source Country": "Russia",
             "Event Text": "Make a visit", "CAMEO Code": "042", "Intensity": "1.9",
             "Target Name": "North Korea", "Target Sectors": "", "Target Country": "North Korea",
             "Story ID": "1", "Sentence Number": "1"}  # fmt: skip
    cells.update(values)
    return "\t".join(cells[name] for name in ICEWS_HEADER.split("\t"))


def run_import(store: Store, kind: str, path: Path) -> tuple[LegationError | None, list[str]]:
    warnings: list[str] = []
    method = store.import_gdelt if kind == "gdelt" else store.import_icews
    try:
        method(path, warnings.append)
    except LegationError as exc:
        return exc, warnings
    return None, warnings


def stored_ids(store: Store, ids: list[str]) -> set[str]:
    dataset = ids[0].split("-")[0]
    return {e.event_id for e in store.events(dataset=dataset)} & set(ids)


@fuzz
@given(
    data=st.binary(max_size=3000),
    name=st.sampled_from(["x.export.CSV", "x.CSV.zip", "x.tab", "x.tsv"]),
    kind=st.sampled_from(["gdelt", "icews"]),
)
def test_arbitrary_bytes_as_an_event_file(
    store: Store, workdir: Path, data: bytes, name: str, kind: str
) -> None:
    path = workdir / name
    path.write_bytes(data)
    error, warnings = run_import(store, kind, path)
    if error is not None:
        assert isinstance(error, InputError)
        check_error(error, path)
    for message in warnings:
        check_warning(message, path, line=True)


bad_cell = st.one_of(
    st.text(st.characters(blacklist_characters="\t\n\r", blacklist_categories=("Cs",)),
            max_size=12),
    st.sampled_from(["", "²", "١٢", "nan", "inf", "-1e999", "20241399", "999", "x" * 500]),
)  # fmt: skip
gdelt_bad = st.one_of(
    st.builds(lambda col, v: (col, v), st.sampled_from(
        ["GlobalEventID", "Day", "EventCode", "GoldsteinScale", "NumMentions", "NumSources",
         "Actor1Code", "SOURCEURL", "ActionGeo_FullName"]), bad_cell),
    st.sampled_from([("__cut__", ""), ("__gdelt1__", ""), ("__bytes__", "")]),
)  # fmt: skip


def broken_gdelt_line(global_id: int, bad: tuple[str, str]) -> bytes:
    column, value = bad
    if column == "__cut__":
        return gdelt_row(global_id).rsplit("\t", 5)[0].encode()
    if column == "__gdelt1__":
        return "\t".join(["1"] * 57).encode()
    if column == "__bytes__":
        return b"\xff\xfe" + gdelt_row(global_id).encode("utf-16-le")[:200].replace(b"\n", b"")
    return gdelt_row(global_id, **{column: value}).encode()


def interleave(good: list[bytes], bad: list[bytes]) -> list[bytes]:
    mixed = [x for pair in zip(bad, good, strict=False) for x in pair]
    return mixed + bad[len(good) :] + good[len(bad) :]


@fuzz
@given(bad=st.lists(gdelt_bad, max_size=6), n_good=st.integers(1, 4), zipped=st.booleans())
def test_gdelt_good_rows_survive_broken_ones(
    store: Store, workdir: Path, bad: list[tuple[str, str]], n_good: int, zipped: bool
) -> None:
    good_ids = [next(_ids) for _ in range(n_good)]
    good = [gdelt_row(i).encode() for i in good_ids]
    broken = [broken_gdelt_line(next(_ids), b) for b in bad]
    content = b"\n".join(interleave(good, broken)) + b"\n"
    path = workdir / ("mixed.CSV.zip" if zipped else "mixed.export.CSV")
    if zipped:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("mixed.export.CSV", content)
        path.write_bytes(buffer.getvalue())
    else:
        path.write_bytes(content)
    error, warnings = run_import(store, "gdelt", path)
    if error is not None:
        check_error(error, path)
        assert re.search(r"bad row\(s\) skipped", str(error)), error
    want = [f"gdelt-{i}" for i in good_ids]
    assert stored_ids(store, want) == set(want)
    for message in warnings:
        check_warning(message, path, line=True)


icews_bad = st.builds(
    lambda col, v: (col, v),
    st.sampled_from(["Event ID", "Event Date", "CAMEO Code", "Intensity", "Source Country",
                     "Sentence Number", "__extra__", "__latin1__"]),
    bad_cell,
)  # fmt: skip


def broken_icews_line(event_id: int, bad: tuple[str, str]) -> bytes:
    column, value = bad
    if column == "__extra__":
        return (icews_row(event_id) + "\tone\ttoo many").encode()
    if column == "__latin1__":
        return icews_row(event_id, **{"Source Name": "Zoë " + value}).encode("latin-1", "replace")
    return icews_row(event_id, **{column: value}).encode()


@fuzz
@given(bad=st.lists(icews_bad, max_size=6), n_good=st.integers(1, 4))
def test_icews_good_rows_survive_broken_ones(
    store: Store, workdir: Path, bad: list[tuple[str, str]], n_good: int
) -> None:
    good_ids = [next(_ids) for _ in range(n_good)]
    good = [icews_row(i).encode() for i in good_ids]
    broken = [broken_icews_line(next(_ids), b) for b in bad]
    path = workdir / "mixed.tab"
    path.write_bytes(ICEWS_HEADER.encode() + b"\n" + b"\n".join(interleave(good, broken)) + b"\n")
    error, warnings = run_import(store, "icews", path)
    if error is not None:
        check_error(error, path)
    want = [f"icews-{i}" for i in good_ids]
    assert stored_ids(store, want) == set(want)
    for message in warnings:
        check_warning(message, path, line=True)


def test_a_damaged_file_names_its_first_bad_row_after_storing_the_rest(
    store: Store, workdir: Path
) -> None:
    first, second = next(_ids), next(_ids)
    path = workdir / "damaged.export.CSV"
    rows = [gdelt_row(first), gdelt_row(0, Day="someday"), "\t".join("x" * 10),
            gdelt_row(second)]  # fmt: skip
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    warnings: list[str] = []
    with pytest.raises(InputError) as info:
        store.import_gdelt(path, warnings.append)
    assert info.value.where == f"{path}:2"
    assert "2 bad row(s) skipped; 2 event(s) from good rows stored" in str(info.value)
    assert [w.split(": ")[0] for w in warnings] == [f"{path}:2", f"{path}:3"]
    assert stored_ids(store, [f"gdelt-{first}", f"gdelt-{second}"]) == {
        f"gdelt-{first}",
        f"gdelt-{second}",
    }

"""Importing GDELT 2.0 event files and ICEWS tab files (small files in their formats)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from legation.errors import InputError
from legation.store import EventFilter, Store
from legation.store.gdelt import EVENT_COLUMNS
from legation.store.imports import country_code, sector_code


def gdelt_line(**values: str) -> str:
    cells = {name: "" for name in EVENT_COLUMNS}
    cells.update(
        GlobalEventID="1170000001", Day="20240619", MonthYear="202406", Year="2024",
        FractionDate="2024.5452", Actor1Code="RUSGOV", Actor1Name="VLADIMIR PUTIN",
        Actor1CountryCode="RUS", Actor1Type1Code="GOV", Actor2Code="PRK",
        Actor2Name="NORTH KOREA", Actor2CountryCode="PRK", IsRootEvent="1", EventCode="042",
        EventBaseCode="042", EventRootCode="04", QuadClass="1", GoldsteinScale="1.9",
        NumMentions="10", NumSources="3", NumArticles="8", AvgTone="-1.52",
        Actor1Geo_Type="1", Actor1Geo_FullName="Russia", Actor1Geo_CountryCode="RS",
        Actor2Geo_Type="1", Actor2Geo_FullName="North Korea", Actor2Geo_CountryCode="KN",
        ActionGeo_Type="4", ActionGeo_FullName="Pyongyang, P'yongyang-si, North Korea",
        ActionGeo_CountryCode="KN", ActionGeo_ADM1Code="KN12", ActionGeo_Lat="39.0194",
        ActionGeo_Long="125.755", ActionGeo_FeatureID="-2331100", DATEADDED="20240619123000",
        SOURCEURL="https://news.example/putin-pyongyang",
    )  # fmt: skip
    cells.update(values)
    return "\t".join(cells[name] for name in EVENT_COLUMNS)


@pytest.fixture
def gdelt_file(tmp_path: Path) -> Path:
    path = tmp_path / "20240619123000.export.CSV"
    rows = [
        gdelt_line(),
        gdelt_line(GlobalEventID="1170000002", Actor1Code="IGOUNO", Actor1Name="UNITED NATIONS",
                   Actor1CountryCode="", Actor1KnownGroupCode="UNO", Actor1Type1Code="",
                   EventCode="0231", EventBaseCode="023", EventRootCode="02", QuadClass="1",
                   GoldsteinScale="3.4", Actor2Code="", Actor2Name="", Actor2CountryCode=""),
        gdelt_line(GlobalEventID="1170000003", Day="20240620", EventCode="111",
                   EventBaseCode="111", EventRootCode="11", QuadClass="3", GoldsteinScale="-2",
                   Actor1Code="KOR", Actor1Name="SOUTH KOREA", Actor1CountryCode="KOR",
                   Actor1Type1Code=""),
    ]  # fmt: skip
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_gdelt_import(store: Store, gdelt_file: Path) -> None:
    summary = store.import_gdelt(gdelt_file)
    assert (summary.rows, summary.added) == (3, 3)
    events = {e.event_id: e for e in store.events(dataset="gdelt")}
    visit = events["gdelt-1170000001"]
    assert visit.source is not None and visit.target is not None
    assert (visit.source.code, visit.source.country, visit.source.sector) == (
        "RUSGOV",
        "RUS",
        "GOV",
    )
    assert visit.source.name == "Vladimir Putin" and visit.target.code == "PRK"
    assert (visit.cameo, visit.root, visit.quad_class, visit.goldstein) == ("042", "04", 1, 1.9)
    assert visit.plover is not None and visit.plover.type == "CONSULT"
    assert (visit.date, visit.date_precision, visit.modality) == ("2024-06-19", "day", "occurred")
    assert visit.doc_id == "https://news.example/putin-pyongyang"
    assert visit.location is not None and visit.location.name.startswith("Pyongyang")
    un = events["gdelt-1170000002"]
    assert un.source is not None and un.source.country == "IGOUNO" and un.target is None
    assert un.plover is None  # CAMEO 02 has no PLOVER type
    row = store.event_rows(EventFilter(source="RUS"))[0]
    assert (row["num_mentions"], row["num_sources"], row["num_articles"]) == (10, 3, 8)
    assert len(store.events(source="PRK", dyad=True, since="2024-06-20")) == 1


def test_gdelt_import_is_idempotent_and_reads_zip(
    store: Store, gdelt_file: Path, tmp_path: Path, strict=True
) -> None:
    archive = tmp_path / "20240619123000.export.CSV.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(gdelt_file, gdelt_file.name)
    assert store.import_gdelt(archive).added == 3
    again = store.import_gdelt(gdelt_file)
    assert (again.added, again.already_stored) == (0, 3)
    assert store.info().events_by_dataset == {"gdelt": 3}


def test_gdelt_export_keeps_the_imported_columns(
    store: Store, gdelt_file: Path, tmp_path: Path
) -> None:
    store.import_gdelt(gdelt_file)
    out = tmp_path / "again.export.CSV"
    store.export("gdelt", out)
    original = {
        line.split("\t")[0]: line.split("\t") for line in gdelt_file.read_text().splitlines()
    }
    written = {line.split("\t")[0]: line.split("\t") for line in out.read_text().splitlines()}
    assert set(written) == set(original)
    for gid, cells in original.items():
        again = dict(zip(EVENT_COLUMNS, written[gid], strict=True))
        for name, value in zip(EVENT_COLUMNS, cells, strict=True):
            if name in ("Actor1Name", "Actor2Name", "GoldsteinScale", "FractionDate"):
                continue  # normalised: names re-cased, numbers re-printed
            assert again[name] == value, (gid, name)
        assert float(again["GoldsteinScale"]) == float(
            dict(zip(EVENT_COLUMNS, cells, strict=True))["GoldsteinScale"]
        )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("a\tb\tc", "expected 61 tab-separated columns"),
        ("\t".join(["x"] * 58), "GDELT 1.0"),
        (gdelt_line(GlobalEventID="abc"), "GlobalEventID"),
        (gdelt_line(EventCode="999"), "unknown CAMEO event code"),
        (gdelt_line(Day="2024-06-19"), "Day"),
    ],
)
def test_gdelt_bad_lines_name_file_and_line(
    store: Store, tmp_path: Path, line: str, message: str
) -> None:
    path = tmp_path / "bad.export.CSV"
    path.write_text(gdelt_line() + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=message) as info:
        store.import_gdelt(path)
    assert info.value.where == f"{path}:2"


ICEWS_HEADER = (
    "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\t"
    "Intensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\t"
    "Publisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude"
)
ICEWS_ROWS = [
    "26870001\t2024-06-19\tVladimir Putin\tGovernment,Executive,Executive Office\t"
    "Russian Federation\tMake a visit\t042\t1.9\tNorth Korea\t\tNorth Korea\t51230001\t1\t"
    "Yonhap\tPyongyang\t\tPyongyang\tNorth Korea\t39.03\t125.75",
    "26870002\t2024-06-21\tMilitary (South Korea)\tMilitary,Government\tSouth Korea\t"
    "Criticize or denounce\t111\t-2.0\tRussian Federation\t\tRussian Federation\t51230002\t3\t"
    "Yonhap\t\t\t\tSouth Korea\t\t",
    "26870003\t2024-06-22\tCitizen (Atlantis)\tCivilian\tAtlantis\tConsult\t40\t1\t"
    "Government (North Korea)\tGovernment\tKorea, North\t51230003\t2\t\t\t\t\t\t\t",
]


@pytest.fixture
def icews_file(tmp_path: Path) -> Path:
    path = tmp_path / "events.2024.tab"
    path.write_text("\n".join([ICEWS_HEADER, *ICEWS_ROWS]) + "\n", encoding="utf-8")
    return path


def test_icews_import(store: Store, icews_file: Path) -> None:
    warnings: list[str] = []
    summary = store.import_icews(icews_file, warnings.append)
    assert (summary.rows, summary.added) == (3, 3)
    events = {e.event_id: e for e in store.events(dataset="icews")}
    visit = events["icews-26870001"]
    assert visit.source is not None and visit.target is not None
    assert (visit.source.code, visit.source.country, visit.source.name) == (
        "RUSGOV",
        "RUS",
        "Vladimir Putin",
    )
    assert (visit.target.code, visit.target.sector) == ("PRK", None)  # the state itself
    assert (visit.cameo, visit.goldstein, visit.trigger) == ("042", 1.9, "Make a visit")
    assert visit.doc_id == "icews-story-51230001" and visit.sentence_index == 0
    assert visit.location is not None and (visit.location.name, visit.location.country) == (
        "Pyongyang",
        "PRK",
    )
    criticism = events["icews-26870002"]
    assert criticism.source is not None and criticism.source.code == "KORMIL"
    assert criticism.sentence_index == 2
    third = events["icews-26870003"]
    assert third.cameo == "040"  # a code that lost its leading zero
    assert (
        third.source is not None and third.source.code == "UNKCVL" and third.source.country is None
    )
    assert third.target is not None and third.target.code == "PRKGOV"
    assert len(warnings) == 1 and "Atlantis" in warnings[0] and ":4:" in warnings[0]
    assert store.import_icews(icews_file).added == 0


def test_icews_needs_its_header(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "x.tab"
    path.write_text("id\tdate\n1\t2024-01-01\n")
    with pytest.raises(InputError, match="not an ICEWS event file") as info:
        store.import_icews(path)
    assert info.value.where == f"{path}:1"
    bad = tmp_path / "y.tab"
    bad.write_text(ICEWS_HEADER + "\n" + ICEWS_ROWS[0].replace("2024-06-19", "19/06/2024") + "\n")
    with pytest.raises(InputError, match="Event Date") as info:
        store.import_icews(bad)
    assert info.value.where == f"{bad}:2"
    with pytest.raises(InputError, match="no such file"):
        store.import_icews(tmp_path / "missing.tab")


def test_country_and_sector_lookups() -> None:
    assert country_code("Russian Federation") == "RUS"
    assert country_code("Korea, South") == "KOR"
    assert country_code("Occupied Palestinian Territory") == "PSE"
    assert country_code("Narnia") is None
    assert sector_code("Government,Executive,Executive Office") == "GOV"
    assert sector_code("Military,Government") == "MIL"
    assert sector_code("") is None

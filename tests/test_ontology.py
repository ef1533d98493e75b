"""The bundled CAMEO table: roots, quad classes, spot checks, and a full check against the
reference table in ../shared (skipped when that folder is absent)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from legation.errors import DataFileError
from legation.model import Plover
from legation.ontology import (
    PLOVER_TYPES,
    ROOT_NAMES,
    CameoCode,
    load_ontology,
    parse_table,
    quad_class,
)

MERGED = Path(__file__).resolve().parents[1] / "../shared/data/cameo/cameo_codes_merged.csv"
OLD_TO_NEW = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
HEADER = "code\tname\tgoldstein\tplover_type\tplover_mode"
ROOT_ROWS = "".join(f"{r}\t{n}\t0.0\t\t\n" for r, n in ROOT_NAMES.items())


def test_every_root_present_in_order() -> None:
    roots = load_ontology().roots()
    assert [r.code for r in roots] == [f"{i:02d}" for i in range(1, 21)]
    assert [r.name for r in roots] == list(ROOT_NAMES.values())


@pytest.mark.parametrize(
    ("root", "quad"),
    [("01", 1), ("05", 1), ("06", 2), ("09", 2), ("10", 3), ("14", 3), ("15", 4), ("20", 4)],
)
def test_quad_class_boundaries(root: str, quad: int) -> None:
    assert quad_class(root) == quad
    assert load_ontology().get(root).quad_class == quad


def test_quad_class_of_full_code_and_bad_root() -> None:
    assert quad_class("0874") == 2
    with pytest.raises(ValueError, match="'21'"):
        quad_class("21")


def test_codes_are_consistent() -> None:
    onto = load_ontology()
    codes = onto.codes()
    assert len(codes) == len(onto) == 311
    assert [c.code for c in codes] == sorted(c.code for c in codes)
    for c in codes:
        assert c.root == c.code[:2] and c.code.startswith(c.root)
        assert c.quad_class == quad_class(c.root)
        assert -10.0 <= c.goldstein <= 10.0
        if c.plover is not None:
            assert c.plover.type in PLOVER_TYPES
        if len(c.code) > 2:
            assert c.code[:-1] in onto  # every 3- or 4-digit code has its parent


@pytest.mark.parametrize(
    ("code", "name", "goldstein", "plover"),
    [
        ("042", "Make a visit", 1.9, Plover("CONSULT", "visit")),
        ("043", "Host a visit", 2.8, Plover("CONSULT", "visit")),
        ("057", "Sign formal agreement", 8.0, Plover("SUPPORT")),
        ("190", "Use conventional military force, not specified below", -10.0, Plover("ASSAULT")),
        ("0874", "Retreat or surrender militarily", 10.0, Plover("RETREAT", "disarm")),
        ("112", "Accuse, not specified below", -2.0, Plover("ACCUSE", "disapprove")),
        ("163", "Impose embargo, boycott, or sanctions", -8.0, Plover("COERCE", "restrict")),
        ("108", "Demand mediation", -5.0, Plover("REQUEST", "meet")),
        ("173", "Arrest, detain, or charge with legal action", -5.0, Plover("COERCE", "arrest")),
        ("010", "Make statement, not specified below", 0.0, None),
        ("02", "APPEAL", 3.0, None),
    ],
)
def test_spot_checks(code: str, name: str, goldstein: float, plover: Plover | None) -> None:
    entry = load_ontology().get(code)
    assert entry == CameoCode(code, name, code[:2], goldstein, quad_class(code), plover)


def test_lookup_errors_and_membership() -> None:
    onto = load_ontology()
    assert "042" in onto and "42" not in onto and 42 not in onto
    with pytest.raises(KeyError, match="unknown CAMEO event code: '999'"):
        onto.get("999")


def test_load_is_cached() -> None:
    assert load_ontology() is load_ontology()


def test_old_plover_names_are_renamed() -> None:
    onto = parse_table(f"{HEADER}\n{ROOT_ROWS}100\tDemand\t-5.0\tDEMAND\t\n")
    assert onto.get("100").plover == Plover("REQUEST")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("042\tMake a visit\t1.9\tCONSULT", "expected 5"),
        ("42x\tMake a visit\t1.9\tCONSULT\tvisit", "bad CAMEO code"),
        ("250\tNo such root\t1.0\t\t", "bad CAMEO code"),
        ("042\t\t1.9\tCONSULT\tvisit", "no name"),
        ("042\tMake a visit\thigh\tCONSULT\tvisit", "not a number"),
        ("042\tMake a visit\t11.0\tCONSULT\tvisit", "outside"),
        ("042\tMake a visit\t1.9\tCHAT\tvisit", "unknown PLOVER event type"),
        ("042\tMake a visit\t1.9\t\tvisit", "bad PLOVER mode"),
        ("04\tCONSULT\t1.0\t\t", "duplicate code 04"),
    ],
)
def test_malformed_row_names_file_and_line(row: str, message: str) -> None:
    text = f"{HEADER}\n{ROOT_ROWS}{row}\n"
    with pytest.raises(DataFileError, match=message) as err:
        parse_table(text, "my.tsv")
    assert err.value.where == "my.tsv:22"


def test_bad_header_and_missing_roots() -> None:
    with pytest.raises(DataFileError, match="header") as err:
        parse_table("code\tname\n", "x.tsv")
    assert err.value.where == "x.tsv:1"
    with pytest.raises(DataFileError, match="root codes missing: 20"):
        without_20 = ROOT_ROWS.rsplit("20\t", 1)[0]
        parse_table(f"{HEADER}\n{without_20}")


def _expected_plover(event: str, mode: str) -> Plover | None:
    """The reference's PLOVER column, normalised: old names renamed, dropped codes → None,
    and root 08's "CONCEDE(080-083)/RETREAT(084-087)" → its first type, CONCEDE."""
    if not event or event.startswith("(dropped"):
        return None
    event = event.split("/")[0].split("(")[0].strip()
    return Plover(OLD_TO_NEW.get(event, event), mode.strip() or None)


@pytest.mark.shared
def test_matches_reference_table() -> None:
    if not MERGED.exists():
        pytest.skip(f"reference table not found: {MERGED}")
    with MERGED.open(encoding="utf-8") as f:
        reference = {row["code"]: row for row in csv.DictReader(f)}
    onto = load_ontology()
    assert [c.code for c in onto.codes()] == sorted(reference)
    mismatches = []
    for entry in onto.codes():
        ref = reference[entry.code]
        expected = (
            ref["root"],
            float(ref["goldstein_gdelt"]),
            int(ref["quad_gdelt_1to4"]),
            _expected_plover(ref["plover_event"], ref["plover_mode"]),
        )
        actual = (entry.root, entry.goldstein, entry.quad_class, entry.plover)
        if actual != expected:
            mismatches.append((entry.code, actual, expected))
    assert mismatches == []

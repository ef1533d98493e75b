"""The CAMEO event ontology: code names, Goldstein scores, quad classes and PLOVER types.

One bundled table (``data/cameo.tsv``) holds every CAMEO event code with its GDELT Goldstein
value and its type and mode under the published CAMEO→PLOVER 2021 mapping, so the coder,
the store and the analysis all agree on what a code means. The table is read lazily, once.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from legation.errors import DataFileError
from legation.model import Plover

__all__ = [
    "PLOVER_RENAMES",
    "PLOVER_TYPES",
    "ROOT_NAMES",
    "CameoCode",
    "Ontology",
    "load_ontology",
    "parse_table",
    "quad_class",
]

ROOT_NAMES: dict[str, str] = {
    "01": "MAKE PUBLIC STATEMENT",
    "02": "APPEAL",
    "03": "EXPRESS INTENT TO COOPERATE",
    "04": "CONSULT",
    "05": "ENGAGE IN DIPLOMATIC COOPERATION",
    "06": "ENGAGE IN MATERIAL COOPERATION",
    "07": "PROVIDE AID",
    "08": "YIELD",
    "09": "INVESTIGATE",
    "10": "DEMAND",
    "11": "DISAPPROVE",
    "12": "REJECT",
    "13": "THREATEN",
    "14": "PROTEST",
    "15": "EXHIBIT FORCE POSTURE",
    "16": "REDUCE RELATIONS",
    "17": "COERCE",
    "18": "ASSAULT",
    "19": "FIGHT",
    "20": "USE UNCONVENTIONAL MASS VIOLENCE",
}

PLOVER_TYPES: frozenset[str] = frozenset(
    {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    }
)  # fmt: skip

# Event types renamed between early PLOVER drafts and the 2021 manual.
PLOVER_RENAMES: dict[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}

_HEADER = ("code", "name", "goldstein", "plover_type", "plover_mode")
_CODE_RE = re.compile(r"\d{2,4}")
_MODE_RE = re.compile(r"[a-z][a-z_-]*")


def quad_class(root: str) -> int:
    """GDELT quad class of a root (or of any code, by its first two digits).

    1 verbal cooperation (01–05), 2 material cooperation (06–09),
    3 verbal conflict (10–14), 4 material conflict (15–20).
    """
    key = root[:2]
    if key not in ROOT_NAMES:
        raise ValueError(f"not a CAMEO root or code: {root!r} (roots are '01'..'20')")
    n = int(key)
    return 1 if n <= 5 else 2 if n <= 9 else 3 if n <= 14 else 4


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code with everything an event record derives from it."""

    code: str  # "042"
    name: str  # "Make a visit"
    root: str  # "04"
    goldstein: float  # GDELT's Goldstein value, -10..10
    quad_class: int  # 1..4, GDELT's
    plover: Plover | None  # None where PLOVER dropped the code (roots 01, 02)


class Ontology:
    """The CAMEO code table: look up a code, list codes or roots in code order."""

    def __init__(self, codes: list[CameoCode]) -> None:
        self._by_code = {c.code: c for c in sorted(codes, key=lambda c: c.code)}

    def get(self, code: str) -> CameoCode:
        """The entry for ``code``; ``KeyError`` says which code was unknown."""
        try:
            return self._by_code[code]
        except KeyError:
            raise KeyError(f"unknown CAMEO event code: {code!r}") from None

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._by_code

    def __len__(self) -> int:
        return len(self._by_code)

    def __iter__(self) -> Iterator[CameoCode]:
        return iter(self._by_code.values())

    def codes(self) -> list[CameoCode]:
        """Every code, in code order ("01", "010", "011", ..., "2042")."""
        return list(self._by_code.values())

    def roots(self) -> list[CameoCode]:
        """The twenty two-digit root codes, "01".."20"."""
        return [c for c in self._by_code.values() if len(c.code) == 2]


def _parse_row(fields: list[str], where: str) -> CameoCode:
    """One data row → ``CameoCode``; any inconsistency is a ``DataFileError`` at ``where``."""
    if len(fields) != len(_HEADER):
        n = len(_HEADER)
        raise DataFileError(where, f"expected {n} tab-separated fields, got {len(fields)}")
    code, name, gold, ptype, pmode = (f.strip() for f in fields)
    if not _CODE_RE.fullmatch(code) or code[:2] not in ROOT_NAMES:
        raise DataFileError(where, f"bad CAMEO code {code!r}")
    if not name:
        raise DataFileError(where, f"code {code} has no name")
    try:
        goldstein = float(gold)
    except ValueError:
        raise DataFileError(where, f"Goldstein value {gold!r} is not a number") from None
    if not -10.0 <= goldstein <= 10.0:
        raise DataFileError(where, f"Goldstein value {goldstein} outside -10..10")
    ptype = PLOVER_RENAMES.get(ptype, ptype)
    if ptype and ptype not in PLOVER_TYPES:
        raise DataFileError(where, f"unknown PLOVER event type {ptype!r}")
    if pmode and (not ptype or not _MODE_RE.fullmatch(pmode)):
        raise DataFileError(where, f"bad PLOVER mode {pmode!r} for type {ptype!r}")
    plover = Plover(ptype, pmode or None) if ptype else None
    return CameoCode(code, name, code[:2], goldstein, quad_class(code), plover)


def parse_table(text: str, path: str = "cameo.tsv") -> Ontology:
    """Parse the TSV text of a CAMEO table (ours, or a user's in the same format)."""
    lines = text.splitlines()
    if not lines or tuple(h.strip() for h in lines[0].split("\t")) != _HEADER:
        raise DataFileError(f"{path}:1", f"header must be: {' '.join(_HEADER)}")
    codes: dict[str, CameoCode] = {}
    for lineno, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        entry = _parse_row(line.split("\t"), f"{path}:{lineno}")
        if entry.code in codes:
            raise DataFileError(f"{path}:{lineno}", f"duplicate code {entry.code}")
        codes[entry.code] = entry
    missing = sorted(set(ROOT_NAMES) - set(codes))
    if missing:
        raise DataFileError(path, f"root codes missing: {', '.join(missing)}")
    return Ontology(list(codes.values()))


@functools.cache
def load_ontology() -> Ontology:
    """The bundled CAMEO table, read once per process."""
    source = resources.files("legation.ontology.data").joinpath("cameo.tsv")
    return parse_table(source.read_text(encoding="utf-8"), str(source))

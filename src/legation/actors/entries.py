"""Knowledge-base records: what a name can refer to, and when.

Every source of actor knowledge (the bundled data files, a user's own files, imported
PETRARCH/TABARI dictionaries) produces these records; the resolver only reads them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

EntryKind = Literal["country", "person", "igo", "group"]


@dataclass(frozen=True, slots=True)
class Role:
    """An actor code held over a period (either end open when ``None``, both inclusive)."""

    code: str  # "RUSGOV", "SUNGOV", "PRK", "IGOUNO"
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, when: dt.date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)

    def distance(self, when: dt.date) -> int:
        """Days from ``when`` to this role's period (0 inside it)."""
        if self.start is not None and when < self.start:
            return (self.start - when).days
        if self.end is not None and when > self.end:
            return (when - self.end).days
        return 0


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """A named actor: a state, a person, an international organisation or a group.

    ``patterns`` are lower-case surface forms, tokens separated by single spaces, matched
    against token sequences ("north korea", "kim jong-un", "the kremlin").
    ``roles`` are the codes the actor holds over time; a country has one open role.
    ``exact`` are case-sensitive forms, for names that are also English words ("US", "UK").
    """

    name: str
    kind: EntryKind
    patterns: tuple[str, ...]
    roles: tuple[Role, ...]
    origin: str = "legation"  # which file it came from, for resolution reasons
    exact: tuple[str, ...] = ()  # case-sensitive forms: "US", "U.S.", "ROK"

    def role_on(self, when: dt.date | None) -> tuple[Role, str]:
        """The role in force on ``when`` and why it was chosen.

        Inside a tenure: that role ("tenure"). Outside all tenures: the nearest one in time
        ("nearest-tenure"), so historical figures keep the office they are discussed in.
        With no date: the latest role ("latest").
        """
        if when is None:
            return self.roles[-1], "latest"
        covering = [r for r in self.roles if r.covers(when)]
        if covering:
            return covering[-1], "tenure"
        return min(self.roles, key=lambda r: r.distance(when)), "nearest-tenure"


@dataclass(frozen=True, slots=True)
class AgentEntry:
    """A generic agent word ("troops", "state media", "president") → a sector code."""

    patterns: tuple[str, ...]
    sector: str  # "GOV", "MIL", "MED", "OPP", "REB", "BUS", "CVL", ...
    origin: str = "legation"


def split_code(code: str) -> tuple[str | None, str | None]:
    """Split a CAMEO-style actor code into (country, sector).

    "RUSGOV" → ("RUS", "GOV"); "PRK" → ("PRK", None); "IGOUNO" → ("IGOUNO", None);
    "IGOUNOGOV"-style IGO codes keep the 6-letter IGO prefix.
    """
    code = code.upper()
    if code.startswith("IGO"):
        return code[:6], (code[6:] or None)
    if len(code) >= 3 and code[:3].isalpha():
        return code[:3], (code[3:] or None)
    return None, code or None

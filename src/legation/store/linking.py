"""Event identity: which stored event a newly coded mention reports, or none (a new one).

Pure functions over small records, so the rules can be read and tested without a
database; ``store.ingest`` fetches the candidates (by the blocking key below) and
applies the decision.

Two mentions report the same real-world event when everything they say about it is
compatible:

- **actors**: the same country on each side (a side the mention leaves out is
  compatible only within one story: the same article or its near-duplicates); sectors
  equal or one unstated; named persons equal or one unnamed (Raul Castro is not
  Fidel Castro). ``043`` (host a visit) is ``042`` (make a visit) seen from the other side,
  so it is compared with visitor and host swapped; joint acts (``SYMMETRIC_CODES``:
  consult, meet, negotiate, sign an agreement, cooperate, fight) have no direction, so
  "France and Germany signed" and "Germany signed with France" are one signing.
- **code**: the same CAMEO code, or one is the parent of the other (``04``/``040`` ⊃
  ``042``; ``023`` ⊃ ``0231``).
- **count**: the same (a trip "twelve times" is not one of the twelve).
- **modality**: the same, or a history: planned → occurred, planned → negated
  ("planned a trip in 1959; it never happened"); occurred never joins negated.
- **dates**: the days the dates cover overlap (``2024-06`` contains ``2024-06-19``;
  two different days are two events). A date the coder took from the article's own
  date (``date_source == "article"``) only says "reported by then": it matches an
  event in the ``RECENT_DAYS`` before the article (after it, for a planned event), and
  another article-dated mention only within ``SAME_NEWS_DAYS`` of its article. A date
  the text gives that is the article's own day (``"reference"``: "today", "this week",
  "over the weekend" all resolve to it) is read as the ``REFERENCE_DAYS`` up to it. An
  undated mention joins only an event of its own story (or one with the same
  multi-occurrence count and person).

Among compatible candidates the best wins: one from the same story, then the closest
code, the tightest date agreement, the same modality, and finally the most recent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

RECENT_DAYS = 31  # an article-dated report of a past event: the month before the article
AHEAD_DAYS = 366  # an article-dated plan: within a year after the article
SAME_NEWS_DAYS = 2  # two article-dated reports, from articles this close: one news cycle
REFERENCE_DAYS = 7  # "this week", "today": the text's date is the article's own day
# Joint acts: either party may be the grammatical subject of the same event.
SYMMETRIC_CODES = frozenset(
    {"040", "044", "046", "057", "060", "061", "062", "063", "064", "190", "193", "194"}
)
HOST_CODE, VISIT_CODE = "043", "042"
MODALITY_RANK = {"hypothetical": 0, "planned": 1, "negated": 2, "occurred": 3}
_HISTORY = {frozenset({"planned", "occurred"}), frozenset({"planned", "negated"})}
_SOFT = frozenset({"article", "reference"})  # dates that only say "reported by then"


@dataclass(frozen=True, slots=True)
class Side:
    """One actor as identity sees it: ``person`` is a specific name (not a country's)."""

    country: str | None
    sector: str | None = None
    person: str | None = None


@dataclass(frozen=True, slots=True)
class Facts:
    """What a mention (or a stored event, from its best mentions) says happened.

    ``start``/``end`` are the ISO days the date covers (``None`` when undated);
    ``source``/``target`` are already in visit orientation (see ``oriented``).
    """

    source: Side | None
    target: Side | None
    cameo: str
    modality: str
    start: str | None
    end: str | None
    date_source: str | None = None  # text | story | article | None
    count: int = 1


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored event offered for linking; ``same_story`` when it has a mention in the
    new mention's article or in that article's near-duplicate family."""

    event_id: str
    facts: Facts
    same_story: bool = False


def oriented(
    source: Side | None, target: Side | None, cameo: str
) -> tuple[Side | None, Side | None, str]:
    """``043`` "A hosted B" → ``042`` "B visited A": one orientation for both reports;
    a joint act (``SYMMETRIC_CODES``) with its two sides in a fixed order."""
    if cameo == HOST_CODE:
        return target, source, VISIT_CODE
    if cameo in SYMMETRIC_CODES and source and target and side_key(target) < side_key(source):
        return target, source, cameo
    return source, target, cameo


def side_key(side: Side | None) -> str:
    return side.country or "" if side else ""


def blocking_key(facts: Facts) -> str:
    """The indexed key candidates are fetched by: source, target and CAMEO root."""
    return f"{side_key(facts.source)}|{side_key(facts.target)}|{facts.cameo[:2]}"


def _ancestors(code: str) -> set[str]:
    """``0231`` → {0231, 023, 020, 02}; ``042`` → {042, 040, 04}."""
    found = {code, code[:2], code[:2] + "0"}
    if len(code) == 4:
        found.add(code[:3])
    return found


def code_distance(a: str, b: str) -> int | None:
    """0 for the same code, 1 for parent/child, ``None`` when neither contains the other."""
    if a == b:
        return 0
    if a in _ancestors(b) or b in _ancestors(a):
        return 1
    return None


def _side_ok(a: Side | None, b: Side | None, same_story: bool) -> bool:
    if a is None or b is None:
        return same_story
    if a.country != b.country:
        return False
    if a.sector and b.sector and a.sector != b.sector:
        return False
    return not (a.person and b.person and a.person.casefold() != b.person.casefold())


def _modality_ok(a: str, b: str) -> bool:
    return a == b or frozenset({a, b}) in _HISTORY


def _day(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _window(f: Facts) -> tuple[dt.date, dt.date] | None:
    """The days an event reported by ``f`` may have happened on."""
    if f.start is None or f.end is None:
        return None
    start, end = _day(f.start), _day(f.end)
    if f.date_source == "reference" and f.modality not in ("planned", "hypothetical"):
        return start - dt.timedelta(days=REFERENCE_DAYS - 1), end
    if f.date_source != "article":
        return start, end
    if f.modality in ("planned", "hypothetical"):
        return start - dt.timedelta(days=1), end + dt.timedelta(days=AHEAD_DAYS)
    return start - dt.timedelta(days=RECENT_DAYS), end


def date_overlap(a: Facts, b: Facts, same_story: bool) -> float | None:
    """How well the dates agree (1.0 the same days, towards 0 for a small part of a
    wider one), or ``None`` when they cannot be the same event."""
    wa, wb = _window(a), _window(b)
    if wa is None or wb is None:
        undated_ok = same_story or (a.count > 1 and a.count == b.count)
        return 0.1 if undated_ok else None
    if a.date_source in _SOFT and b.date_source in _SOFT and not same_story:
        gap = abs((_day(a.end or "") - _day(b.end or "")).days)
        return 0.5 if gap <= SAME_NEWS_DAYS else None
    lo, hi = max(wa[0], wb[0]), min(wa[1], wb[1])
    if lo > hi:
        return None
    shared = (hi - lo).days + 1
    union = (max(wa[1], wb[1]) - min(wa[0], wb[0])).days + 1
    return shared / union


def score(new: Facts, candidate: Candidate) -> tuple[float, ...] | None:
    """A sortable score (higher is better) when ``candidate`` may be ``new``'s event."""
    old, story = candidate.facts, candidate.same_story
    if not (_side_ok(new.source, old.source, story) and _side_ok(new.target, old.target, story)):
        return None
    distance = code_distance(new.cameo, old.cameo)
    if distance is None or new.count != old.count or not _modality_ok(new.modality, old.modality):
        return None
    if new.count > 1 and not story and not _same_person(new, old):
        return None  # "twice" by one leader is not "twice" by another unnamed one
    overlap = date_overlap(new, old, story)
    if overlap is None:
        return None
    recency = _day(old.end).toordinal() if old.end else 0
    return (float(story), -float(distance), overlap, float(new.modality == old.modality), recency)


def _same_person(a: Facts, b: Facts) -> bool:
    pa = a.source.person if a.source else None
    pb = b.source.person if b.source else None
    return pa is not None and pb is not None and pa.casefold() == pb.casefold()


def choose(new: Facts, candidates: Iterable[Candidate]) -> str | None:
    """The id of the stored event ``new`` reports, or ``None`` for a new event."""
    best: tuple[tuple[float, ...], str] | None = None
    for candidate in candidates:
        found = score(new, candidate)
        if found is not None and (best is None or (found, candidate.event_id) > best):
            best = (found, candidate.event_id)
    return best[1] if best else None


DATE_SOURCE_RANK = {"text": 4, "story": 3, "reference": 2, "article": 1}
PRECISION_RANK = {"day": 4, "month": 3, "year": 2, "decade": 1}


def date_rank(
    date_source: str | None, precision: str | None, start: str | None
) -> tuple[int, int, int]:
    """How good a date is: one the text gives over the article's own date (which never
    outweighs it); then the most precise; then explicit over carried from the story over
    the article's day ("this week"). An undated mention ranks lowest."""
    if start is None:
        return (0, 0, 0)
    source = DATE_SOURCE_RANK.get(date_source or "text", 4)
    explicit = int(source > DATE_SOURCE_RANK["article"])
    return (explicit, PRECISION_RANK.get(precision or "", 0), source)

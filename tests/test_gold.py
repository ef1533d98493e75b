"""The gold sentences (DESIGN.md habit 9): short news sentences with the events they must,
and must not, yield.

Each line of ``gold/gold_sentences.jsonl`` is one case (format in ``gold/README.md``). A case
passes when every ``expect`` filter is matched by at least one coded event and no coded event
matches a ``reject`` filter. Known failures carry an ``xfail`` reason, so progress shows as
XPASS/XFAIL counts instead of red. The matching helpers are unit-tested below on fake events,
so a failure here is the coder's, not the harness's.

Print coverage (cases per root and per tag): ``python tests/test_gold.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from legation.errors import InputError
from legation.model import MODALITIES, Actor, Article, Event
from legation.ontology import ROOT_NAMES, load_ontology
from legation.pipeline import Coder

GOLD = Path(__file__).resolve().parent / "gold" / "gold_sentences.jsonl"

CASE_KEYS = frozenset({"id", "text", "date", "expect", "reject", "xfail", "tags", "note"})
REQUIRED_KEYS = frozenset({"id", "text", "date", "expect", "reject", "xfail"})
FILTER_KEYS = frozenset(
    {"source", "target", "cameo", "root", "modality", "date", "count", "date_precision",
     "attribution", "date_source"}
)  # fmt: skip
DATE_SOURCES = ("text", "story", "article", None)
DATE_PRECISIONS = ("day", "month", "year", "decade")
# Features a case exercises; README.md says what each means.
TAGS = frozenset(
    {
        "passive", "nominal", "light-verb", "coordination", "apposition", "title",
        "metonym", "relative-clause", "pronoun", "multi-sentence", "time-resolved",
        "hyphenated-name", "historical", "igo", "negated", "planned", "hypothetical",
        "attribution", "date-default", "date-day", "date-month", "date-year", "date-decade",
        "date-relative", "multi-date", "count", "false-positive", "scope", "idiom",
        "sport", "fiction", "carried", "headline", "existential",
        "story-country", "lower-case", "implied-source", "topic-phrase", "habitual",
        "diplomatic-mission", "group",
    }
)  # fmt: skip
MIN_CASES_PER_ROOT = 3

_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ACTOR_RE = re.compile(r"(?:[A-Z]{3})+")
_DATE_RE = re.compile(r"[0-9]{3,4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")


# ---------------------------------------------------------------------------- loading


def load_cases(path: Path = GOLD) -> list[dict[str, Any]]:
    """Read the JSONL file; a line that is not a JSON object is an ``InputError`` at file:line."""
    cases: list[dict[str, Any]] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path.name}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(where, f"not valid JSON: {exc.msg}") from None
        if not isinstance(obj, dict):
            raise InputError(where, "each line must be a JSON object")
        obj["_where"] = where
        cases.append(obj)
    return cases


def _params() -> tuple[list[Any], str | None]:
    """Cases as pytest params; a broken file yields no params and an error for the format test."""
    try:
        cases = load_cases()
    except (OSError, InputError) as exc:
        return [], str(exc)
    params = []
    for case in cases:
        reason = case.get("xfail")
        marks = [pytest.mark.xfail(reason=reason, strict=False)] if reason else []
        params.append(pytest.param(case, id=str(case.get("id")), marks=marks))
    return params, None


PARAMS, LOAD_ERROR = _params()


# ---------------------------------------------------------------------------- validation


def validate_filter(filt: Any, where: str, known_codes: frozenset[str]) -> list[str]:
    """Problems with one expect/reject filter (empty list when it is well-formed)."""
    if not isinstance(filt, dict):
        return [f"{where}: a filter must be a JSON object, got {filt!r}"]
    problems = [f"{where}: unknown filter key {k!r}" for k in sorted(set(filt) - FILTER_KEYS)]
    if not filt:
        problems.append(f"{where}: an empty filter matches every event")
    for key, value in filt.items():
        ok = True
        if key in ("source", "target"):
            ok = value is None or (isinstance(value, str) and bool(_ACTOR_RE.fullmatch(value)))
        elif key == "cameo":
            ok = isinstance(value, str) and value in known_codes
        elif key == "root":
            ok = value in ROOT_NAMES
        elif key == "modality":
            ok = value in MODALITIES
        elif key == "date":
            ok = isinstance(value, str) and bool(_DATE_RE.fullmatch(value))
        elif key == "date_precision":
            ok = value in DATE_PRECISIONS
        elif key == "date_source":
            ok = value in DATE_SOURCES
        elif key == "count":
            ok = isinstance(value, int) and not isinstance(value, bool) and value >= 1
        elif key == "attribution":
            ok = isinstance(value, bool)
        if not ok:
            problems.append(f"{where}: bad value for {key!r}: {value!r}")
    return problems


def validate_case(case: Mapping[str, Any], known_codes: frozenset[str]) -> list[str]:
    """Problems with one case: keys, id, text, date, filters, xfail, tags."""
    where = str(case.get("_where", case.get("id", "?")))
    keys = set(case) - {"_where"}
    problems = [f"{where}: unknown key {k!r}" for k in sorted(keys - CASE_KEYS)]
    problems += [f"{where}: missing key {k!r}" for k in sorted(REQUIRED_KEYS - keys)]
    cid, text, date = case.get("id"), case.get("text"), case.get("date")
    if not isinstance(cid, str) or not _ID_RE.fullmatch(cid):
        problems.append(f"{where}: id must be lower-case words joined by '-', got {cid!r}")
    if not isinstance(text, str) or not text.strip():
        problems.append(f"{where}: text must be a non-empty string")
    if date is not None:
        try:
            dt.date.fromisoformat(date)
        except (TypeError, ValueError):
            problems.append(f"{where}: date must be YYYY-MM-DD or null, got {date!r}")
    expect, reject = case.get("expect", []), case.get("reject", [])
    for key, filters in (("expect", expect), ("reject", reject)):
        if not isinstance(filters, list):
            problems.append(f"{where}: {key} must be a list")
            continue
        for i, filt in enumerate(filters):
            problems += validate_filter(filt, f"{where} {key}[{i}]", known_codes)
    if isinstance(expect, list) and isinstance(reject, list) and not expect and not reject:
        problems.append(f"{where}: a case needs at least one expect or reject filter")
    xfail = case.get("xfail")
    if xfail is not None and (not isinstance(xfail, str) or not xfail.strip()):
        problems.append(f"{where}: xfail must be null or a non-empty reason")
    tags = case.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        problems.append(f"{where}: tags must be a list of strings")
    else:
        problems += [f"{where}: unknown tag {t!r}" for t in tags if t not in TAGS]
    if "note" in case and not isinstance(case["note"], str):
        problems.append(f"{where}: note must be a string")
    return problems


def validate_cases(cases: Sequence[Mapping[str, Any]]) -> list[str]:
    """Problems with the whole file: every case, plus duplicate ids."""
    known = frozenset(c.code for c in load_ontology())
    problems = [p for case in cases for p in validate_case(case, known)]
    ids = Counter(case.get("id") for case in cases)
    problems += [f"duplicate id {cid!r} ({n} cases)" for cid, n in ids.items() if n > 1]
    return problems


# ---------------------------------------------------------------------------- matching


def actor_matches(actor: Actor | None, want: str | None) -> bool:
    """``want`` is a country ("RUS", "IGOUNO") or a full code ("RUSGOV"); None means no actor."""
    if want is None:
        return actor is None
    return actor is not None and want in (actor.code, actor.country)


def event_matches(event: Event, filt: Mapping[str, Any]) -> bool:
    """True when ``event`` satisfies every key of ``filt`` (keys as in gold/README.md)."""
    for key, want in filt.items():
        if key in ("source", "target"):
            ok = actor_matches(getattr(event, key), want)
        elif key == "cameo":
            ok = event.cameo.startswith(want)
        elif key == "root":
            ok = event.root == want
        elif key in ("modality", "date", "date_precision", "count", "date_source"):
            ok = getattr(event, key) == want
        elif key == "attribution":
            ok = (event.attribution is not None) == bool(want)
        else:
            raise KeyError(f"unknown filter key {key!r}")
        if not ok:
            return False
    return True


def describe(event: Event) -> str:
    """One line per coded event, for failure messages."""
    src = event.source.code if event.source else "-"
    tgt = event.target.code if event.target else "-"
    extra = f" count={event.count}" if event.count != 1 else ""
    if event.attribution:
        extra += f" attribution={event.attribution!r}"
    return (
        f"[s{event.sentence_index}] {src} -> {tgt} {event.cameo} {event.modality} "
        f"{event.date}/{event.date_precision}{extra} trigger={event.trigger!r}"
    )


def check_case(events: Sequence[Event], case: Mapping[str, Any]) -> list[str]:
    """Unmet expectations and rejected events for one case; empty when the case passes."""
    problems = [
        f"expected, not coded: {json.dumps(filt, sort_keys=True)}"
        for filt in case.get("expect", [])
        if not any(event_matches(e, filt) for e in events)
    ]
    for filt in case.get("reject", []):
        for e in events:
            if event_matches(e, filt):
                problems.append(
                    f"rejected {json.dumps(filt, sort_keys=True)} but coded: {describe(e)}"
                )
    return problems


def failure_message(
    case: Mapping[str, Any], events: Sequence[Event], problems: Iterable[str]
) -> str:
    lines = [f"{case['id']}: {case['text']!r} (date {case.get('date')})"]
    lines += [f"  {p}" for p in problems]
    lines.append(f"  coded {len(events)} event(s):")
    lines += [f"    {describe(e)}" for e in events] or ["    (none)"]
    return "\n".join(lines)


def coverage(cases: Iterable[Mapping[str, Any]]) -> tuple[Counter[str], Counter[str]]:
    """(cases per CAMEO root named in an expect filter, cases per tag)."""
    roots: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    for case in cases:
        case_roots = {f.get("root") or f.get("cameo", "")[:2] for f in case.get("expect", [])}
        roots.update(r for r in case_roots if r)
        tags.update(case.get("tags", []))
    return roots, tags


# ---------------------------------------------------------------------------- the gold cases


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


@pytest.mark.parametrize("case", PARAMS)
def test_gold(coder: Coder, case: dict[str, Any]) -> None:
    date = dt.date.fromisoformat(case["date"]) if case.get("date") else None
    events = coder.code_article(Article(case["id"], case["text"], date))
    problems = check_case(events, case)
    assert not problems, failure_message(case, events, problems)


def test_gold_file_well_formed() -> None:
    assert LOAD_ERROR is None, LOAD_ERROR
    cases = load_cases()
    assert len(cases) >= 100
    problems = validate_cases(cases)
    assert not problems, "\n".join(problems)


def test_gold_file_covers_every_root() -> None:
    roots, _ = coverage(load_cases())
    thin = {r: roots[r] for r in ROOT_NAMES if roots[r] < MIN_CASES_PER_ROOT}
    assert not thin, f"roots with fewer than {MIN_CASES_PER_ROOT} cases: {thin}"


def test_gold_file_covers_every_modality() -> None:
    cases = load_cases()
    seen = {f["modality"] for c in cases for f in c["expect"] if "modality" in f}
    assert seen == set(MODALITIES)


# ---------------------------------------------------------------------------- the harness itself


def fake_event(
    source: str | None = "RUSGOV",
    target: str | None = "PRKGOV",
    cameo: str = "042",
    **kw: Any,
) -> Event:
    def actor(code: str | None) -> Actor | None:
        if code is None:
            return None
        country = code if code.startswith("IGO") else code[:3]
        return Actor(code, country, code[3:] or None, None, code)

    entry = load_ontology().get(cameo)
    fields: dict[str, Any] = {"modality": "occurred", "trigger": "visited", "date": "2024-06",
                              "date_precision": "month"}  # fmt: skip
    fields.update(kw)
    return Event(
        doc_id="t", sentence_index=0, sentence="s", source=actor(source), target=actor(target),
        cameo=cameo, root=entry.root, quad_class=entry.quad_class, goldstein=entry.goldstein,
        plover=entry.plover, **fields,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("filt", "expected"),
    [
        ({"source": "RUS"}, True),
        ({"source": "RUSGOV"}, True),
        ({"source": "RUSMIL"}, False),
        ({"source": "PRK"}, False),
        ({"target": "PRK", "source": "RUS"}, True),
        ({"target": None}, False),
        ({"cameo": "04"}, True),
        ({"cameo": "042"}, True),
        ({"cameo": "043"}, False),
        ({"root": "04"}, True),
        ({"root": "042"}, False),
        ({"modality": "occurred"}, True),
        ({"modality": "planned"}, False),
        ({"date": "2024-06"}, True),
        ({"date": "2024"}, False),
        ({"date_precision": "month"}, True),
        ({"count": 1}, True),
        ({"count": 2}, False),
        ({"attribution": False}, True),
        ({"attribution": True}, False),
        ({}, True),
    ],
)
def test_event_matches(filt: dict[str, Any], expected: bool) -> None:
    assert event_matches(fake_event(), filt) is expected


def test_actor_match_on_bare_country_and_igo() -> None:
    bare = fake_event(source="RUS", target="IGOUNO")
    assert event_matches(bare, {"source": "RUS", "target": "IGOUNO"})
    assert not event_matches(bare, {"source": "RUSGOV"})
    assert event_matches(fake_event(target=None), {"target": None})


def test_attribution_and_count_filters() -> None:
    event = fake_event(attribution="according to Yonhap", count=12)
    assert event_matches(event, {"attribution": True, "count": 12})
    assert not event_matches(event, {"attribution": False})


def test_unknown_filter_key_raises() -> None:
    with pytest.raises(KeyError, match="trigger"):
        event_matches(fake_event(), {"trigger": "visited"})


def test_check_case_reports_missing_and_rejected() -> None:
    case = {
        "id": "x",
        "text": "t",
        "expect": [{"source": "RUS", "cameo": "042"}, {"source": "PRK", "cameo": "043"}],
        "reject": [{"modality": "occurred", "root": "04"}, {"root": "19"}],
    }
    events = [fake_event()]
    problems = check_case(events, case)
    assert len(problems) == 2
    assert problems[0].startswith("expected, not coded:") and '"PRK"' in problems[0]
    assert problems[1].startswith("rejected") and "RUSGOV -> PRKGOV 042" in problems[1]
    assert check_case(events, {"expect": [{"cameo": "04"}], "reject": [{"root": "19"}]}) == []
    assert check_case([], {"expect": [], "reject": [{"root": "19"}]}) == []


def test_failure_message_lists_coded_events() -> None:
    case = {"id": "x", "text": "Putin visited Pyongyang.", "date": "2024-07-01"}
    msg = failure_message(case, [fake_event(trigger="visited")], ["expected, not coded: {}"])
    assert "x: 'Putin visited Pyongyang.'" in msg
    assert "RUSGOV -> PRKGOV 042 occurred 2024-06/month trigger='visited'" in msg
    assert "(none)" in failure_message(case, [], [])


def test_validate_case_catches_mistakes() -> None:
    known = frozenset(c.code for c in load_ontology())
    good = {"id": "ok-1", "text": "t", "date": "2024-01-01", "expect": [{"cameo": "042"}],
            "reject": [], "xfail": None, "tags": ["passive"]}  # fmt: skip
    assert validate_case(good, known) == []
    bad_cases: list[tuple[dict[str, Any], str]] = [
        ({**good, "extra": 1}, "unknown key 'extra'"),
        ({k: v for k, v in good.items() if k != "xfail"}, "missing key 'xfail'"),
        ({**good, "id": "Bad Id"}, "id must be"),
        ({**good, "date": "2024-13-01"}, "date must be"),
        ({**good, "expect": [{"cameo": "099"}]}, "bad value for 'cameo'"),
        ({**good, "expect": [{"cameo": "4"}]}, "bad value for 'cameo'"),
        ({**good, "expect": [{"root": "21"}]}, "bad value for 'root'"),
        ({**good, "expect": [{"modality": "maybe"}]}, "bad value for 'modality'"),
        ({**good, "expect": [{"source": "Russia"}]}, "bad value for 'source'"),
        ({**good, "expect": [{"date": "June 2024"}]}, "bad value for 'date'"),
        ({**good, "expect": [{"count": 0}]}, "bad value for 'count'"),
        ({**good, "expect": [{"attribution": "yes"}]}, "bad value for 'attribution'"),
        ({**good, "expect": [{"trigger": "visited"}]}, "unknown filter key 'trigger'"),
        ({**good, "expect": [{}]}, "empty filter"),
        ({**good, "expect": [], "reject": []}, "at least one expect or reject"),
        ({**good, "xfail": ""}, "xfail must be"),
        ({**good, "tags": ["sarcasm"]}, "unknown tag 'sarcasm'"),
    ]
    for case, message in bad_cases:
        problems = validate_case(case, known)
        assert any(message in p for p in problems), (case, problems)


def test_validate_cases_catches_duplicate_ids() -> None:
    case = {"id": "a-1", "text": "t", "date": None, "expect": [{"root": "04"}], "reject": [],
            "xfail": None}  # fmt: skip
    assert validate_cases([case, dict(case)]) == ["duplicate id 'a-1' (2 cases)"]


def test_load_cases_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a"}\n\n{not json\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"gold\.jsonl:3"):
        load_cases(path)
    path.write_text("[1, 2]\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"gold\.jsonl:1"):
        load_cases(path)


if __name__ == "__main__":
    _roots, _tags = coverage(load_cases())
    print("cases per root:", " ".join(f"{r}:{_roots[r]}" for r in ROOT_NAMES))
    print("cases per tag: ", " ".join(f"{t}:{n}" for t, n in sorted(_tags.items())))

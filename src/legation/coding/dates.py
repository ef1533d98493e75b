"""Date expressions in a sentence, resolved against the article date.

Finds absolute dates ("June 19, 2024", "March 2023", "2019", "the 1970s") and relative ones
("last month", "mid-June", "on Monday", "earlier this year"), and resolves each to an ISO
prefix with a precision: ``2024-06-19``/day, ``2024-06``/month, ``2000``/year, ``197``/decade.
Month and weekday names without a year are taken as the most recent such time not after
the article date (news reports the past), unless the text says "next".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span

from legation.model import DatePrecision

MONTHS = {
    name: n
    for n, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Words before a date that make it a bound, not the time of the event.
BOUND_WORDS = frozenset({"since", "until", "till", "before", "after", "by", "ahead"})
YEAR_MIN, YEAR_MAX = 1800, 2100
_MONTHS = range(1, 13)

_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_PART = r"(?P<part>(?:early|mid|late)[- ])?"
_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_RELATIVE = r"(?P<which>last|this|next|past|earlier this|later this)\s+(?P<unit>week|month|year)"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I)),
    ("dmy", re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.I)),
    ("my", re.compile(rf"\b{_PART}{_MONTH},?\s+(?:of\s+)?{_YEAR}\b", re.I)),
    ("md", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*,?\s*\d)", re.I)),
    ("dm", re.compile(rf"\b{_DAY}\s+{_MONTH}\b", re.I)),
    ("decade", re.compile(r"\b(?:the\s+)?(?P<decade>1[89]\d0|20\d0)'?s\b", re.I)),
    ("rel", re.compile(rf"\b{_RELATIVE}\b", re.I)),
    ("day", re.compile(r"\b(?P<word>yesterday|today|tomorrow)\b", re.I)),
    ("weekday", re.compile(rf"\b(?P<next>next\s+)?{_WEEKDAY}\b", re.I)),
    ("m", re.compile(rf"\b{_PART}{_MONTH}\b", re.I)),
    ("year", re.compile(rf"(?<![\d,.$£€-]){_YEAR}(?!\d|,\d|%)(?!\s*(?:-|–)\s*\d)")),
]  # fmt: skip
# Cheap searches that every match of a pattern needs (a digit, a month word, ...): most
# sentences hold no date, and these skip the patterns that cannot match (same results).
_CLUES: dict[str, re.Pattern[str]] = {
    "digit": re.compile(r"\d"),
    "month": re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I),
    "day": re.compile(r"day|tomorrow", re.I),  # weekdays, "yesterday", "today", "tomorrow"
    "unit": re.compile(r"week|month|year", re.I),
}
_NEEDS: dict[str, tuple[str, ...]] = {
    "iso": ("digit",), "mdy": ("digit", "month"), "dmy": ("digit", "month"),
    "my": ("digit", "month"), "md": ("digit", "month"), "dm": ("digit", "month"),
    "decade": ("digit",), "rel": ("unit",), "day": ("day",), "weekday": ("day",),
    "m": ("month",), "year": ("digit",),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class DateMention:
    """A resolved date expression: where it is (token offsets in the doc) and what it means."""

    start: int
    end: int
    value: str  # ISO prefix
    precision: DatePrecision
    text: str
    bound: bool  # preceded by "since", "until", ... : a limit, not the event's time
    future: str | None = None  # the reading for a planned event ("in April": the next April)


def find_dates(
    sentence: Span, article_date: dt.date | None, text: str | None = None
) -> list[DateMention]:
    """Every date expression in ``sentence``, longest first where they overlap (``text``:
    the sentence's text, when the caller has it already)."""
    if text is None:
        text = sentence.text
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    clues = frozenset(name for name, clue in _CLUES.items() if clue.search(text))
    for kind, pattern in _patterns_for(clues):
        for match in pattern.finditer(text):
            a, b = match.span()
            if any(a < y and x < b for x, y in taken):
                continue
            resolved = _resolve_safely(kind, match, article_date)
            if resolved is None:
                continue
            span = sentence.char_span(a, b, alignment_mode="expand")
            if span is None or not _plausible(kind, span):
                continue
            taken.append((a, b))
            value, precision = resolved
            ahead = _resolve_safely(kind, match, article_date, forward=True)
            future = ahead[0] if ahead and ahead[0] != value else None
            before = sentence.doc[span.start - 1].lower_ if span.start > 0 else ""
            bound = before in BOUND_WORDS
            found.append(
                DateMention(span.start, span.end, value, precision, span.text, bound, future)
            )
    return sorted(found, key=lambda d: d.start)


@cache
def _patterns_for(clues: frozenset[str]) -> list[tuple[str, re.Pattern[str]]]:
    """The patterns that can match a text with these clues (``_CLUES``), in order."""
    return [(kind, p) for kind, p in _PATTERNS if all(name in clues for name in _NEEDS[kind])]


def _plausible(kind: str, span: Span) -> bool:
    """Reject numbers that are not dates ("2000 troops") and month words that are not months."""
    if kind == "year":
        token = span[-1]
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if nxt is not None and nxt.tag_ == "NNS":
            return False
        return token.like_num
    if kind == "m":
        first = span[0] if span[0].lower_ not in ("early", "mid", "late") else span[-1]
        if first.lower_ == "may" and first.tag_ == "MD":
            return False
        return first.text[:1].isupper() or first.text.startswith(("mid", "early", "late"))
    return True


def _resolve_safely(
    kind: str, match: re.Match[str], today: dt.date | None, *, forward: bool = False
) -> tuple[str, DatePrecision] | None:
    """``_resolve``, with no date for what falls outside the calendar (an article dated
    9999-12-31 and "tomorrow"): hostile input must not stop the coder."""
    try:
        return _resolve(kind, match, today, forward=forward)
    except (OverflowError, ValueError):
        return None


def _resolve(
    kind: str, match: re.Match[str], today: dt.date | None, *, forward: bool = False
) -> tuple[str, DatePrecision] | None:
    """``forward``: read a yearless month or weekday as the next one, not the last one."""
    g = match.groupdict()
    month = MONTHS.get((g.get("month") or "").lower().rstrip(".")) if g.get("month") else None
    if g.get("mnum"):
        month = int(g["mnum"])
    year = int(g["year"]) if g.get("year") else None
    if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
        return None
    if kind in ("iso", "mdy", "dmy"):
        # An impossible day ("February 30, 2023") still tells the month.
        day = _day(year, month, int(g["day"]))
        return day or ((f"{year:04d}-{month:02d}", "month") if year and month in _MONTHS else None)
    if kind == "my" and year and month:
        return f"{year:04d}-{month:02d}", "month"
    if kind == "year" and year:
        return f"{year:04d}", "year"
    if kind == "decade":
        return g["decade"][:3], "decade"
    if today is None:
        return None
    if kind in ("md", "dm") and month:
        when, now = (month, int(g["day"])), (today.month, today.day)
        past = when < now if forward else when <= now
        y = today.year if past != forward else today.year + (1 if forward else -1)
        return _day(y, month, int(g["day"]))
    if kind == "m" and month:
        past = month < today.month if forward else month <= today.month
        y = today.year if past != forward else today.year + (1 if forward else -1)
        return dt.date(y, month, 1).isoformat()[:7], "month"  # ValueError past 9999
    if kind == "rel":
        return _relative(g["which"].lower(), g["unit"].lower(), today)
    if kind == "day":
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[g["word"].lower()]
        return (today + dt.timedelta(days=shift)).isoformat(), "day"
    if kind == "weekday":
        target = WEEKDAYS.index(g["weekday"].lower())
        if g.get("next") or forward:
            delta = (target - today.weekday()) % 7 or 7
        else:
            delta = -((today.weekday() - target) % 7)
        return (today + dt.timedelta(days=delta)).isoformat(), "day"
    return None


def _day(year: int | None, month: int | None, day: int) -> tuple[str, DatePrecision] | None:
    if year is None or month is None:
        return None
    try:
        return dt.date(year, month, day).isoformat(), "day"
    except ValueError:
        return None


def _relative(which: str, unit: str, today: dt.date) -> tuple[str, DatePrecision]:
    step = {"last": -1, "past": -1, "next": 1}.get(which, 0)
    if unit == "year":
        year = dt.date(today.year + step, 1, 1).year  # ValueError outside years 1-9999
        return f"{year:04d}", "year"
    if unit == "month":
        index = today.year * 12 + today.month - 1 + step
        return dt.date(index // 12, index % 12 + 1, 1).isoformat()[:7], "month"
    return (today + dt.timedelta(weeks=step)).isoformat(), "day"

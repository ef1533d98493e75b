"""The GDELT 2.0 event and mentions table layouts, written from the published codebooks.

GDELT 2.0 event files (``*.export.CSV``) are tab-separated with no header, 61 columns;
mentions files (``*.mentions.CSV``) 16 columns. Both importer and exporter use these
lists, so a GDELT file read in and written out keeps its columns.
"""

from __future__ import annotations

import hashlib
import re


def _actor(prefix: str) -> list[str]:
    return [
        f"{prefix}Code", f"{prefix}Name", f"{prefix}CountryCode", f"{prefix}KnownGroupCode",
        f"{prefix}EthnicCode", f"{prefix}Religion1Code", f"{prefix}Religion2Code",
        f"{prefix}Type1Code", f"{prefix}Type2Code", f"{prefix}Type3Code",
    ]  # fmt: skip


def _geo(prefix: str) -> list[str]:
    return [
        f"{prefix}_Type", f"{prefix}_FullName", f"{prefix}_CountryCode", f"{prefix}_ADM1Code",
        f"{prefix}_ADM2Code", f"{prefix}_Lat", f"{prefix}_Long", f"{prefix}_FeatureID",
    ]  # fmt: skip


EVENT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *_actor("Actor1"), *_actor("Actor2"),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *_geo("Actor1Geo"), *_geo("Actor2Geo"), *_geo("ActionGeo"),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

MENTION_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras",
)  # fmt: skip

MENTION_TYPE_WEB = 1
_HEX_ID = re.compile(r"[0-9a-f]{16}")


def global_event_id(event_id: str, extra: dict[str, str] | None = None) -> int:
    """A stable positive 60-bit integer id (GDELT ids are integers).

    An imported GDELT event keeps its own ``GlobalEventID``.
    """
    if extra and extra.get("GlobalEventID", "").isdigit():
        return int(extra["GlobalEventID"])
    digest = (
        event_id if _HEX_ID.fullmatch(event_id) else hashlib.sha1(event_id.encode()).hexdigest()
    )
    return int(digest[:15], 16)


def fraction_date(year: int, month: int, day: int) -> float:
    """The codebook's FractionDate: ``YYYY + (MONTH * 30 + DAY) / 365``, four decimals."""
    return round(year + (month * 30 + day) / 365, 4)


def clean(value: object) -> str:
    """A cell: no tabs or newlines (the format has no quoting)."""
    if value is None:
        return ""
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)

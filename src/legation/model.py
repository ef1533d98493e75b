"""Typed records that flow through the pipeline: Article → Mention → Event.

These dataclasses are the contract between stages (and, through ``Event.to_dict``, with
external tools: the dict form is the JSON record of ``schema/event.schema.json``).
No stage passes loose dicts to another.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

Modality = Literal["occurred", "negated", "planned", "hypothetical"]
DatePrecision = Literal["day", "month", "year", "decade"]
# Where an event's date came from: its own text, an earlier sentence of the story, or the
# article's date (the text gives none: undated background, or a date the reader must check).
DateSource = Literal["text", "story", "article"]
MODALITIES: tuple[Modality, ...] = ("occurred", "negated", "planned", "hypothetical")


@dataclass(frozen=True, slots=True)
class Article:
    """One input document. ``id`` is the caller's id (the file name for ``.txt`` input)."""

    id: str
    text: str
    date: dt.date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str | None = None  # where it was read from, e.g. "corpus.jsonl:12", for errors


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor as it appears in an event record."""

    code: str  # CAMEO-style actor code: "RUSGOV", "PRK", "IGOUNO"
    country: str | None  # ISO 3166-1/3 alpha-3, or an IGO code; None for non-state actors
    sector: str | None  # "GOV", "MIL", "MED", ... ; None for a bare country
    name: str | None  # canonical name: "Vladimir Putin", "Russia"
    text: str  # the words in the sentence that named it

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "country": self.country,
            "sector": self.sector,
            "name": self.name,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a sentence resolved to an actor, with the reason for the resolution."""

    start: int  # token offsets within the doc (spaCy token indices)
    end: int
    actor: Actor
    reason: str  # e.g. "kb:person", "kb:country+agent", "pronoun:he→Putin"


@dataclass(frozen=True, slots=True)
class Plover:
    type: str
    mode: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "mode": self.mode}


@dataclass(frozen=True, slots=True)
class Location:
    name: str
    country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country}


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event: the record every later stage (store, export, analysis) reads."""

    doc_id: str
    sentence_index: int
    sentence: str
    source: Actor | None
    target: Actor | None
    cameo: str
    root: str
    quad_class: int
    goldstein: float
    plover: Plover | None
    modality: Modality
    trigger: str
    date: str | None = None
    date_precision: DatePrecision | None = None
    count: int = 1
    attribution: str | None = None
    location: Location | None = None
    rule: str = ""  # why it was coded: lexicon entry and extraction rule
    date_source: DateSource | None = None  # None: no date at all
    event_id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.event_id:
            object.__setattr__(self, "event_id", self.compute_id())

    def compute_id(self) -> str:
        """Stable hash of (article, sentence index, source, target, code, date)."""
        parts = [
            self.doc_id,
            str(self.sentence_index),
            self.source.code if self.source else "",
            self.target.code if self.target else "",
            self.cameo,
            self.date or "",
        ]
        return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        """The JSON record (``schema/event.schema.json``)."""
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "root": self.root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": self.plover.to_dict() if self.plover else None,
            "modality": self.modality,
            "attribution": self.attribution,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_source": self.date_source,
            "count": self.count,
            "location": self.location.to_dict() if self.location else None,
            "trigger": self.trigger,
            "rule": self.rule,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        """Inverse of ``to_dict`` (used by the store and by importers)."""

        def actor(d: dict[str, Any] | None) -> Actor | None:
            if not d:
                return None
            return Actor(d["code"], d.get("country"), d.get("sector"), d.get("name"), d["text"])

        plover = data.get("plover")
        loc = data.get("location")
        return cls(
            doc_id=data["doc_id"],
            sentence_index=int(data["sentence_index"]),
            sentence=data["sentence"],
            source=actor(data.get("source")),
            target=actor(data.get("target")),
            cameo=data["cameo"],
            root=data["root"],
            quad_class=int(data["quad_class"]),
            goldstein=float(data["goldstein"]),
            plover=Plover(plover["type"], plover.get("mode")) if plover else None,
            modality=data["modality"],
            trigger=data["trigger"],
            date=data.get("date"),
            date_precision=data.get("date_precision"),
            count=int(data.get("count", 1)),
            attribution=data.get("attribution"),
            location=Location(loc["name"], loc.get("country")) if loc else None,
            rule=data.get("rule", ""),
            date_source=data.get("date_source"),
            event_id=data.get("event_id", ""),
        )


@dataclass(frozen=True, slots=True)
class CodedArticle:
    """An article with its sentence texts and the events coded from it (what the store keeps)."""

    article: Article
    sentences: tuple[str, ...]
    events: tuple[Event, ...]

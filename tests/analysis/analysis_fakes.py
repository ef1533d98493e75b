"""Hand-written events for analysis tests, stored through ``Store.ingest`` (the public
API) by a coder that returns the events scripted for each article."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from legation.model import Actor, Article, CodedArticle, Event, Location, Modality
from legation.ontology import load_ontology
from legation.store import Store


def actor(code: str) -> Actor:
    return Actor(code, code[:3], code[3:] or None, None, code)


def ev(
    src: str | None,
    tgt: str | None,
    cameo: str,
    date: str | None,
    *,
    modality: Modality = "occurred",
    count: int = 1,
    sentence: str | None = None,
    rule: str = "",
    location: str | None = None,
    doc: str | None = None,
) -> Event:
    """An event as the coder would make it; ``doc`` groups events into one article."""
    code = load_ontology().get(cameo)
    return Event(
        doc_id=doc or "",
        sentence_index=0,
        sentence=sentence or f"{src} did {cameo} to {tgt} on {date}.",
        source=actor(src) if src else None,
        target=actor(tgt) if tgt else None,
        cameo=code.code,
        root=code.root,
        quad_class=code.quad_class,
        goldstein=code.goldstein,
        plover=code.plover,
        modality=modality,
        trigger="did",
        date=date,
        date_precision=None if date is None else ("day", "month", "year")[(10 - len(date)) // 3],
        count=count,
        location=Location(location, location) if location else None,
        rule=rule,
    )


class ScriptedCoder:
    """``code_stream`` that returns, for each article, the events scripted for its id."""

    def __init__(self, script: dict[str, list[Event]]) -> None:
        self.script = script

    def code_stream(
        self, articles: Iterable[Article], batch_size: int = 32
    ) -> Iterator[CodedArticle]:
        for article in articles:
            planned = self.script[article.id]
            sentences = tuple(e.sentence for e in planned)
            events = tuple(
                Event(**{**_fields(e), "doc_id": article.id, "sentence_index": i, "event_id": ""})
                for i, e in enumerate(planned)
            )
            yield CodedArticle(article, sentences, events)


def _fields(event: Event) -> dict[str, object]:
    return {name: getattr(event, name) for name in Event.__dataclass_fields__}


def fill(store: Store, events: Iterable[Event]) -> Store:
    """Ingest ``events``: one article per event, or per ``doc`` when events share one."""
    script: dict[str, list[Event]] = {}
    for i, event in enumerate(events):
        script.setdefault(event.doc_id or f"doc{i:04d}", []).append(event)
    articles = []
    for n, (doc_id, planned) in enumerate(script.items()):
        # Unique filler words keep short articles from looking like near-duplicates.
        filler = " ".join(f"w{n}x{k}" for k in range(15))
        text = " ".join(e.sentence for e in planned) + f" Filler {filler}."
        articles.append(Article(doc_id, text, dt.date(2024, 1, 1)))
    store.ingest(articles, ScriptedCoder(script))
    return store

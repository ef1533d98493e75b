"""A deterministic stand-in for the coder, so store tests need no spaCy and no real coder.

Each sentence is scanned for ``AAA <verb> BBB`` where AAA/BBB are actor codes (3 upper-case
letters, optionally a 3-letter sector: ``RUSGOV``). ``will <verb>`` makes it ``planned``;
``did not <verb>`` ``negated``. Importable by subprocesses (``--coder store_fakes:FakeCoder``).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from legation.model import Actor, Article, CodedArticle, Event, Modality
from legation.ontology import load_ontology

VERBS = {
    "visited": "042", "visit": "042", "met": "040", "meet": "040",
    "criticised": "111", "criticise": "111", "threatened": "130",
    "signed a treaty with": "057", "sign a treaty with": "057",
    "praised": "051", "accused": "112",
}  # fmt: skip
_VERB = "|".join(sorted((re.escape(v) for v in VERBS), key=len, reverse=True))
PATTERN = re.compile(
    rf"\b([A-Z]{{3}}(?:[A-Z]{{3}})?) (will |did not )?({_VERB}) ([A-Z]{{3}}(?:[A-Z]{{3}})?)\b"
)
SENTENCE = re.compile(r"(?<=[.!?])\s+")


def actor(code: str, text: str) -> Actor:
    return Actor(code, code[:3], code[3:] or None, None, text)


def split_sentences(text: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in SENTENCE.split(text.strip()) if s.strip())


def code_article(article: Article) -> CodedArticle:
    ontology = load_ontology()
    sentences = split_sentences(article.text)
    events = []
    for index, sentence in enumerate(sentences):
        for match in PATTERN.finditer(sentence):
            src, aux, verb, tgt = match.groups()
            entry = ontology.get(VERBS[verb])
            modality: Modality = {"will ": "planned", "did not ": "negated"}.get(
                aux or "", "occurred"
            )  # type: ignore[assignment]
            events.append(
                Event(
                    doc_id=article.id,
                    sentence_index=index,
                    sentence=sentence,
                    source=actor(src, src),
                    target=actor(tgt, tgt),
                    cameo=entry.code,
                    root=entry.root,
                    quad_class=entry.quad_class,
                    goldstein=entry.goldstein,
                    plover=entry.plover,
                    modality=modality,
                    trigger=verb,
                    date=article.date.isoformat() if article.date else None,
                    date_precision="day" if article.date else None,
                    rule="fake",
                )
            )
    return CodedArticle(article, sentences, tuple(events))


class FakeCoder:
    """``code_stream`` like the real coder's; ``FAKE_CODER_DELAY`` seconds per article.
    With ``FAKE_CODER_PAUSE_AFTER=N`` and ``FAKE_CODER_READY=FILE`` it codes N articles,
    creates FILE and stands still until killed: by then ingest has committed every whole
    batch of those N, so a kill test knows what is stored without guessing a moment."""

    def __init__(self, delay: float | None = None) -> None:
        self.delay = float(os.environ.get("FAKE_CODER_DELAY", "0")) if delay is None else delay
        pause = os.environ.get("FAKE_CODER_PAUSE_AFTER")
        self.pause_after = int(pause) if pause else None
        self.coded: list[str] = []

    def code_stream(
        self, articles: Iterable[Article], batch_size: int = 32
    ) -> Iterator[CodedArticle]:
        for article in articles:
            if len(self.coded) == self.pause_after:
                _pause()
            if self.delay:
                time.sleep(self.delay)
            self.coded.append(article.id)
            yield code_article(article)


def _pause() -> None:
    Path(os.environ["FAKE_CODER_READY"]).touch()
    while True:
        time.sleep(60)


def article(doc_id: str, text: str, date: str = "2024-06-19", **kw: str) -> Article:
    return Article(doc_id, text, dt.date.fromisoformat(date), **kw)  # type: ignore[arg-type]


ORIGINAL = (
    "RUSGOV visited PRK on Wednesday for the first time in twenty-four years. "
    "The two governments spent the afternoon in closed talks at the Kumsusan guesthouse. "
    "RUS signed a treaty with PRK that commits each side to mutual assistance. "
    "Officials in Seoul said they were watching the visit with great concern. "
    "KOR criticised RUS over the agreement late on Wednesday evening. "
    "Analysts said the deal marked a turning point for security in northeast Asia."
)
# A syndicated copy: new headline, one sentence edited (an extra event in it).
EDITED = ORIGINAL.replace(
    "Officials in Seoul said they were watching the visit with great concern.",
    "Officials in Seoul said they were watching it closely, and USA criticised PRK.",
)

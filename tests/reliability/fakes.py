"""Fast, deterministic stand-ins for the coder, importable by ``legation ingest --coder``
(``PYTHONPATH=tests``, ``--coder reliability.fakes:FakeCoder``).

Every sentence naming two CAMEO-style country codes (``RUS ... PRK``) yields one event
coded 042 between them, so counts of articles, events and mentions depend only on the
text. ``FAKE_CODER_DELAY`` (seconds per article) slows it down; ``FAKE_CODER_PAUSE_AFTER``
and ``FAKE_CODER_READY`` stop it at a known point for kill tests (``pause_here``).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from legation.model import Actor, Article, CodedArticle, Event
from legation.ontology import load_ontology

_CODE = re.compile(r"\b[A-Z]{3}\b")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def code_article(article: Article) -> CodedArticle:
    """Sentences split at ``.!?``; one 042 event per sentence with two codes in it."""
    entry = load_ontology().get("042")
    sentences = tuple(s for s in (p.strip() for p in _SENTENCE.split(article.text)) if s)
    events = []
    for index, sentence in enumerate(sentences):
        codes = _CODE.findall(sentence)
        if len(codes) < 2:
            continue
        src, tgt = codes[0], codes[1]
        events.append(
            Event(
                doc_id=article.id,
                sentence_index=index,
                sentence=sentence,
                source=Actor(src, src, None, None, src),
                target=Actor(tgt, tgt, None, None, tgt),
                cameo=entry.code,
                root=entry.root,
                quad_class=entry.quad_class,
                goldstein=entry.goldstein,
                plover=entry.plover,
                modality="occurred",
                trigger="visit",
                date=article.date.isoformat() if article.date else None,
                date_precision="day" if article.date else None,
                rule="fake",
            )
        )
    return CodedArticle(article, sentences, tuple(events))


def pause_here() -> None:
    """Tell the test we got here (a file ``ready-<pid>`` in ``FAKE_CODER_READY``), then stand
    still until killed: kill tests wait for the file, not for a guessed moment."""
    ready = Path(os.environ["FAKE_CODER_READY"]) / f"ready-{os.getpid()}"
    ready.touch()
    while True:
        time.sleep(60)


class FakeCoder:
    """``code_stream`` like ``legation.pipeline.Coder``'s, optionally slowed down, or
    stopped for good before the article after the first ``FAKE_CODER_PAUSE_AFTER`` (counted
    per process: by then the ingest has committed every whole batch before them)."""

    def __init__(self, delay: float | None = None) -> None:
        self.delay = float(os.environ.get("FAKE_CODER_DELAY", "0")) if delay is None else delay
        pause = os.environ.get("FAKE_CODER_PAUSE_AFTER")
        self.pause_after = int(pause) if pause else None

    def code_stream(
        self, articles: Iterable[Article], batch_size: int = 32
    ) -> Iterator[CodedArticle]:
        for done, article in enumerate(articles):
            if done == self.pause_after:
                pause_here()
            if self.delay:
                time.sleep(self.delay)
            yield code_article(article)

"""The pipeline: batching, long texts, provenance and the public API."""

from __future__ import annotations

import datetime as dt

import pytest

import legation
from legation.errors import InputError
from legation.model import Article
from legation.pipeline import Coder, split_long_text


def test_split_long_text_cuts_at_sentence_ends() -> None:
    text = "Russia warned Ukraine. " * 2000
    pieces = split_long_text(text, limit=1000)
    assert "".join(pieces) == text
    assert all(len(p) <= 1000 for p in pieces)
    assert all(p.endswith(". ") for p in pieces[:-1])


def test_split_long_text_without_punctuation_still_cuts() -> None:
    text = "word " * 1000
    pieces = split_long_text(text, limit=300)
    assert "".join(pieces) == text and max(map(len, pieces)) <= 300


def test_long_article_keeps_sentence_indices_across_chunks(coder: Coder) -> None:
    filler = "Markets were calm and the weather was mild. " * 600  # > one chunk
    text = filler + "Russian President Vladimir Putin visited Pyongyang."
    (coded,) = coder.code_stream([Article("long", text, dt.date(2024, 6, 20))])
    visits = [e for e in coded.events if e.cameo == "042"]
    assert visits
    assert coded.sentences[visits[0].sentence_index] == visits[0].sentence


def test_stream_keeps_input_order_and_ids(coder: Coder) -> None:
    articles = [
        Article(f"a{n}", "China criticised Japan over its defence budget.", None)
        for n in range(5)
    ]
    coded = list(coder.code_stream(articles, batch_size=2))
    assert [c.article.id for c in coded] == ["a0", "a1", "a2", "a3", "a4"]
    assert all(c.events for c in coded), "every copy of the sentence yields its event"
    assert all(e.doc_id == c.article.id for c in coded for e in c.events)


def test_public_api_code_text() -> None:
    events = legation.code_text("Germany condemned Iran's missile test.", date="2024-01-05")
    assert events and events[0].doc_id == "text" and events[0].date == "2024-01-05"
    with pytest.raises(InputError):
        legation.code_text("x", date="05/01/2024")


def test_empty_text_gives_no_events(coder: Coder) -> None:
    assert coder.code_article(Article("e", "", None)) == []

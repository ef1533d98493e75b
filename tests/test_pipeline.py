"""The pipeline: batching, long texts, provenance and the public API."""

from __future__ import annotations

import datetime as dt
import re

import pytest

import legation
from legation.errors import InputError
from legation.model import Article
from legation.pipeline import CHUNK_CHARS, MAX_RUN_CHARS, Coder, split_long_text
from legation.read import InputWarning


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


def _stretches(piece: str) -> list[int]:
    """Lengths of the runs between sentence or paragraph ends in ``piece``."""
    ends = [m.end() for m in re.finditer(r"\n|(?<=[.!?])\s+", piece)]
    return [b - a for a, b in zip([0, *ends], [*ends, len(piece)], strict=True)]


@pytest.mark.parametrize("unit", ["the envoy met the minister, ", "talks ", "x"])
def test_text_without_sentence_ends_is_cut_into_short_pieces(unit: str) -> None:
    """A megabyte with no full stop (once minutes of parsing and 1.6 GB): no piece holds
    a stretch over MAX_RUN_CHARS without a sentence end, and no text is lost."""
    text = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    pieces = split_long_text(text)
    assert "".join(pieces) == text
    assert max(max(_stretches(p)) for p in pieces) <= MAX_RUN_CHARS
    assert len(pieces) <= 2 * len(text) // MAX_RUN_CHARS + 1  # cuts near the limit, not tiny
    if " " in unit:
        assert all(p.endswith(" ") for p in pieces[:-1])  # at spaces, never inside a word


def test_a_short_text_with_one_over_long_stretch_is_cut_there() -> None:
    sentences = "Talks began in Geneva. The envoys met twice. "
    text = sentences + "and then " * 500 + ". " + sentences
    pieces = split_long_text(text)
    assert len(text) < CHUNK_CHARS and len(pieces) > 1
    assert pieces[0] == sentences
    assert pieces[-1].endswith(sentences)
    assert "".join(pieces) == text


def test_ordinary_articles_stay_whole() -> None:
    text = "The minister, who arrived late on Monday, met his counterpart. " * 300
    assert split_long_text(text) == [text]


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


def test_implausible_article_date_does_not_anchor_relative_dates(coder: Coder) -> None:
    article = Article("far", "Putin visited Pyongyang yesterday.", dt.date(9999, 12, 31))
    with pytest.warns(InputWarning, match=r"far: date 9999-12-31 is outside the plausible"):
        [coded] = coder.code_stream([article])
    assert coded.events
    assert all(event.date is None for event in coded.events)
    assert coded.article.date is None

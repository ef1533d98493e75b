"""The pre-screen: which sentences are parsed, and that screening keeps the events."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from legation.model import Article, CodedArticle
from legation.screen import Screen


def sample_articles() -> list[Article]:
    import datetime as dt

    text = resources.files("legation.samples").joinpath("sample_corpus.jsonl").read_text("utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    return [Article(str(r["id"]), r["text"], dt.date.fromisoformat(r["date"])) for r in rows]


def keys(coded: list[CodedArticle]) -> set[tuple[object, ...]]:
    return {
        (e.doc_id, e.cameo, e.source and e.source.code, e.target and e.target.code, e.trigger)
        for c in coded
        for e in c.events
    }


@pytest.fixture(scope="module")
def screen(coder) -> Screen:  # type: ignore[no-untyped-def]
    return Screen(coder.nlp, coder.lexicon, coder.resolver.matcher)


def test_trigger_index_expands_inflections_and_needs_objects(screen: Screen) -> None:
    index = screen.triggers
    assert "visit" in index.lemmas_of("visited") and "visit" in index.lemmas_of("visits")
    assert index.fires(set(index.lemmas_of("visited")), actor=True)
    assert not index.fires({"weather", "be", "sunny"}, actor=True)
    # "take" codes only with an object such as "control" or "responsibility"
    assert "take" in index.objects
    assert not index.fires({"take", "tea", "afternoon"}, actor=True)
    assert index.fires({"take", "responsibility"}, actor=True)


def test_plan_keeps_eventful_and_context_sentences(screen: Screen) -> None:
    text = (
        "The weather in the capital was sunny and warm. "
        "Vladimir Putin arrived late in the evening. "
        "The streets were quiet and clean. "
        "He visited Pyongyang the next day."
    )
    plan = screen.plan(text)
    assert len(plan.sentences) == 4
    assert 0 not in plan.kept  # no trigger, no actor
    assert 3 in plan.kept  # trigger + pronoun
    assert 1 in plan.kept  # the person the pronoun may refer to
    assert [t.text for t in plan.doc][:2] == ["Vladimir", "Putin"]
    assert sum(1 for _ in plan.doc.sents) == len(plan.kept)


def test_plan_without_actor_candidates_parses_nothing(screen: Screen) -> None:
    plan = screen.plan("The weather was sunny. Everyone visited the beach.")
    assert plan.kept == () and len(plan.doc) == 0 and plan.skipped == 2


@pytest.fixture(scope="module")
def fast():  # type: ignore[no-untyped-def]
    from legation.pipeline import Coder

    return Coder(screen=True)


def test_screened_coder_keeps_articles_with_nothing_to_parse(fast) -> None:  # type: ignore[no-untyped-def]
    items = [Article("a", "The weather was sunny. It rained later."), Article("b", "")]
    coded = list(fast.code_stream(items))
    assert [c.article.id for c in coded] == ["a", "b"]
    assert coded[0].sentences == ("The weather was sunny.", "It rained later.")
    assert coded[0].events == () and coded[1].events == ()


def test_screened_coder_finds_the_same_events_on_the_sample(coder, fast) -> None:  # type: ignore[no-untyped-def]
    articles = sample_articles()
    full = list(coder.code_stream(articles))
    screened = list(fast.code_stream(articles))
    assert keys(full), "the sample yields events"
    assert keys(screened) == keys(full)
    # sentence indices point at the article's own sentences, skipped ones included
    for item in screened:
        for event in item.events:
            assert item.sentences[event.sentence_index] == event.sentence

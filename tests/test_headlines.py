"""Headlines: a first line with no full stop is a sentence of its own, and a bare past
participle with a subject and no object is a passive (``legation.nlp``)."""

from __future__ import annotations

from legation.nlp import load_pipeline


def _first_sentence_deps(text: str) -> dict[str, str]:
    doc = load_pipeline()(text)
    first = next(iter(doc.sents))
    return {t.text: t.dep_ for t in first}


def test_a_headline_line_ends_its_sentence() -> None:
    doc = load_pipeline()("Police Kill Two Gunmen in Nairobi\nThe raid took place at dawn.")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[0] == "Police Kill Two Gunmen in Nairobi"
    # lower-case news: the next line may start with any word
    doc = load_pipeline()("police detain two men in pune\npune: police on monday detained two.")
    assert next(iter(doc.sents)).text.strip() == "police detain two men in pune"


def test_a_wrapped_paragraph_is_left_to_the_parser() -> None:
    text = (
        "The foreign ministers of the two countries met in Geneva on Monday and agreed that\n"
        "talks would resume next month."
    )
    doc = load_pipeline()(text)
    assert len(list(doc.sents)) == 1


def test_a_headline_drops_the_passive_auxiliary() -> None:
    deps = _first_sentence_deps("Three Soldiers Killed in Ambush Near Border\nThe army said.")
    assert deps["Soldiers"] == "nsubjpass"
    deps = _first_sentence_deps("Two journalists detained in Minsk")
    assert deps["journalists"] == "nsubjpass"


def test_active_headlines_and_body_sentences_stay_active() -> None:
    # an object keeps the verb active
    assert _first_sentence_deps("Police Killed Two Gunmen in Nairobi")["Police"] == "nsubj"
    # an act aimed at someone is active too
    assert _first_sentence_deps("Troops Shot at Protesters in Lima")["Troops"] == "nsubj"
    # a body sentence, not a line of its own, is left as parsed
    deps = _first_sentence_deps("Police arrested in the town on Monday. Two were freed later.")
    assert "nsubjpass" not in deps.values()

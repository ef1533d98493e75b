"""Word-order verb patterns (``coding.patterns``): which actors a pattern's markers take."""

from __future__ import annotations

import pytest

from legation.coding.patterns import VerbPattern
from legation.coding.petrarch_verbs import lexicon_from, parse_verb_dictionary

SNIPPET = """\
--- FETE  [040] ---
FETE
- + HOSTING * HARVEST_FAIR $ [046]
- * SUPPER IN ^ +  [045]
- * WITH %  [031]
"""

NAMES = {"Velmar", "Osterland", "Quarn", "Drelle", "Port", "Amsel"}


@pytest.fixture(scope="module")
def patterns() -> dict[int, VerbPattern]:
    lexicon = lexicon_from(parse_verb_dictionary(SNIPPET, "snippet.txt", warn=False))
    return {int(p.where.rsplit(":", 1)[1]): p for p in lexicon.patterns()}


def _verb(nlp, text: str, word: str):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    return next(t for t in doc if t.lower_ == word)


def _is_actor(token) -> bool:  # type: ignore[no-untyped-def]
    return token.text in NAMES


def test_markers_name_source_and_target(coder, patterns) -> None:  # type: ignore[no-untyped-def]
    verb = _verb(coder.nlp, "Velmar is hosting Quarn to fete the harvest fair with Drelle.", "fete")
    binding = patterns[3].bind(verb, _is_actor)
    assert binding is not None
    assert [t.text for t in binding.targets] == ["Velmar"]
    assert [t.text for t in binding.sources] == ["Drelle"]


def test_marker_takes_a_whole_multiword_actor(coder, patterns) -> None:  # type: ignore[no-untyped-def]
    verb = _verb(coder.nlp, "Quarn will fete them with Port Amsel tomorrow.", "fete")
    binding = patterns[5].bind(verb, _is_actor)
    assert binding is not None
    assert [t.text for t in binding.compound] == ["Port"]


def test_skip_takes_one_noun_phrase(coder, patterns) -> None:  # type: ignore[no-untyped-def]
    text = "Quarn feted a supper in Osterland with the envoys of Drelle."
    verb = _verb(coder.nlp, text, "feted")
    binding = patterns[4].bind(verb, _is_actor)
    assert binding is not None
    # "in ^ +": the place after "in" is skipped, the target is the next actor
    assert [t.text for t in binding.targets] == ["Drelle"]


def test_no_fit_is_none_and_without_actors_nothing_is_bound(coder, patterns) -> None:  # type: ignore[no-untyped-def]
    verb = _verb(coder.nlp, "Quarn feted the envoys.", "feted")
    assert patterns[3].bind(verb, _is_actor) is None
    assert not patterns[3].matches(verb, _is_actor)
    fair = _verb(coder.nlp, "Velmar is hosting Quarn to fete the harvest fair with Drelle.", "fete")
    unbound = patterns[3].bind(fair)
    assert unbound is not None and not unbound

"""PETRARCH/TABARI verb dictionaries: parsing, conversion to lexicon rows and patterns."""

from __future__ import annotations

from pathlib import Path

import pytest

from legation.actors.petrarch import DictionaryWarning
from legation.coding.lexicon import Lexicon, Trigger
from legation.coding.petrarch_verbs import lexicon_from, parse_verb_dictionary

SNIPPET = """\
&SWEETS
+CAKES
+HONEY_BREAD

--- PARLEY  [040] ---
PARLEY
CONFABULATE [041]
- * &SWEETS [071]
- * OVER_TEA [042]
- * [---]

--- GRUMBLE  [---] ---
GRUMBLE
- LOUDLY * [111]
- * [223]
"""


def parse(text: str = SNIPPET):
    with pytest.warns(DictionaryWarning):
        return parse_verb_dictionary(text, "snippet.txt")


def test_counts_and_unusable_code_warns_with_line() -> None:
    parsed = parse()
    counts = parsed.counts()
    assert counts["blocks"] == 2
    assert counts["verbs"] == 3
    assert counts["synsets"] == 1
    assert counts["patterns"] == 4  # the [223] line is left out
    assert any(w.startswith("snippet.txt:15:") for w in parsed.warned)


def test_rows_keep_codes_and_lines() -> None:
    lexicon = lexicon_from(parse())
    rows = {t.lemma: t for t in lexicon.triggers()}
    assert rows["parley"].code == "040"
    assert rows["parley"].where == "snippet.txt:6"
    assert rows["confabulate"].code == "041"
    assert "grumble" not in rows  # [---] block: patterns only
    assert "grumble" in lexicon.lemmas("VERB")


def test_synset_expands_to_pattern_options() -> None:
    lexicon = lexicon_from(parse())
    sweets = [p for p in lexicon.patterns() if p.where == "snippet.txt:8"]
    assert {p.lemma for p in sweets} == {"parley", "confabulate"}
    words = {frozenset().union(*phrase) for phrase in sweets[0].after[0].options}
    assert any("cakes" in w for w in words)


def test_overlay_shadows_bundled_rows_of_listed_verbs() -> None:
    base = Lexicon(
        [
            Trigger("010", "VERB", "parley", None, frozenset(), "", "b:1"),
            Trigger("010", "VERB", "announce", None, frozenset(), "", "b:2"),
        ]
    )
    merged = base.overlaid(lexicon_from(parse()))
    assert merged.match("VERB", "parley").code == "040"  # type: ignore[union-attr]
    assert merged.match("VERB", "announce") is not None


def test_no_block_is_a_data_file_error() -> None:
    from legation.errors import DataFileError

    with pytest.raises(DataFileError):
        parse_verb_dictionary("just words\n", "bad.txt")


CAMEO = Path(__file__).resolve().parents[2] / "shared" / "data" / "phoenix" / "CAMEO.2.0.txt"


@pytest.mark.skipif(not CAMEO.exists(), reason="../shared/data/phoenix absent")
def test_phoenix_cameo_dictionary_loads() -> None:
    from legation.coding.petrarch_verbs import read_verb_dictionary

    parsed = read_verb_dictionary(CAMEO, warn=False)
    assert parsed.counts()["blocks"] > 300
    assert len(lexicon_from(parsed).triggers()) > 1000

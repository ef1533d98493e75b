"""Title-case headlines read as sentences: "Peru Agrees to Withdraw From Seized Territory".

A statistical parser trained on running text reads capitalised words as names, so a headline
in title case loses its verb ("Agrees", "Withdraw" become proper nouns) and with it the
event. Before parsing, the words of a title-case line that are English verbs, adjectives,
adverbs or function words, and not part of any actor's name, are lower-cased; nouns and
names keep their capitals ("Kenya", "Observers", "Trump"). Only the case of letters
changes, never the length, so every character offset (sentences, spans) still points into
the original text, and the sentences legation reports are cut from the original.

A line is title case when it has at least ``MIN_WORDS`` words and every content word (not
a function word) starts with a capital: running text, even a sentence full of names
("The Kenyan Foreign Minister met officials of the African Union"), has lower-case verbs
and nouns, and a sentence-case headline ("Power plant disabled by cyber attack") reads
well as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language

MIN_WORDS = 4
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_LINE = re.compile(r"[^\n]+")


class Recaser:
    """Lower-cases the verbs and function words of title-case lines (``recase``).

    ``names`` are lower-case words that may stay capitalised whatever else they are: the
    words of actor names ("trump", "bill"), so that a name never loses its capital.
    """

    def __init__(self, nlp: Language, names: Iterable[str] = ()) -> None:
        self.words = _english_words(nlp)
        self.names = frozenset(names)

    def recase(self, text: str) -> str:
        """``text`` with each title-case line re-cased; other lines untouched."""
        if not any(c.isupper() for c in text):
            return text
        return _LINE.sub(lambda m: self._line(m.group(0)), text)

    def _line(self, line: str) -> str:
        words = []
        content = 0
        for match in _WORD.finditer(line):
            word = match.group(0)
            if word.lower() not in STOP_WORDS:
                if not word[0].isupper():
                    return line  # running text: stop at its first lower-case content word
                content += 1
            words.append(match)
        if len(words) < MIN_WORDS or not content:
            return line
        chars = list(line)
        for k, match in enumerate(words):
            word = match.group(0)
            if k == 0 or not word[0].isupper() or word.isupper() or not self._lowers(word):
                continue
            chars[match.start()] = word[0].lower()
        return "".join(chars)

    def _lowers(self, word: str) -> bool:
        lower = word.lower()
        if lower in self.names or any(part in self.names for part in lower.split("-")):
            return False
        return lower in STOP_WORDS or lower in self.words


def _english_words(nlp: Language) -> frozenset[str]:
    """Verbs, adjectives and adverbs of the pipeline's lemma tables, with their regular and
    irregular inflections ("agrees", "seized", "took"); nouns are left out (they hold
    names: "jordan", "chile")."""
    try:
        lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
        index = lookups.get_table("lemma_index")
        exceptions = lookups.get_table("lemma_exc")
    except (KeyError, AttributeError):
        return frozenset()
    words: set[str] = set()
    for pos in ("verb", "adj", "adv"):
        lemmas = set(index[pos]) if pos in index else set()
        words.update(lemmas)
        if pos in exceptions:
            words.update(form for form, bases in exceptions[pos].items() if bases)
        if pos == "verb":
            words.update(_inflections(lemmas))
    return frozenset(words)


def _inflections(lemmas: set[str]) -> set[str]:
    """-s, -ed and -ing forms of regular verbs (the lemmatizer's rules, run backwards)."""
    forms: set[str] = set()
    for lemma in lemmas:
        if not lemma.isalpha():
            continue
        if lemma.endswith("e"):
            forms.update((lemma + "s", lemma + "d", lemma[:-1] + "ing"))
        elif lemma.endswith(("s", "x", "z", "ch", "sh")):
            forms.update((lemma + "es", lemma + "ed", lemma + "ing"))
        elif lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
            forms.update((lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"))
        else:
            forms.update((lemma + "s", lemma + "ed", lemma + "ing"))
            if len(lemma) > 2 and lemma[-1] not in "aeiouwy" and lemma[-2] in "aeiou":
                forms.update((lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"))
    return forms

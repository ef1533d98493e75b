"""How many times an event happened, when the sentence says so ("twelve times", "twice")."""

from __future__ import annotations

from spacy.tokens import Token

NUMBER_WORDS = {
    word: n
    for n, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "dozen": 12, "a dozen": 12, "hundred": 100}
ADVERB_COUNTS = {"once": 1, "twice": 2, "thrice": 3}
MAX_COUNT = 10_000


def parse_number(text: str) -> int | None:
    """ "12", "twelve", "a dozen" → 12; anything else → None."""
    text = text.lower().replace(",", "").strip()
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(text)


def count_of(trigger: Token) -> int | None:
    """The count stated on the trigger's clause: "visited ... twelve times", "twice"."""
    for child in trigger.children:
        lower = child.lower_
        if lower in ADVERB_COUNTS and child.dep_ in ("advmod", "npadvmod"):
            return ADVERB_COUNTS[lower]
        if child.lemma_.lower() == "time" and child.tag_ == "NNS":
            for num in child.children:
                if num.dep_ in ("nummod", "amod", "quantmod"):
                    phrase = " ".join(t.text for t in num.subtree)
                    value = parse_number(phrase) or parse_number(num.text)
                    if value and 1 < value <= MAX_COUNT:
                        return value
    return None

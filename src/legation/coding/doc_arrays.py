"""Token attributes of a whole Doc, read once into a list and kept on it (``user_data``).

Indexing a Doc builds a Token object each time, so a scan of a sentence for one word ("?",
"about", a verb of happening) costs more in Token objects than in the test; a scan of these
lists builds a Token only for the words that pass.
"""

from __future__ import annotations

from spacy.attrs import ORTH, SPACY
from spacy.strings import get_string_id
from spacy.tokens import Doc

_KEY = "legation.doc_arrays"  # Doc.user_data key: attribute id → one value per token


def token_keys(doc: Doc, attr: int) -> list[int]:
    """Each token's ``attr`` (``spacy.attrs.ORTH``, ``LOWER``, ``LEMMA``, ...) hash, in order."""
    cache: dict[int, list[int]] = doc.user_data.setdefault(_KEY, {})
    found = cache.get(attr)
    if found is None or len(found) != len(doc):  # a retokenised doc reads afresh
        found = cache[attr] = doc.to_array(attr).tolist()
    return found


def string_key(text: str) -> int:
    """The hash of ``text`` as a token attribute holds it."""
    return int(get_string_id(text))


def key_text(doc: Doc, key: int) -> str | None:
    """The string a hash from ``token_keys`` stands for (``None``: not in the doc's store)."""
    try:
        return str(doc.vocab.strings[key])
    except KeyError:
        return None


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined from the ORTH and SPACY arrays: no Token a word."""
    strings = doc.vocab.strings
    return "".join(
        strings[orth] + " " if space else strings[orth]
        for orth, space in zip(token_keys(doc, ORTH), token_keys(doc, SPACY), strict=True)
    )

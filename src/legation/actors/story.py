"""The story's country, and agents that take it: local news names no state.

"Police arrested five men in Lucknow" names no country, but the story does: its places
(Lucknow, Gujarat; ``gazetteer``) and the states it names (India, Indian, Vajpayee) vote,
and when one country holds at least ``MIN_VOTES`` votes and a ``DOMINANCE`` share of them,
it is the story's country (``story_country``). Agent mentions with no country of their own
("police", "the mob", "villagers", "the court") then take it (``with_story_country``),
except for sectors that are as often foreign as local (``CROSS_BORDER_SECTORS``).

Lower-cased articles (``is_lower_cased``: some sites publish all text in lower case) lose
the capitals that tell a place name from a word, so there lower-case tokens may count as
places; in ordinary text a place must be capitalised ("Mobile" the city, "mobile" the word).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc, Span

from legation.actors.entries import ActorEntry
from legation.actors.gazetteer import Gazetteer
from legation.model import Actor, Mention

MIN_VOTES = 2
DOMINANCE = 0.6  # share of all country votes the story's country must hold
LOWER_CASE_SHARE = 0.03  # below this share of capitalised words an article is lower-cased
MIN_WORDS = 20  # shorter texts are lower-cased only with no capital at all ...
MIN_WORDS_UNCASED = 6  # ... and at least this many words
STORY_REASON = "story-country"
CROSS_BORDER_SECTORS = frozenset({"REF", "NGO", "HRI", "IGO"})


def is_lower_cased(doc: Doc) -> bool:
    """Mostly lower-case text: under ``LOWER_CASE_SHARE`` of its words are capitalised.

    Ordinary English capitalises a tenth or more of its words (sentence starts, names); a
    lower-cased article keeps a few (a capitalised header line), not that many. A short
    text (under ``MIN_WORDS`` words) counts only when it has no capital at all.
    """
    words = [t for t in doc if t.is_alpha and len(t) > 1]
    capitalised = sum(1 for t in words if t.text[0].isupper())
    if len(words) < MIN_WORDS:
        return len(words) >= MIN_WORDS_UNCASED and capitalised == 0
    return capitalised / len(words) < LOWER_CASE_SHARE


def place_votes(
    doc: Doc, gazetteer: Gazetteer, covered: set[int], lower_cased: bool
) -> list[tuple[int, int, str]]:
    """Place names in ``doc`` outside actor mentions: (start, end, country), longest first."""
    found = []
    i = 0
    while i < len(doc):
        hit = None
        if i not in covered and (lower_cased or doc[i].text[:1].isupper()):
            for size in range(min(gazetteer.longest, len(doc) - i), 0, -1):
                span = doc[i : i + size]
                if any(t.i in covered for t in span):
                    continue
                country = gazetteer.country_of(span.text)
                if country is not None:
                    hit = (i, i + size, country)
                    break
        if hit is not None:
            found.append(hit)
            i = hit[1]
        else:
            i += 1
    return found


def story_country(
    doc: Doc,
    mentions: Iterable[Mention],
    gazetteer: Gazetteer,
    lower_cased: bool | None = None,
) -> str | None:
    """The country that dominates the story, from its state mentions and its places.

    Each mention with a country (a state, a state's agent or leader; not an international
    organisation) is one vote, and so is each place name the gazetteer knows.
    """
    mentions = list(mentions)
    if lower_cased is None:
        lower_cased = is_lower_cased(doc)
    votes: Counter[str] = Counter()
    covered: set[int] = set()
    for mention in mentions:
        covered.update(range(mention.start, mention.end))
        country = mention.actor.country
        if country and not country.startswith("IGO"):
            votes[country] += 1
    for _, _, country in place_votes(doc, gazetteer, covered, lower_cased):
        votes[country] += 1
    if not votes:
        return None
    country, top = votes.most_common(1)[0]
    if top < MIN_VOTES or top / sum(votes.values()) < DOMINANCE:
        return None
    return country


def with_story_country(
    mentions: list[Mention], country: str | None, name: str | None = None
) -> dict[int, Mention]:
    """Agent mentions with no country, given ``country``: ``id(old) → new`` for those changed.

    ``name`` is the country's display name. The caller swaps the changed mentions in
    (keeping whatever it keyed on the old ones).
    """
    changed: dict[int, Mention] = {}
    if country is None:
        return changed
    for mention in mentions:
        actor = mention.actor
        if actor.country is not None or actor.sector is None:
            continue
        if actor.sector in CROSS_BORDER_SECTORS:
            continue
        new = Actor(country + actor.code, country, actor.sector, actor.name or name, actor.text)
        changed[id(mention)] = Mention(
            mention.start, mention.end, new, f"{mention.reason}+{STORY_REASON}:{country}"
        )
    return changed


# Country names that are also words ("china", "turkey") count in lower-case text only in
# an article that is lower-cased throughout; acronyms that are words ("us", "un") never do.
LOWER_CASE_NAMES = frozenset(
    ["china", "japan", "israel", "mali", "peru", "cuba", "lebanon", "iran", "iraq", "turkey"]
)


def lower_case_name(span: Span) -> bool:
    """A lower-case country name that a lower-cased article may use as a name."""
    return span.text.lower() in LOWER_CASE_NAMES


def swap_mentions(
    mentions: list[Mention],
    changed: dict[int, Mention],
    persons: set[int],
    entries: dict[int, ActorEntry],
) -> list[Mention]:
    """``mentions`` with the changed ones swapped in; ``persons``/``entries`` re-keyed."""
    if not changed:
        return mentions
    out = []
    for mention in mentions:
        new = changed.get(id(mention))
        if new is None:
            out.append(mention)
            continue
        if id(mention) in persons:
            persons.discard(id(mention))
            persons.add(id(new))
        if id(mention) in entries:
            entries[id(new)] = entries.pop(id(mention))
        out.append(new)
    return out

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
Even in a lower-cased article, a lower-case name that inflects an English word ("swords",
"banning") is no place (``Gazetteer.country_of_lower``). A dateline ("lucknow: police
said ...") is worth ``DATELINE_VOTES``: local stories often name their town only there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from legation.actors.entries import ActorEntry
from legation.actors.gazetteer import Gazetteer
from legation.model import Actor, Mention

MIN_VOTES = 2
DATELINE_VOTES = 2  # a place opening a line before ":" or a dash ("lucknow: police ...")
_DATELINE_MARKS = frozenset({":", "-", "—", "–"})
_AGENCY_WORDS = 4  # at most this many tokens in the brackets of "(Reuters)", "(AP)"
DOMINANCE = 0.6  # share of all country votes the story's country must hold
LOWER_CASE_SHARE = 0.03  # below this share of capitalised words an article is lower-cased
MIN_WORDS = 20  # shorter texts are lower-cased only with no capital at all ...
MIN_WORDS_UNCASED = 6  # ... and at least this many words
STORY_REASON = "story-country"
# Month and weekday names: a site's date line keeps their capitals in a lower-cased article.
_CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
CROSS_BORDER_SECTORS = frozenset({"REF", "NGO", "HRI", "IGO"})


def is_lower_cased(doc: Doc) -> bool:
    """Mostly lower-case text: under ``LOWER_CASE_SHARE`` of its words are capitalised.

    Ordinary English capitalises a tenth or more of its words (sentence starts, names); a
    lower-cased article keeps a few (a capitalised header line), not that many. Lines whose
    every word is capitalised (a title, a "Facebook Twitter Mail" share bar) tell nothing
    about the body's case and are left out, and so are a capitalised first word of a line
    ("This story is from March 3, 2002") and capitalised month and weekday names. A short
    text (under ``MIN_WORDS`` words) counts only when it has no capital at all.
    """
    words = [
        t
        for t in _body_words(doc)
        if t.is_alpha and len(t) > 1 and not (t.text[0].isupper() and t.lower_ in _CALENDAR)
    ]
    capitalised = sum(1 for t in words if t.text[0].isupper())
    if len(words) < MIN_WORDS:
        return len(words) >= MIN_WORDS_UNCASED and capitalised == 0
    return capitalised / len(words) < LOWER_CASE_SHARE


def _body_words(doc: Doc) -> list[Token]:
    """The tokens of ``doc`` but each line's first and lines whose every word is capitalised."""
    lines: list[list[Token]] = [[]]
    for token in doc:
        if token.is_space:
            lines.extend([] for _ in range(token.text.count("\n")))
            continue
        lines[-1].append(token)
        if "\n" in token.whitespace_:
            lines.append([])
    out: list[Token] = []
    for line in lines:
        alpha = [t for t in line if t.is_alpha]
        if len(alpha) > 1 and all(t.text[0].isupper() for t in alpha):
            continue
        # a line's first word is capitalised in any case: a capital there tells nothing
        out.extend(line[1:] if line and line[0].text[:1].isupper() else line)
    return out


def place_votes(
    doc: Doc, gazetteer: Gazetteer, covered: set[int], lower_cased: bool
) -> list[tuple[int, int, str]]:
    """Place names in ``doc`` outside actor mentions: (start, end, country), longest first."""
    found = []
    tokens = list(doc)  # indexing a Doc builds a Token each time: once here
    i = 0
    while i < len(tokens):
        hit = None
        token = tokens[i]
        if (
            i not in covered
            and not token.is_space
            and (lower_cased or token.text[:1].isupper())
            and gazetteer.may_start(token.text)
        ):
            for size in range(min(gazetteer.longest, len(doc) - i), 0, -1):
                span = doc[i : i + size]
                if any(t.i in covered for t in span):
                    continue
                lower = not span.text[:1].isupper()
                country = (
                    gazetteer.country_of_lower(span.text)
                    if lower
                    else gazetteer.country_of(span.text)
                )
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
    organisation) is one vote, and so is each place name the gazetteer knows; a dateline
    place ("lucknow: police said ...") or state ("new delhi: ...") is ``DATELINE_VOTES``,
    enough on its own.
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
            votes[country] += DATELINE_VOTES if is_dateline(doc, mention) else 1
    for start, end, country in place_votes(doc, gazetteer, covered, lower_cased):
        votes[country] += DATELINE_VOTES if _dateline(doc, start, end) else 1
    if not votes:
        return None
    country, top = votes.most_common(1)[0]
    if top < MIN_VOTES or top / sum(votes.values()) < DOMINANCE:
        return None
    return country


def _dateline(doc: Doc, start: int, end: int) -> bool:
    """A place that opens a line and is followed by ":" or a dash: the story's dateline.

    A news agency in brackets may come between ("WASHINGTON (Reuters) - ...").
    """
    opens = start == 0 or doc[start - 1].is_space or "\n" in doc[start - 1].whitespace_
    if not opens or end >= len(doc):
        return False
    if doc[end].text == "(":
        inside = [t.i for t in doc[end + 1 : end + 1 + _AGENCY_WORDS] if t.text == ")"]
        if not inside or inside[0] + 1 >= len(doc):
            return False
        end = inside[0] + 1
    return doc[end].text in _DATELINE_MARKS


def is_dateline(doc: Doc, mention: Mention) -> bool:
    """A state or its capital as a dateline ("NEW DELHI: ..."): where, not who, acts."""
    return mention.reason == "kb:country" and _dateline(doc, mention.start, mention.end)


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

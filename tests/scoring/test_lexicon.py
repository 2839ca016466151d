"""Lexicons are data: packaged CSVs with a weight, category and note per term; users may add their own."""

from __future__ import annotations

import polars as pl
import pytest

from rhetoric.errors import RhetoricError
from rhetoric.scoring import lexicon


def test_packaged_lexicon_rows_have_known_measure_category_and_bounded_weight():
    table = lexicon.packaged_lexicon()
    warm = table.filter(pl.col("measure") == "warmth")
    subst = table.filter(pl.col("measure") == "substance")
    assert set(warm["category"]) <= set(lexicon.WARMTH_CATEGORIES)
    assert set(subst["category"]) <= set(lexicon.SUBSTANCE_CATEGORIES)
    assert table["weight"].abs().max() <= lexicon.WEIGHT_LIMIT
    assert table.select("term", "measure").is_duplicated().sum() == 0


def test_warmth_lexicon_covers_every_warmth_category():
    cats = set(lexicon.packaged_lexicon().filter(pl.col("measure") == "warmth")["category"])
    assert {"affection", "praise", "respect", "relationship", "hostility", "insult", "threat"} <= cats


def test_terms_are_normalised_like_quotes():
    assert lexicon.normalise_term("  We’ll   SEE, ") == "we'll see"


def test_user_lexicon_defaults_measure_and_category():
    rows = lexicon.read_user_lexicon(b"term,weight\nBromance,2.5\n", "u.csv")
    assert rows.row(0, named=True) == {
        "term": "bromance",
        "weight": 2.5,
        "category": "user",
        "note": "",
        "measure": "warmth",
    }


@pytest.mark.parametrize(
    "data, needle",
    [
        (b"", "empty"),
        (b"word,score\nx,1\n", "term and weight"),
        (b"term,weight\nx,9\n", "row 2"),
        (b"term,weight\nx,abc\n", "from -4 to 4"),
        (b"term,weight,measure\nx,1,tone\n", "warmth or substance"),
    ],
)
def test_bad_user_lexicons_are_refused_with_the_reason(data, needle):
    with pytest.raises(RhetoricError, match=needle):
        lexicon.read_user_lexicon(data, "u.csv")


def test_merge_lets_a_user_term_replace_the_packaged_one():
    base = lexicon.packaged_lexicon()
    extra = lexicon.read_user_lexicon(b"term,weight\ndotard,1.0\n", "u.csv")
    merged = lexicon.merge(base, extra)
    assert merged.filter(pl.col("term") == "dotard")["weight"].to_list() == [1.0]
    assert merged.height == base.height
    assert lexicon.digest(merged) != lexicon.digest(base)


def test_inflections_are_the_regular_forms_of_one_word():
    assert lexicon.inflections("deploy") == ["deploys", "deployed", "deploying", "deployment", "deployments"]
    assert lexicon.inflections("release")[:3] == ["releases", "released", "releasing"]
    assert lexicon.inflections("supply")[:2] == ["supplies", "supplied"]
    assert lexicon.inflections("tear down") == []


def test_inflections_leave_out_forms_that_mean_something_else():
    assert "based" not in lexicon.inflections("base")

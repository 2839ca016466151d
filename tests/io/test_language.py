"""Telling quotes in other languages apart, checked on the labelled set and the bundled quotes."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from rhetoric.io import bundled, language
from rhetoric.scoring import evaluation

NOT_ENGLISH = Path(evaluation.DEFAULT_SET).with_name("not_english.csv")


def english(quotes: list[str | None]) -> list[bool | None]:
    return (
        pl.DataFrame({"q": quotes}, schema={"q": pl.String}).select(language.looks_english(pl.col("q")))["q"].to_list()
    )


def test_every_quote_of_the_labelled_set_in_another_language_is_caught():
    quotes = pl.read_csv(NOT_ENGLISH)["quote"]
    assert quotes.len() >= 25
    assert not any(english(quotes.to_list()))


def test_no_english_quote_of_the_labelled_set_or_the_bundled_data_is_caught():
    quotes = evaluation.read_labelled()["quote"].to_list() + bundled.quotes()["quote"].to_list()
    assert len(quotes) > 1000
    assert all(english(quotes))


@pytest.mark.parametrize(
    "text",
    [
        "Sanctions relief, troop withdrawal, nuclear inspections, immediate ceasefire now",  # terse English
        "Charles de Gaulle and the Élysée Treaty changed the history of Europe",  # French names in English
        "Les Allemands",  # too short to tell
    ],
)
def test_english_and_too_short_quotes_pass(text):
    assert english([text]) == [True]


@pytest.mark.parametrize(
    "text",
    [
        "Charles de Gaulle est un grand homme et la France le sait",
        "Мы никогда не будем врагами с американским народом",
    ],
)
def test_other_languages_and_scripts_are_caught(text):
    assert english([text]) == [False]


def test_a_missing_quote_stays_missing():
    assert english([None]) == [None]


def test_one_text_is_judged_like_a_column():
    assert language.is_english("We fell in love, and he wrote me beautiful letters.")
    assert not language.is_english("Les Allemands ont beaucoup promis et peu tenu.")


def test_the_note_names_the_file_and_agrees_in_number():
    assert language.note("a.csv", 1).startswith("a.csv: 1 quote does not look like English.")
    assert language.note("a.csv", 1).endswith("The row is kept.")
    assert language.note("b.csv", 2_500).startswith("b.csv: 2,500 quotes do not look like English.")
    assert language.note("b.csv", 2_500).endswith("The rows are kept.")

"""A quote without a pair joins the known pair whose two leaders its speaker and target name."""

from __future__ import annotations

import polars as pl
import pytest

from rhetoric.io import bundled, pairs
from rhetoric.io.ingest import read_quotes

KNOWN = ("Bush–Putin", "Reagan–Gorbachev", "Trump–Kim", "Trump–Xi")


def pair_of(speaker: str, target: str, known=KNOWN) -> str:
    frame = pl.DataFrame({"speaker": [speaker], "target": [target]})
    return frame.select(pairs.derived(pl.col("speaker"), pl.col("target"), known)).item()


@pytest.mark.parametrize(
    ("speaker", "target"),
    [
        ("Donald Trump", "Kim Jong Un"),
        ("Trump", "Kim Jong Un"),
        ("President Trump", "Kim Jong Un"),
        ("Kim Jong Un", "Donald Trump"),
        ("KIM JONG UN", "president trump"),
    ],
)
def test_names_that_hold_both_surnames_join_the_known_pair_in_its_own_order(speaker, target):
    assert pair_of(speaker, target) == "Trump–Kim"


def test_a_surname_must_be_a_whole_word():
    """ "Trumpeter" is not Trump, and "Kimball" is not Kim."""
    assert pair_of("Mr Trumpeter", "Kimball") == "Kimball–Mr Trumpeter"


def test_a_pair_nobody_knows_is_speaker_and_target_in_alphabetical_order():
    assert pair_of("Emmanuel Macron", "Donald Trump") == "Donald Trump–Emmanuel Macron"


def test_without_known_pairs_the_old_rule_holds():
    assert pair_of("Donald Trump", "Kim Jong Un", known=()) == "Donald Trump–Kim Jong Un"


def test_the_first_known_pair_that_fits_wins():
    assert pair_of("Donald Trump", "Kim Jong Un", known=("Trump–Kim", "Trump–Kim Jong Un")) == "Trump–Kim"


def test_a_pair_given_in_the_file_is_kept():
    data = b"date,speaker,target,pair,quote\n2019-02-28,Donald Trump,Kim Jong Un,My own pair,We fell in love.\n"
    assert read_quotes(data, "given.csv", known_pairs=KNOWN).accepted["pair"].to_list() == ["My own pair"]


def test_the_bundled_pairs_are_the_known_ones():
    assert set(KNOWN) <= set(bundled.known_pairs())


def test_an_upload_without_a_pair_column_lands_in_the_bundled_pair():
    data = b"date,speaker,target,quote\n2019-02-28,Donald Trump,Kim Jong Un,We fell in love.\n"
    assert read_quotes(data, "mine.csv", known_pairs=bundled.known_pairs()).accepted["pair"].to_list() == ["Trump–Kim"]

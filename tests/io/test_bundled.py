"""Every bundled file in quotes/ is valid, sourced and dated; the dates the record is often wrong on are right."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from rhetoric import schema as s
from rhetoric.io import bundled

QUOTE_FILES = bundled.quote_files()
OUTCOME_FILES = bundled.outcome_files()


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


QUOTE_ROWS = [pytest.param(r, id=r["id"]) for p in QUOTE_FILES for r in rows(p)]
OUTCOME_ROWS = [pytest.param(r, id=r["id"]) for p in OUTCOME_FILES for r in rows(p)]


def test_there_is_bundled_data():
    assert QUOTE_FILES and OUTCOME_FILES
    assert len(QUOTE_ROWS) >= 60 and len(OUTCOME_ROWS) >= 25


@pytest.mark.parametrize("path", QUOTE_FILES + OUTCOME_FILES, ids=lambda p: p.name)
def test_bundled_files_import_without_a_rejected_row(path):
    reader = bundled.ingest.read_outcomes if path in OUTCOME_FILES else bundled.ingest.read_quotes
    result = reader(path.read_bytes(), path.name)
    assert result.rejected.height == 0, result.summary()
    assert result.accepted.height == len(rows(path))


@pytest.mark.parametrize("row", QUOTE_ROWS)
def test_every_quote_row_is_dated_attributed_and_sourced(row):
    assert dt.date.fromisoformat(row["date"])
    assert row["speaker"].strip() and row["target"].strip() and row["pair"].strip()
    assert row["quote"].strip() == row["quote"] and len(row["quote"]) > 3
    assert row["source"].startswith(("https://", "http://")) and " " not in row["source"]


@pytest.mark.parametrize("row", OUTCOME_ROWS)
def test_every_outcome_row_is_dated_scored_and_sourced(row):
    assert dt.date.fromisoformat(row["date"])
    assert -10 <= float(row["progress"]) <= 10
    assert row["category"][:3].isdigit(), "the CAMEO code leads the category"
    assert row["event"].strip() and row["description"].strip()
    assert row["source"].startswith(("https://", "http://")) and " " not in row["source"]


def test_ids_are_unique_and_variants_point_at_a_row():
    quotes = bundled.quotes()
    assert quotes[s.ID].is_unique().all()
    variants = quotes.filter(pl.col(s.VARIANT_OF).is_not_null())[s.VARIANT_OF]
    assert variants.is_in(quotes[s.ID].implode()).all()
    assert bundled.outcomes()[s.ID].is_unique().all()


@pytest.mark.parametrize(
    "event, date",
    [
        ("Singapore summit", "2018-06-12"),
        ("Hanoi summit ends without deal", "2019-02-28"),
        ("DMZ meeting", "2019-06-30"),
    ],
)
def test_outcome_dates_that_are_often_wrong_are_right(event, date):
    outcomes = bundled.outcomes()
    assert outcomes.filter(pl.col(s.EVENT) == event)[s.DATE].to_list() == [dt.date.fromisoformat(date)]


@pytest.mark.parametrize(
    "words, date",
    [("we fell in love", "2018-09-29"), ("fire and fury", "2017-08-08"), ("sometimes you have to walk", "2019-02-28")],
)
def test_quote_dates_that_are_often_wrong_are_right(words, date):
    quotes = bundled.quotes()
    dates = set(quotes.filter(pl.col(s.QUOTE).str.to_lowercase().str.contains(words, literal=True))[s.DATE])
    assert dates == {dt.date.fromisoformat(date)}


def test_well_known_misquotes_are_not_in_the_data():
    text = " ".join(bundled.quotes()[s.QUOTE].str.to_lowercase())
    assert "sometimes we have to walk away" not in text
    assert "fire and fury unlike the world has ever seen" not in text


@pytest.mark.parametrize(
    "pair, words, date",
    [
        ("Reagan–Gorbachev", "Geneva summit ends", "1985-11-20"),
        ("Reagan–Gorbachev", "Reykjavik summit ends", "1986-10-12"),
        ("Reagan–Gorbachev", "INF Treaty signed", "1987-12-08"),
        ("Bush–Putin", "Brdo summit", "2001-06-16"),
        ("Bush–Putin", "Moscow Treaty (SORT) signed", "2002-05-24"),
        ("Trump–Xi", "Mar-a-Lago summit ends", "2017-04-07"),
        ("Trump–Xi", "Phase One trade deal signed", "2020-01-15"),
    ],
)
def test_other_pairs_outcome_dates_are_right(pair, words, date):
    events = bundled.outcomes().filter((pl.col(s.PAIR) == pair) & pl.col(s.EVENT).str.contains(words, literal=True))
    assert events[s.DATE].to_list() == [dt.date.fromisoformat(date)]


def test_mar_a_lago_quotes_fall_on_its_two_days():
    quotes = bundled.quotes().filter(pl.col(s.PAIR) == "Trump–Xi")
    first_days = set(quotes.filter(pl.col(s.DATE) <= dt.date(2017, 4, 7))[s.DATE])
    assert first_days == {dt.date(2017, 4, 6), dt.date(2017, 4, 7)}


@pytest.mark.parametrize("pair", ["Trump–Kim", "Reagan–Gorbachev", "Bush–Putin", "Trump–Xi"])
def test_each_pair_has_enough_quotes_both_ways_and_events(pair):
    quotes = bundled.quotes().filter(pl.col(s.PAIR) == pair)
    events = bundled.outcomes().filter(pl.col(s.PAIR) == pair)
    leaders = {
        "Trump–Kim": ("Donald Trump", "Kim Jong Un"),
        "Reagan–Gorbachev": ("Ronald Reagan", "Mikhail Gorbachev"),
        "Bush–Putin": ("George W. Bush", "Vladimir Putin"),
        "Trump–Xi": ("Donald Trump", "Xi Jinping"),
    }[pair]
    assert quotes.height >= 20 and events.height >= 10
    assert all(quotes.filter(pl.col(s.SPEAKER) == leader).height >= 5 for leader in leaders)

"""Tests for rhetoric.io.dates: reading the dates people write."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from rhetoric.io.dates import ACCEPTED, AMBIGUOUS, BLANK, UNREADABLE, _read_distinct, read_dates


def read(*values: str | None) -> list[dict]:
    return read_dates(pl.Series(values, dtype=pl.String)).to_dicts()


@pytest.mark.parametrize(
    "text",
    [
        "2019-02-28",
        "2019-2-28",
        "2019-02-28T10:00:00",
        "2019-02-28 10:00",
        "2019-02-28T10:00:00.123Z",
        "2019-02-28T10:00:00+09:00",
        "Feb 28, 2019",
        "February 28, 2019",
        "feb 28 2019",
        "Feb. 28, 2019",
        "28 February 2019",
        "28 Feb 2019",
        "28th February 2019",
        "28.02.2019",
        "2019/02/28",
        "28/02/2019",
        "02/28/2019",
    ],
)
def test_each_accepted_way_of_writing_a_date_reads_as_that_day(text: str) -> None:
    assert read(text) == [{"date": date(2019, 2, 28), "problem": None, "message": None}]


def test_sept_with_a_dot_reads_as_september() -> None:
    """AP style writes "Sept. 3"; chrono knows only "Sep"."""
    assert read("Sept. 3, 2017")[0]["date"] == date(2017, 9, 3)


def test_a_slash_date_with_a_first_part_over_12_makes_the_whole_column_day_first() -> None:
    assert [r["date"] for r in read("13/01/2019", "03/04/2019")] == [date(2019, 1, 13), date(2019, 4, 3)]


def test_a_slash_date_with_a_second_part_over_12_makes_the_whole_column_month_first() -> None:
    assert [r["date"] for r in read("01/13/2019", "03/04/2019")] == [date(2019, 1, 13), date(2019, 3, 4)]


def test_slash_dates_that_never_show_their_order_are_ambiguous_and_both_readings_are_given() -> None:
    row = read("03/04/2019")[0]
    assert row["date"] is None
    assert row["problem"] == AMBIGUOUS
    assert row["message"] == (
        'date "03/04/2019" could be 2019-04-03 (day first) or 2019-03-04 (month first) and no date in this '
        "file shows which; write it as YYYY-MM-DD"
    )


def test_a_slash_date_that_reads_the_same_both_ways_is_accepted_even_when_the_order_is_unknown() -> None:
    assert [r["problem"] for r in read("05/05/2019", "03/04/2019")] == [None, AMBIGUOUS]


def test_a_column_showing_both_orders_reads_none_of_its_slash_dates() -> None:
    rows = read("13/01/2019", "01/13/2019", "2019-01-13")
    assert [r["problem"] for r in rows] == [AMBIGUOUS, AMBIGUOUS, None]
    assert 'both day first (like "13/01/2019") and month first (like "01/13/2019")' in rows[0]["message"]


def test_an_impossible_slash_date_is_unreadable_and_does_not_count_as_evidence_of_an_order() -> None:
    """ "31/31/2019" has a first part over 12 and a second part over 12, yet shows neither order."""
    rows = read("31/31/2019", "03/04/2019")
    assert [r["problem"] for r in rows] == [UNREADABLE, AMBIGUOUS]
    assert rows[0]["message"] == f'date "31/31/2019" is not a date; {ACCEPTED}'


@pytest.mark.parametrize("text", ["2019-02-30", "28/28/2019", "yesterday", "2019", "28-02-2019x"])
def test_text_that_is_no_date_is_unreadable_and_the_message_names_it(text: str) -> None:
    row = read(text)[0]
    assert (row["date"], row["problem"]) == (None, UNREADABLE)
    assert f'"{text}"' in row["message"]


def test_a_blank_date_is_its_own_problem() -> None:
    assert read(None)[0] == {"date": None, "problem": BLANK, "message": f"date is blank; {ACCEPTED}"}


def test_read_dates_keeps_one_row_per_value_in_order() -> None:
    values = ["2019-01-02", None, "Jan 1, 2019", "bad"]
    assert [r["date"] for r in read(*values)] == [date(2019, 1, 2), None, date(2019, 1, 1), None]


@pytest.mark.parametrize(
    "values",
    [
        ["2019-01-02", "Jan 1, 2019", "2018-12-31T23:59:00Z"],
        ["13/01/2019", "03/04/2019", None, "bad"],
        ["03/04/2019", "05/05/2019", "31/31/2019", None, "2019-02-28"],
        ["13/01/2019", "01/13/2019", "2019-01-13", None],
        ["02/14/2019", "14/02/2019", "01/13/2019", "13/01/2019"],
    ],
    ids=["all readable", "day first", "order unknown", "both orders", "both orders, several of each"],
)
def test_a_long_column_of_repeated_values_reads_each_row_as_the_distinct_values_read(values: list) -> None:
    """A long column is read once per distinct value and joined back: it must give the rows that reading
    every value would, in order, with the messages (and the examples they quote) unchanged."""
    once = read_dates(pl.Series(values, dtype=pl.String))
    repeated = pl.Series([values[i % len(values)] for i in range(50 * len(values))], dtype=pl.String)
    shuffled = repeated.sample(fraction=1.0, shuffle=True, seed=7)
    assert read_dates(repeated).equals(pl.concat([once] * 50))
    assert read_dates(shuffled).equals(_read_distinct(shuffled))  # what reading every value gives

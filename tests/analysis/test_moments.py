"""Moments and the rapport gap, checked against numbers worked out by hand."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from rhetoric import schema as s
from rhetoric.analysis import moments


def test_rapport_gap_by_hand(two_speaker_quotes, three_events):
    """Summit on 2018-06-12, window 90 days: quotes from 2018-03-14 to 06-11 are only 'd' (warmth 1.0);
    events from 06-12 to 09-10 are only the summit (+7). Gap = 1.0 − 7/10 = 0.3."""
    table = moments.moments(two_speaker_quotes, three_events, 90)
    row = table.row(0, named=True)
    assert row[s.EVENT] == "Summit"
    assert row["warmth_before"] == 1.0 and row["quotes_before"] == 1
    assert row["progress_after"] == 7.0 and row["events_after"] == 1
    assert row["rapport_gap"] == pytest.approx(0.3)
    assert moments.overall_gap(table) == pytest.approx(0.3)


def test_a_wider_window_takes_in_more_quotes_and_events(two_speaker_quotes, three_events):
    """With 200 days, quotes a, b, c, d (mean 0.3125) lead up to the summit; after it only the summit itself."""
    row = moments.moments(two_speaker_quotes, three_events, 200).row(0, named=True)
    assert row["quotes_before"] == 4
    assert row["warmth_before"] == pytest.approx(0.3125)
    assert row["rapport_gap"] == pytest.approx(0.3125 - 0.7)


def test_no_event_after_counts_as_no_progress(two_speaker_quotes, three_events):
    late = three_events.with_columns(
        pl.when(pl.col(s.KEY)).then(pl.lit(dt.date(2018, 2, 15))).otherwise(pl.col(s.DATE)).alias(s.DATE)
    ).filter(pl.col(s.EVENT) != "Test")
    # the key event is now on 2018-02-15; events in [02-15, 05-16]: only itself (+7)
    row = moments.moments(two_speaker_quotes, late, 90).row(0, named=True)
    assert row["events_after"] == 1
    only_key = late.filter(pl.col(s.KEY))
    empty_after = moments.moments(two_speaker_quotes, only_key.with_columns(pl.lit(0.0).alias(s.PROGRESS)), 90)
    assert empty_after["progress_after"].to_list() == [0.0]


def test_a_moment_without_quotes_before_has_no_gap(two_speaker_quotes, three_events):
    table = moments.moments(two_speaker_quotes.clear(), three_events, 90)
    assert table["rapport_gap"].to_list() == [None]
    assert moments.overall_gap(table) is None


def test_quotes_of_another_pair_do_not_count(two_speaker_quotes, three_events):
    other = two_speaker_quotes.with_columns(pl.lit("Bush–Putin").alias(s.PAIR))
    assert moments.moments(other, three_events, 90)["quotes_before"].to_list() == [0]
    assert moments.moments(other, three_events, 90, per_pair=False)["quotes_before"].to_list() == [1]

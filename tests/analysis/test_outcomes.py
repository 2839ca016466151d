"""Outcomes: the running total of progress per pair, and the events a timeline annotates."""

from __future__ import annotations

import datetime as dt

import polars as pl

from rhetoric import schema as s
from rhetoric.analysis import outcomes


def test_cumulative_progress_is_a_running_total_in_date_order(three_events):
    shuffled = three_events.reverse()
    out = outcomes.cumulative_progress(shuffled)
    assert out[s.EVENT].to_list() == ["Talks", "Test", "Summit"]
    assert out[s.CUMULATIVE_PROGRESS].to_list() == [4.0, 2.0, 9.0]


def test_cumulative_progress_restarts_for_each_pair(three_events):
    other = three_events.with_columns(pl.lit("Bush–Putin").alias(s.PAIR), pl.col(s.PROGRESS) * -1)
    out = outcomes.cumulative_progress(pl.concat([three_events, other]))
    totals = dict(out.group_by(s.PAIR).agg(pl.col(s.CUMULATIVE_PROGRESS).last()).iter_rows())
    assert totals == {"Trump–Kim": 9.0, "Bush–Putin": -9.0}


def test_key_events_are_the_rows_marked_key(three_events):
    assert outcomes.key_events(three_events)[s.EVENT].to_list() == ["Summit"]


def test_without_key_marks_big_events_are_annotated(three_events):
    unmarked = three_events.with_columns(pl.lit(None, dtype=pl.Boolean).alias(s.KEY))
    assert outcomes.key_events(unmarked, fallback_threshold=4)[s.DATE].to_list() == [
        dt.date(2018, 1, 15),
        dt.date(2018, 6, 12),
    ]

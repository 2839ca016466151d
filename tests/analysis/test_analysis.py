"""Analysis: filters, the rolling mean of warmth and the headline numbers, checked by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from rhetoric import analysis
from rhetoric import schema as s
from rhetoric.analysis import Filters


def test_filtering_by_speaker_keeps_only_their_quotes(two_speaker_quotes):
    out = analysis.filter_quotes(two_speaker_quotes, Filters(speakers=("Kim",)))
    assert out[s.ID].to_list() == ["b", "d"]


def test_date_range_is_inclusive_at_both_ends(two_speaker_quotes):
    out = analysis.filter_quotes(two_speaker_quotes, Filters(start=dt.date(2018, 1, 1), end=dt.date(2018, 2, 1)))
    assert out[s.ID].to_list() == ["a", "b", "c"]


def test_speakers_do_not_narrow_outcome_events(three_events):
    assert analysis.filter_outcomes(three_events, Filters(speakers=("Kim",))).height == 3


def test_rolling_warmth_averages_quotes_not_days(two_speaker_quotes):
    """On 2018-02-01 the 90-day window holds 0.5, -0.5 and 0.25: mean 0.0833; by 2018-04-01 (window
    from 2018-01-02) it holds 0.25 and 1.0: mean 0.625."""
    out = analysis.rolling_warmth(two_speaker_quotes, 90)
    assert out[s.DATE].to_list() == [dt.date(2018, 1, 1), dt.date(2018, 2, 1), dt.date(2018, 4, 1)]
    assert out["rolling_warmth"].to_list() == pytest.approx([0.0, 0.25 / 3, 0.625])
    assert out["quotes_in_window"].to_list() == [2, 3, 2]


def test_headline_numbers(two_speaker_quotes, three_events):
    head = analysis.headline(two_speaker_quotes, three_events)
    assert head.quotes == 4 and head.events == 3 and head.speakers == 2
    assert head.mean_warmth == pytest.approx(0.3125)
    assert head.mean_substance == pytest.approx(0.5)
    assert head.net_progress == 9.0


def test_headline_of_nothing_has_no_means(two_speaker_quotes, three_events):
    head = analysis.headline(two_speaker_quotes.clear(), three_events.clear())
    assert head.mean_warmth is None and head.net_progress == 0.0


def test_speakers_are_listed_most_quoted_first_then_by_name(two_speaker_quotes):
    assert analysis.speakers_by_count(two_speaker_quotes) == ["Kim", "Trump"]


def test_date_span_covers_quotes_and_events(two_speaker_quotes, three_events):
    assert analysis.date_span(two_speaker_quotes, three_events) == (dt.date(2018, 1, 1), dt.date(2018, 6, 12))
    assert analysis.date_span(two_speaker_quotes.clear()) is None

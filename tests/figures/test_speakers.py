"""Speakers over time: one panel per pair on its own dates, lines broken over silent periods, labels that never
collide, and the reader's uploaded quotes marked."""

from __future__ import annotations

import datetime as dt
import itertools

import polars as pl

from rhetoric import analysis, figures
from rhetoric import schema as s
from rhetoric.figures import speakers


def test_speakers_are_small_multiples_one_panel_per_pair_on_its_own_dates(two_speaker_quotes):
    other = two_speaker_quotes.with_columns(
        pl.lit("Bush–Putin").alias(s.PAIR),
        pl.col(s.DATE) - dt.timedelta(days=6000),
        pl.lit("George W. Bush").alias(s.SPEAKER),
    )
    both = pl.concat([two_speaker_quotes, other])
    fig = figures.speakers_over_time(analysis.warmth_by_period(both), quotes=both)
    assert [a.text for a in fig.layout.annotations if a.text in ("Bush–Putin", "Trump–Kim")] == [
        "Bush–Putin",
        "Trump–Kim",
    ]
    axes = {t.xaxis for t in fig.data}
    assert axes == {"x", "x2"}
    for axis, pair in (("x", "Bush–Putin"), ("x2", "Trump–Kim")):
        dates = [d for t in fig.data if t.xaxis == axis for d in t.x]
        wanted = both.filter(pl.col(s.PAIR) == pair)[s.DATE]
        assert min(dates) >= wanted.min().replace(day=1) - dt.timedelta(days=92) and max(dates) <= wanted.max()
    labels = {a.text for a in fig.layout.annotations} - {"Bush–Putin", "Trump–Kim"}
    assert labels == set(both[s.SPEAKER])  # each line is named at its end, no legend
    assert not fig.layout.showlegend


def test_a_speakers_line_breaks_where_a_quarter_has_no_quote():
    rows = [("q1", dt.date(2018, 1, 5), 0.5), ("q2", dt.date(2018, 4, 5), 0.1), ("q3", dt.date(2018, 12, 5), -0.3)]
    quotes = pl.DataFrame(
        rows, schema={s.ID: pl.String, s.DATE: pl.Date, s.WARMTH: pl.Float64}, orient="row"
    ).with_columns(pl.lit("Donald Trump").alias(s.SPEAKER), pl.lit("Trump–Kim").alias(s.PAIR))
    (trace,) = figures.speakers_over_time(analysis.warmth_by_period(quotes)).data
    assert list(trace.y) == [0.5, 0.1, None, -0.3]  # Q1 and Q2 joined; Q3 silent, so Q4 stands apart
    monthly = figures.speakers_over_time(analysis.warmth_by_period(quotes, "1mo"), step_days=31).data[0]
    assert list(monthly.y) == [0.5, None, 0.1, None, -0.3]


def test_direct_labels_in_a_panel_never_sit_closer_than_the_label_gap():
    placed = speakers.spread_labels([0.10, 0.12, 0.11, -0.9, 0.99], speakers.LABEL_GAP)
    ordered = sorted(placed)
    assert all(b - a >= speakers.LABEL_GAP - 1e-9 for a, b in itertools.pairwise(ordered))
    assert max(placed) <= 1.0 and placed[3] == -0.9


def test_a_period_holding_uploaded_quotes_is_marked_and_named_in_the_hover(two_speaker_quotes):
    marked = two_speaker_quotes.with_columns(pl.Series(s.ORIGIN, [s.UPLOADED, s.BUNDLED, s.BUNDLED, s.BUNDLED]))
    periods = analysis.warmth_by_period(marked)
    assert periods["uploaded_quotes"].sum() == 1
    fig = figures.speakers_over_time(periods, quotes=marked)
    symbols = [sym for t in fig.data if t.marker.symbol is not None for sym in t.marker.symbol]
    assert symbols.count("diamond") == 1
    notes = [c[1] for t in fig.data for c in t.customdata]
    assert notes.count(", 1 of them your upload") == 1 and "%{customdata[1]}" in fig.data[0].hovertemplate

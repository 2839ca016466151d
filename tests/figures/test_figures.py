"""Figure builders are pure: the right traces on the right axes, and user text escaped."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from rhetoric import analysis, figures
from rhetoric import schema as s
from rhetoric.analysis import outcomes


def timeline(quotes, events):
    return figures.rapport_timeline(
        quotes, analysis.rolling_warmth(quotes, 90), outcomes.cumulative_progress(events), outcomes.key_events(events)
    )


def test_timeline_has_a_marker_trace_per_speaker_a_mean_line_and_a_progress_step(two_speaker_quotes, three_events):
    fig = timeline(two_speaker_quotes, three_events)
    names = [t.name for t in fig.data]
    assert names == ["Trump", "Kim", "90-day mean warmth", "progress: Trump–Kim"]
    assert [t.mode for t in fig.data] == ["markers", "markers", "lines", "lines+markers"]
    assert fig.data[3].line.shape == "hv"
    assert list(fig.data[3].y) == [4.0, 2.0, 9.0]
    assert fig.data[0].xaxis == "x" and fig.data[3].yaxis == "y2"


def test_timeline_axes_are_titled_and_warmth_ticks_span_minus_one_to_one(two_speaker_quotes, three_events):
    fig = timeline(two_speaker_quotes, three_events)
    assert fig.layout.yaxis.title.text == figures.WARMTH_AXIS
    assert tuple(fig.layout.yaxis.tickvals) == (-1, -0.5, 0, 0.5, 1)
    assert fig.layout.yaxis.range[0] < -1 and fig.layout.yaxis.range[1] > 1
    assert fig.layout.yaxis2.title.text == figures.PROGRESS_AXIS


def test_key_events_are_annotated(two_speaker_quotes, three_events):
    fig = timeline(two_speaker_quotes, three_events)
    assert "Summit" in [a.text for a in fig.layout.annotations]


def test_quote_text_in_hover_is_escaped(two_speaker_quotes, three_events):
    nasty = two_speaker_quotes.with_columns(pl.lit("<img src=x onerror=alert(1)>").alias(s.QUOTE))
    fig = timeline(nasty, three_events)
    hover = fig.data[0].customdata[0][1]
    assert "<img" not in hover and "&lt;img" in hover


def test_timeline_without_events_still_draws_quotes(two_speaker_quotes, three_events):
    fig = timeline(two_speaker_quotes, three_events.clear())
    assert [t.name for t in fig.data] == ["Trump", "Kim", "90-day mean warmth"]


def test_timeline_without_events_keeps_a_date_axis_and_says_why_the_lower_panel_is_empty(
    two_speaker_quotes, three_events
):
    fig = timeline(two_speaker_quotes, three_events.clear())
    assert fig.layout.xaxis.type == fig.layout.xaxis2.type == "date"
    assert figures.NO_EVENTS in [a.text for a in fig.layout.annotations]
    assert figures.NO_EVENTS not in [a.text for a in timeline(two_speaker_quotes, three_events).layout.annotations]


def test_quotes_of_one_day_get_a_time_axis_of_weeks_not_milliseconds(two_speaker_quotes, three_events):
    one_day = two_speaker_quotes.filter(pl.col(s.DATE) == dt.date(2018, 1, 1))
    fig = timeline(one_day, three_events.clear())
    first, last = (dt.date.fromisoformat(str(v)[:10]) for v in fig.layout.xaxis.range)
    assert first < dt.date(2018, 1, 1) < last and (last - first).days == figures.MIN_SPAN_DAYS
    assert fig.layout.xaxis.range == fig.layout.xaxis2.range  # both panels, one axis
    assert timeline(two_speaker_quotes, three_events).layout.xaxis.range is None  # months of data: plotly's own


def test_the_mean_warmth_line_breaks_where_no_quote_falls_within_the_window(two_speaker_quotes, three_events):
    """Quotes of 1 January, 1 February and 1 April 2018, then one of 2030: the 90-day line joins the first
    three (gaps of 31 and 59 days) and breaks once before 2030."""
    later = two_speaker_quotes.head(1).with_columns(pl.lit(dt.date(2030, 1, 1)).alias(s.DATE), pl.lit("e").alias(s.ID))
    fig = timeline(pl.concat([two_speaker_quotes, later]), three_events)
    line = next(t for t in fig.data if t.mode == "lines")
    assert list(line.y).count(None) == 1 and line.y[-1] is not None and line.y[-2] is None
    assert None not in list(timeline(two_speaker_quotes, three_events).data[2].y)


def test_uploaded_quotes_are_diamonds_with_an_outline_and_say_so_in_the_hover(two_speaker_quotes):
    marked = two_speaker_quotes.with_columns(pl.Series(s.ORIGIN, [s.UPLOADED, s.BUNDLED, s.BUNDLED, s.UPLOADED]))
    fig = figures.rhetoric_map(marked)
    trump = next(t for t in fig.data if t.name == "Donald Trump")  # the side of the leader "Trump" is
    assert list(trump.marker.symbol) == ["diamond", "circle"]
    assert [c[6] for c in trump.customdata] == [" (your upload)", ""]
    assert "%{customdata[6]}" in trump.hovertemplate
    plain = figures.rhetoric_map(two_speaker_quotes)
    assert all(t.marker.symbol is None for t in plain.data)


def test_the_map_jitters_points_by_id_within_bounds_and_hovers_the_true_values():
    same = pl.DataFrame(
        {
            s.ID: [f"q{i}" for i in range(40)],
            s.SPEAKER: ["Donald Trump"] * 40,
            s.TARGET: ["Kim Jong Un"] * 40,
            s.PAIR: ["Trump–Kim"] * 40,
            s.DATE: [dt.date(2019, 2, 27)] * 40,
            s.QUOTE: ["We fell in love."] * 40,
            s.SOURCE: ["https://example.org"] * 40,
            s.WARMTH: [0.5] * 40,
            s.SUBSTANCE: [0.0] * 40,
        }
    )
    trace = figures.rhetoric_map(same).data[0]
    xs, ys = list(trace.x), list(trace.y)
    assert len(set(zip(xs, ys))) == 40  # forty equal quotes, forty visible points
    assert all(abs(x - 0.5) <= figures.JITTER[0] + 1e-12 for x in xs)
    assert all(abs(y) <= figures.JITTER[1] + 1e-12 for y in ys)
    assert {(c[7], c[8]) for c in trace.customdata} == {(0.5, 0.0)}
    assert "%{customdata[7]:+.2f}" in trace.hovertemplate and "%{x" not in trace.hovertemplate
    again = figures.rhetoric_map(same.reverse()).data[0]
    # the same quote sits in the same place whatever the order of the rows
    assert dict(zip([c[4] for c in again.customdata], again.x)) == dict(zip([c[4] for c in trace.customdata], xs))


def test_moments_are_horizontal_bars_labelled_by_event_and_date():
    table = pl.DataFrame(
        {
            s.DATE: [dt.date(2018, 6, 12), dt.date(2019, 2, 28)],
            s.EVENT: ["Singapore summit <b>", "Hanoi summit ends without deal"],
            "warmth_before": [0.5, 0.7],
            "progress_after": [3.0, -4.0],
            "rapport_gap": [0.2, 1.1],
        }
    )
    fig = figures.moments_chart(table)
    assert all(t.orientation == "h" for t in fig.data if t.type == "bar")
    assert list(fig.data[0].y) == [
        "Singapore summit &lt;b&gt; (2018-06-12)",
        "Hanoi summit ends without deal (2019-02-28)",
    ]
    assert fig.layout.yaxis.autorange == "reversed" and fig.layout.height >= 160 + 70 * 2


def pair_table(rows):
    return pl.DataFrame(
        rows,
        schema={
            s.PAIR: pl.String,
            "mean_warmth": pl.Float64,
            "quotes": pl.UInt32,
            "net_progress": pl.Float64,
            "events": pl.UInt32,
        },
        orient="row",
    )


def test_the_pair_comparison_is_one_labelled_point_per_pair_on_axes_fitted_to_the_points():
    table = pair_table(
        [
            ("Trump–Kim", 0.08, 94, -26.9, 29),
            ("Trump–Xi", 0.20, 52, 11.2, 10),
            ("Bush–Putin", 0.04, 54, 22.5, 11),
            ("No–Events", 0.5, 9, 0.0, 0),
        ]
    )
    fig = figures.pairs_chart(table)
    (trace,) = fig.data
    assert list(trace.text) == ["Trump–Kim", "Trump–Xi", "Bush–Putin"]  # no events, no place on the progress axis
    x0, x1 = fig.layout.xaxis.range
    y0, y1 = fig.layout.yaxis.range
    assert x0 < 0.04 and x1 > 0.20 and y0 < -26.9 and y1 > 22.5  # every point inside
    assert x1 - x0 < 0.4  # fitted: not warmth's whole -1..1 scale, where the pairs would all sit at zero
    # span max(0.16, 0.2) = 0.2, padded 0.036 each side: 0.004 is within a span of 0, so the axis starts at -0.036
    assert [x0, x1] == pytest.approx([-0.036, 0.236])
    assert y1 - y0 < 1.5 * (22.5 + 26.9)


def test_fitted_ranges_hold_the_values_and_reach_zero_only_when_it_is_near():
    # span 0.2 (the least), pad 0.036: 0.264..0.436; 0 lies more than a span below, so the axis stays off it
    assert figures.fitted_range([0.30, 0.40], least=0.2) == pytest.approx([0.264, 0.436])
    # 0.10..0.20 padded to 0.064..0.236: 0 is within a span of 0.064, so the axis reaches just below zero
    assert figures.fitted_range([0.10, 0.20], least=0.2) == pytest.approx([-0.036, 0.236])
    assert figures.fitted_range([-6.0, -5.0], least=4.0) == pytest.approx([-6.72, -4.28])  # 4.28 from 0: over a span
    assert figures.fitted_range([-6.0, -5.0], least=5.0) == pytest.approx([-6.9, 0.9])  # 4.1 from 0: within one


def shift_table() -> pl.DataFrame:
    from rhetoric.analysis import wordshift as ws

    rows = [
        ("fire and fury", "threat", 0.04, 0.0, -0.6, None, 0.024, "warmer", "cold", "less"),
        ("love", "affection", 0.1, 0.2, 0.5, 0.5, 0.05, "warmer", "warm", "more"),
        ("beautiful letters", "affection", 0.06, 0.0, 0.3, None, -0.018, "colder", "warm", "less"),
        ("sanctions", "hostility", 0.0, 0.1, None, -0.3, -0.03, "colder", "cold", "more"),
        ("(courtesy baseline)", ws.BASELINE, 1.0, 1.0, -0.1, -0.13, -0.03, "colder", "cold", "same"),
    ]
    return pl.DataFrame(rows, schema=ws.SHIFT_SCHEMA, orient="row")


def test_the_word_shift_graph_tells_warm_from_cold_and_more_from_less_and_the_baseline_is_no_word():
    from rhetoric.figures import compare

    fig = figures.word_shift_chart(shift_table(), interval=(-0.2, 0.25))
    terms = next(t for t in fig.data if t.name == "terms")
    bars = dict(zip(terms.y, zip(terms.x, terms.marker.color, terms.marker.pattern.shape)))
    assert not any("baseline" in label for label in bars)
    warm_more, cold_less = compare.SHIFT_COLORS[(0, "more")], compare.SHIFT_COLORS[(1, "less")]
    assert bars["fire and fury −↓"] == (0.024, cold_less, "/")  # a cold phrase dropped: right, pale blue, hatched
    assert bars["love +↑"] == (0.05, warm_more, "")
    assert bars["sanctions −↑"][1] == compare.SHIFT_COLORS[(1, "more")]
    parts = next(t for t in fig.data if t.name == "by type")
    assert "courtesy baseline (every quote)" in parts.y


def test_the_whole_change_carries_its_interval_and_is_drawn_no_larger_than_the_noise():
    fig = figures.word_shift_chart(shift_table(), interval=(-0.2, 0.25))
    total = next(t for t in fig.data if t.name == "whole change")
    # 0.024 + 0.05 - 0.018 - 0.03 - 0.03 = -0.004
    assert total.x[0] == pytest.approx(-0.004)
    assert total.error_x.array[0] == pytest.approx(0.254) and total.error_x.arrayminus[0] == pytest.approx(0.196)
    low, high = fig.layout.xaxis.range
    assert low <= -0.25 and high >= 0.25  # the axis is scaled to the interval, so -0.004 looks as small as it is
    assert "within noise" in fig.layout.annotations[0].text
    sure = figures.word_shift_chart(shift_table(), interval=(-0.01, -0.001))
    assert "within noise" not in sure.layout.annotations[0].text

"""Figure builders are pure: the right traces on the right axes, and user text escaped."""

from __future__ import annotations

import datetime as dt

import polars as pl

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
    trump = next(t for t in fig.data if t.name == "Trump")
    assert list(trump.marker.symbol) == ["diamond", "circle"]
    assert [c[6] for c in trump.customdata] == [" (your upload)", ""]
    assert "%{customdata[6]}" in trump.hovertemplate
    plain = figures.rhetoric_map(two_speaker_quotes)
    assert all(t.marker.symbol is None for t in plain.data)


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

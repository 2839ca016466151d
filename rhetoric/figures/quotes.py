"""Figures of quotes: the rapport timeline, the rhetoric map and warmth by speaker over time; frames in, a go.Figure out."""

from __future__ import annotations

import datetime as dt
import html
import textwrap
from typing import cast

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from rhetoric import schema as s
from rhetoric.figures import colors as palette

WARMTH_RANGE = (-1.05, 1.45)
WARMTH_AXIS = "Warmth (−1 cold … +1 warm)"
PROGRESS_AXIS = "Cumulative progress (Goldstein points)"


def safe_text(value: object, width: int = 60) -> str:
    """User text for a hover label: HTML-escaped (plotly renders a few tags) and wrapped with <br>."""
    text = "" if value is None else str(value)
    return "<br>".join(html.escape(line) for line in textwrap.wrap(text, width) or [""])


def _zero_line(yref: str) -> dict:
    return {
        "type": "line",
        "xref": f"x{yref[1:]} domain",
        "yref": yref,
        "x0": 0,
        "x1": 1,
        "y0": 0,
        "y1": 0,
        "line": {"color": "#999999", "width": 1, "dash": "dot"},
    }


QUOTE_ID_INDEX = 4  # where quote_customdata puts the id: a clicked marker maps back to its row


def quote_customdata(part: pl.DataFrame) -> list[tuple]:
    """Per quote: speaker, quote, source, warmth terms (all escaped for hover), at index 4 the id, the date,
    and at index 6 " (your upload)" for an uploaded quote."""
    terms = part["warmth_terms"] if "warmth_terms" in part.columns else [""] * part.height
    return list(
        zip(
            [safe_text(v) for v in part[s.SPEAKER]],
            [safe_text(v) for v in part[s.QUOTE]],
            [safe_text(v, 80) for v in part[s.SOURCE]],
            [safe_text(v) for v in terms],
            part[s.ID].to_list(),
            [safe_text(v) for v in part[s.DATE].cast(pl.String)],
            [" (your upload)" if u else "" for u in _uploaded(part)],
        )
    )


def _uploaded(part: pl.DataFrame) -> list[bool]:
    if s.ORIGIN not in part.columns:
        return [False] * part.height
    return (part[s.ORIGIN] == s.UPLOADED).fill_null(False).to_list()


def quote_marker(part: pl.DataFrame, color: str, size: int, **extra: object) -> dict:
    """Markers for quotes: the speaker's colour; an uploaded quote is a larger diamond with a dark outline."""
    flags = _uploaded(part)
    if not any(flags):
        return {"color": color, "size": size, "line": {"width": 0.5, "color": "white"}, **extra}
    return {
        "color": color,
        "size": [size + 3 if f else size for f in flags],
        "symbol": ["diamond" if f else "circle" for f in flags],
        "line": {"width": [1.5 if f else 0.5 for f in flags], "color": ["#111111" if f else "white" for f in flags]},
        **extra,
    }


UPLOAD_NOTE = "Diamonds with a dark outline are your uploaded quotes."


MIN_SPAN_DAYS = 60  # the time axis spans at least this much, so that one day's quotes sit on a readable axis
NO_EVENTS = "No outcome events for these quotes: add an outcomes CSV on the Data page to see progress here."


def rapport_timeline(
    quotes: pl.DataFrame,
    rolling: pl.DataFrame,
    progress: pl.DataFrame,
    key_events: pl.DataFrame,
    *,
    speakers: list[str] | None = None,
    window_days: int = 90,
) -> go.Figure:
    """Warmth of each quote over time (top) above cumulative deal progress (bottom), one time axis.

    `quotes` needs date, speaker, quote, source, id, warmth and may have warmth_terms; `rolling` comes
    from analysis.rolling_warmth; `progress` from outcomes.cumulative_progress.
    """
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        row_heights=[0.6, 0.4],
        vertical_spacing=0.08,
        subplot_titles=("What they said: warmth of each quote", "What it delivered: cumulative progress of events"),
    )
    order = speakers or quotes[s.SPEAKER].unique(maintain_order=True).to_list()
    colors = palette.speaker_colors(order, quotes)
    for speaker in order:
        part = quotes.filter(pl.col(s.SPEAKER) == speaker).sort(s.DATE)
        if part.is_empty():
            continue
        custom = quote_customdata(part)
        fig.add_trace(
            go.Scatter(
                x=part[s.DATE].to_list(),
                y=part[s.WARMTH].to_list(),
                mode="markers",
                name=speaker,
                legendgroup="quotes",
                marker=quote_marker(part, colors[speaker], 9),
                customdata=custom,
                hovertemplate=(
                    "<b>%{customdata[0]}</b>%{customdata[6]}, %{x|%Y-%m-%d}<br>warmth %{y:+.2f}<br>“%{customdata[1]}”"
                    "<br><i>words: %{customdata[3]}</i><br>source: %{customdata[2]}<extra></extra>"
                ),
            ),
            row=1,
            col=1,
        )
    if rolling.height:
        line = broken_at_gaps(rolling, "rolling_warmth", window_days)
        fig.add_trace(
            go.Scatter(
                x=line[s.DATE].to_list(),
                y=line["rolling_warmth"].to_list(),
                mode="lines",
                name=f"{window_days}-day mean warmth",
                line={"color": "#333333", "width": 2.5},
                hovertemplate="%{x|%Y-%m-%d}: mean warmth %{y:+.2f} over the last "
                + str(window_days)
                + " days<extra></extra>",
            ),
            row=1,
            col=1,
        )
    for i, pair in enumerate(progress[s.PAIR].unique(maintain_order=True).to_list() if progress.height else []):
        part = progress.filter(pl.col(s.PAIR) == pair)
        custom = list(
            zip(
                [safe_text(v) for v in part[s.EVENT]],
                [safe_text(v) for v in part[s.DESCRIPTION]],
                [safe_text(v, 80) for v in part[s.SOURCE]],
                part[s.PROGRESS].to_list(),
            )
        )
        fig.add_trace(
            go.Scatter(
                x=part[s.DATE].to_list(),
                y=part[s.CUMULATIVE_PROGRESS].to_list(),
                mode="lines+markers",
                line={
                    "shape": "hv",
                    "color": palette.PROGRESS[i % len(palette.PROGRESS)],
                    "dash": palette.PROGRESS_DASHES[i % len(palette.PROGRESS_DASHES)],
                    "width": 2.5,
                },
                marker={"size": 7},
                name=f"progress: {pair}",
                legendgroup="progress",
                customdata=custom,
                hovertemplate=(
                    "<b>%{customdata[0]}</b>, %{x|%Y-%m-%d}<br>progress %{customdata[3]:+.1f}, running total %{y:+.1f}"
                    "<br>%{customdata[1]}<br>source: %{customdata[2]}<extra></extra>"
                ),
            ),
            row=2,
            col=1,
        )
    # Shapes and labels go in with one layout update: plotly's add_vline/add_annotation copy and
    # re-validate the layout on every call, which made this figure take a second to build.
    shapes = [_zero_line("y"), _zero_line("y2")]
    labels = []
    for j, (date, name) in enumerate(key_events.select(s.DATE, s.EVENT).iter_rows()):
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": date,
                "x1": date,
                "y0": 0,
                "y1": 1,
                "line": {"color": "#bbbbbb", "width": 1, "dash": "dash"},
                "layer": "below",
            }
        )
        labels.append(
            {
                "x": date,
                "xref": "x",
                "y": 0.995 - 0.05 * (j % 3),
                "yref": "y domain",
                "text": html.escape(str(name)),
                "showarrow": False,
                "font": {"size": 10, "color": "#555555"},
                "bgcolor": "rgba(255,255,255,0.8)",
                "xanchor": "left",
            }
        )
    fig.update_layout(shapes=shapes, annotations=[*fig.layout.annotations, *labels])
    # The axis runs past +1 to leave room for the event labels; ticks stay on the -1..1 scale.
    fig.update_yaxes(title_text=WARMTH_AXIS, range=list(WARMTH_RANGE), tickvals=[-1, -0.5, 0, 0.5, 1], row=1, col=1)
    fig.update_yaxes(title_text=PROGRESS_AXIS, row=2, col=1)
    fig.update_xaxes(title_text="Date", row=2, col=1)
    # Both panels are on a date axis even when one is empty: left to itself, plotly gives an empty
    # panel a numeric axis (-1 .. 6), and the shared axis under the chart then shows numbers.
    fig.update_xaxes(type="date")
    padded = _padded_span([quotes[s.DATE], progress[s.DATE] if progress.height else None])
    if padded:  # one day's data: plotly would zoom to a millisecond around it
        fig.update_xaxes(range=padded)
    if not progress.height:
        fig.add_annotation(
            text=NO_EVENTS,
            xref="x2 domain",
            yref="y2 domain",
            x=0.5,
            y=0.8,
            showarrow=False,
            font={"size": 13, "color": "#555555"},
        )
    fig.update_layout(
        height=720,
        margin={"l": 70, "r": 20, "t": 60, "b": 50},
        legend={"orientation": "h", "y": -0.12},
        hovermode="closest",
        template="plotly_white",
    )
    return fig


QUADRANTS = (
    ("warm but empty", 0.5, 0.12),
    ("warm and substantive", 0.5, 0.9),
    ("cold and concrete", -0.5, 0.9),
    ("cold and empty", -0.5, 0.12),
)
SUBSTANCE_MIDLINE = 0.5


def broken_at_gaps(frame: pl.DataFrame, column: str, days: int) -> pl.DataFrame:
    """`frame` (date, column) with a null point just before each date that follows the last by more than
    `days`: plotly breaks the line there, instead of drawing a mean across years without quotes."""
    after_gap = pl.col(s.DATE).diff().dt.total_days() > days
    breaks = frame.filter(after_gap).select(
        (pl.col(s.DATE) - pl.duration(days=1)).alias(s.DATE), pl.lit(None, dtype=pl.Float64).alias(column)
    )
    return pl.concat([frame.select(s.DATE, pl.col(column).cast(pl.Float64)), breaks]).sort(s.DATE, maintain_order=True)


def _padded_span(columns: list[pl.Series | None]) -> list[dt.date] | None:
    """An x range of at least MIN_SPAN_DAYS around the dates given, when they span less; else None."""
    present = [c.cast(pl.Date) for c in columns if c is not None and c.drop_nulls().len()]
    if not present:
        return None
    dates = pl.concat(present)
    first, last = cast(dt.date, dates.min()), cast(dt.date, dates.max())
    if (last - first).days >= MIN_SPAN_DAYS:
        return None
    pad = dt.timedelta(days=(MIN_SPAN_DAYS - (last - first).days) / 2)
    return [first - pad, last + pad]


JITTER = (0.025, 0.03)  # the most a point moves on the map (warmth, substance): its hover gives the true values


def jittered(quotes: pl.DataFrame) -> pl.DataFrame:
    """The quotes with `_x` and `_y`: warmth and substance each moved by at most JITTER, by an amount drawn
    from the quote's id, so that the same quote sits in the same place on every rerun and points that share a
    value (many quotes have substance 0, 1/3 or 1/2) spread into a visible cloud."""

    def offset(seed: int, size: float) -> pl.Expr:
        return (pl.col(s.ID).hash(seed=seed) % 2001 / 1000 - 1) * size

    return quotes.with_columns(
        (pl.col(s.WARMTH) + offset(11, JITTER[0])).alias("_x"),
        (pl.col(s.SUBSTANCE) + offset(29, JITTER[1])).alias("_y"),
    )


def side_of(quotes: pl.DataFrame) -> dict[str, str]:
    """Each speaker's side on the map: the bundled leader the speaker is, or whose official the speaker is
    (rhetoric.figures.colors), else the speaker's own name."""
    officials = palette.sides(quotes)
    return {sp: palette.leader_of(sp) or officials.get(sp) or sp for sp in quotes[s.SPEAKER].unique().drop_nulls()}


def rhetoric_map(quotes: pl.DataFrame, *, speakers: list[str] | None = None) -> go.Figure:
    """Warmth (x) against substance (y), one point a quote, coloured by side (a leader and that leader's
    officials share the leader's colour), slightly jittered so that equal values stay visible; the hover gives
    the true values. Quadrants labelled."""
    fig = go.Figure()
    order = speakers or quotes[s.SPEAKER].unique(maintain_order=True).to_list()
    side = side_of(quotes)
    sides = list(dict.fromkeys(side.get(sp, sp) for sp in order if sp in side))
    colors = palette.speaker_colors(sides)
    points = jittered(quotes).with_columns(pl.col(s.SPEAKER).replace_strict(side, default=None).alias("_side"))
    for name in sides:
        part = points.filter(pl.col("_side") == name)
        if part.is_empty():
            continue
        officials = [m for m in part[s.SPEAKER].unique() if m != name and palette.leader_of(m) != name]
        label = f"{name} and officials" if officials else name
        fig.add_trace(
            go.Scatter(
                x=part["_x"].to_list(),
                y=part["_y"].to_list(),
                mode="markers",
                name=label,
                marker=quote_marker(part, colors[name], 10, opacity=0.8),
                customdata=[
                    (*row, w, sub) for row, w, sub in zip(quote_customdata(part), part[s.WARMTH], part[s.SUBSTANCE])
                ],
                hovertemplate=(
                    "<b>%{customdata[0]}</b>%{customdata[6]}, %{customdata[5]}<br>warmth %{customdata[7]:+.2f}, "
                    "substance %{customdata[8]:.2f}<br>“%{customdata[1]}”<br><i>words: %{customdata[3]}</i>"
                    "<extra></extra>"
                ),
            )
        )
    fig.add_vline(x=0, line={"color": "#999999", "width": 1})
    fig.add_hline(y=SUBSTANCE_MIDLINE, line={"color": "#999999", "width": 1})
    for text, x, y in QUADRANTS:
        fig.add_annotation(
            x=x,
            y=y,
            text=f"<b>{text}</b>",
            showarrow=False,
            font={"size": 13, "color": "#666666"},
            bgcolor="rgba(255,255,255,0.8)",
        )
    fig.update_xaxes(title_text=WARMTH_AXIS, range=[-1.08, 1.08], zeroline=False)
    fig.update_yaxes(title_text="Substance (0 vague … 1 concrete)", range=[-0.06, 1.06], zeroline=False)
    fig.update_layout(
        height=620,
        template="plotly_white",
        hovermode="closest",
        legend={"orientation": "h", "y": -0.15, "title": {"text": "Side: "}},
        margin={"l": 70, "r": 20, "t": 30, "b": 50},
    )
    return fig

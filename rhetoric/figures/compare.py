"""Plotly builders for the comparison views (moments, lead and lag, word shift, pairs): frames in, figures out."""

from __future__ import annotations

import html

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from rhetoric import schema as s
from rhetoric.figures.quotes import PAIR_PALETTE

WARM, COLD, NEUTRAL = "#2e7d32", "#c62828", "#616161"


def moments_chart(table: pl.DataFrame) -> go.Figure:
    """Per moment, one row a moment with its name as the label: warmth before and progress after (÷10) as
    horizontal bars, the rapport gap as a diamond. Rows run down in time; labels never collide."""
    labels = [f"{html.escape(str(e))} ({d})" for d, e in table.select(s.DATE, s.EVENT).iter_rows()]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=labels,
            x=table["warmth_before"].to_list(),
            orientation="h",
            name="mean warmth before",
            marker_color="#1f77b4",
            hovertemplate="%{y}<br>warmth before %{x:+.2f}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Bar(
            y=labels,
            x=(table["progress_after"] / 10).to_list(),
            orientation="h",
            name="mean progress after ÷ 10",
            marker_color="#7a7a7a",
            hovertemplate="%{y}<br>progress after ÷ 10: %{x:+.2f}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            y=labels,
            x=table["rapport_gap"].to_list(),
            name="rapport gap",
            mode="markers",
            marker={"symbol": "diamond", "size": 14, "color": "#d62728", "line": {"width": 1, "color": "white"}},
            hovertemplate="%{y}<br>rapport gap %{x:+.2f}<extra></extra>",
        )
    )
    fig.add_vline(x=0, line={"color": "#999999", "width": 1})
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_layout(
        barmode="group",
        height=160 + 70 * max(table.height, 1),
        template="plotly_white",
        legend={"orientation": "h", "y": -0.12},
        xaxis_title="On warmth's −1..1 scale",
        margin={"l": 20, "r": 20, "t": 30, "b": 50},
    )
    return fig


def lag_chart(table: pl.DataFrame) -> go.Figure:
    """Correlation of monthly warmth with monthly progress at each lag, with its bootstrap interval."""
    lags = table["lag"].to_list()
    r = table["r"].to_list()
    low, high = table["ci_low"].to_list(), table["ci_high"].to_list()
    plus = [None if h is None or v is None else h - v for h, v in zip(high, r)]
    minus = [None if lo is None or v is None else v - lo for lo, v in zip(low, r)]
    fig = go.Figure(
        go.Scatter(
            x=lags,
            y=r,
            mode="markers+lines",
            name="correlation",
            error_y={"type": "data", "symmetric": False, "array": plus, "arrayminus": minus, "color": "#888888"},
            marker={"size": 9, "color": "#1f77b4"},
            customdata=table["n"].to_list(),
            hovertemplate="lag %{x} months<br>r = %{y:.2f} over %{customdata} months<extra></extra>",
        )
    )
    fig.add_hline(y=0, line={"color": "#999999", "width": 1})
    fig.add_vline(x=0, line={"color": "#bbbbbb", "width": 1, "dash": "dot"})
    fig.update_xaxes(title_text="Lag in months (positive: warmth comes first, progress follows)", dtick=1)
    fig.update_yaxes(title_text="Correlation r (95% bootstrap interval)", range=[-1.05, 1.05])
    fig.update_layout(
        height=440, template="plotly_white", margin={"l": 70, "r": 20, "t": 30, "b": 50}, showlegend=False
    )
    return fig


def word_shift_chart(table: pl.DataFrame, *, top: int = 20, label_a: str = "A", label_b: str = "B") -> go.Figure:
    """Signed contributions of terms to the change in mean warmth from period A to B, largest first."""
    part = table.head(top).reverse()  # largest at the top of a horizontal bar chart
    colors = [WARM if v > 0 else COLD for v in part["shift"]]
    fig = go.Figure(
        go.Bar(
            x=part["shift"].to_list(),
            y=[html.escape(t) for t in part[s.TERM]],
            orientation="h",
            marker_color=colors,
            customdata=list(zip(part["freq_a"].to_list(), part["freq_b"].to_list())),
            hovertemplate=(
                "%{y}: %{x:+.3f}<br>in "
                + html.escape(label_a)
                + ": %{customdata[0]:.2f} a quote, in "
                + html.escape(label_b)
                + ": %{customdata[1]:.2f} a quote<extra></extra>"
            ),
        )
    )
    fig.add_vline(x=0, line={"color": "#999999", "width": 1})
    fig.update_xaxes(
        title_text=f"Contribution to the change in mean warmth ({html.escape(label_a)} → {html.escape(label_b)})"
    )
    fig.update_layout(
        height=max(360, 24 * part.height + 120),
        template="plotly_white",
        margin={"l": 160, "r": 20, "t": 30, "b": 50},
        showlegend=False,
    )
    return fig


def pairs_chart(table: pl.DataFrame) -> go.Figure:
    """Each leader pair's mean warmth beside its net progress, in two panels side by side."""
    fig = make_subplots(
        rows=1, cols=2, subplot_titles=("Mean warmth of their words", "Net progress of their diplomacy")
    )
    colors = [PAIR_PALETTE[i % len(PAIR_PALETTE)] for i in range(table.height)]
    names = [html.escape(p) for p in table[s.PAIR]]
    fig.add_trace(
        go.Bar(
            x=names,
            y=table["mean_warmth"].to_list(),
            marker_color=colors,
            name="mean warmth",
            customdata=table["quotes"].to_list(),
            hovertemplate="%{x}: mean warmth %{y:+.2f} over %{customdata} quotes<extra></extra>",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Bar(
            x=names,
            y=table["net_progress"].to_list(),
            marker_color=colors,
            name="net progress",
            customdata=table["events"].to_list(),
            hovertemplate="%{x}: net progress %{y:+.1f} over %{customdata} events<extra></extra>",
        ),
        row=1,
        col=2,
    )
    fig.update_yaxes(title_text="Warmth (−1..1)", range=[-1, 1], row=1, col=1)
    fig.update_yaxes(title_text="Goldstein points", row=1, col=2)
    fig.update_layout(
        height=440, template="plotly_white", showlegend=False, margin={"l": 70, "r": 20, "t": 50, "b": 50}
    )
    return fig

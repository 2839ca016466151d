"""Plotly builders for the comparison views (moments, lead and lag, word shift, pairs): frames in, figures out."""

from __future__ import annotations

import html

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from rhetoric import schema as s
from rhetoric.analysis import wordshift

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


# Generalized word shift colours (after Gallagher et al. 2021): the kind of term by hue, its change in use by
# shade. Warm (or concrete) terms gold, cold (or vague) terms blue; used more: full colour, used less: pale, hatched.
SHIFT_COLORS = {(0, "more"): "#E0A100", (0, "less"): "#F5DC99", (1, "more"): "#2F6DB5", (1, "less"): "#B9CFEA"}
SHIFT_ARROWS = {"more": "↑", "less": "↓", "same": ""}
TOTAL_COLOR = "#3b3b3b"


def _shift_color(kind: str, usage: str, measure: str) -> str:
    pole = 0 if kind == wordshift.POLES[measure][0] else 1
    return SHIFT_COLORS[(pole, "more" if usage == "same" else usage)]


def _whole_change_title(total: float, interval: tuple[float, float] | None) -> str:
    """The top panel's title: the whole change, its interval, and "within noise" when the interval holds 0."""
    if interval is None:
        return f"The whole change ({total:+.3f}) and its parts"
    low, high = interval
    noise = ": within noise" if low <= 0 <= high else ""
    return f"The whole change ({total:+.3f}; 95% interval {low:+.3f} to {high:+.3f}{noise}) and its parts"


def word_shift_chart(
    table: pl.DataFrame,
    *,
    top: int = 20,
    label_a: str = "A",
    label_b: str = "B",
    measure: str = "warmth",
    interval: tuple[float, float] | None = None,
) -> go.Figure:
    """A generalized word shift graph of the change in the mean `measure` from period A to B.

    Top, the whole change (Σ) with its 95% interval when given, and its parts by type of term (warm terms used
    more, cold terms used less …, and the courtesy baseline, which is no word). Below, the `top` terms that moved
    it most: bar length and side are the term's contribution; hue says whether the term is warm or cold, shade
    (with hatching) whether it was used more or less. The x axis is wide enough for the interval, so that a
    change within noise looks as small as it is."""
    up, down = wordshift.POLES[measure]
    words = table.filter(pl.col(s.CATEGORY) != wordshift.BASELINE).head(top).reverse()
    parts = wordshift.by_type(table, measure=measure).reverse()
    total = wordshift.total_shift(table)
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        row_heights=[parts.height + 1, max(words.height, 1)],
        vertical_spacing=0.06,
        subplot_titles=(_whole_change_title(total, interval), f"The {words.height} terms that moved it most"),
    )
    part_colors = [
        _shift_color(up, "more", measure),
        _shift_color(down, "less", measure),
        _shift_color(up, "less", measure),
        _shift_color(down, "more", measure),
        "#9e9e9e",
    ][: parts.height]
    part_hatch = ["", "/", "/", "", ""][: parts.height]
    fig.add_trace(
        go.Bar(
            x=parts[wordshift.SHIFT].to_list(),
            y=parts["type"].to_list(),
            orientation="h",
            marker={"color": part_colors[::-1], "pattern": {"shape": part_hatch[::-1], "size": 6}},
            hovertemplate="%{y}: %{x:+.3f}<extra></extra>",
            name="by type",
        ),
        row=1,
        col=1,
    )
    error = (
        {"type": "data", "symmetric": False, "array": [interval[1] - total], "arrayminus": [total - interval[0]]}
        if interval
        else None
    )
    fig.add_trace(
        go.Bar(
            x=[total],
            y=["Σ whole change"],
            orientation="h",
            marker={"color": TOTAL_COLOR},
            error_x={**error, "color": "#111111", "thickness": 1.5, "width": 8} if error else None,
            hovertemplate=(
                "whole change %{x:+.3f}"
                + (f"<br>95% interval {interval[0]:+.3f} to {interval[1]:+.3f}" if interval else "")
                + "<extra></extra>"
            ),
            name="whole change",
        ),
        row=1,
        col=1,
    )
    kinds, usages = words[wordshift.KIND].to_list(), words[wordshift.USAGE].to_list()
    fig.add_trace(
        go.Bar(
            x=words[wordshift.SHIFT].to_list(),
            y=[
                f"{html.escape(t)} {'+' if k == up else '−'}{SHIFT_ARROWS[u]}"
                for t, k, u in zip(words[s.TERM], kinds, usages)
            ],
            orientation="h",
            marker={
                "color": [_shift_color(k, u, measure) for k, u in zip(kinds, usages)],
                "pattern": {"shape": ["/" if u == "less" else "" for u in usages], "size": 6},
                "line": {"width": 0.5, "color": "#666666"},
            },
            customdata=list(zip(kinds, usages, words[wordshift.FREQ_A].to_list(), words[wordshift.FREQ_B].to_list())),
            hovertemplate=(
                "%{y}: %{x:+.3f}<br>a %{customdata[0]} term, used %{customdata[1]}: "
                + html.escape(label_a)
                + " %{customdata[2]:.2f} a quote, "
                + html.escape(label_b)
                + " %{customdata[3]:.2f} a quote<extra></extra>"
            ),
            name="terms",
        ),
        row=2,
        col=1,
    )
    reach = max(
        [abs(v) for v in [*words[wordshift.SHIFT].to_list(), *parts[wordshift.SHIFT].to_list(), total]]
        + ([abs(interval[0]), abs(interval[1])] if interval else [])
        + [1e-3]
    )
    fig.update_xaxes(range=[-1.15 * reach, 1.15 * reach], zeroline=True, zerolinecolor="#999999")
    fig.update_xaxes(
        title_text=f"Contribution to the change in mean {measure} ({html.escape(label_a)} → {html.escape(label_b)})",
        row=2,
        col=1,
    )
    fig.update_yaxes(automargin=True)
    fig.add_annotation(
        text=(
            f"<b>+</b> {up} term, <b>−</b> {down} term; <b>↑</b> used more (full colour), <b>↓</b> used less "
            f"(pale, hatched). Bars to the right made {html.escape(label_b)} more {up}."
        ),
        xref="paper",
        yref="paper",
        x=0,
        y=-0.06 if words.height > 8 else -0.12,
        showarrow=False,
        xanchor="left",
        font={"size": 12, "color": "#555555"},
    )
    fig.update_layout(
        height=max(420, 24 * (words.height + parts.height) + 200),
        template="plotly_white",
        showlegend=False,
        bargap=0.25,
        margin={"l": 200, "r": 20, "t": 40, "b": 90},
    )
    return fig


PAIR_POINT = "#3b3b3b"  # pairs are not speakers: one dark grey, told apart by their labels


def fitted_range(values: list[float], *, pad: float = 0.18, least: float = 0.2) -> list[float]:
    """An axis range that holds `values` with `pad` of their span either side (at least `least` wide), and
    reaches 0 only when 0 is near the data, so that the differences between points fill the chart."""
    low, high = min(values), max(values)
    span = max(high - low, least)
    low, high = low - pad * span, high + pad * span
    if 0 < low < span:
        low = -pad * span
    if -span < high < 0:
        high = pad * span
    return [low, high]


def _label_positions(x: list[float], y: list[float]) -> list[str]:
    """Above each point, unless another point sits close above it (within a tenth of the spans), then below."""
    dx = (max(x) - min(x)) or 1.0 if x else 1.0
    dy = (max(y) - min(y)) or 1.0 if y else 1.0
    return [
        "bottom center"
        if any(0 < (yj - yi) / dy < 0.15 and abs(xj - xi) / dx < 0.15 for xj, yj in zip(x, y))
        else "top center"
        for xi, yi in zip(x, y)
    ]


def placed_pairs(table: pl.DataFrame) -> pl.DataFrame:
    """The pairs the comparison can place: those with outcome events and a mean warmth."""
    return table.filter((pl.col("events") > 0) & pl.col("mean_warmth").is_not_null())


def pairs_chart(table: pl.DataFrame) -> go.Figure:
    """One point per leader pair: the mean warmth of its words (x) against the net progress of its outcome
    events (y), labelled with the pair's name, axes fitted to the points. Pairs without outcome events have no
    progress to place, so they are left out (the caller says so)."""
    placed = placed_pairs(table)
    x, y = placed["mean_warmth"].to_list(), placed["net_progress"].to_list()
    fig = go.Figure(
        go.Scatter(
            x=x,
            y=y,
            mode="markers+text",
            text=[html.escape(p) for p in placed[s.PAIR]],
            textposition=_label_positions(x, y),
            textfont={"size": 13, "color": PAIR_POINT},
            marker={
                "color": PAIR_POINT,
                "size": [8 + 2 * q**0.5 for q in placed["quotes"].to_list()],
                "line": {"width": 1, "color": "white"},
            },
            customdata=list(zip(placed["quotes"].to_list(), placed["events"].to_list())),
            hovertemplate=(
                "<b>%{text}</b><br>mean warmth %{x:+.2f} over %{customdata[0]} quotes<br>"
                "net progress %{y:+.1f} over %{customdata[1]} events<extra></extra>"
            ),
            cliponaxis=False,
        )
    )
    if x:
        xr, yr = fitted_range(x, least=0.2), fitted_range(y, least=4.0)
        fig.update_xaxes(range=xr)
        fig.update_yaxes(range=yr)
        if xr[0] < 0 < xr[1]:
            fig.add_vline(x=0, line={"color": "#999999", "width": 1, "dash": "dot"})
        if yr[0] < 0 < yr[1]:
            fig.add_hline(y=0, line={"color": "#999999", "width": 1, "dash": "dot"})
    fig.update_xaxes(title_text="Mean warmth of their words (−1 cold … +1 warm)", zeroline=False)
    fig.update_yaxes(title_text="Net progress of their diplomacy (Goldstein points)", zeroline=False)
    fig.update_layout(
        height=460, template="plotly_white", showlegend=False, margin={"l": 80, "r": 40, "t": 30, "b": 60}
    )
    return fig

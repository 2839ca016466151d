"""Warmth over time per speaker: small multiples, one panel per leader pair; frames in, a go.Figure out."""

from __future__ import annotations

import datetime as dt
import html

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from rhetoric import schema as s
from rhetoric.analysis.rolling import PERIOD, UPLOADED_QUOTES
from rhetoric.figures import colors as palette
from rhetoric.figures.quotes import broken_at_gaps

NO_PAIR = "(no pair)"
LABEL_GAP = 0.16  # the least vertical distance between two direct labels in a panel, in warmth units
PANEL_HEIGHT = 230


def spread_labels(ys: list[float], gap: float, low: float = -1.0, high: float = 1.0) -> list[float]:
    """Label heights near `ys` (in that order) at least `gap` apart and within low..high: each label is pushed
    up past the one below it, then the whole column is pulled down if it runs over the top."""
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    placed = [0.0] * len(ys)
    floor = low - gap
    for i in order:
        placed[i] = max(ys[i], floor + gap)
        floor = placed[i]
    over = floor - high
    if over > 0:
        for i in order:
            placed[i] -= over
    return placed


def _period_marker(uploaded: list[int]) -> dict:
    """A dot per period; a period holding uploaded quotes is a larger diamond with a dark outline, as on the
    timeline and the map."""
    if not any(uploaded):
        return {"size": 6}
    return {
        "size": [10 if n else 6 for n in uploaded],
        "symbol": ["diamond" if n else "circle" for n in uploaded],
        "line": {"width": [1.5 if n else 0 for n in uploaded], "color": "#111111"},
    }


def speakers_over_time(
    periods: pl.DataFrame,
    *,
    speakers: list[str] | None = None,
    quotes: pl.DataFrame | None = None,
    step_days: int = 92,
) -> go.Figure:
    """Small multiples: one panel per leader pair on its own time range, a line per speaker of the mean warmth
    per period, broken where a period has no quotes (consecutive periods start at most `step_days` apart: 92 for
    quarters, 31 for months), and labelled at its end (no legend to look up).

    `periods` has pair, period, speaker, warmth and quotes (rhetoric.analysis.warmth_by_period). A speaker keeps
    one colour in every panel; with the quotes it came from, officials take a shade of their side's leader."""
    frame = periods.with_columns(pl.col(s.PAIR).fill_null(NO_PAIR)) if s.PAIR in periods.columns else periods
    if s.PAIR not in frame.columns:
        frame = frame.with_columns(pl.lit(NO_PAIR).alias(s.PAIR))
    pairs = frame[s.PAIR].unique(maintain_order=True).sort().to_list()
    order = speakers or frame[s.SPEAKER].unique(maintain_order=True).to_list()
    colors = palette.speaker_colors(order, quotes)
    rows = max(len(pairs), 1)
    fig = make_subplots(
        rows=rows,
        cols=1,
        subplot_titles=[html.escape(p) for p in pairs] or None,
        vertical_spacing=min(0.35 / rows, 0.12),
    )
    shown: set[str] = set()
    for row, pair in enumerate(pairs, start=1):
        panel = frame.filter(pl.col(s.PAIR) == pair)
        ends: list[tuple[str, dt.date, float]] = []
        for speaker in [sp for sp in order if sp in set(panel[s.SPEAKER])]:
            part = panel.filter(pl.col(s.SPEAKER) == speaker).sort(PERIOD)
            counts = dict(zip(part[PERIOD], part["quotes"]))
            mine = dict(zip(part[PERIOD], part[UPLOADED_QUOTES])) if UPLOADED_QUOTES in part.columns else {}
            line = broken_at_gaps(part.rename({PERIOD: s.DATE}), s.WARMTH, step_days)
            dates = line[s.DATE].to_list()
            fig.add_trace(
                go.Scatter(
                    x=dates,
                    y=line[s.WARMTH].to_list(),
                    mode="lines+markers",
                    name=speaker,
                    legendgroup=speaker,
                    showlegend=False,
                    line={"color": colors[speaker], "width": 2},
                    marker=_period_marker([mine.get(d, 0) for d in dates]),
                    connectgaps=False,
                    customdata=[
                        (counts.get(d, 0), f", {mine[d]} of them your upload" if mine.get(d) else "") for d in dates
                    ],
                    hovertemplate=(
                        f"<b>{html.escape(speaker)}</b>, period from %{{x|%b %Y}}<br>mean warmth %{{y:+.2f}} over "
                        "%{customdata[0]} quotes%{customdata[1]}<extra></extra>"
                    ),
                ),
                row=row,
                col=1,
            )
            shown.add(speaker)
            last = part.row(-1, named=True)
            ends.append((speaker, last[PERIOD], last[s.WARMTH]))
        for (speaker, month, _), y in zip(ends, spread_labels([e[2] for e in ends], LABEL_GAP)):
            fig.add_annotation(
                x=month,
                y=y,
                text=html.escape(speaker),
                showarrow=False,
                xanchor="left",
                xshift=8,
                font={"size": 11, "color": palette.shade(colors[speaker], 0.3)},
                row=row,
                col=1,
            )
        fig.add_hline(y=0, line={"color": "#999999", "width": 1, "dash": "dot"}, row=row, col=1)
        fig.update_yaxes(range=[-1.1, 1.1], tickvals=[-1, 0, 1], row=row, col=1)
    fig.update_yaxes(title_text="Mean warmth", title_standoff=4)
    fig.update_layout(
        height=80 + PANEL_HEIGHT * rows,
        template="plotly_white",
        showlegend=False,
        margin={"l": 70, "r": 170, "t": 40, "b": 40},
    )
    return fig

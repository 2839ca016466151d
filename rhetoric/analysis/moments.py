"""Moments: mean warmth before each summit or key event, set against the progress that followed it.

For a moment on date d with a window of w days:
- W(d) = mean warmth of the quotes dated in [d − w, d), the talk that led up to it;
- P(d) = mean progress of the outcome events dated in [d, d + w], the moment itself and what
  followed; 0 when no event followed (nothing delivered counts as no progress);
- the rapport gap G(d) = W(d) − P(d) / 10, with progress brought onto warmth's −1..1 scale.
G > 0: the talk was warmer than the delivery; G < 0: delivery outran the talk. The overall gap is
the mean of G over the moments that had quotes before them.
"""

from __future__ import annotations

from typing import cast

import polars as pl

from rhetoric import schema as s
from rhetoric.analysis.outcomes import key_events

DEFAULT_WINDOW_DAYS = 90
GAP_FORMULA = (
    "rapport gap = mean warmth of quotes in the window before − mean progress of events in the window after ÷ 10"
)
MOMENT_SCHEMA = {
    s.DATE: pl.Date,
    s.EVENT: pl.String,
    s.PAIR: pl.String,
    "warmth_before": pl.Float64,
    "quotes_before": pl.UInt32,
    "progress_after": pl.Float64,
    "events_after": pl.UInt32,
    "rapport_gap": pl.Float64,
}


def moments(
    quotes: pl.DataFrame, outcomes: pl.DataFrame, window_days: int = DEFAULT_WINDOW_DAYS, *, per_pair: bool = True
) -> pl.DataFrame:
    """One row per key event with warmth before, progress after and the rapport gap.

    With per_pair, only quotes and events of the moment's own leader pair count.
    """
    marks = key_events(outcomes).select(s.ID, s.DATE, s.EVENT, s.PAIR)
    if marks.is_empty():
        return pl.DataFrame(schema=MOMENT_SCHEMA)
    window = pl.duration(days=window_days)
    q = quotes.select(pl.col(s.DATE).alias("q_date"), pl.col(s.WARMTH), pl.col(s.PAIR).alias("q_pair"))
    e = outcomes.select(pl.col(s.DATE).alias("e_date"), pl.col(s.PROGRESS), pl.col(s.PAIR).alias("e_pair"))
    same_q = (pl.col("q_pair") == pl.col(s.PAIR)) if per_pair else pl.lit(True)
    same_e = (pl.col("e_pair") == pl.col(s.PAIR)) if per_pair else pl.lit(True)
    before = (
        marks.join(q, how="cross")
        .filter((pl.col("q_date") >= pl.col(s.DATE) - window) & (pl.col("q_date") < pl.col(s.DATE)) & same_q)
        .group_by(s.ID)
        .agg(pl.col(s.WARMTH).mean().alias("warmth_before"), pl.len().cast(pl.UInt32).alias("quotes_before"))
    )
    after = (
        marks.join(e, how="cross")
        .filter((pl.col("e_date") >= pl.col(s.DATE)) & (pl.col("e_date") <= pl.col(s.DATE) + window) & same_e)
        .group_by(s.ID)
        .agg(pl.col(s.PROGRESS).mean().alias("progress_after"), pl.len().cast(pl.UInt32).alias("events_after"))
    )
    return (
        marks.join(before, on=s.ID, how="left")
        .join(after, on=s.ID, how="left")
        .with_columns(
            pl.col("quotes_before").fill_null(0),
            pl.col("events_after").fill_null(0),
            pl.col("progress_after").fill_null(0.0),
        )
        .with_columns((pl.col("warmth_before") - pl.col("progress_after") / 10).alias("rapport_gap"))
        .sort(s.DATE)
        .select(list(MOMENT_SCHEMA))
    )


def overall_gap(table: pl.DataFrame) -> float | None:
    """The mean rapport gap over moments that had quotes before them."""
    gaps = table["rapport_gap"].drop_nulls()
    return cast(float, gaps.mean()) if gaps.len() else None

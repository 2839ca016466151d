"""Summaries of scored quotes over time and by pair: rolling warmth, monthly means, the headline numbers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import polars as pl

from rhetoric import schema as s

DEFAULT_WINDOW_DAYS = 90


def rolling_warmth(quotes: pl.DataFrame, window_days: int = DEFAULT_WINDOW_DAYS) -> pl.DataFrame:
    """Per date, the mean warmth of the quotes in the trailing window of `window_days` days."""
    if quotes.is_empty():
        return pl.DataFrame(schema={s.DATE: pl.Date, "rolling_warmth": pl.Float64, "quotes_in_window": pl.UInt32})
    daily = quotes.group_by(s.DATE).agg(pl.col(s.WARMTH).sum().alias("_sum"), pl.len().alias("_n")).sort(s.DATE)
    window = f"{int(window_days)}d"
    return daily.with_columns(
        (pl.col("_sum").rolling_sum_by(s.DATE, window) / pl.col("_n").rolling_sum_by(s.DATE, window)).alias(
            "rolling_warmth"
        ),
        pl.col("_n").rolling_sum_by(s.DATE, window).cast(pl.UInt32).alias("quotes_in_window"),
    ).select(s.DATE, "rolling_warmth", "quotes_in_window")


@dataclass(frozen=True)
class Headline:
    """The numbers at the top of the dashboard."""

    quotes: int
    events: int
    mean_warmth: float | None
    mean_substance: float | None
    net_progress: float
    speakers: int


def headline(quotes: pl.DataFrame, outcomes: pl.DataFrame) -> Headline:
    """Counts, mean warmth and substance of the quotes, and the net progress of the events."""
    return Headline(
        quotes=quotes.height,
        events=outcomes.height,
        mean_warmth=cast(float | None, quotes[s.WARMTH].mean()),
        mean_substance=cast(float | None, quotes[s.SUBSTANCE].mean()),
        net_progress=float(outcomes[s.PROGRESS].sum()) if outcomes.height else 0.0,
        speakers=quotes[s.SPEAKER].n_unique() if quotes.height else 0,
    )


PERIOD = "period"
QUARTER = "1q"
UPLOADED_QUOTES = "uploaded_quotes"


def warmth_by_period(quotes: pl.DataFrame, every: str = QUARTER) -> pl.DataFrame:
    """Mean warmth per pair, speaker and calendar period (`every` in polars' units: "1mo", "1q" …): pair, period
    (its first day), speaker, warmth, quotes, and how many of those quotes the reader uploaded. A speaker of two
    pairs has rows for each."""
    uploaded = (pl.col(s.ORIGIN) == s.UPLOADED) if s.ORIGIN in quotes.columns else pl.lit(False)
    return (
        quotes.group_by(s.PAIR, pl.col(s.DATE).dt.truncate(every).alias(PERIOD), s.SPEAKER)
        .agg(
            pl.col(s.WARMTH).mean(),
            pl.len().cast(pl.UInt32).alias("quotes"),
            uploaded.fill_null(False).sum().cast(pl.UInt32).alias(UPLOADED_QUOTES),
        )
        .sort(s.PAIR, PERIOD, s.SPEAKER, nulls_last=True)
    )


def pair_summary(quotes: pl.DataFrame, outcomes: pl.DataFrame) -> pl.DataFrame:
    """Per leader pair: mean warmth and quote count, net progress and event count, sorted by pair."""
    words = (
        quotes.filter(pl.col(s.PAIR).is_not_null())
        .group_by(s.PAIR)
        .agg(pl.col(s.WARMTH).mean().alias("mean_warmth"), pl.len().cast(pl.UInt32).alias("quotes"))
    )
    deeds = (
        outcomes.filter(pl.col(s.PAIR).is_not_null())
        .group_by(s.PAIR)
        .agg(pl.col(s.PROGRESS).sum().alias("net_progress"), pl.len().cast(pl.UInt32).alias("events"))
    )
    return (
        words.join(deeds, on=s.PAIR, how="full", coalesce=True)
        .with_columns(pl.col("quotes", "events").fill_null(0), pl.col("net_progress").fill_null(0.0))
        .sort(s.PAIR)
    )

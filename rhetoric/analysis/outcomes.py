"""Outcome events: the cumulative progress series a pair's diplomacy actually delivered."""

from __future__ import annotations

import polars as pl

from rhetoric import schema as s


def cumulative_progress(outcomes: pl.DataFrame) -> pl.DataFrame:
    """Outcomes sorted by pair and date with a running total of progress per pair.

    Events with no pair count as one pair of their own ("(no pair)").
    """
    return (
        outcomes.with_columns(pl.col(s.PAIR).fill_null("(no pair)"))
        .sort(s.PAIR, s.DATE, s.ID, nulls_last=True)
        .with_columns(pl.col(s.PROGRESS).cum_sum().over(s.PAIR).alias(s.CUMULATIVE_PROGRESS))
    )


def key_events(outcomes: pl.DataFrame, fallback_threshold: float = 5.0) -> pl.DataFrame:
    """The events a timeline annotates: those marked key, or, where no row is marked,
    those whose |progress| reaches the threshold."""
    if s.KEY in outcomes.columns and outcomes[s.KEY].fill_null(False).any():
        chosen = outcomes.filter(pl.col(s.KEY).fill_null(False))
    else:
        chosen = outcomes.filter(pl.col(s.PROGRESS).abs() >= fallback_threshold)
    return chosen.sort(s.DATE)

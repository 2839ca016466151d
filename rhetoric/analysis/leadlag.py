"""Lead and lag: whether monthly warmth moves with progress months later (warmth first) or earlier."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import cast

import numpy as np
import polars as pl

from rhetoric import schema as s
from rhetoric.errors import RhetoricError

# Columns of the frames this module returns (specific to it, so defined here rather than in schema).
MONTH = "month"
QUOTES = "quotes"
EVENTS = "events"
LAG = "lag"
R = "r"
N = "n"
CI_LOW = "ci_low"
CI_HIGH = "ci_high"

MONTHLY_SCHEMA: s.Schema = {
    MONTH: pl.Date,
    s.WARMTH: pl.Float64,
    QUOTES: pl.Int64,
    s.PROGRESS: pl.Float64,
    EVENTS: pl.Int64,
}
LAG_SCHEMA: s.Schema = {
    LAG: pl.Int64,
    R: pl.Float64,
    N: pl.Int64,
    CI_LOW: pl.Float64,
    CI_HIGH: pl.Float64,
}
MIN_PAIRS_FOR_R = 3  # with two points any two series correlate perfectly
DEFAULT_LAGS = range(-6, 7)


def monthly(quotes: pl.DataFrame, outcomes: pl.DataFrame) -> pl.DataFrame:
    """One row per calendar month from the first to the last month with a quote or an event.

    `warmth` is the mean warmth of the month's quotes (null when there are none), `quotes` their
    count, `progress` the sum of the month's events' progress, i.e. the change in cumulative progress
    that month (0.0 when there are none), and `events` their count. Months with nothing are included.
    """
    for frame, needed, what in ((quotes, (s.DATE, s.WARMTH), "quotes"), (outcomes, (s.DATE, s.PROGRESS), "outcomes")):
        missing = [c for c in needed if c not in frame.columns]
        if missing:
            raise RhetoricError(f"the {what} have no column {', '.join(missing)}: score the quotes first")
    month = pl.col(s.DATE).dt.truncate("1mo").alias(MONTH)
    per_quote_month = (
        quotes.filter(pl.col(s.DATE).is_not_null())
        .group_by(month)
        .agg(pl.col(s.WARMTH).mean(), pl.len().cast(pl.Int64).alias(QUOTES))
    )
    per_event_month = (
        outcomes.filter(pl.col(s.DATE).is_not_null())
        .group_by(month)
        .agg(pl.col(s.PROGRESS).sum(), pl.len().cast(pl.Int64).alias(EVENTS))
    )
    seen = pl.concat([per_quote_month.select(MONTH), per_event_month.select(MONTH)])
    if seen.is_empty():
        return s.empty(MONTHLY_SCHEMA)
    first, last = cast(dt.date, seen[MONTH].min()), cast(dt.date, seen[MONTH].max())
    months = pl.date_range(first, last, "1mo", eager=True).alias(MONTH).to_frame()
    return (
        months.join(per_quote_month, on=MONTH, how="left", maintain_order="left")
        .join(per_event_month, on=MONTH, how="left", maintain_order="left")
        .with_columns(pl.col(QUOTES, EVENTS).fill_null(0), pl.col(s.PROGRESS).fill_null(0.0))
        .select(pl.col(name).cast(dtype) for name, dtype in MONTHLY_SCHEMA.items())
        .sort(MONTH)
    )


def lag_pairs(monthly: pl.DataFrame, lag: int) -> pl.DataFrame:
    """The (month, warmth, progress) pairs for one lag: warmth in month t, progress in month t+lag.

    Months whose warmth is null, or whose month t+lag is not in the frame, are left out.
    """
    warmth = monthly.filter(pl.col(s.WARMTH).is_not_null()).select(
        MONTH, s.WARMTH, pl.col(MONTH).dt.offset_by(f"{int(lag)}mo").alias("_later")
    )
    progress = monthly.filter(pl.col(s.PROGRESS).is_not_null()).select(pl.col(MONTH).alias("_later"), s.PROGRESS)
    return warmth.join(progress, on="_later", how="inner").sort(MONTH).select(MONTH, s.WARMTH, s.PROGRESS)


def lag_correlations(
    monthly: pl.DataFrame,
    lags: Iterable[int] = DEFAULT_LAGS,
    *,
    n_boot: int = 1000,
    seed: int = 0,
    confidence: float = 0.95,
) -> pl.DataFrame:
    """Per lag k, Pearson's r between warmth in month t and progress in month t+k, with a bootstrap CI.

    k > 0: warmth leads progress by k months; k < 0: progress comes first. `n` counts the pairs used;
    `r` is null with fewer than 3 pairs or when either series is constant. `ci_low`/`ci_high` form a
    percentile bootstrap interval from `n_boot` resamples of the pairs with replacement (resamples in
    which either series is constant are skipped); the same seed gives the same interval on every run.
    """
    if not 0 < confidence < 1:
        raise RhetoricError(f"confidence must be between 0 and 1 (for example 0.95), not {confidence}")
    if n_boot < 1:
        raise RhetoricError(f"n_boot must be at least 1, not {n_boot}")
    if seed < 0:
        raise RhetoricError(f"seed must be zero or a positive whole number, not {seed}")
    alpha = 1 - confidence
    rows = []
    for lag in lags:
        pairs = lag_pairs(monthly, lag)
        x, y = pairs[s.WARMTH].to_numpy(), pairs[s.PROGRESS].to_numpy()
        r = _pearson(x[None, :], y[None, :])[0] if len(x) >= MIN_PAIRS_FOR_R else np.nan
        low = high = None
        if not np.isnan(r):
            # One stream per (seed, lag): a lag's interval does not depend on which other lags were asked for.
            rng = np.random.default_rng([seed, abs(int(lag)), int(lag < 0)])
            picks = rng.integers(0, len(x), size=(n_boot, len(x)))
            boot = _pearson(x[picks], y[picks])
            boot = boot[~np.isnan(boot)]
            if boot.size:
                low, high = (float(v) for v in np.quantile(boot, [alpha / 2, 1 - alpha / 2]))
        rows.append((int(lag), None if np.isnan(r) else float(r), len(x), low, high))
    return pl.DataFrame(rows, schema=LAG_SCHEMA, orient="row")


def _pearson(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Pearson's r of each row of x with the same row of y; NaN where either row is constant."""
    constant = (x.max(axis=1) == x.min(axis=1)) | (y.max(axis=1) == y.min(axis=1))
    dx = x - x.mean(axis=1, keepdims=True)
    dy = y - y.mean(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = (dx * dy).sum(axis=1) / np.sqrt((dx * dx).sum(axis=1) * (dy * dy).sum(axis=1))
    # Rounding can push a perfect correlation a hair past 1.
    return np.where(constant, np.nan, np.clip(r, -1.0, 1.0))


def describe(table: pl.DataFrame, *, min_pairs: int = 12, confidence: float = 0.95) -> str:
    """One plain-language sentence about the lag at which warmth moved most closely with progress.

    It picks the lag with the largest |r| (ties: the smaller |lag|), says whether progress came later,
    earlier or in the same month and whether warmth moved with it or against it, and adds a caveat
    when fewer than `min_pairs` months were paired or the interval includes zero.
    """
    usable = table.filter(pl.col(R).is_not_null())
    if usable.is_empty():
        return (
            f"There is not enough data to relate warmth to progress: no lag has {MIN_PAIRS_FOR_R} or more "
            "months with both quotes and a changing record of progress."
        )
    best = usable.sort(pl.col(R).abs(), pl.col(LAG).abs(), LAG, descending=[True, False, False]).row(0, named=True)
    lag, r, n, low, high = best[LAG], best[R], best[N], best[CI_LOW], best[CI_HIGH]
    if lag > 0:
        when = f"progress {_months(lag)} later"
    elif lag < 0:
        when = f"progress {_months(-lag)} earlier"
    else:
        when = "progress in the same month"
    how = "moved most closely with" if r >= 0 else "moved most strongly against"
    numbers = f"r = {r:.2f}"
    if low is not None and high is not None:
        numbers += f", {confidence * 100:g}% CI {low:.2f} to {high:.2f}"
    numbers += f", {_months(n)}"
    sentence = f"Warmth {how} {when} ({numbers})"
    if n < min_pairs:
        sentence += ", but with so few months this could be chance"
    if low is not None and high is not None and low <= 0 <= high:
        sentence += "; the interval includes zero, so the data cannot rule out no relation"
    return sentence + "."


def _months(n: int) -> str:
    return f"{n} month" if n == 1 else f"{n} months"

"""Word shifts: which terms moved mean warmth from one period to another, and by how much.

Definitions. Period P holds N_P quotes. S_P(t) is the sum of term t's shares (the explanation
`contribution` for the measure, "warmth" by default) over P's quotes, so t contributes S_P(t) / N_P
to P's mean warmth. Written as frequency times weight:

    S_P(t) / N_P = f_P(t) * w_P(t),  f_P(t) = n_P(t) / N_P,  w_P(t) = S_P(t) / n_P(t),

where n_P(t) is the number of quotes in P in which t appears: f_P(t) is how often t turns up per
quote and w_P(t) its mean share where it does (undefined, so null, when t is absent from P).
The shift of t from A to B is

    delta(t) = f_B(t) * w_B(t) - f_A(t) * w_A(t).

Each quote's shares add up to its score, so the shifts over all terms add up to
mean warmth(B) - mean warmth(A) (as in the Hedonometer's word shifts: frequency change times weight).
A quote with no explaining term counts in N_P and adds nothing to any S_P(t).

As in Gallagher et al. (2021), "Generalized word shift graphs", each term is also typed by two things a reader
wants apart: its `kind`, warm or cold (the sign of its mean share over both periods: for substance, concrete or
vague), and its `usage`, whether it turns up more or less often per quote in B than in A. A warm term used less
and a cold term used more both cool B: "fire and fury" said less after Hanoi warms the later period, and its
type says why.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

import numpy as np
import polars as pl

from rhetoric import schema as s
from rhetoric.errors import RhetoricError

# Columns of the table word_shift returns (specific to this module, so defined here).
FREQ_A, FREQ_B = "freq_a", "freq_b"
WEIGHT_A, WEIGHT_B = "weight_a", "weight_b"
SHIFT = "shift"
DIRECTION = "direction"
WARMER, COLDER, UNCHANGED = "warmer", "colder", "unchanged"
KIND, USAGE = "kind", "usage"
POLES = {"warmth": ("warm", "cold"), "substance": ("concrete", "vague")}  # a term's kind, by the sign of its share
MORE, LESS, SAME = "more", "less", "same"
BASELINE = "baseline"  # the category of the scorer's courtesy baseline: a share every quote has, not a word

SHIFT_SCHEMA: s.Schema = {
    s.TERM: pl.String,
    s.CATEGORY: pl.String,
    FREQ_A: pl.Float64,
    FREQ_B: pl.Float64,
    WEIGHT_A: pl.Float64,
    WEIGHT_B: pl.Float64,
    SHIFT: pl.Float64,
    DIRECTION: pl.String,
    KIND: pl.String,
    USAGE: pl.String,
}
MEASURES = ("warmth", "substance")
HANOI = dt.date(2019, 2, 28)  # the Hanoi summit ended without a deal


def default_split() -> dt.date:
    """The date that splits the Trump–Kim quotes in two: 2019-02-28, when Hanoi ended without a deal."""
    return HANOI


def periods(quotes: pl.DataFrame, split: dt.date) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The quotes dated before `split`, and those dated on or after it.

    Raises RhetoricError, naming the split and the quotes' first and last dates, when either side is empty.
    """
    before = quotes.filter(pl.col(s.DATE) < split)
    after = quotes.filter(pl.col(s.DATE) >= split)
    if before.is_empty() or after.is_empty():
        dates = quotes[s.DATE].drop_nulls()
        if dates.is_empty():
            raise RhetoricError(f"there are no dated quotes to split at {split.isoformat()}")
        first, last = cast(dt.date, dates.min()), cast(dt.date, dates.max())
        side = f"before {split.isoformat()}" if before.is_empty() else f"on or after {split.isoformat()}"
        raise RhetoricError(
            f"there are no quotes {side}: the quotes run from {first.isoformat()} to {last.isoformat()}, "
            f"so choose a split date after {first.isoformat()} and no later than {last.isoformat()}"
        )
    return before, after


def word_shift(
    explanations: pl.DataFrame,
    quotes_a: pl.DataFrame,
    quotes_b: pl.DataFrame,
    *,
    measure: str = "warmth",
) -> pl.DataFrame:
    """One row per term present in either period: its frequency and weight in each, and its shift.

    Quotes are matched to explanations by id. `shift` is delta(t) from the module docstring, `direction`
    says whether the term made B warmer or colder than A; rows are sorted by |shift|, largest first.
    Raises RhetoricError when either period holds no quotes.
    """
    if measure not in MEASURES:
        raise RhetoricError(f"unknown measure {measure!r}: use one of {', '.join(MEASURES)}")
    for name, quotes in (("A", quotes_a), ("B", quotes_b)):
        if quotes.is_empty():
            raise RhetoricError(
                f"period {name} has no quotes, so it has no mean {measure} to shift from or to: "
                "choose dates that include at least one quote on each side"
            )
    keys = [s.TERM, s.CATEGORY]
    a = _per_term(explanations, quotes_a, measure).rename({"_n": "_n_a", "_sum": "_sum_a"})
    b = _per_term(explanations, quotes_b, measure).rename({"_n": "_n_b", "_sum": "_sum_b"})
    n_a, n_b = quotes_a.height, quotes_b.height
    table = (
        a.join(b, on=keys, how="full", coalesce=True)
        .with_columns(pl.col("_n_a", "_n_b").fill_null(0), pl.col("_sum_a", "_sum_b").fill_null(0.0))
        .with_columns(
            (pl.col("_n_a") / n_a).alias(FREQ_A),
            (pl.col("_n_b") / n_b).alias(FREQ_B),
            pl.when(pl.col("_n_a") > 0).then(pl.col("_sum_a") / pl.col("_n_a")).alias(WEIGHT_A),
            pl.when(pl.col("_n_b") > 0).then(pl.col("_sum_b") / pl.col("_n_b")).alias(WEIGHT_B),
            # S/N rather than f*w: the same number, without a division and a multiplication by n(t).
            (pl.col("_sum_b") / n_b - pl.col("_sum_a") / n_a).alias(SHIFT),
        )
        .with_columns(
            pl.when(pl.col(SHIFT) > 0)
            .then(pl.lit(WARMER))
            .when(pl.col(SHIFT) < 0)
            .then(pl.lit(COLDER))
            .otherwise(pl.lit(UNCHANGED))
            .alias(DIRECTION),
            pl.when((pl.col("_sum_a") + pl.col("_sum_b")) >= 0)
            .then(pl.lit(POLES[measure][0]))
            .otherwise(pl.lit(POLES[measure][1]))
            .alias(KIND),
            pl.when(pl.col(FREQ_B) > pl.col(FREQ_A))
            .then(pl.lit(MORE))
            .when(pl.col(FREQ_B) < pl.col(FREQ_A))
            .then(pl.lit(LESS))
            .otherwise(pl.lit(SAME))
            .alias(USAGE),
        )
        .sort(pl.col(SHIFT).abs(), s.TERM, s.CATEGORY, descending=[True, False, False])
    )
    return table.select(pl.col(name).cast(dtype) for name, dtype in SHIFT_SCHEMA.items())


def _per_term(explanations: pl.DataFrame, quotes: pl.DataFrame, measure: str) -> pl.DataFrame:
    """Per (term, category): in how many of the quotes it appears (_n) and the sum of its shares (_sum)."""
    # An inner join on the quotes' ids (not a semi join) so that a quote listed twice counts twice,
    # as it does in the period's mean.
    shares = explanations.filter(pl.col(s.MEASURE) == measure).select(s.ID, s.TERM, s.CATEGORY, s.CONTRIBUTION)
    return (
        quotes.select(s.ID)
        .join(shares, on=s.ID, how="inner")
        .group_by(s.TERM, s.CATEGORY)
        .agg(pl.len().cast(pl.Int64).alias("_n"), pl.col(s.CONTRIBUTION).sum().alias("_sum"))
    )


def by_type(table: pl.DataFrame, *, measure: str = "warmth") -> pl.DataFrame:
    """The shift summed by type, as the top bars of a generalized word shift graph: one row each for kind x usage
    (warm terms used more, cold terms used less, warm terms used less, cold terms used more) and the courtesy
    baseline, with `type` naming it and `shift` its sum (0 when no term has that type)."""
    words = table.filter(pl.col(s.CATEGORY) != BASELINE)
    up, down = POLES[measure]
    types = [(up, MORE), (down, LESS), (up, LESS), (down, MORE)]
    sums = words.group_by(KIND, USAGE).agg(pl.col(SHIFT).sum())
    rows = [
        (
            f"{kind} terms used {usage}",
            float(sums.filter((pl.col(KIND) == kind) & (pl.col(USAGE) == usage))[SHIFT].sum()),
        )
        for kind, usage in types
    ]
    baseline = table.filter(pl.col(s.CATEGORY) == BASELINE)
    if baseline.height:
        rows.append(("courtesy baseline (every quote)", float(baseline[SHIFT].sum())))
    return pl.DataFrame(rows, schema={"type": pl.String, SHIFT: pl.Float64}, orient="row")


def total_shift(table: pl.DataFrame) -> float:
    """The sum of the shifts: mean measure of period B minus that of period A."""
    return float(table[SHIFT].sum())


def mean_difference(quotes_a: pl.DataFrame, quotes_b: pl.DataFrame, *, measure: str = "warmth") -> float:
    """Mean measure of B minus that of A, straight from the scored quotes: what total_shift must equal."""
    return cast(float, quotes_b[measure].mean()) - cast(float, quotes_a[measure].mean())


def difference_interval(
    quotes_a: pl.DataFrame, quotes_b: pl.DataFrame, *, measure: str = "warmth", replicates: int = 1000, seed: int = 0
) -> tuple[float, float]:
    """A 95% interval for mean_difference: each period's quotes resampled with replacement (seeded)."""
    a = quotes_a[measure].drop_nulls().to_numpy()
    b = quotes_b[measure].drop_nulls().to_numpy()
    rng = np.random.default_rng(seed)
    means_a = a[rng.integers(0, len(a), size=(replicates, len(a)))].mean(axis=1)
    means_b = b[rng.integers(0, len(b), size=(replicates, len(b)))].mean(axis=1)
    low, high = np.percentile(means_b - means_a, [2.5, 97.5])
    return float(low), float(high)

"""Monthly warmth against progress at leads and lags, and the sentence that sums it up."""

from __future__ import annotations

import datetime as dt
import re

import polars as pl
import pytest

from rhetoric import schema as s
from rhetoric.analysis import leadlag as ll
from rhetoric.errors import RhetoricError


def months(n: int, start: dt.date = dt.date(2018, 1, 1)) -> list[dt.date]:
    return pl.date_range(start, start.replace(year=start.year + 5), "1mo", eager=True).head(n).to_list()


def monthly_frame(
    warmth: list[float | None], progress: list[float], start: dt.date = dt.date(2018, 1, 1)
) -> pl.DataFrame:
    n = len(warmth)
    return pl.DataFrame(
        {
            ll.MONTH: months(n, start),
            s.WARMTH: warmth,
            ll.QUOTES: [0 if w is None else 1 for w in warmth],
            s.PROGRESS: progress,
            ll.EVENTS: [1] * n,
        },
        schema=ll.MONTHLY_SCHEMA,
    )


def quotes_on(rows: list[tuple[dt.date, float]]) -> pl.DataFrame:
    return s.conform(
        pl.DataFrame(rows, schema={s.DATE: pl.Date, s.WARMTH: pl.Float64}, orient="row"), s.SCORED_QUOTE_SCHEMA
    )


def events_on(rows: list[tuple[dt.date, float]]) -> pl.DataFrame:
    return s.conform(
        pl.DataFrame(rows, schema={s.DATE: pl.Date, s.PROGRESS: pl.Float64}, orient="row"), s.OUTCOME_SCHEMA
    )


def table(rows: list[tuple[int, float | None, int, float | None, float | None]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=ll.LAG_SCHEMA, orient="row")


# --- monthly -------------------------------------------------------------------------------------


@pytest.fixture
def quotes_in_jan_and_apr() -> pl.DataFrame:
    """Jan 2018: warmth 0.5 and -0.1 (mean 0.2); Apr 2018: warmth 0.8."""
    return quotes_on([(dt.date(2018, 1, 5), 0.5), (dt.date(2018, 1, 31), -0.1), (dt.date(2018, 4, 2), 0.8)])


@pytest.fixture
def events_in_dec_jan_and_mar() -> pl.DataFrame:
    """Dec 2017: +3; Jan 2018: +4 and -1.5 (sum 2.5); Mar 2018: -2."""
    return events_on(
        [
            (dt.date(2017, 12, 31), 3.0),
            (dt.date(2018, 1, 15), 4.0),
            (dt.date(2018, 1, 1), -1.5),
            (dt.date(2018, 3, 9), -2.0),
        ]
    )


def test_monthly_runs_from_the_first_to_the_last_month_with_anything_and_fills_the_gaps(
    quotes_in_jan_and_apr, events_in_dec_jan_and_mar
):
    """Dec 2017 (an event) to Apr 2018 (a quote): five months, Feb with nothing in it."""
    out = ll.monthly(quotes_in_jan_and_apr, events_in_dec_jan_and_mar)
    assert out.schema == pl.Schema(ll.MONTHLY_SCHEMA)
    assert out[ll.MONTH].to_list() == [dt.date(2017, 12, 1), *months(4)]
    assert out[ll.QUOTES].to_list() == [0, 2, 0, 0, 1]
    assert out[ll.EVENTS].to_list() == [1, 2, 0, 1, 0]


def test_monthly_warmth_is_the_mean_of_the_months_quotes_and_null_without_any(
    quotes_in_jan_and_apr, events_in_dec_jan_and_mar
):
    """Jan: (0.5 + -0.1) / 2 = 0.2; Apr: 0.8 alone; the other months have no quotes."""
    out = ll.monthly(quotes_in_jan_and_apr, events_in_dec_jan_and_mar)
    assert out[s.WARMTH].to_list() == [None, pytest.approx(0.2), None, None, pytest.approx(0.8)]


def test_monthly_progress_is_the_sum_of_the_months_events_and_zero_without_any(
    quotes_in_jan_and_apr, events_in_dec_jan_and_mar
):
    """Dec: 3; Jan: 4 + -1.5 = 2.5; Feb: none, 0.0; Mar: -2; Apr: none, 0.0."""
    out = ll.monthly(quotes_in_jan_and_apr, events_in_dec_jan_and_mar)
    assert out[s.PROGRESS].to_list() == [3.0, 2.5, 0.0, -2.0, 0.0]


def test_monthly_of_nothing_is_an_empty_frame_with_the_monthly_columns():
    out = ll.monthly(s.empty(s.SCORED_QUOTE_SCHEMA), s.empty(s.OUTCOME_SCHEMA))
    assert out.is_empty()
    assert out.schema == pl.Schema(ll.MONTHLY_SCHEMA)


def test_monthly_of_unscored_quotes_asks_for_scores_first():
    with pytest.raises(RhetoricError, match="no column warmth"):
        ll.monthly(s.empty(s.QUOTE_SCHEMA), s.empty(s.OUTCOME_SCHEMA))


# --- lag windows ---------------------------------------------------------------------------------


def test_a_positive_lag_pairs_each_month_with_progress_that_many_months_later():
    """Five months Jan-May, lag +2: warmth of Jan, Feb, Mar with progress of Mar, Apr, May."""
    frame = monthly_frame([0.1, 0.2, 0.3, 0.4, 0.5], [1.0, 2.0, 3.0, 4.0, 5.0])
    pairs = ll.lag_pairs(frame, 2)
    assert pairs[ll.MONTH].to_list() == months(3)
    assert pairs[s.WARMTH].to_list() == [0.1, 0.2, 0.3]
    assert pairs[s.PROGRESS].to_list() == [3.0, 4.0, 5.0]


def test_a_negative_lag_pairs_each_month_with_progress_that_many_months_earlier():
    """Five months Jan-May, lag -2: warmth of Mar, Apr, May with progress of Jan, Feb, Mar."""
    frame = monthly_frame([0.1, 0.2, 0.3, 0.4, 0.5], [1.0, 2.0, 3.0, 4.0, 5.0])
    pairs = ll.lag_pairs(frame, -2)
    assert pairs[s.WARMTH].to_list() == [0.3, 0.4, 0.5]
    assert pairs[s.PROGRESS].to_list() == [1.0, 2.0, 3.0]


def test_months_without_warmth_are_left_out_of_the_pairs():
    """Feb has no quotes: at lag 0 only Jan, Mar and Apr are paired."""
    frame = monthly_frame([0.1, None, 0.3, 0.4], [1.0, 2.0, 3.0, 4.0])
    assert ll.lag_pairs(frame, 0)[s.PROGRESS].to_list() == [1.0, 3.0, 4.0]


def test_a_month_missing_from_the_frame_is_not_paired_with_its_neighbour():
    """Pairs are matched by calendar month, not by row: with Feb removed, Jan's lag +1 partner is absent."""
    frame = monthly_frame([0.1, 0.2, 0.3, 0.4], [1.0, 2.0, 3.0, 4.0]).filter(pl.col(ll.MONTH) != dt.date(2018, 2, 1))
    pairs = ll.lag_pairs(frame, 1)
    assert pairs[ll.MONTH].to_list() == [dt.date(2018, 3, 1)]
    assert pairs[s.PROGRESS].to_list() == [4.0]


def test_n_counts_the_pairs_each_lag_uses():
    """Six months: lag k pairs 6 - |k| of them, with the one warmth-less month (Jun) taken out where it falls."""
    frame = monthly_frame([0.1, 0.5, -0.2, 0.4, 0.3, None], [1.0, 0.0, 2.0, -1.0, 3.0, 0.5])
    out = ll.lag_correlations(frame, [-2, 0, 2], n_boot=10)
    assert out[ll.N].to_list() == [3, 5, 4]


# --- correlations --------------------------------------------------------------------------------


def test_progress_that_is_warmth_two_months_later_correlates_perfectly_at_lag_two():
    """progress[t + 2] = 10 * warmth[t] for every t, so warmth and progress two months on lie on a line."""
    warmth = [0.1, 0.5, -0.3, 0.8, 0.0, -0.6, 0.4, 0.2]
    progress = [0.0, 0.0] + [10 * w for w in warmth[:-2]]
    out = ll.lag_correlations(monthly_frame(warmth, progress), n_boot=50)
    at = {row[ll.LAG]: row for row in out.iter_rows(named=True)}
    assert at[2][ll.R] == pytest.approx(1.0)
    assert at[2][ll.N] == 6
    assert max(abs(row[ll.R]) for lag, row in at.items() if lag != 2 and row[ll.R] is not None) < 0.99


def test_pearson_r_at_lag_zero_matches_the_hand_computed_value():
    """x = 0.1 .. 0.5, y = 1, 3, 2, 5, 4. Means 0.3 and 3; deviations dx = -.2 -.1 0 .1 .2, dy = -2 0 -1 2 1.

    sum(dx dy) = 0.4 + 0 + 0 + 0.2 + 0.2 = 0.8; sum(dx^2) = 0.1; sum(dy^2) = 10;
    r = 0.8 / sqrt(0.1 * 10) = 0.8.
    """
    frame = monthly_frame([0.1, 0.2, 0.3, 0.4, 0.5], [1.0, 3.0, 2.0, 5.0, 4.0])
    row = ll.lag_correlations(frame, [0], n_boot=100).row(0, named=True)
    assert row[ll.R] == pytest.approx(0.8)
    assert row[ll.N] == 5


def test_the_table_has_one_row_per_lag_asked_for_in_that_order_with_its_schema():
    frame = monthly_frame([0.1, 0.2, 0.3, 0.4, 0.5], [1.0, 3.0, 2.0, 5.0, 4.0])
    out = ll.lag_correlations(frame, [1, -1, 0], n_boot=10)
    assert out.schema == pl.Schema(ll.LAG_SCHEMA)
    assert out[ll.LAG].to_list() == [1, -1, 0]


def test_the_default_lags_run_from_six_months_before_to_six_after():
    frame = monthly_frame([0.1, 0.2, 0.3, 0.4, 0.5], [1.0, 3.0, 2.0, 5.0, 4.0])
    assert ll.lag_correlations(frame, n_boot=10)[ll.LAG].to_list() == list(range(-6, 7))


def test_r_and_its_interval_are_null_with_fewer_than_three_pairs():
    """Four months at lag +2 leave two pairs: any two points lie on a line, so r would mean nothing."""
    frame = monthly_frame([0.1, 0.2, 0.3, 0.4], [1.0, 3.0, 2.0, 5.0])
    row = ll.lag_correlations(frame, [2], n_boot=10).row(0, named=True)
    assert row[ll.N] == 2
    assert (row[ll.R], row[ll.CI_LOW], row[ll.CI_HIGH]) == (None, None, None)


def test_r_is_null_when_warmth_does_not_vary():
    frame = monthly_frame([0.1, 0.1, 0.1, 0.1], [1.0, 3.0, 2.0, 5.0])
    row = ll.lag_correlations(frame, [0], n_boot=10).row(0, named=True)
    assert row[ll.N] == 4
    assert row[ll.R] is None


def test_r_is_null_when_progress_does_not_vary():
    """Months without events all have progress 0.0: a stretch of them has no variance to correlate."""
    frame = monthly_frame([0.1, 0.4, 0.2, 0.3], [0.0, 0.0, 0.0, 0.0])
    assert ll.lag_correlations(frame, [0], n_boot=10)[ll.R].to_list() == [None]


# --- bootstrap -----------------------------------------------------------------------------------


@pytest.fixture
def twelve_noisy_months() -> pl.DataFrame:
    """Twelve months in which progress loosely follows warmth in the same month."""
    warmth = [0.1, 0.5, -0.3, 0.8, 0.0, -0.6, 0.4, 0.2, -0.1, 0.7, -0.4, 0.3]
    progress = [2.0, 3.0, 1.0, 4.0, -3.0, -5.0, 0.0, 4.0, 1.0, 2.0, -2.0, -1.0]
    return monthly_frame(warmth, progress)


def test_the_bootstrap_interval_is_identical_for_the_same_seed(twelve_noisy_months):
    first = ll.lag_correlations(twelve_noisy_months, n_boot=500, seed=7)
    second = ll.lag_correlations(twelve_noisy_months, n_boot=500, seed=7)
    assert first.equals(second)
    assert first[ll.CI_LOW].null_count() < first.height


def test_a_different_seed_gives_a_different_interval(twelve_noisy_months):
    """The seed reaches the resampling (the point estimate r does not depend on it)."""
    a = ll.lag_correlations(twelve_noisy_months, [0], n_boot=500, seed=0).row(0, named=True)
    b = ll.lag_correlations(twelve_noisy_months, [0], n_boot=500, seed=1).row(0, named=True)
    assert a[ll.R] == b[ll.R]
    assert (a[ll.CI_LOW], a[ll.CI_HIGH]) != (b[ll.CI_LOW], b[ll.CI_HIGH])


def test_a_lags_interval_does_not_depend_on_which_other_lags_were_asked_for(twelve_noisy_months):
    alone = ll.lag_correlations(twelve_noisy_months, [1], n_boot=300)
    among = ll.lag_correlations(twelve_noisy_months, [-1, 0, 1], n_boot=300).filter(pl.col(ll.LAG) == 1)
    assert alone.equals(among)


def test_the_bootstrap_interval_contains_r_and_lies_within_minus_one_and_one(twelve_noisy_months):
    out = ll.lag_correlations(twelve_noisy_months, [-1, 0, 1], n_boot=1000)
    for row in out.iter_rows(named=True):
        assert -1.0 <= row[ll.CI_LOW] <= row[ll.R] <= row[ll.CI_HIGH] <= 1.0


def test_a_higher_confidence_gives_a_wider_interval(twelve_noisy_months):
    narrow = ll.lag_correlations(twelve_noisy_months, [0], n_boot=1000, confidence=0.5).row(0, named=True)
    wide = ll.lag_correlations(twelve_noisy_months, [0], n_boot=1000, confidence=0.99).row(0, named=True)
    assert wide[ll.CI_LOW] < narrow[ll.CI_LOW] < narrow[ll.CI_HIGH] < wide[ll.CI_HIGH]


@pytest.mark.parametrize("bad", [{"confidence": 1.0}, {"confidence": 0.0}, {"n_boot": 0}, {"seed": -1}])
def test_impossible_bootstrap_settings_are_refused_with_a_message(twelve_noisy_months, bad):
    with pytest.raises(RhetoricError, match=next(iter(bad))):
        ll.lag_correlations(twelve_noisy_months, **bad)


# --- describe ------------------------------------------------------------------------------------


def test_describe_names_the_strongest_lag_when_warmth_leads():
    """|r| = 0.41 at lag +2 beats 0.30 at lag 0; 24 months and an interval clear of zero need no caveat."""
    out = ll.describe(table([(0, 0.30, 25, 0.01, 0.55), (2, 0.41, 24, 0.05, 0.68)]))
    assert out == "Warmth moved most closely with progress 2 months later (r = 0.41, 95% CI 0.05 to 0.68, 24 months)."


def test_describe_says_earlier_when_progress_came_first():
    out = ll.describe(table([(-1, 0.52, 30, 0.20, 0.74), (3, 0.10, 28, -0.2, 0.4)]))
    assert out == "Warmth moved most closely with progress 1 month earlier (r = 0.52, 95% CI 0.20 to 0.74, 30 months)."


def test_describe_says_the_same_month_at_lag_zero():
    out = ll.describe(table([(0, 0.6, 20, 0.3, 0.8)]))
    assert (
        out == "Warmth moved most closely with progress in the same month (r = 0.60, 95% CI 0.30 to 0.80, 20 months)."
    )


def test_describe_says_against_when_the_strongest_correlation_is_negative():
    """r = -0.5 at lag +3 is larger in size than +0.4 at lag 0."""
    out = ll.describe(table([(0, 0.4, 20, 0.1, 0.6), (3, -0.5, 18, -0.75, -0.2)]))
    assert out == (
        "Warmth moved most strongly against progress 3 months later (r = -0.50, 95% CI -0.75 to -0.20, 18 months)."
    )


def test_describe_warns_that_a_few_months_could_be_chance():
    out = ll.describe(table([(1, 0.9, 6, 0.5, 0.99)]), min_pairs=12)
    assert out.endswith("(r = 0.90, 95% CI 0.50 to 0.99, 6 months), but with so few months this could be chance.")


def test_describe_warns_when_the_interval_includes_zero():
    out = ll.describe(table([(2, 0.2, 30, -0.1, 0.45)]))
    assert out.endswith("30 months); the interval includes zero, so the data cannot rule out no relation.")


def test_describe_gives_both_caveats_when_both_apply():
    out = ll.describe(table([(2, 0.5, 5, -0.3, 0.9)]))
    assert out.endswith(
        "5 months), but with so few months this could be chance; the interval includes zero, so the data cannot rule out no relation."
    )


def test_describe_says_there_is_not_enough_data_when_no_lag_has_an_r():
    out = ll.describe(table([(0, None, 2, None, None), (1, None, 1, None, None)]))
    assert out.startswith("There is not enough data to relate warmth to progress")


def test_describe_leaves_out_an_interval_the_bootstrap_could_not_give():
    out = ll.describe(table([(0, 0.7, 3, None, None)]), min_pairs=3)
    assert out == "Warmth moved most closely with progress in the same month (r = 0.70, 3 months)."


def test_describe_names_the_confidence_level_it_is_given():
    out = ll.describe(table([(0, 0.6, 20, 0.3, 0.8)]), confidence=0.9)
    assert "90% CI 0.30 to 0.80" in out


def test_describe_prefers_the_shorter_lag_when_two_are_equally_strong():
    out = ll.describe(table([(-4, 0.5, 20, 0.2, 0.7), (1, -0.5, 20, -0.7, -0.2), (4, 0.5, 20, 0.2, 0.7)]))
    assert "against progress 1 month later" in out


def test_describe_is_one_sentence_quoting_the_strongest_row_of_a_real_table(twelve_noisy_months):
    lags = ll.lag_correlations(twelve_noisy_months, n_boot=200)
    best = lags.sort(pl.col(ll.R).abs(), descending=True, nulls_last=True).row(0, named=True)
    out = ll.describe(lags)
    assert f"(r = {best[ll.R]:.2f}, 95% CI {best[ll.CI_LOW]:.2f} to {best[ll.CI_HIGH]:.2f}, {best[ll.N]} months)" in out
    assert re.sub(r"\d\.\d", "", out).count(".") == 1 and out.endswith(".")  # one full stop: the last

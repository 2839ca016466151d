"""Word shifts between two periods: frequency times weight per term, adding up to the change in mean warmth."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from rhetoric import schema as s
from rhetoric.analysis import wordshift as ws
from rhetoric.errors import RhetoricError
from rhetoric.io import bundled
from rhetoric.scoring import score


def quotes(rows: list[tuple[str, dt.date, float]]) -> pl.DataFrame:
    return s.conform(
        pl.DataFrame(rows, schema={s.ID: pl.String, s.DATE: pl.Date, s.WARMTH: pl.Float64}, orient="row"),
        s.SCORED_QUOTE_SCHEMA,
    )


def explanations(rows: list[tuple[str, str, str, str, float]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=s.EXPLANATION_SCHEMA, orient="row")


@pytest.fixture
def period_a() -> pl.DataFrame:
    """q1 (warmth 0.5) and q2 (warmth -0.4), in 2018: mean warmth 0.05."""
    return quotes([("q1", dt.date(2018, 6, 12), 0.5), ("q2", dt.date(2018, 9, 1), -0.4)])


@pytest.fixture
def period_b() -> pl.DataFrame:
    """q3 (warmth 0.4) and q4 (warmth 0.0, no warm or cold term), in 2019: mean warmth 0.2."""
    return quotes([("q3", dt.date(2019, 3, 1), 0.4), ("q4", dt.date(2019, 5, 1), 0.0)])


@pytest.fixture
def shares() -> pl.DataFrame:
    """A: q1 {love +0.5}, q2 {dotard -0.4}; B: q3 {love +0.3, relationship +0.1}, q4 {}; plus a substance row."""
    return explanations(
        [
            ("q1", "warmth", "love", "affection", 0.5),
            ("q2", "warmth", "dotard", "insult", -0.4),
            ("q3", "warmth", "love", "affection", 0.3),
            ("q3", "warmth", "relationship", "relationship", 0.1),
            ("q3", "substance", "summit", "commitment", 0.5),
        ]
    )


def by_term(table: pl.DataFrame) -> dict[str, dict]:
    return {row[s.TERM]: row for row in table.iter_rows(named=True)}


def test_each_terms_shift_is_its_frequency_times_weight_in_b_minus_that_in_a(shares, period_a, period_b):
    """N_A = N_B = 2.

    love: f_A = 1/2, w_A = 0.5 -> 0.25; f_B = 1/2, w_B = 0.3 -> 0.15; delta = 0.15 - 0.25 = -0.10 (colder).
    dotard: f_A = 1/2, w_A = -0.4 -> -0.20; absent from B -> 0; delta = 0 - (-0.20) = +0.20 (warmer).
    relationship: absent from A -> 0; f_B = 1/2, w_B = 0.1 -> 0.05; delta = +0.05 (warmer).
    """
    out = by_term(ws.word_shift(shares, period_a, period_b))
    assert out["love"][ws.SHIFT] == pytest.approx(-0.10)
    assert out["dotard"][ws.SHIFT] == pytest.approx(0.20)
    assert out["relationship"][ws.SHIFT] == pytest.approx(0.05)
    assert [out[t][ws.DIRECTION] for t in ("love", "dotard", "relationship")] == ["colder", "warmer", "warmer"]


def test_frequencies_and_weights_match_the_hand_worked_example(shares, period_a, period_b):
    """A term absent from a period has frequency 0 there and no weight (a mean over no occurrences)."""
    out = by_term(ws.word_shift(shares, period_a, period_b))
    got = {t: (r[ws.FREQ_A], r[ws.WEIGHT_A], r[ws.FREQ_B], r[ws.WEIGHT_B]) for t, r in out.items()}
    assert got == {
        "love": (0.5, 0.5, 0.5, 0.3),
        "dotard": (0.5, -0.4, 0.0, None),
        "relationship": (0.0, None, 0.5, 0.1),
    }


def test_shifts_add_up_to_the_change_in_mean_warmth(shares, period_a, period_b):
    """-0.10 + 0.20 + 0.05 = 0.15 = mean(B) 0.2 - mean(A) 0.05."""
    table = ws.word_shift(shares, period_a, period_b)
    assert ws.total_shift(table) == pytest.approx(0.15)
    assert ws.total_shift(table) == pytest.approx(ws.mean_difference(period_a, period_b))


def test_a_quote_with_no_explaining_term_still_counts_in_its_periods_size(shares, period_a, period_b):
    """Without q4, B would have N = 1 and relationship a frequency of 1, not 1/2."""
    with_q4 = by_term(ws.word_shift(shares, period_a, period_b))
    without_q4 = by_term(ws.word_shift(shares, period_a, period_b.filter(pl.col(s.ID) != "q4")))
    assert with_q4["relationship"][ws.FREQ_B] == 0.5
    assert without_q4["relationship"][ws.FREQ_B] == 1.0


def test_rows_are_sorted_by_the_size_of_the_shift_largest_first(shares, period_a, period_b):
    table = ws.word_shift(shares, period_a, period_b)
    assert table[s.TERM].to_list() == ["dotard", "love", "relationship"]


def test_the_table_has_the_word_shift_columns_and_the_terms_categories(shares, period_a, period_b):
    table = ws.word_shift(shares, period_a, period_b)
    assert table.schema == pl.Schema(ws.SHIFT_SCHEMA)
    assert dict(zip(table[s.TERM], table[s.CATEGORY])) == {
        "dotard": "insult",
        "love": "affection",
        "relationship": "relationship",
    }


def test_other_measures_shares_are_left_out_of_a_warmth_shift(shares, period_a, period_b):
    assert "summit" not in ws.word_shift(shares, period_a, period_b)[s.TERM].to_list()


def test_a_substance_shift_uses_only_substance_shares(shares, period_a, period_b):
    """summit: absent from A; in B f = 1/2, w = 0.5, so delta = 0.25."""
    table = ws.word_shift(shares, period_a, period_b, measure="substance")
    assert table[s.TERM].to_list() == ["summit"]
    assert table[ws.SHIFT].to_list() == [pytest.approx(0.25)]


def test_a_terms_weight_is_its_mean_share_where_it_appears():
    """love in A: +0.5 in q1 and +0.3 in q2, absent from q3: f = 2/3, w = 0.4, contribution 0.8 / 3."""
    a = quotes([("q1", dt.date(2018, 1, 1), 0.5), ("q2", dt.date(2018, 1, 2), 0.3), ("q3", dt.date(2018, 1, 3), 0.0)])
    b = quotes([("q4", dt.date(2019, 1, 1), 0.0)])
    shares = explanations([("q1", "warmth", "love", "affection", 0.5), ("q2", "warmth", "love", "affection", 0.3)])
    row = ws.word_shift(shares, a, b).row(0, named=True)
    assert (row[ws.FREQ_A], row[ws.WEIGHT_A]) == (pytest.approx(2 / 3), pytest.approx(0.4))
    assert row[ws.SHIFT] == pytest.approx(-0.8 / 3)


def test_a_shift_of_exactly_zero_is_neither_warmer_nor_colder():
    a = quotes([("q1", dt.date(2018, 1, 1), 0.5)])
    b = quotes([("q2", dt.date(2019, 1, 1), 0.5)])
    shares = explanations([("q1", "warmth", "love", "affection", 0.5), ("q2", "warmth", "love", "affection", 0.5)])
    assert ws.word_shift(shares, a, b)[ws.DIRECTION].to_list() == ["unchanged"]


def test_an_empty_period_is_refused_with_a_message_naming_it(shares, period_a):
    with pytest.raises(RhetoricError, match="period B has no quotes"):
        ws.word_shift(shares, period_a, period_a.clear())
    with pytest.raises(RhetoricError, match="period A has no quotes"):
        ws.word_shift(shares, period_a.clear(), period_a)


def test_an_unknown_measure_is_refused_with_the_ones_there_are(shares, period_a, period_b):
    with pytest.raises(RhetoricError, match="use one of warmth, substance"):
        ws.word_shift(shares, period_a, period_b, measure="tone")


# --- periods -------------------------------------------------------------------------------------


def test_the_default_split_is_the_day_the_hanoi_summit_ended():
    assert ws.default_split() == dt.date(2019, 2, 28)


def test_periods_put_quotes_before_the_split_in_the_first_and_the_rest_in_the_second():
    """A quote dated on the split day belongs to the second period."""
    q = quotes([("q1", dt.date(2019, 2, 27), 0.1), ("q2", dt.date(2019, 2, 28), 0.2), ("q3", dt.date(2019, 3, 1), 0.3)])
    before, after = ws.periods(q, dt.date(2019, 2, 28))
    assert before[s.ID].to_list() == ["q1"]
    assert after[s.ID].to_list() == ["q2", "q3"]


def test_a_split_before_every_quote_is_refused_naming_the_split_and_the_quotes_dates(period_a):
    with pytest.raises(
        RhetoricError, match="no quotes before 2017-01-01: the quotes run from 2018-06-12 to 2018-09-01"
    ):
        ws.periods(period_a, dt.date(2017, 1, 1))


def test_a_split_after_every_quote_is_refused_naming_the_split_and_the_quotes_dates(period_a):
    with pytest.raises(
        RhetoricError, match="no quotes on or after 2019-02-28: the quotes run from 2018-06-12 to 2018-09-01"
    ):
        ws.periods(period_a, dt.date(2019, 2, 28))


def test_splitting_no_quotes_at_all_is_refused():
    with pytest.raises(RhetoricError, match="no dated quotes to split at 2019-02-28"):
        ws.periods(quotes([]), dt.date(2019, 2, 28))


# --- the bundled data ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled_scored() -> tuple[pl.DataFrame, pl.DataFrame]:
    return score.score_and_explain(bundled.quotes())


@pytest.mark.parametrize("measure", ["warmth", "substance"])
def test_shifts_add_up_to_the_change_in_the_mean_on_the_bundled_data_around_hanoi(bundled_scored, measure):
    """Each quote's shares add up to its score, so the sum is exact up to floating-point rounding."""
    scored, explained = bundled_scored
    before, after = ws.periods(scored, ws.default_split())
    table = ws.word_shift(explained, before, after, measure=measure)
    assert table.height > 10
    assert ws.total_shift(table) == pytest.approx(ws.mean_difference(before, after, measure=measure), abs=1e-12)


def test_every_bundled_warmth_term_around_hanoi_appears_once(bundled_scored):
    scored, explained = bundled_scored
    table = ws.word_shift(explained, *ws.periods(scored, ws.default_split()))
    warm_terms = explained.filter(pl.col(s.MEASURE) == "warmth").select(s.TERM, s.CATEGORY).unique()
    assert table.height == warm_terms.height
    assert table.select(s.TERM, s.CATEGORY).is_duplicated().sum() == 0


def test_the_interval_of_the_change_is_seeded_and_holds_the_change():
    a = pl.DataFrame({"warmth": [0.1, 0.2, 0.3, 0.2, 0.1, 0.4]})
    b = pl.DataFrame({"warmth": [0.6, 0.7, 0.5, 0.8, 0.6, 0.7]})
    low, high = ws.difference_interval(a, b)
    assert low < ws.mean_difference(a, b) < high and low > 0
    assert ws.difference_interval(a, b) == (low, high)
    same = ws.difference_interval(a, a)
    assert same[0] < 0 < same[1]


def test_each_term_is_typed_warm_or_cold_and_used_more_or_less(shares, period_a, period_b):
    """love: warm (shares +0.5, +0.3), f 1/2 -> 1/2: same. dotard: cold, 1/2 -> 0: less. relationship: warm, 0 -> 1/2:
    more. A cold term used less is what made B warmer: its type says so apart from its direction."""
    out = by_term(ws.word_shift(shares, period_a, period_b))
    got = {t: (r[ws.KIND], r[ws.USAGE], r[ws.DIRECTION]) for t, r in out.items()}
    assert got == {
        "love": ("warm", "same", "colder"),
        "dotard": ("cold", "less", "warmer"),
        "relationship": ("warm", "more", "warmer"),
    }
    substance = ws.word_shift(shares, period_a, period_b, measure="substance")
    assert substance[ws.KIND].to_list() == ["concrete"]


def test_the_shift_by_type_adds_up_to_the_whole_change_and_keeps_the_baseline_apart(shares, period_a, period_b):
    """dotard (cold, less) +0.20, relationship (warm, more) +0.05, love is used as often: not in any of the four
    types; the baseline row (-0.05 in B only) is its own bar."""
    with_baseline = pl.concat([shares, explanations([("q3", "warmth", "(courtesy baseline)", ws.BASELINE, -0.1)])])
    table = ws.word_shift(with_baseline, period_a, period_b)
    parts = dict(ws.by_type(table).iter_rows())
    assert parts == pytest.approx(
        {
            "warm terms used more": 0.05,
            "cold terms used less": 0.20,
            "warm terms used less": 0.0,
            "cold terms used more": 0.0,
            "courtesy baseline (every quote)": -0.05,
        }
    )
    same = table.filter(pl.col(ws.USAGE) == ws.SAME)[ws.SHIFT].sum()
    assert sum(parts.values()) + same == pytest.approx(ws.total_shift(table))

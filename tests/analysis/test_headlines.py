"""Each view's one-sentence finding, checked against values worked out by hand."""

from __future__ import annotations

import datetime as dt

import polars as pl

from rhetoric import schema as s
from rhetoric.analysis import headlines


def quotes(rows: list[tuple[str, float, float]]) -> pl.DataFrame:
    """Scored quotes: (ISO date, warmth, substance)."""
    return s.conform(
        pl.DataFrame(
            {
                s.ID: [f"q{i}" for i in range(len(rows))],
                s.DATE: [dt.date.fromisoformat(d) for d, _, _ in rows],
                s.SPEAKER: ["Donald Trump"] * len(rows),
                s.QUOTE: [f"quote {i}" for i in range(len(rows))],
                s.PAIR: ["Trump–Kim"] * len(rows),
                s.WARMTH: [w for _, w, _ in rows],
                s.SUBSTANCE: [u for _, _, u in rows],
            }
        ),
        s.SCORED_QUOTE_SCHEMA,
    )


def events(rows: list[tuple[str, float]]) -> pl.DataFrame:
    return s.conform(
        pl.DataFrame(
            {
                s.ID: [f"e{i}" for i in range(len(rows))],
                s.DATE: [dt.date.fromisoformat(d) for d, _ in rows],
                s.EVENT: [f"event {i}" for i in range(len(rows))],
                s.PROGRESS: [p for _, p in rows],
                s.PAIR: ["Trump–Kim"] * len(rows),
            }
        ),
        s.OUTCOME_SCHEMA,
    )


SIX = quotes(
    [
        ("2018-01-01", 0.0, 0.1),
        ("2018-01-10", 0.2, 0.1),
        ("2018-01-20", 0.4, 0.1),
        ("2018-03-01", 0.9, 0.1),
        ("2018-03-05", 0.7, 0.1),
        ("2018-03-10", 0.8, 0.1),
    ]
)


def test_the_rapport_headline_names_the_peak_and_the_progress_of_the_six_months_after():
    """By hand, 30-day windows with at least 3 quotes: 2018-01-20 holds 0.0, 0.2, 0.4 (mean 0.20) and 2018-03-10
    holds 0.9, 0.7, 0.8 (mean 0.80); from 2018-03-10 to 2018-09-06 come +4 and -1, 2018-12-01 is too late."""
    later = events([("2018-04-01", 4.0), ("2018-08-01", -1.0), ("2018-12-01", 7.0)])
    assert headlines.rapport(SIX, later, "Trump–Kim", 30) == (
        "On Trump–Kim, the 30-day mean warmth peaked at +0.80 on 2018-03-10; in the 180 days after, "
        "2 outcome events added 3.0 progress points."
    )


def test_the_rapport_headline_says_when_progress_fell_or_nothing_followed():
    fell = events([("2018-05-01", -7.0)])
    assert headlines.rapport(SIX, fell, None, 30).endswith("1 outcome event took away 7.0 progress points.")
    assert headlines.rapport(SIX, events([("2017-01-01", 5.0)]), None, 30).endswith(
        "no outcome event followed in the next 180 days."
    )
    assert headlines.rapport(SIX, events([]), "Trump–Kim", 30).endswith("no outcome events to set it against.")


def test_the_rapport_headline_makes_no_claim_on_thin_data():
    assert headlines.rapport(SIX.head(4), events([]), None, 30).startswith("Too few quotes (4)")
    spread = quotes([(f"201{i}-01-01", 0.5, 0.1) for i in range(6)])  # a year apart: no window holds three
    assert headlines.rapport(spread, events([]), None, 30).startswith("The quotes are too scattered")


def test_the_map_headline_counts_warm_but_empty_against_warm_and_substantive():
    """By hand: of 5 quotes, (0.5, 0.2) and (0.3, 0.1) are warm and below the midline, (0.6, 0.8) warm above it."""
    five = quotes(
        [
            ("2018-01-01", 0.5, 0.2),
            ("2018-01-02", 0.3, 0.1),
            ("2018-01-03", 0.6, 0.8),
            ("2018-01-04", -0.4, 0.9),
            ("2018-01-05", -0.2, 0.1),
        ]
    )
    assert headlines.rhetoric_map(five) == (
        "40% of these 5 quotes are warm but empty (warm words, little concrete content); 20% are warm and substantive."
    )
    assert headlines.rhetoric_map(five.head(2)).startswith("Too few quotes (2)")


def test_the_moments_headline_counts_the_gaps_above_zero_and_gives_their_mean():
    """By hand: gaps 0.3, -0.1 and 0.5 (one moment had no quotes before it): 2 of 3 above zero, mean 0.233."""
    table = pl.DataFrame({"rapport_gap": [0.3, -0.1, None, 0.5]})
    assert headlines.moments(table) == (
        "Before 2 of 3 moments the talk ran warmer than the delivery; the mean rapport gap is +0.23."
    )
    assert headlines.moments(pl.DataFrame({"rapport_gap": [None]}, schema={"rapport_gap": pl.Float64})).startswith(
        "No summit or key event had quotes"
    )


def test_the_pairs_headline_names_the_warmest_and_the_coldest_pair_with_their_progress():
    summary = pl.DataFrame(
        {
            s.PAIR: ["Trump–Kim", "Trump–Xi", "Bush–Putin", "Thin–Pair"],
            "mean_warmth": [0.09, -0.12, 0.30, 0.95],
            "quotes": [94, 52, 54, 2],
            "net_progress": [-26.9, 4.0, -3.5, 9.0],
            "events": [29, 10, 11, 1],
        }
    )
    # Thin–Pair has fewer than five quotes, so it is left out; Trump–Kim lost most and is warmer than Trump–Xi.
    assert headlines.pairs(summary) == (
        "Warmest pair: Bush–Putin (mean warmth +0.30, net progress -3.5); coldest: Trump–Xi (-0.12, +4.0). "
        "Trump–Kim lost the most (-26.9 progress points) while its talk ran warmer than 1 of the other 2 pairs "
        "(mean warmth +0.09)."
    )
    assert headlines.pairs(summary.head(1)).startswith("Fewer than two leader pairs")


def test_the_pairs_headline_adds_no_loser_when_the_coldest_pair_lost_most_or_nobody_lost():
    summary = pl.DataFrame(
        {
            s.PAIR: ["A–B", "C–D", "E–F"],
            "mean_warmth": [0.5, 0.2, -0.3],
            "quotes": [10, 10, 10],
            "net_progress": [3.0, 1.0, -8.0],
            "events": [4, 4, 4],
        }
    )
    assert headlines.pairs(summary) == (
        "Warmest pair: A–B (mean warmth +0.50, net progress +3.0); coldest: E–F (-0.30, -8.0)."
    )
    gains = summary.with_columns(pl.col("net_progress").abs())
    assert headlines.pairs(gains).endswith("coldest: E–F (-0.30, +8.0).")


def test_the_word_shift_headline_gives_the_change_and_the_terms_that_moved_it_without_the_baseline():
    table = pl.DataFrame(
        {
            s.TERM: ["(courtesy baseline)", "love", "fire and fury", "letter"],
            s.CATEGORY: ["baseline", "affection", "threat", "vader"],
            "shift": [0.5, -0.20, 0.10, -0.05],
        }
    )
    text = headlines.word_shift(table, "warmth", dt.date(2019, 2, 28), 0.40, 0.25, (-0.30, -0.02))
    assert text == (
        "Mean warmth fell by 0.15 from 2019-02-28 (95% interval -0.30 to -0.02); the lexicon's terms that moved it "
        "most: “love” (-0.200), “fire and fury” (+0.100), “letter” (-0.050)."
    )


def test_a_word_shift_within_noise_is_called_so():
    text = headlines.word_shift(pl.DataFrame(), "warmth", dt.date(2019, 2, 28), 0.020, 0.024, (-0.12, 0.13))
    assert text == "Mean warmth did not move beyond noise at 2019-02-28 (+0.00; 95% interval -0.12 to +0.13)."


def test_the_explorer_headline_counts_the_rows_and_names_the_warmest_and_coldest():
    text = headlines.explorer(SIX, 10)
    assert text == (
        "6 of 10 quotes; the warmest is Donald Trump's of 2018-03-01 (+0.90), the coldest Donald Trump's of "
        "2018-01-01 (+0.00)."
    )
    assert headlines.explorer(SIX.clear(), 10) == "None of the 10 quotes matches."


def test_the_data_headline_counts_what_every_view_shows():
    assert headlines.data(SIX, events([("2018-04-01", 4.0)]), "bundled data") == (
        "In use: 6 quotes from 1 leader pair and 1 outcome event (bundled data)."
    )

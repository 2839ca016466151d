"""Evaluation metrics, checked on tiny sets whose answers are worked out by hand."""

from __future__ import annotations

import polars as pl
import pytest

from rhetoric import schema as s
from rhetoric.scoring import evaluation, score


def test_auc_is_one_when_every_positive_outscores_every_negative():
    assert evaluation.auc(pl.Series([0.9, 0.8, 0.1]), pl.Series([True, True, False])) == 1.0


def test_auc_counts_ties_as_half():
    """Positives 0.5 and 0.9 against negatives 0.5 and 0.1: pairs won 1 + 0.5 (tie) + 1 + 1 = 3.5 of 4."""
    auc = evaluation.auc(pl.Series([0.5, 0.9, 0.5, 0.1]), pl.Series([True, True, False, False]))
    assert auc == pytest.approx(3.5 / 4)


def test_auc_needs_both_classes():
    assert evaluation.auc(pl.Series([0.1, 0.2]), pl.Series([True, True])) is None


def test_sign_accuracy_leaves_neutral_out_and_counts_zero_as_wrong():
    scores = pl.Series([0.5, -0.2, 0.0, 0.3, 0.9])
    labels = pl.Series(["warm", "cold", "warm", "cold", "neutral"])
    assert evaluation.sign_accuracy(scores, labels) == pytest.approx(2 / 4)


def test_the_labelled_set_spans_several_leader_pairs_and_every_row_has_a_source():
    labelled = evaluation.read_labelled()
    assert labelled["pair"].n_unique() >= 4
    assert labelled["source"].str.starts_with("http").all()
    assert set(labelled[evaluation.WARMTH_LABEL]) == {"warm", "cold", "neutral"}
    assert set(labelled[evaluation.SUBSTANCE_LABEL]) == {"substantive", "vague"}


def test_rhetoric_beats_plain_vader_on_the_labelled_set():
    table = evaluation.evaluate(evaluation.read_labelled())
    for metric, ours, vader, *_ in table.iter_rows():
        assert ours > vader, metric


def test_each_batch_is_evaluated_on_its_own_rows():
    labelled = evaluation.read_labelled()
    batches = evaluation.evaluate_batches(labelled)
    sizes = batches.unique(evaluation.BATCH, maintain_order=True).select(evaluation.BATCH, "quotes")
    assert sizes["quotes"].sum() == labelled.height
    first = sizes[evaluation.BATCH][0]
    alone = evaluation.evaluate(labelled.filter(pl.col(evaluation.BATCH) == first))
    assert batches.filter(pl.col(evaluation.BATCH) == first)["rhetoric"].to_list() == alone["rhetoric"].to_list()


def test_a_set_without_batches_has_no_batch_table():
    labelled = evaluation.read_labelled().drop(evaluation.BATCH)
    assert evaluation.evaluate_batches(labelled).is_empty()


def test_the_courtesy_baseline_puts_neutral_development_quotes_around_zero():
    """score.COURTESY was chosen so that quotes labelled neutral in the development batches sit near 0."""
    labelled = evaluation.read_labelled()
    dev = labelled.filter(pl.col(evaluation.BATCH).str.slice(0, 1).is_in(["1", "2", "3"]))
    neutral = dev.filter(pl.col(evaluation.WARMTH_LABEL) == evaluation.NEUTRAL)
    with_baseline = score.score(neutral)[s.WARMTH].median()
    without = score.score(neutral, score.build_scorer(courtesy=0.0))[s.WARMTH].median()
    assert abs(with_baseline) < 0.05
    assert without > 0.15


def _labels(first: list[str], second: list[str], subst: list[str], subst2: list[str]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            evaluation.WARMTH_LABEL: first,
            evaluation.SECOND_WARMTH: second,
            evaluation.SUBSTANCE_LABEL: subst,
            evaluation.SECOND_SUBSTANCE: subst2,
        }
    )


def test_a_second_reader_who_agrees_everywhere_scores_perfectly_and_kappa_is_one():
    warm = ["warm", "cold", "neutral", "warm"]
    subst = ["substantive", "vague", "vague", "substantive"]
    frame = _labels(warm, warm, subst, subst)
    reader = evaluation.second_reader_scores(frame)
    assert reader["_reader_warmth"].to_list() == [1.0, -1.0, 0.0, 1.0]
    agree = evaluation.agreement(frame)
    assert agree["warmth agreement"] == 1.0 and agree["warmth kappa"] == 1.0
    assert agree["substance kappa"] == 1.0


def test_kappa_discounts_the_agreement_expected_by_chance():
    # 3 of 4 alike; the first says warm 1/2 of the time, the second 3/4: chance agreement
    # 1/2*3/4 + 1/2*1/4 = 0.5, so kappa is (0.75 - 0.5) / (1 - 0.5).
    frame = _labels(["warm", "warm", "cold", "cold"], ["warm", "warm", "cold", "warm"], ["vague"] * 4, ["vague"] * 4)
    agree = evaluation.agreement(frame)
    assert agree["warmth agreement"] == 0.75
    assert agree["warmth kappa"] == pytest.approx(0.5)


def test_without_second_reader_columns_the_reader_figures_are_empty():
    labelled = evaluation.read_labelled().drop(evaluation.SECOND_WARMTH, evaluation.SECOND_SUBSTANCE)
    table = evaluation.evaluate(labelled.head(40))
    assert table["second reader"].null_count() == table.height
    assert evaluation.agreement(labelled)["quotes"] == 0


def test_rows_the_second_reader_did_not_label_are_left_out_of_the_reader_figures():
    frame = _labels(["warm", "cold", "warm"], ["warm", None, "cold"], ["vague"] * 3, ["vague", None, "vague"])
    assert evaluation.second_reader_scores(frame).height == 2
    assert evaluation.agreement(frame)["warmth agreement"] == 0.5


def _scored_pairs(pairs: dict[str, list[tuple[float, str, float, str]]]) -> pl.DataFrame:
    """Scored rows (warmth, warmth label, substance, substance label) for each named pair."""
    rows = [(pair, *row) for pair, quotes in pairs.items() for row in quotes]
    return pl.DataFrame(
        rows,
        schema=["pair", s.WARMTH, evaluation.WARMTH_LABEL, s.SUBSTANCE, evaluation.SUBSTANCE_LABEL],
        orient="row",
    )


def test_with_one_pair_the_interval_is_the_figure_itself():
    one = _scored_pairs(
        {"A–B": [(0.5, "warm", 0.6, "substantive"), (-0.2, "warm", 0.1, "vague"), (-0.4, "cold", 0.3, "vague")]}
    )
    figures = evaluation._figures(one, s.WARMTH, s.SUBSTANCE)
    assert evaluation.intervals(one) == [(f, f) for f in figures]


def test_the_interval_resamples_pairs_not_quotes():
    """Pair A is scored right throughout and pair B wrong throughout: a quarter of the replicates draw A
    twice (sign accuracy 1) and a quarter B twice (0), so the interval spans 0..1. Resampling the 100
    quotes one by one would have given about 0.4..0.6."""
    right = [(0.5, "warm", 0.5, "substantive"), (-0.5, "cold", 0.0, "vague")] * 25
    wrong = [(-0.5, "warm", 0.0, "substantive"), (0.5, "cold", 0.5, "vague")] * 25
    sign = evaluation.intervals(_scored_pairs({"A–B": right, "C–D": wrong}))[1]
    assert sign == (0.0, 1.0)


def test_the_same_seed_gives_the_same_interval_and_it_holds_the_figure():
    scored = score.score(evaluation.read_labelled())
    first = evaluation.intervals(scored, seed=3)
    assert evaluation.intervals(scored, seed=3) == first
    assert evaluation.intervals(scored, seed=4) != first
    for (low, high), figure in zip(first, evaluation._figures(scored, s.WARMTH, s.SUBSTANCE)):
        assert low < figure < high

"""Evaluation metrics, checked on tiny sets whose answers are worked out by hand."""

from __future__ import annotations

import polars as pl
import pytest

from rhetoric import evaluation, score
from rhetoric import schema as s


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

"""Training the heads: pairs stay whole in every fold, and a rebuild gives the shipped heads byte for byte."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from rhetoric.scoring import evaluation, learned, train


def test_folds_keep_each_leader_pair_whole_and_cover_every_quote():
    pairs = np.array(["A–B"] * 5 + ["C–D"] * 3 + ["E–F"] * 4 + ["G–H"] * 2 + ["I–J"])
    splits = train.folds(pairs, 3, seed=0)
    tested = np.concatenate([test for _, test in splits])
    assert sorted(tested.tolist()) == list(range(len(pairs)))
    for fit_on, test in splits:
        assert set(pairs[fit_on]).isdisjoint(pairs[test])


def test_the_same_seed_deals_the_same_folds():
    pairs = np.array([f"p{i % 9}" for i in range(40)])
    first = [t.tolist() for _, t in train.folds(pairs, 4, seed=0)]
    assert first == [t.tolist() for _, t in train.folds(pairs, 4, seed=0)]


def test_rebuilding_the_heads_from_the_labelled_set_gives_the_shipped_file_byte_for_byte(tmp_path: Path):
    """`rhetoric train` is reproducible: the heads in the package are what the script makes (about a minute)."""
    rebuilt = tmp_path / "heads.json"
    assert train.run(evaluation.DEFAULT_SET, rebuilt) == 0
    assert rebuilt.read_bytes() == learned.heads_path().read_bytes()

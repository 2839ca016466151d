"""Training and honest evaluation of the learned scorer's heads on the labelled set (`rhetoric train`).

Everything here is seeded: the same labelled file and encoder give the same heads file, byte for byte.
Leave-pairs-out: folds are whole leader pairs, so a quote is only ever scored by heads that never saw its
pair; the regularisation of each fold's heads is chosen by an inner grouped cross-validation on that
fold's training pairs alone, never by the quotes it is tested on.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from rhetoric import schema as s
from rhetoric.io import bundled
from rhetoric.scoring import evaluation, learned
from rhetoric.scoring import score as lexicon_scoring

SEED = 0
FOLDS, INNER_FOLDS = 5, 4
C_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)  # inverse regularisation strengths tried by the inner folds
CLASS_WEIGHT = "balanced"  # cold quotes are fewer than warm ones; balanced weights keep the sign honest


@dataclass(frozen=True)
class Prepared:
    """The labelled quotes with what the heads learn from: features and labels, in the frame's order."""

    labelled: pl.DataFrame
    features: np.ndarray
    warmth: np.ndarray  # class index into learned.WARMTH_CLASSES
    substance: np.ndarray  # 1 for substantive
    pairs: np.ndarray


def prepare(labelled: pl.DataFrame, encoder: learned.Encoder, progress: learned.Progress | None = None) -> Prepared:
    """Encode the labelled quotes once and put the lexicon's scores beside the embeddings."""
    texts = labelled[s.QUOTE].to_list()
    lexicon = np.asarray(lexicon_scoring.score_texts(texts, lexicon_scoring.build_scorer()))
    feats = learned.features(encoder.encode(texts, progress=progress), lexicon)
    warmth = (
        labelled[evaluation.WARMTH_LABEL]
        .replace_strict({c: i for i, c in enumerate(learned.WARMTH_CLASSES)})
        .to_numpy()
    )
    substance = (labelled[evaluation.SUBSTANCE_LABEL] == evaluation.SUBSTANTIVE).cast(pl.Int64).to_numpy()
    return Prepared(labelled, feats, warmth, substance, labelled[s.PAIR].fill_null("").to_numpy())


def folds(pairs: np.ndarray, k: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """k (train, test) index splits that keep each pair whole; pairs dealt to folds in a seeded order."""
    names = np.unique(pairs)
    order = np.random.default_rng(seed).permutation(len(names))
    fold_of = {names[j]: i % k for i, j in enumerate(order)}
    assignment = np.asarray([fold_of[p] for p in pairs])
    return [
        (np.flatnonzero(assignment != f), np.flatnonzero(assignment == f)) for f in range(k) if (assignment == f).any()
    ]


def fit_head(feats: np.ndarray, labels: np.ndarray, classes: tuple[str, ...], c: float) -> learned.Head:
    """A logistic regression (L2, lbfgs, balanced class weights) as plain numbers."""
    from sklearn.linear_model import LogisticRegression  # training only: the app never imports scikit-learn

    model = LogisticRegression(C=c, class_weight=CLASS_WEIGHT, max_iter=5000, tol=1e-8)
    model.fit(feats, labels)
    return learned.Head(classes, model.coef_.copy(), model.intercept_.copy())


def _warmth_score(head: learned.Head, feats: np.ndarray) -> np.ndarray:
    p = head.probabilities(feats)
    return p[:, learned.WARMTH_CLASSES.index("warm")] - p[:, learned.WARMTH_CLASSES.index("cold")]


def choose_c(feats: np.ndarray, labels: np.ndarray, pairs: np.ndarray, measure: str) -> float:
    """The C of C_GRID with the best inner leave-pairs-out AUC (warm vs cold, or substantive vs vague)."""
    best: tuple[float, float] | None = None
    for c in C_GRID:
        scores = np.zeros(len(labels))
        for train, test in folds(pairs, INNER_FOLDS, SEED + 1):
            if measure == "warmth":
                scores[test] = _warmth_score(
                    fit_head(feats[train], labels[train], learned.WARMTH_CLASSES, c), feats[test]
                )
            else:
                head = fit_head(feats[train], labels[train], learned.SUBSTANCE_CLASSES, c)
                scores[test] = head.probabilities(feats[test])[:, 1]
        if measure == "warmth":
            keep = labels != learned.WARMTH_CLASSES.index("neutral")
            value = evaluation.auc(
                pl.Series(scores[keep]), pl.Series(labels[keep] == learned.WARMTH_CLASSES.index("warm"))
            )
        else:
            value = evaluation.auc(pl.Series(scores), pl.Series(labels == 1))
        if value is not None and (best is None or value > best[0]):
            best = (value, c)
    return best[1] if best else 1.0


def fit_heads(data: Prepared, rows: np.ndarray | None = None) -> tuple[learned.Head, learned.Head, float, float]:
    """Both heads on the given rows (all by default), each with its C chosen by inner folds on those rows."""
    rows = np.arange(len(data.warmth)) if rows is None else rows
    f, w, u, p = data.features[rows], data.warmth[rows], data.substance[rows], data.pairs[rows]
    cw, cs = choose_c(f, w, p, "warmth"), choose_c(f, u, p, "substance")
    return fit_head(f, w, learned.WARMTH_CLASSES, cw), fit_head(f, u, learned.SUBSTANCE_CLASSES, cs), cw, cs


def leave_pairs_out(data: Prepared, progress: Callable[[int, int], None] | None = None) -> pl.DataFrame:
    """The labelled frame with learned warmth and substance, each quote scored by heads that never saw its pair."""
    warmth = np.zeros(len(data.warmth))
    substance = np.zeros(len(data.warmth))
    splits = folds(data.pairs, FOLDS, SEED)
    for i, (train, test) in enumerate(splits):
        w_head, s_head, _, _ = fit_heads(data, train)
        heads = learned.Heads(w_head, s_head, {}, {})
        warmth[test], substance[test] = learned.predict(heads, data.features[test])
        if progress:
            progress(i + 1, len(splits))
    return data.labelled.with_columns(pl.Series(s.WARMTH, warmth), pl.Series(s.SUBSTANCE, substance))


def train(data: Prepared, encoder_info: dict, source: str, data_sha256: str = "") -> learned.Heads:
    """The heads for shipping: trained on every labelled quote, C chosen by inner leave-pairs-out folds."""
    w_head, s_head, cw, cs = fit_heads(data)
    batches = data.labelled.group_by(evaluation.BATCH, maintain_order=True).len().sort(evaluation.BATCH)
    training = {
        "data": source,
        "data_sha256": data_sha256,
        "quotes": len(data.warmth),
        "pairs": len(np.unique(data.pairs)),
        "pair_names": sorted(str(p) for p in np.unique(data.pairs)),
        "batches": {b: int(n) for b, n in batches.iter_rows()},
        "seed": SEED,
        "class_weight": CLASS_WEIGHT,
        "C": {"warmth": cw, "substance": cs},
        "C_grid": list(C_GRID),
        "solver": "scikit-learn LogisticRegression, lbfgs, L2",
    }
    return learned.Heads(w_head, s_head, encoder_info, training)


def encoder_info() -> dict:
    """What the heads were trained on, recorded in the heads file and checked by its readers."""
    from rhetoric.scoring import encoder

    return {
        "name": encoder.NAME,
        "package": encoder.PACKAGE,
        "version": encoder.VERSION,
        "file": encoder.WEIGHTS,
        "sha256": encoder.SHA256,
        "build": encoder.BUILD,
    }


def run(labelled_path: Path, output: Path | None, progress: Callable[[int, int], None] | None = None) -> int:
    """`rhetoric train`: encode the labelled set, fit both heads, write the heads file; the exit status."""
    from rhetoric.scoring import encoder

    raw = labelled_path.read_bytes()
    labelled = evaluation.read_labelled(labelled_path)
    print(
        f"training on {labelled_path.name}: {labelled.height} quotes, {labelled[s.PAIR].n_unique()} pairs",
        file=sys.stderr,
    )
    data = prepare(labelled, encoder.default_encoder(), progress)
    heads = train(data, encoder_info(), labelled_path.name, hashlib.sha256(raw).hexdigest())
    out = output or learned.heads_path()
    out.write_text(heads.to_json(), encoding="utf-8")
    c = heads.training["C"]
    print(f"{out}: warmth head C={c['warmth']}, substance head C={c['substance']}", file=sys.stderr)
    if output is None:  # the shipped heads: ship the bundled quotes' scores with them (a fast first chart)
        ship_scores()
    return 0


def ship_scores() -> int:
    """`rhetoric train --scores-only`: the shipped heads' scores of the bundled quotes, written beside the heads
    (after the bundled quotes change; the heads stay as they are)."""
    from rhetoric.scoring import encoder

    learned.load_heads.cache_clear()
    scorer = learned.LearnedScorer(lexicon_scoring.build_scorer(), learned.load_heads(), encoder.default_encoder)
    scores = learned.heads_path().parent / learned.SHIPPED_SCORES
    learned.shipped_scores(scorer, bundled.quotes()[s.QUOTE].to_list()).write_parquet(scores, statistics=False)
    print(f"{scores}: learned scores of the bundled quotes", file=sys.stderr)
    return 0

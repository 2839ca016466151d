"""Evaluation: how well warmth and substance separate hand-labelled quotes, beside plain VADER."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from rhetoric import ingest, score
from rhetoric import schema as s

WARMTH_LABEL, SUBSTANCE_LABEL, BATCH = "warmth_label", "substance_label", "batch"
WARM, COLD, NEUTRAL = "warm", "cold", "neutral"
SUBSTANTIVE, VAGUE = "substantive", "vague"
DEFAULT_SET = Path(__file__).resolve().parent.parent / "tests" / "data" / "evaluation" / "evaluation.csv"
TARGETS = {"warmth AUC": 0.95, "warmth sign accuracy": 0.9, "substance AUC": 0.9}


def auc(scores: pl.Series, positive: pl.Series) -> float | None:
    """Area under the ROC curve: the chance that a random positive outscores a random negative (ties count half).

    Computed from average ranks (the Mann–Whitney U statistic); None without both classes.
    """
    frame = pl.DataFrame({"score": scores, "positive": positive}).drop_nulls()
    n_pos = int(frame["positive"].sum())
    n_neg = frame.height - n_pos
    if n_pos == 0 or n_neg == 0:
        return None
    rank_sum = frame.select(pl.col("score").rank("average").filter(pl.col("positive")).sum()).item()
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def sign_accuracy(scores: pl.Series, labels: pl.Series) -> float | None:
    """Share of warm quotes scored above 0 and cold quotes scored below 0 (neutral quotes are left out)."""
    frame = pl.DataFrame({"score": scores, "label": labels}).filter(pl.col("label").is_in([WARM, COLD]))
    if frame.is_empty():
        return None
    right = ((pl.col("label") == WARM) & (pl.col("score") > 0)) | ((pl.col("label") == COLD) & (pl.col("score") < 0))
    return frame.select(right.mean()).item()


def read_labelled(path: Path = DEFAULT_SET) -> pl.DataFrame:
    """The labelled set: quotes with warmth_label (warm/cold/neutral) and substance_label (substantive/vague)."""
    result = ingest.read_quotes(path.read_bytes(), path.name)
    return result.accepted


def evaluate(labelled: pl.DataFrame, scorer: score.Scorer | None = None) -> pl.DataFrame:
    """One row per metric: rhetoric's figure, plain VADER compound's figure, and the target."""
    return _metrics(score.score(labelled, scorer))


def _metrics(scored: pl.DataFrame) -> pl.DataFrame:
    warm_cold = scored.filter(pl.col(WARMTH_LABEL).is_in([WARM, COLD]))
    is_warm = warm_cold[WARMTH_LABEL] == WARM
    is_substantive = scored[SUBSTANCE_LABEL] == SUBSTANTIVE
    rows = [
        ("warmth AUC", auc(warm_cold[s.WARMTH], is_warm), auc(warm_cold[s.SENTIMENT], is_warm)),
        (
            "warmth sign accuracy",
            sign_accuracy(scored[s.WARMTH], scored[WARMTH_LABEL]),
            sign_accuracy(scored[s.SENTIMENT], scored[WARMTH_LABEL]),
        ),
        # Plain VADER has no substance score; its compound is shown to make the point that tone is not content.
        ("substance AUC", auc(scored[s.SUBSTANCE], is_substantive), auc(scored[s.SENTIMENT], is_substantive)),
    ]
    return pl.DataFrame(
        [(name, ours, vader, TARGETS[name]) for name, ours, vader in rows],
        schema={"metric": pl.String, "rhetoric": pl.Float64, "plain VADER": pl.Float64, "target": pl.Float64},
        orient="row",
    )


def evaluate_batches(labelled: pl.DataFrame, scorer: score.Scorer | None = None) -> pl.DataFrame:
    """`evaluate` for each batch of the set (column `batch`), with the batch's name and size first.

    A batch records how its quotes were used: a set developed against reads better than quotes the
    rules have never seen, so each batch's figures are shown apart as well as together.
    """
    if BATCH not in labelled.columns:
        return pl.DataFrame()
    frames = []
    for (batch,), part in score.score(labelled, scorer).group_by(BATCH, maintain_order=True):
        table = _metrics(part)
        frames.append(table.select(pl.lit(batch).alias(BATCH), pl.lit(part.height).alias("quotes"), pl.all()))
    return pl.concat(frames).sort(BATCH, maintain_order=True) if frames else pl.DataFrame()


def counts(labelled: pl.DataFrame) -> dict[str, int]:
    """How many quotes of each label the set holds, and how many leader pairs."""
    out = {f"{k}": v for k, v in labelled[WARMTH_LABEL].value_counts().iter_rows()}
    out.update({f"{k}": v for k, v in labelled[SUBSTANCE_LABEL].value_counts().iter_rows()})
    out["pairs"] = labelled[s.PAIR].n_unique()
    return out

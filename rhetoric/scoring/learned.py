"""The learned scorer: a frozen sentence encoder and two small linear heads read warmth and substance.

Features of a quote: its sentence embedding (L2-normalised) and the lexicon scorer's own sentiment, warmth
and substance. Heads: a three-class logistic regression for warmth (cold, neutral, warm), read as
P(warm) - P(cold) in -1..1, and a two-class one for substance, read as P(substantive) in 0..1. The heads are
plain numbers in `heads/heads.json` (never a pickle), rebuilt by `rhetoric train` (`rhetoric.scoring.train`).

A user's lexicon terms still count: they change the lexicon's scores, which the heads read as features, so
a term that makes the lexicon warmer makes the learned warmth warmer too, by the weight the head gives the
lexicon's warmth (`lexicon_weight`).

Scores are cached by (sha256 of the text, model version): in this process, and in any `ScoreCache` the
caller passes (the app passes the store), so the same text is never encoded twice.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Protocol

import numpy as np
import polars as pl

from rhetoric import schema as s
from rhetoric.errors import RhetoricError
from rhetoric.scoring import score as lexicon_scoring

HEADS_FILE = "heads.json"
SHIPPED_SCORES = "scores.parquet"  # learned scores of the bundled quotes, made by `rhetoric train`
WARMTH_CLASSES = ("cold", "neutral", "warm")
SUBSTANCE_CLASSES = ("vague", "substantive")
LEXICON_FEATURES = (s.SENTIMENT, s.WARMTH, s.SUBSTANCE)
Progress = Callable[[int, int], None]


class Encoder(Protocol):
    """What the heads need of an encoder: L2-normalised embeddings, one row per text, and a name."""

    name: str
    dim: int

    def encode(self, texts: list[str], progress: Progress | None = None) -> np.ndarray: ...


class ScoreCache(Protocol):
    """Somewhere learned scores outlive the process (the store): digest -> (warmth, substance)."""

    def get_scores(self, digests: list[str], model: str) -> dict[str, tuple[float, float]]: ...

    def put_scores(self, scores: Mapping[str, tuple[float, float]], model: str) -> None: ...


@dataclass(frozen=True)
class Head:
    """A logistic regression's numbers: one row of coefficients per class (one row for two classes)."""

    classes: tuple[str, ...]
    coef: np.ndarray
    intercept: np.ndarray

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """P(class) for each row of features, columns in `classes` order."""
        z = features @ self.coef.T + self.intercept
        if len(self.classes) == 2:
            p = 1.0 / (1.0 + np.exp(-z[:, 0]))
            return np.column_stack([1.0 - p, p])
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def to_json(self) -> dict:
        return {
            "classes": list(self.classes),
            "coef": [[_round(v) for v in row] for row in self.coef.tolist()],
            "intercept": [_round(v) for v in self.intercept.tolist()],
        }

    @classmethod
    def from_json(cls, data: dict) -> Head:
        return cls(
            tuple(data["classes"]),
            np.asarray(data["coef"], dtype=np.float64),
            np.asarray(data["intercept"], dtype=np.float64),
        )


@dataclass(frozen=True)
class Heads:
    """Both heads and what they were made from; `version` names the model in every export and report."""

    warmth: Head
    substance: Head
    encoder: dict  # package, version, file, sha256 of the weights the heads were trained on
    training: dict  # data, batches, seed, regularisation: what `rhetoric train` recorded
    digest: str = field(default="")  # sha256 of heads.json

    @property
    def version(self) -> str:
        return f"learned {self.encoder.get('name', 'encoder')} + heads {self.digest[:12]}"

    @property
    def lexicon_weight(self) -> float:
        """How much one unit of lexicon warmth moves the warm-minus-cold logit gap of the warmth head."""
        i = len(self.warmth.coef[0]) - len(LEXICON_FEATURES) + LEXICON_FEATURES.index(s.WARMTH)
        warm, cold = WARMTH_CLASSES.index("warm"), WARMTH_CLASSES.index("cold")
        return float(self.warmth.coef[warm, i] - self.warmth.coef[cold, i])

    def to_json(self) -> str:
        """The heads file's text: keys sorted, numbers rounded, so that a rebuild gives the same bytes."""
        data = {
            "encoder": self.encoder,
            "features": ["embedding", *(f"lexicon {f}" for f in LEXICON_FEATURES)],
            "substance": self.substance.to_json(),
            "training": self.training,
            "warmth": self.warmth.to_json(),
        }
        return json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def _round(value: float) -> float:
    return float(f"{value:.8g}")


def heads_path() -> Path:
    return Path(str(resources.files("rhetoric.scoring.heads") / HEADS_FILE))


@cache
def load_heads(path: Path | None = None) -> Heads:
    """The shipped heads (or those at `path`)."""
    path = path or heads_path()
    try:
        raw = path.read_bytes()
        data = json.loads(raw)
        return Heads(
            warmth=Head.from_json(data["warmth"]),
            substance=Head.from_json(data["substance"]),
            encoder=data["encoder"],
            training=data["training"],
            digest=hashlib.sha256(raw).hexdigest(),
        )
    except (OSError, ValueError, KeyError) as error:
        raise RhetoricError(
            f"the learned scorer's heads could not be read ({error}); rebuild them with `rhetoric train`",
            file=str(path),
        ) from None


def features(embeddings: np.ndarray, lexicon: np.ndarray) -> np.ndarray:
    """The heads' input: embeddings beside the lexicon's sentiment, warmth and substance (n x 3)."""
    return np.hstack([embeddings.astype(np.float64), lexicon.astype(np.float64)])


def predict(heads: Heads, feats: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(warmth in -1..1, substance in 0..1), rounded to 4 places like the lexicon's scores."""
    pw = heads.warmth.probabilities(feats)
    warmth = pw[:, WARMTH_CLASSES.index("warm")] - pw[:, WARMTH_CLASSES.index("cold")]
    substance = heads.substance.probabilities(feats)[:, 1]
    return np.round(warmth, 4), np.round(substance, 4)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_MEMORY: dict[tuple[str, str], tuple[float, float]] = {}  # (digest, model version) -> (warmth, substance)
_MEMORY_LIMIT = 500_000  # entries (about 100 MB); past it the process forgets and the store remembers
_SHIPPED_IN_MEMORY: set[str] = set()  # models whose shipped scores _MEMORY holds


@dataclass
class LearnedScorer:
    """The lexicon scorer (for its scores and as features) plus the encoder and heads."""

    lexicon: lexicon_scoring.Scorer
    heads: Heads
    encoder_factory: Callable[[], Encoder]
    cache: ScoreCache | None = None
    _encoder: Encoder | None = field(default=None, init=False, repr=False)

    @property
    def version(self) -> str:
        # The lexicon is a feature: a user's lexicon makes another model.
        return self.heads.version + (
            "" if self.lexicon.digest == _packaged_digest() else f" + lexicon {self.lexicon.digest[:8]}"
        )

    @property
    def encoder(self) -> Encoder:
        if self._encoder is None:
            self._encoder = self.encoder_factory()
        return self._encoder

    def score_texts(
        self, texts: list[str], *, progress: Progress | None = None, workers: int | None = None
    ) -> list[tuple[float, float, float, float, float]]:
        """(sentiment, warmth, substance, lexicon warmth, lexicon substance) for each text, in order."""
        lexicon = lexicon_scoring.score_texts(texts, self.lexicon, workers=workers)
        learned = self.learned(texts, [(r[0], r[1], r[2]) for r in lexicon], progress=progress)
        return [(lx[0], lw, ls, lx[1], lx[2]) for lx, (lw, ls) in zip(lexicon, learned)]

    def learned(
        self, texts: list[str], lexicon: list[tuple[float, float, float]], *, progress: Progress | None = None
    ) -> list[tuple[float, float]]:
        """Learned (warmth, substance) of texts whose lexicon scores are given; each text encoded at most once."""
        model = self.version
        if len(_MEMORY) > _MEMORY_LIMIT:
            _MEMORY.clear()
            _SHIPPED_IN_MEMORY.clear()
        if model not in _SHIPPED_IN_MEMORY:  # the bundled quotes' shipped scores, merged once per model
            _MEMORY.update(_shipped(model))
            _SHIPPED_IN_MEMORY.add(model)
        keys = [digest(t) for t in texts]
        found = {k: _MEMORY[(k, model)] for k in set(keys) if (k, model) in _MEMORY}
        missing = [k for k in dict.fromkeys(keys) if k not in found]
        if missing and self.cache is not None:
            stored = self.cache.get_scores(missing, model)
            found.update(stored)
            _MEMORY.update({(k, model): v for k, v in stored.items()})
            missing = [k for k in missing if k not in stored]
        if missing:
            first = {k: i for i, k in reversed(list(enumerate(keys)))}
            index = [first[k] for k in missing]
            embeddings = self.encoder.encode([texts[i] for i in index], progress=progress)
            warmth, substance = predict(self.heads, features(embeddings, np.asarray([lexicon[i] for i in index])))
            new = {k: (float(w), float(u)) for k, w, u in zip(missing, warmth, substance)}
            found.update(new)
            _MEMORY.update({(k, model): v for k, v in new.items()})
            if self.cache is not None:
                self.cache.put_scores(new, model)
        elif progress:
            progress(len(texts), len(texts))
        return [found[k] for k in keys]


@cache
def _shipped(model: str) -> dict[tuple[str, str], tuple[float, float]]:
    """The learned scores shipped for the bundled quotes, when they were made by this very model."""
    path = Path(str(resources.files("rhetoric.scoring.heads") / SHIPPED_SCORES))
    if not path.is_file():
        return {}
    frame = pl.read_parquet(path).filter(pl.col("model") == model)
    return {(d, model): (w, u) for d, w, u in frame.select("digest", "warmth", "substance").iter_rows()}


def shipped_scores(scorer: LearnedScorer, texts: list[str]) -> pl.DataFrame:
    """The rows of the shipped scores file for these texts, as this scorer scores them."""
    unique = list(dict.fromkeys(texts))
    rows = scorer.learned(unique, lexicon_scoring.score_texts(unique, scorer.lexicon))
    return pl.DataFrame(
        {
            "digest": [digest(t) for t in unique],
            "model": [scorer.version] * len(unique),
            "warmth": [r[0] for r in rows],
            "substance": [r[1] for r in rows],
        }
    ).sort("digest")


@cache
@cache
def _packaged_digest() -> str:
    # The packaged lexicon does not change while a process runs: digest it once, not on every `version`.
    return lexicon_scoring.build_scorer().digest


def score(
    frame: pl.DataFrame, scorer: LearnedScorer, *, progress: Progress | None = None, workers: int | None = None
) -> pl.DataFrame:
    """The frame with sentiment, learned warmth and substance, and the lexicon's own warmth and substance."""
    unique = frame.select(pl.col(s.QUOTE).drop_nulls().unique(maintain_order=True)).to_series().to_list()
    rows = scorer.score_texts(unique, progress=progress, workers=workers)
    columns = (s.SENTIMENT, s.WARMTH, s.SUBSTANCE, s.WARMTH_LEXICON, s.SUBSTANCE_LEXICON)
    scores = pl.DataFrame(
        {s.QUOTE: unique, **{c: [r[i] for r in rows] for i, c in enumerate(columns)}},
        schema={s.QUOTE: pl.String, **s.SCORE_SCHEMA, **s.LEXICON_SCORE_SCHEMA},
    )
    base = frame.drop([c for c in (*s.SCORE_SCHEMA, *s.LEXICON_SCORE_SCHEMA) if c in frame.columns])
    return base.join(scores, on=s.QUOTE, how="left", maintain_order="left")


def word_effects(text: str, scorer: LearnedScorer) -> pl.DataFrame:
    """Which words moved the learned scores: each word left out in turn and the quote scored again.

    One row per word: term, and the change in warmth and substance when it is left out, with the sign
    turned so that a positive number means the word made the quote warmer (more substantive). The effects
    of words are not additive: they need not add up to the score.
    """
    words = text.split()
    if not words:
        return pl.DataFrame(schema={s.TERM: pl.String, "warmth_effect": pl.Float64, "substance_effect": pl.Float64})
    variants = [text, *(" ".join(words[:i] + words[i + 1 :]) for i in range(len(words)))]
    lexicon = lexicon_scoring.score_texts(variants, scorer.lexicon)
    embeddings = scorer.encoder.encode(variants)
    warmth, substance = predict(scorer.heads, features(embeddings, np.asarray(lexicon)))
    return pl.DataFrame(
        {
            s.TERM: [w.strip(".,;:!?\"'“”‘’()") or w for w in words],
            "warmth_effect": np.round(warmth[0] - warmth[1:], 4),
            "substance_effect": np.round(substance[0] - substance[1:], 4),
        }
    )

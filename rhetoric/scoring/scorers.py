"""The two scorers behind one call: learned (the default) and lexicon (the fast path for very large corpora).

Both give a frame the same columns: sentiment (plain VADER), warmth and substance (the chosen scorer's),
warmth_lexicon and substance_lexicon (the lexicon's own, whose words explain them), and `scorer`, which
names the scorer and model version that made the scores, so every export and report says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from rhetoric import schema as s
from rhetoric.errors import RhetoricError
from rhetoric.scoring import learned
from rhetoric.scoring import score as lexicon_scoring

LEARNED, LEXICON = "learned", "lexicon"
KINDS = (LEARNED, LEXICON)
Progress = Callable[[int, int], None]


@dataclass
class Scoring:
    """A scorer chosen by kind, with the lexicon (the packaged one plus a user's terms) it reads."""

    kind: str
    lexicon: lexicon_scoring.Scorer
    learned: learned.LearnedScorer | None = None

    @property
    def version(self) -> str:
        if self.learned is not None:
            return self.learned.version
        return f"lexicon {self.lexicon.digest[:12]}"

    def score(
        self, frame: pl.DataFrame, *, progress: Progress | None = None, workers: int | None = None
    ) -> pl.DataFrame:
        """Sentiment, warmth, substance, the lexicon's own warmth and substance, and the scorer's name.

        `workers` is for the lexicon's pass (1 in a threaded server, where forking is unsafe)."""
        if self.learned is not None:
            scored = learned.score(frame, self.learned, progress=progress, workers=workers)
        else:
            scored = lexicon_scoring.score(frame, self.lexicon, progress=progress, workers=workers)
            scored = scored.with_columns(
                pl.col(s.WARMTH).alias(s.WARMTH_LEXICON), pl.col(s.SUBSTANCE).alias(s.SUBSTANCE_LEXICON)
            )
        return scored.with_columns(pl.lit(self.version).alias(s.SCORER))

    def score_and_explain(
        self, frame: pl.DataFrame, *, progress: Progress | None = None, workers: int | None = None
    ) -> tuple[pl.DataFrame, pl.DataFrame]:
        """`score`, plus `warmth_terms` and `substance_terms` and the full explanations, both of the lexicon's scores."""
        scored = self.score(frame, progress=progress, workers=workers)
        explanations = lexicon_scoring.explain(scored, self.lexicon)  # explain reads the quotes, not the scores
        return lexicon_scoring.with_terms(scored, explanations), explanations


def build(
    kind: str = LEARNED, user_lexicon: pl.DataFrame | None = None, *, cache: learned.ScoreCache | None = None
) -> Scoring:
    """The scorer of that kind for the packaged lexicon plus a user's terms; the encoder loads on first use."""
    if kind not in KINDS:
        raise RhetoricError(f"there is no scorer {kind!r}: choose {' or '.join(KINDS)}")
    lexicon = lexicon_scoring.build_scorer(user_lexicon)
    if kind == LEXICON:
        return Scoring(kind, lexicon)
    from rhetoric.scoring import encoder  # onnxruntime and tokenizers load only when the learned scorer is used

    return Scoring(kind, lexicon, learned.LearnedScorer(lexicon, learned.load_heads(), encoder.default_encoder, cache))

"""Bench: full scoring (sentiment, warmth, substance; explanations off) against a plain VADER pass.

Both run in this process on the same distinct quotes of 10–40 words, built from the words of the bundled
quotes. The baseline is the loop a user would write: `polarity_scores(text)["compound"]`.

    python bench/score_bench.py [--quotes N] [--workers W]            # the lexicon scorer (100,000 quotes)
    python bench/score_bench.py --scorer learned [--quotes N]         # the learned scorer (10,000 quotes)

Targets: lexicon <= 1.0x plain VADER and < 1 GB; learned <= 100x plain VADER and < 1.5 GB (issue #15),
the encoder's load included (its ONNX graph already built: the first load on a machine adds about 5 s).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from rhetoric.io import bundled
from rhetoric.scoring import score, scorers


def make_quotes(n: int, seed: int = 2019) -> list[str]:
    """n distinct quotes of 10–40 words, drawn from the bundled quotes' own words and punctuation."""
    words = [w for q in bundled.quotes()["quote"] for w in q.split()]
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < n:
        text = " ".join(rng.choice(words) for _ in range(rng.randint(10, 40)))
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out


def peak_mb() -> float:
    """Peak resident memory of this process and its finished children, in MB (Linux reports KB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=None, help="default: 100,000 (lexicon) or 10,000 (learned)")
    parser.add_argument("--workers", type=int, default=None, help="default: every core")
    parser.add_argument("--scorer", choices=("lexicon", "learned"), default="lexicon")
    args = parser.parse_args()
    if args.quotes is None:
        args.quotes = 100_000 if args.scorer == "lexicon" else 10_000

    quotes = make_quotes(args.quotes)
    words = sum(len(q.split()) for q in quotes) / len(quotes)
    print(f"{len(quotes):,} distinct quotes, {words:.1f} words on average")

    analyzer = SentimentIntensityAnalyzer()
    start = time.perf_counter()
    baseline = [analyzer.polarity_scores(q)["compound"] for q in quotes]
    plain = time.perf_counter() - start
    print(f"plain VADER compound loop: {plain:7.2f} s")

    if args.scorer == "learned":
        start = time.perf_counter()
        learned_scorer = scorers.build(scorers.LEARNED).learned
        assert learned_scorer is not None
        rows = learned_scorer.score_texts(quotes, workers=args.workers)  # nothing cached: every quote is new
        full = time.perf_counter() - start
        results = [(r[0], r[1], r[2]) for r in rows]
        print(f"rhetoric learned, all scores: {full:6.2f} s ({len(quotes) / full:.0f} quotes/s)")
        ratio_target, memory_target = 100.0, 1536
    else:
        scorer = score.build_scorer()
        start = time.perf_counter()
        results = score.score_texts(quotes, scorer, workers=args.workers)
        full = time.perf_counter() - start
        print(f"rhetoric, all three scores: {full:6.2f} s")
        ratio_target, memory_target = 1.0, 1024

    assert [r[0] for r in results] == baseline, "sentiment must equal plain VADER compound"
    ratio = full / plain
    peak = peak_mb()
    met = "met" if ratio <= ratio_target else "NOT met"
    print(f"ratio full / plain: {ratio:.2f} (target <= {ratio_target:.2f}: {met})")
    print(f"peak memory: {peak:.0f} MB (target < {memory_target} MB: {'met' if peak < memory_target else 'NOT met'})")


if __name__ == "__main__":
    main()

"""Bench: full scoring (sentiment, warmth, substance; explanations off) against a plain VADER pass.

Both run in this process on the same 100,000 distinct quotes of 10–40 words, built from the words of
the bundled quotes. The baseline is the loop a user would write: `polarity_scores(text)["compound"]`.
Prints seconds, the ratio (target <= 1.0) and the peak memory of the whole run (target < 1 GB).

    python bench/score_bench.py [--quotes N] [--workers W]
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
from rhetoric.scoring import score


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
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=None, help="default: every core")
    args = parser.parse_args()

    quotes = make_quotes(args.quotes)
    words = sum(len(q.split()) for q in quotes) / len(quotes)
    print(f"{len(quotes):,} distinct quotes, {words:.1f} words on average")

    analyzer = SentimentIntensityAnalyzer()
    start = time.perf_counter()
    baseline = [analyzer.polarity_scores(q)["compound"] for q in quotes]
    plain = time.perf_counter() - start
    print(f"plain VADER compound loop: {plain:7.2f} s")

    scorer = score.build_scorer()
    start = time.perf_counter()
    results = score.score_texts(quotes, scorer, workers=args.workers)
    full = time.perf_counter() - start
    print(f"rhetoric, all three scores: {full:6.2f} s")

    assert [r[0] for r in results] == baseline, "sentiment must equal plain VADER compound"
    ratio = full / plain
    peak = peak_mb()
    print(f"ratio full / plain: {ratio:.2f} (target <= 1.00: {'met' if ratio <= 1.0 else 'NOT met'})")
    print(f"peak memory: {peak:.0f} MB (target < 1024 MB: {'met' if peak < 1024 else 'NOT met'})")


if __name__ == "__main__":
    main()

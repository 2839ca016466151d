"""Scoring many texts on every core: chunks of texts go to worker processes, results come back in order."""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rhetoric.score import Scorer

_WORKER_SCORER: Scorer | None = None


def _score_chunk(texts: list[str], scorer: Scorer | None = None) -> list[tuple[float, float, float]]:
    scorer = scorer or _WORKER_SCORER
    analyse = scorer.analyse
    return [analyse(t)[:3] for t in texts]


def _init(scorer: Scorer) -> None:
    global _WORKER_SCORER
    _WORKER_SCORER = scorer


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def map_chunks(
    scorer: Scorer,
    texts: list[str],
    *,
    workers: int | None,
    progress: Callable[[int, int], None] | None,
    min_parallel: int,
    chunk: int,
) -> list[tuple[float, float, float]]:
    """Score texts in chunks, in worker processes when there are enough of them; order is kept."""
    total = len(texts)
    workers = default_workers() if workers is None else workers
    chunks = [texts[i : i + chunk] for i in range(0, total, chunk)]
    results: list[tuple[float, float, float]] = []
    done = 0
    if progress:
        progress(0, total)
    # fork shares the built scorer with the workers for free; without fork, stay serial.
    if workers > 1 and total >= min_parallel and "fork" in mp.get_all_start_methods():
        ctx = mp.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init, initargs=(scorer,)) as pool:
            for part in pool.map(_score_chunk, chunks):
                results.extend(part)
                done += len(part)
                if progress:
                    progress(done, total)
        return results
    for part_texts in chunks:
        results.extend(_score_chunk(part_texts, scorer))
        done += len(part_texts)
        if progress:
            progress(done, total)
    return results

"""Running one function over many texts on every core: chunks go to forked worker processes, results come back in order.

It knows nothing of scoring: the caller passes the work (`fn(state, texts)`) and the state it needs, which
fork shares with the workers for free.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

R = TypeVar("R")
ChunkFn = Callable[[Any, list[str]], list[R]]

_WORKER: tuple[ChunkFn, Any] | None = None


def _init(fn: ChunkFn, state: Any) -> None:
    global _WORKER
    _WORKER = (fn, state)


def _run(texts: list[str]) -> list[Any]:
    assert _WORKER is not None  # set by _init in every worker
    fn, state = _WORKER
    return fn(state, texts)


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def map_chunks(
    fn: ChunkFn[R],
    state: Any,
    texts: list[str],
    *,
    workers: int | None,
    progress: Callable[[int, int], None] | None,
    min_parallel: int,
    chunk: int,
) -> list[R]:
    """`fn(state, chunk)` over chunks of the texts, in worker processes when there are enough; order is kept."""
    total = len(texts)
    workers = default_workers() if workers is None else workers
    chunks = [texts[i : i + chunk] for i in range(0, total, chunk)]
    results: list[R] = []
    done = 0
    if progress:
        progress(0, total)
    # fork shares the state with the workers for free; without fork, stay serial.
    if workers > 1 and total >= min_parallel and "fork" in mp.get_all_start_methods():
        ctx = mp.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init, initargs=(fn, state)) as pool:
            for part in pool.map(_run, chunks):
                results.extend(part)
                done += len(part)
                if progress:
                    progress(done, total)
        return results
    for part_texts in chunks:
        results.extend(fn(state, part_texts))
        done += len(part_texts)
        if progress:
            progress(done, total)
    return results

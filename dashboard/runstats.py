"""The CPU time of each script run, for the load bench: with RHETORIC_RUN_STATS set to a file, every run of a
view appends its script thread's CPU seconds there (one line, "<seconds> <view>"). Unset, it does nothing."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

ENV = "RHETORIC_RUN_STATS"


@contextmanager
def timed(view: str) -> Iterator[None]:
    path = os.environ.get(ENV)
    if not path:
        yield
        return
    started = time.thread_time()  # this thread only: the script's own work, not other readers'
    try:
        yield
    finally:
        line = f"{time.thread_time() - started:.6f} {view or 'main'}\n"
        with open(path, "a", encoding="utf-8") as out:  # one short append: whole lines even from many threads
            out.write(line)

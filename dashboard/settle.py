"""After a view's first run in a process, move everything loaded so far out of the garbage collector's way.

A served replica holds a large, long-lived heap: Streamlit, plotly's validators, the bundled data, the per-process
caches of frames and figures. Python's full collection walks all of it. Under bench/load.py's readers a replica
ran a full collection about once every 100 sessions, each 80–95 ms, and every reader on that replica waited
through it. `gc.freeze()` after a view's first run puts what that run loaded into the permanent generation, which
no collection walks: the full collections then took at most 15 ms (0.04 s in all over 300 sessions, was 0.27 s).
Reference counting still frees those objects as before; only cyclic garbage made before a freeze is kept.

It runs in production only, where deploy/production.toml switches Streamlit's collection after every run off
(`runner.postScriptGC = false`); in development Streamlit still collects after each run and nothing is frozen.
"""

from __future__ import annotations

import gc
import threading

import streamlit as st

_settled: set[str] = set()  # the views whose first run this process has settled after
_lock = threading.Lock()


def after_run(view: str) -> bool:
    """Collect, then freeze, once per view and process when serving; True when it did."""
    if view in _settled or st.get_option("runner.postScriptGC"):
        return False
    with _lock:
        if view in _settled:
            return False
        _settled.add(view)
        gc.collect()
        gc.freeze()
        return True

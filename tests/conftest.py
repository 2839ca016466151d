"""Shared fixtures: small frames named for their content, and a clean Streamlit cache per test."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import polars as pl
import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rhetoric import schema as s  # noqa: E402  (the path must be set first

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _clear_streamlit_cache():
    """Streamlit's caches outlive one AppTest; every test starts with empty ones."""
    yield
    if "streamlit" in sys.modules:
        import streamlit as st

        st.cache_data.clear()
        st.cache_resource.clear()


@pytest.fixture
def two_speaker_quotes() -> pl.DataFrame:
    """Four scored quotes by two speakers over three months."""
    return s.conform(
        pl.DataFrame(
            {
                s.ID: ["a", "b", "c", "d"],
                s.DATE: [dt.date(2018, 1, 1), dt.date(2018, 1, 1), dt.date(2018, 2, 1), dt.date(2018, 4, 1)],
                s.SPEAKER: ["Trump", "Kim", "Trump", "Kim"],
                s.TARGET: ["Kim", "Trump", "Kim", "Trump"],
                s.PAIR: ["Trump–Kim"] * 4,
                s.QUOTE: ["one", "two", "three", "four"],
                s.SOURCE: ["https://example.org/1"] * 4,
                s.WARMTH: [0.5, -0.5, 0.25, 1.0],
                s.SUBSTANCE: [0.0, 0.5, 1.0, 0.5],
                s.SENTIMENT: [0.1, 0.2, 0.3, 0.4],
            }
        ),
        s.SCORED_QUOTE_SCHEMA,
    )


@pytest.fixture
def three_events() -> pl.DataFrame:
    """Three outcome events of one pair: +4, -2, +7 (the last one key)."""
    return s.conform(
        pl.DataFrame(
            {
                s.ID: ["e1", "e2", "e3"],
                s.DATE: [dt.date(2018, 1, 15), dt.date(2018, 3, 1), dt.date(2018, 6, 12)],
                s.EVENT: ["Talks", "Test", "Summit"],
                s.PROGRESS: [4.0, -2.0, 7.0],
                s.PAIR: ["Trump–Kim"] * 3,
                s.SOURCE: ["https://example.org/e"] * 3,
                s.KEY: [False, False, True],
            }
        ),
        s.OUTCOME_SCHEMA,
    )

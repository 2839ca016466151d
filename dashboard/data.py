"""Which data the views show, loaded and scored once per content digest."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
import streamlit as st

from rhetoric import bundled, score
from rhetoric import outcomes as oc


@dataclass(frozen=True)
class Dataset:
    """Scored quotes, their explanations and the outcome events, as every view uses them."""

    quotes: pl.DataFrame
    explanations: pl.DataFrame
    outcomes: pl.DataFrame
    label: str


# Keyed on a digest of the files, not on frames: st.cache_data hashes large frames from a sample.
@st.cache_data(show_spinner="Scoring the bundled quotes…", max_entries=4)
def _bundled(digest: str) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    quotes, explanations = score.score_and_explain(bundled.quotes())
    return quotes, explanations, bundled.outcomes()


def current() -> Dataset:
    """The data the reader has chosen: for now the bundled data."""
    quotes, explanations, outcomes = _bundled(bundled.digest())
    return Dataset(quotes, explanations, outcomes, "bundled data")


def progress_series(outcomes: pl.DataFrame) -> pl.DataFrame:
    """Cumulative progress per pair (cheap; not cached)."""
    return oc.cumulative_progress(outcomes)

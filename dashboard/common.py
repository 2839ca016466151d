"""What every view starts with: the chosen data, the shared filters, and the filtered frames."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from dashboard import data, sidebar
from rhetoric import analysis
from rhetoric.analysis import Filters


@dataclass(frozen=True)
class ViewData:
    """The dataset, the reader's filters and the quotes and events they select."""

    dataset: data.Dataset
    filters: Filters
    quotes: pl.DataFrame
    events: pl.DataFrame
    speakers: list[str]


def filtered() -> ViewData:
    """Draw the shared sidebar filters and apply them to the chosen data."""
    dataset = data.current()
    chosen = sidebar.filters(dataset)
    return ViewData(
        dataset,
        chosen,
        analysis.filter_quotes(dataset.quotes, chosen),
        analysis.filter_outcomes(dataset.outcomes, chosen),
        analysis.speakers_by_count(dataset.quotes),
    )

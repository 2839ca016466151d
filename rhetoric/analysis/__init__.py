"""Analysis of scored quotes against outcomes: filters, rolling warmth, progress, moments, lead and lag, word shift.

The frame functions of `filters` and `rolling` are named here too, so that `analysis.filter_quotes(...)` reads as one idea.
"""

from rhetoric.analysis.filters import (
    Filters,
    date_span,
    filter_outcomes,
    filter_quotes,
    pairs,
    search_quotes,
    speakers_by_count,
    variant_count,
    within,
)
from rhetoric.analysis.rolling import (
    DEFAULT_WINDOW_DAYS,
    Headline,
    headline,
    pair_summary,
    rolling_warmth,
    warmth_by_period,
)

__all__ = [
    "DEFAULT_WINDOW_DAYS",
    "Filters",
    "Headline",
    "date_span",
    "filter_outcomes",
    "filter_quotes",
    "headline",
    "pair_summary",
    "pairs",
    "rolling_warmth",
    "search_quotes",
    "speakers_by_count",
    "variant_count",
    "warmth_by_period",
    "within",
]

"""Pure plotly figure builders: frames in, a go.Figure out; no I/O, nothing shown."""

from rhetoric.figures.compare import fitted_range, lag_chart, moments_chart, pairs_chart, word_shift_chart
from rhetoric.figures.quotes import (
    JITTER,
    MIN_SPAN_DAYS,
    NO_EVENTS,
    PROGRESS_AXIS,
    QUOTE_ID_INDEX,
    SUBSTANCE_MIDLINE,
    UPLOAD_NOTE,
    WARMTH_AXIS,
    rapport_timeline,
    rhetoric_map,
    safe_text,
)
from rhetoric.figures.speakers import speakers_over_time

__all__ = [
    "JITTER",
    "MIN_SPAN_DAYS",
    "NO_EVENTS",
    "PROGRESS_AXIS",
    "QUOTE_ID_INDEX",
    "SUBSTANCE_MIDLINE",
    "UPLOAD_NOTE",
    "WARMTH_AXIS",
    "fitted_range",
    "lag_chart",
    "moments_chart",
    "pairs_chart",
    "rapport_timeline",
    "rhetoric_map",
    "safe_text",
    "speakers_over_time",
    "word_shift_chart",
]

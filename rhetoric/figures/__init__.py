"""Pure plotly figure builders: frames in, a go.Figure out; no I/O, nothing shown."""

from rhetoric.figures.compare import lag_chart, moments_chart, pairs_chart, word_shift_chart
from rhetoric.figures.quotes import (
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
    speakers_over_time,
)

__all__ = [
    "MIN_SPAN_DAYS",
    "NO_EVENTS",
    "PROGRESS_AXIS",
    "QUOTE_ID_INDEX",
    "SUBSTANCE_MIDLINE",
    "UPLOAD_NOTE",
    "WARMTH_AXIS",
    "lag_chart",
    "moments_chart",
    "pairs_chart",
    "rapport_timeline",
    "rhetoric_map",
    "safe_text",
    "speakers_over_time",
    "word_shift_chart",
]

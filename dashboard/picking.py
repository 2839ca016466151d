"""Choosing one quote: from a click on a chart point or from a select box."""

from __future__ import annotations

import polars as pl
import streamlit as st

from rhetoric import schema as s
from rhetoric.figures import QUOTE_ID_INDEX as ID_INDEX


def clicked_id(event) -> str | None:
    """The quote id of the first clicked quote marker in a plotly selection event, if any."""
    try:
        points = event.selection.points
    except AttributeError:
        return None
    for point in points or []:
        custom = point.get("customdata") if isinstance(point, dict) else None
        if isinstance(custom, (list, tuple)) and len(custom) > ID_INDEX:
            return str(custom[ID_INDEX])
    return None


def options(quotes: pl.DataFrame) -> dict[str, str]:
    """The select box's choices, in date order: quote id -> "date · speaker: the quote's first 70 characters"
    (built with polars expressions; a view caches it per dataset and filters)."""
    text = pl.col(s.QUOTE).cast(pl.String).fill_null("")
    short = pl.when(text.str.len_chars() <= 70).then(text).otherwise(text.str.slice(0, 67) + "…")
    labelled = quotes.sort(s.DATE).select(
        s.ID, pl.format("{} · {}: {}", pl.col(s.DATE), pl.col(s.SPEAKER), short).alias("label")
    )
    return dict(zip(labelled[s.ID].to_list(), labelled["label"].to_list()))


def choose(quotes: pl.DataFrame, clicked: str | None, key: str, labels: dict[str, str] | None = None) -> dict | None:
    """A select box of the quotes (`labels` from options(quotes), if the caller has them), preset to a clicked
    one; returns the chosen row."""
    labels = options(quotes) if labels is None else labels
    if clicked in labels:
        st.session_state[key] = clicked
    elif st.session_state.get(key) not in labels:
        st.session_state.pop(key, None)
    chosen = st.selectbox(
        "Look at one quote (or click a dot in the chart)",
        list(labels),
        index=None,
        format_func=labels.__getitem__,
        key=key,
        placeholder="Choose a quote…",
    )
    if chosen is None:
        return None
    found = quotes.filter(pl.col(s.ID) == chosen)
    return found.row(0, named=True) if found.height else None

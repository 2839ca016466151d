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


def label(row: dict) -> str:
    text = str(row[s.QUOTE])
    short = text if len(text) <= 70 else text[:67] + "…"
    return f"{row[s.DATE]} · {row[s.SPEAKER]}: {short}"


def choose(quotes: pl.DataFrame, clicked: str | None, key: str) -> dict | None:
    """A select box of the quotes, preset to a clicked one; returns the chosen row."""
    rows = {r[s.ID]: r for r in quotes.sort(s.DATE).iter_rows(named=True)}
    if clicked in rows:
        st.session_state[key] = clicked
    elif st.session_state.get(key) not in rows:
        st.session_state.pop(key, None)
    chosen = st.selectbox(
        "Look at one quote (or click a dot in the chart)",
        list(rows),
        index=None,
        format_func=lambda i: label(rows[i]),
        key=key,
        placeholder="Choose a quote…",
    )
    return rows.get(chosen)

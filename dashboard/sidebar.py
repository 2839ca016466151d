"""The filters every view shares, laid out in the sidebar."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from rhetoric import analysis
from rhetoric.analysis import Filters
from dashboard.data import Dataset


def filters(data: Dataset) -> Filters:
    """Draw the shared filters and return what they select."""
    st.sidebar.header("Filters")
    pairs = analysis.pairs(data.quotes, data.outcomes)
    chosen_pairs: tuple[str, ...] = ()
    if len(pairs) > 1:
        picked = st.sidebar.multiselect("Leader pair", pairs, key="pair", placeholder="All pairs")
        chosen_pairs = analysis.within(picked, pairs)
    speakers = analysis.speakers_by_count(data.quotes)
    picked = st.sidebar.multiselect(
        "Speakers", speakers, key="speaker", placeholder="All speakers", help="Leave empty to show everyone."
    )
    span = analysis.date_span(data.quotes, data.outcomes)
    start = end = None
    if span:
        value = st.sidebar.date_input(
            "Date range", value=span, min_value=span[0], max_value=span[1], key="dates", format="YYYY-MM-DD"
        )
        start, end = _range(value, span)
    return Filters(speakers=analysis.within(picked, speakers), start=start, end=end, pairs=chosen_pairs)


def _range(value: object, span: tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date]:
    # While the reader is picking, date_input returns a one-element tuple: keep the open end.
    if isinstance(value, (tuple, list)):
        start = value[0] if len(value) > 0 else span[0]
        end = value[1] if len(value) > 1 else span[1]
        return start, end
    return span

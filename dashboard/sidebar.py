"""The filters every view shares, laid out in the sidebar, kept in the URL and across views."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard import data, urlstate
from dashboard.data import Dataset
from rhetoric import analysis
from rhetoric.analysis import Filters

# Bound widgets keep their value in the URL (so a copied link restores it) and across view switches.
BOUND = {"bind": "query-params", "persist_state": "session"}


def source() -> None:
    """Which data to show: a shared dataset's id and the choice of bundled, own or both (in the URL)."""
    data.check_shared()
    own = data.has_own_data() or bool(st.query_params.get(data.SHARED))
    with st.sidebar.expander("Data shown", expanded=own):
        st.text_input(
            "Shared dataset id",
            key=data.SHARED,
            help="A dataset saved with “Save and share” on the Data page; links carry it as ?dataset=…",
            **BOUND,
        )
        options = list(data.MODES)
        st.radio("Show", options, index=options.index(data.BOTH), format_func=data.MODES.get, key="data", **BOUND)
        if not data.has_own_data():
            st.caption("Upload a file on the Data page, or open a shared link, to show your own data.")


def filters(dataset: Dataset) -> Filters:
    """Draw the shared filters and return what they select."""
    st.sidebar.header("Filters")
    pairs = analysis.pairs(dataset.quotes, dataset.outcomes)
    speakers = analysis.speakers_by_count(dataset.quotes)
    span = analysis.date_span(dataset.quotes, dataset.outcomes)
    urlstate.check_list("pair", pairs, "leader pair")
    urlstate.check_list("speaker", speakers, "speaker")
    if span:
        _reset_dates_when_data_changes(span)
        urlstate.check_date("from", span)
        urlstate.check_date("to", span)

    chosen_pairs: tuple[str, ...] = ()
    if len(pairs) > 1:
        picked = st.sidebar.multiselect("Leader pair", pairs, key="pair", placeholder="All pairs", **BOUND)
        chosen_pairs = analysis.within(picked, pairs)
    picked = st.sidebar.multiselect(
        "Speakers", speakers, key="speaker", placeholder="All speakers", help="Leave empty to show everyone.", **BOUND
    )
    start = end = None
    if span:
        start = st.sidebar.date_input(
            "From", value=span[0], min_value=span[0], max_value=span[1], key="from", format="YYYY-MM-DD", **BOUND
        )
        end = st.sidebar.date_input(
            "To", value=span[1], min_value=span[0], max_value=span[1], key="to", format="YYYY-MM-DD", **BOUND
        )
        start, end = _ordered(start, end)
    urlstate.show_notices()
    return Filters(speakers=analysis.within(picked, speakers), start=start, end=end, pairs=chosen_pairs)


def _reset_dates_when_data_changes(span: tuple[dt.date, dt.date]) -> None:
    # A range picked on other data (say the bundled set) would silently narrow a new upload.
    previous = st.session_state.get("_span")
    if previous is not None and previous != span:
        for key in ("from", "to"):
            st.session_state.pop(key, None)
            st.query_params.pop(key, None)
    st.session_state["_span"] = span


def _ordered(start: dt.date | None, end: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    # A reader may set "from" after "to": read that as the same range rather than as nothing.
    if start and end and start > end:
        st.sidebar.caption("“From” is after “To”; showing the range between them.")
        return end, start
    return start, end

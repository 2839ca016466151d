"""The filters every view shares, laid out in the sidebar and kept in the URL."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard import data, memo, urlstate
from dashboard.data import Dataset
from rhetoric import analysis
from rhetoric.analysis import Filters


def source() -> None:
    """Which data to show: a shared dataset's id and the choice of bundled, own or both (in the URL)."""
    data.check_shared()
    urlstate.restore(data.SHARED, urlstate.as_text, "")
    urlstate.restore("data", urlstate.as_choice(list(data.MODES), "data"), data.BOTH)
    own = data.has_own_data()
    with st.sidebar.expander("Data shown", expanded=own):
        st.text_input(
            "Shared dataset id",
            key=data.SHARED,
            help="A dataset saved with “Save and share” on the Data page; links carry it as ?dataset=…",
        )
        st.radio("Show", list(data.MODES), format_func=data.MODES.get, key="data")
        if not own:
            st.caption("Upload a file on the Data page, or open a shared link, to show your own data.")
    urlstate.publish(data.SHARED, "")
    urlstate.publish("data", data.BOTH)


def filters(dataset: Dataset) -> Filters:
    """Draw the shared filters and return what they select."""
    st.sidebar.header("Filters")
    pairs, speakers, span = _statistics(dataset)

    chosen_pairs: tuple[str, ...] = ()
    if len(pairs) > 1:
        urlstate.restore("pair", urlstate.as_list(pairs, "leader pair"), [], repeated=True)
        picked = st.sidebar.multiselect("Leader pair", pairs, key="pair", placeholder="All pairs")
        chosen_pairs = analysis.within(picked, pairs)
        urlstate.publish("pair", [])
    urlstate.restore("speaker", urlstate.as_list(speakers, "speaker"), [], repeated=True)
    picked = st.sidebar.multiselect(
        "Speakers", speakers, key="speaker", placeholder="All speakers", help="Leave empty to show everyone."
    )
    urlstate.publish("speaker", [])
    start = end = None
    if span:
        _reset_dates_when_data_changes(span)
        urlstate.restore("from", urlstate.as_date(span, "from"), span[0])
        urlstate.restore("to", urlstate.as_date(span, "to"), span[1])
        for key in ("from", "to"):  # a kept date from other data may lie outside this data
            st.session_state[key] = min(max(st.session_state[key], span[0]), span[1])
        start = st.sidebar.date_input("From", min_value=span[0], max_value=span[1], key="from", format="YYYY-MM-DD")
        end = st.sidebar.date_input("To", min_value=span[0], max_value=span[1], key="to", format="YYYY-MM-DD")
        urlstate.publish("from", span[0])
        urlstate.publish("to", span[1])
        start, end = _ordered(start, end)
    primary, variants = _provenance(dataset)
    urlstate.show_notices()
    return Filters(
        speakers=analysis.within(picked, speakers),
        start=start,
        end=end,
        pairs=chosen_pairs,
        variants=variants,
        primary_only=primary,
    )


def _provenance(dataset: Dataset) -> tuple[bool, bool]:
    """Primary sources only, and whether each outlet's wording of a remark counts (off: one row per remark)."""
    urlstate.restore("primary", urlstate.as_flag("primary"), False)
    primary = st.sidebar.toggle(
        "Primary sources only",
        key="primary",
        help="Only quotes and outcome events whose source is an official transcript or statement.",
    )
    urlstate.publish("primary", False)
    urlstate.restore("variants", urlstate.as_flag("variants"), False)
    variants = st.sidebar.toggle(
        "Count each outlet's wording",
        key="variants",
        help="Some remarks were reported in different words by different outlets; such rows name their "
        "original in variant_of. Off, each remark counts once.",
    )
    urlstate.publish("variants", False)
    folded = memo.keyed(dataset.key, ("variant count",), lambda: analysis.variant_count(dataset.quotes))
    if folded and not variants:
        st.sidebar.caption(
            f"Counts and means use one row per remark: {folded} other outlets' wordings are folded into the "
            "remark they report."
        )
    return primary, variants


def _reset_dates_when_data_changes(span: tuple[dt.date, dt.date]) -> None:
    # A range picked on other data (say the bundled set) would silently narrow a new upload.
    previous = st.session_state.get("_span")
    if previous is not None and previous != span:
        urlstate.forget("from", "to")
    st.session_state["_span"] = span


def _ordered(start: dt.date | None, end: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    # A reader may set "from" after "to": read that as the same range rather than as nothing.
    if start and end and start > end:
        st.sidebar.caption("“From” is after “To”; showing the range between them.")
        return end, start
    return start, end


def _statistics(dataset: Dataset) -> tuple[list[str], list[str], tuple[dt.date, dt.date] | None]:
    """The filters' choices: pairs, speakers by count and the date span, once per process for each dataset."""

    def build() -> tuple[list[str], list[str], tuple[dt.date, dt.date] | None]:
        return (
            analysis.pairs(dataset.quotes, dataset.outcomes),
            analysis.speakers_by_count(dataset.quotes),
            analysis.date_span(dataset.quotes, dataset.outcomes),
        )

    return memo.keyed(dataset.key, ("sidebar",), build)

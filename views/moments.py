"""Moments: the warmth of the talk before each summit or key event against the progress that followed."""

import streamlit as st

from dashboard import common, urlstate
from rhetoric import schema as s
from rhetoric.analysis import headlines, moments
from rhetoric.figures import compare as figures_compare

urlstate.restore("window", urlstate.as_window(), moments.DEFAULT_WINDOW_DAYS)  # before the notices show
view = common.filtered()
common.title("Moments: did the warm talk deliver?", view)
window = st.slider("Window before and after each moment (days)", 30, 365, step=15, key="window")
urlstate.publish("window", moments.DEFAULT_WINDOW_DAYS)
st.caption(
    f"How to read this: for each summit or key event, the blue bar is the mean warmth of the quotes in the {window} "
    f"days before it; the grey bar is the mean progress of the events from that day to {window} days after, divided "
    "by 10 to share warmth's scale. The red diamond is the rapport gap: above zero, the talk ran warmer than the "
    "delivery."
)
st.markdown(f"**Formula.** {moments.GAP_FORMULA}.")
quotes, events, pair = common.one_pair(view, "summits of one relationship at a time read best", allow_all=True)
table = common.cached(view, "moments", pair, window, build=lambda: moments.moments(quotes, events, window))
if table.is_empty():
    common.empty(
        "No summits or key events fall within these filters: a moment is an outcome event, so widen the dates, "
        "or add an outcomes CSV for these quotes."
    )
else:
    common.headline(common.cached(view, "moments headline", pair, window, build=lambda: headlines.moments(table)))
    overall = common.cached(view, "overall gap", pair, window, build=lambda: moments.overall_gap(table))
    st.metric(
        "Overall rapport gap",
        "–" if overall is None else f"{overall:+.2f}",
        help="The mean gap over moments with quotes before them.",
    )
    st.plotly_chart(
        common.cached(view, "moments chart", pair, window, build=lambda: figures_compare.moments_chart(table)),
        key="moments_chart",
        width="stretch",
    )
    common.table(
        table,
        {
            s.DATE: st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
            s.EVENT: st.column_config.TextColumn("Moment"),
            "rapport_gap": st.column_config.NumberColumn("Rapport gap", format="%+.2f"),
            "warmth_before": st.column_config.NumberColumn("Warmth before", format="%+.2f"),
            "quotes_before": st.column_config.NumberColumn("Quotes before", format="%d"),
            "progress_after": st.column_config.NumberColumn("Mean progress after", format="%+.1f"),
            "events_after": st.column_config.NumberColumn("Events after", format="%d"),
            s.PAIR: st.column_config.TextColumn("Pair"),
        },
        key="moments_table",
        view=view,
        params=(pair, window),
    )

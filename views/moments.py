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
    f"days before it; the green bar is the mean progress of the events from that day to {window} days after, divided "
    "by 10 to share warmth's scale. The red diamond is the rapport gap: above zero, the talk ran warmer than the "
    "delivery."
)
st.markdown(f"**Formula.** {moments.GAP_FORMULA}.")
quotes, events, _ = common.one_pair(view, "summits of one relationship at a time read best", allow_all=True)
table = moments.moments(quotes, events, window)
if table.is_empty():
    st.info("No summits or key events fall within these filters.")
else:
    common.headline(headlines.moments(table))
    overall = moments.overall_gap(table)
    st.metric(
        "Overall rapport gap",
        "–" if overall is None else f"{overall:+.2f}",
        help="The mean gap over moments with quotes before them.",
    )
    st.plotly_chart(figures_compare.moments_chart(table), key="moments_chart", width="stretch")
    st.dataframe(
        table,
        hide_index=True,
        key="moments_table",
        column_config={
            "warmth_before": st.column_config.NumberColumn("warmth before", format="%+.2f"),
            "progress_after": st.column_config.NumberColumn("mean progress after", format="%+.2f"),
            "rapport_gap": st.column_config.NumberColumn("rapport gap", format="%+.2f"),
            s.EVENT: st.column_config.TextColumn("moment"),
            s.DATE: st.column_config.DateColumn("date", format="YYYY-MM-DD"),
        },
    )

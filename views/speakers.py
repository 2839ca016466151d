"""Speakers and pairs: warmth over time per speaker, and each leader pair's words against its deeds."""

import streamlit as st

from dashboard import common
from rhetoric import analysis, figures
from rhetoric import schema as s
from rhetoric.analysis import headlines
from rhetoric.figures import compare as figures_compare

view = common.filtered()
common.title("Speakers and pairs", view)
common.headline(headlines.pairs(analysis.pair_summary(view.quotes, view.events)))
st.subheader("Warmth over time, per speaker")
st.caption(
    "How to read this: each line is one speaker's mean warmth per month (months without quotes are skipped). "
    "Two lines moving together mean the two sides warmed or cooled at the same time."
)
if view.quotes.is_empty():
    st.info("No quotes match these filters.")
else:
    st.plotly_chart(
        figures.speakers_over_time(
            analysis.monthly_by_speaker(view.quotes), speakers=view.speakers, quotes=view.dataset.quotes
        ),
        key="speakers_chart",
        width="stretch",
    )

st.subheader("Leader pairs: words against deeds")
table = analysis.pair_summary(view.quotes, view.events)
st.caption(
    "How to read this: a pair is the two leaders a quote is between, whoever speaks. Left, the mean warmth of "
    "their words; right, the net progress (sum of Goldstein scores) of their outcome events. Warm words beside "
    "low progress is the gap this dashboard measures."
)
if table.height > 1:
    st.plotly_chart(figures_compare.pairs_chart(table), key="pairs_chart", width="stretch")
common.table(
    table,
    {
        s.PAIR: st.column_config.TextColumn("Leader pair"),
        "mean_warmth": st.column_config.NumberColumn("Mean warmth", format="%+.2f"),
        "net_progress": st.column_config.NumberColumn("Net progress", format="%+.1f"),
        "quotes": st.column_config.NumberColumn("Quotes", format="%d"),
        "events": st.column_config.NumberColumn("Events", format="%d"),
    },
    key="pairs_table",
)
if table.height <= 1:
    st.info("The data holds one leader pair; add another (upload quotes and outcomes) to compare pairs side by side.")

"""Speakers and pairs: each pair's speakers over time, and the pairs' words against their deeds."""

import streamlit as st

from dashboard import common
from rhetoric import analysis, figures
from rhetoric import schema as s
from rhetoric.analysis import headlines
from rhetoric.figures import compare as figures_compare

view = common.filtered()
common.title("Speakers and pairs", view)
table = common.cached(view, "pair summary", build=lambda: analysis.pair_summary(view.quotes, view.events))
common.headline(common.cached(view, "pairs headline", build=lambda: headlines.pairs(table)))

st.subheader("Leader pairs: words against deeds")
st.caption(
    "How to read this: one point per leader pair (a pair is the two leaders a quote is between, whoever speaks). "
    "Right is warmer talk, up is more progress (the sum of the Goldstein scores of its outcome events); a larger "
    "point rests on more quotes. Far right and low is warm talk that delivered little: the gap this dashboard "
    "measures."
)
placed = common.cached(view, "placed pairs", build=lambda: figures_compare.placed_pairs(table))
if placed.height >= 2:
    st.plotly_chart(
        common.cached(view, "pairs chart", build=lambda: figures_compare.pairs_chart(table)),
        key="pairs_chart",
        width="stretch",
    )
    unplaced = common.cached(view, "unplaced pairs", build=lambda: table.filter(table["events"] == 0)[s.PAIR].to_list())
    if unplaced:
        st.caption("Not placed, for want of outcome events: " + ", ".join(unplaced) + ".")
elif view.quotes.is_empty() and view.events.is_empty():
    common.empty("No quotes or outcome events match these filters: widen the dates or clear a filter, or add data.")
else:
    common.empty(
        "To compare pairs, the data needs at least two leader pairs with both quotes and outcome events; here "
        f"{placed.height} has both. Upload quotes and an outcomes CSV for another pair to place it beside this one."
    )
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
    view=view,
)

st.subheader("Warmth over time, one panel per pair")
st.caption(
    "How to read this: each panel is one leader pair on its own dates, each line one speaker's mean warmth per "
    "quarter of a year, named at its end. A line breaks where the speaker went a quarter or more without a quote; a "
    "lone dot is a quarter between two silent ones. Two lines "
    "moving together mean the two sides warmed or cooled at the same time."
)
if view.quotes.is_empty():
    common.empty("No quotes match these filters: widen the dates or clear a filter, or add quotes.")
else:
    st.plotly_chart(
        common.cached(
            view,
            "speakers chart",
            build=lambda: figures.speakers_over_time(
                analysis.warmth_by_period(view.quotes), speakers=view.speakers, quotes=view.dataset.quotes
            ),
        ),
        key="speakers_chart",
        width="stretch",
    )

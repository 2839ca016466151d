"""Rapport vs. results: warmth of what leaders said over time, beside what their diplomacy delivered."""

import streamlit as st

from dashboard import common, picking, quote_panel, urlstate
from rhetoric import analysis, figures
from rhetoric.analysis import headlines
from rhetoric.analysis import outcomes as oc

urlstate.restore("window", urlstate.as_window(), analysis.DEFAULT_WINDOW_DAYS)  # before the notices show
view = common.filtered()
dataset = view.dataset

common.title("Rapport vs. results", view)
st.markdown(
    "**Warmth** scores how warmly a leader speaks of a counterpart, from −1 (insults, threats) to +1 "
    "(praise, affection, talk of the relationship). **Progress** adds up dated outcome events scored on the "
    "Goldstein scale, from −10 (conflict) to +10 (cooperation): the line climbs when diplomacy delivers."
)
left, right = st.columns(2)
with left:
    quotes, events, pair = common.one_pair(view, "the chart reads best one pair at a time", allow_all=True)
window = right.slider("Rolling mean window (days)", 30, 365, step=15, key="window")
urlstate.publish("window", analysis.DEFAULT_WINDOW_DAYS)

common.headline(
    common.cached(view, "rapport headline", pair, window, build=lambda: headlines.rapport(quotes, events, pair, window))
)
head = common.cached(view, "rapport numbers", pair, build=lambda: analysis.headline(quotes, events))
cols = st.columns(5)
cols[0].metric("Quotes", f"{head.quotes}")
cols[1].metric("Mean warmth", "–" if head.mean_warmth is None else f"{head.mean_warmth:+.2f}")
cols[2].metric("Mean substance", "–" if head.mean_substance is None else f"{head.mean_substance:.2f}")
cols[3].metric("Outcome events", f"{head.events}")
cols[4].metric("Net progress", f"{head.net_progress:+.1f}")

if quotes.is_empty() and events.is_empty():
    common.empty(
        "No quotes or events match these filters: widen the date range or clear the speaker filter, or add data."
    )
else:
    fig = common.cached(
        view,
        "timeline",
        pair,
        window,
        build=lambda: figures.rapport_timeline(
            quotes,
            analysis.rolling_warmth(quotes, window),
            oc.cumulative_progress(events),
            oc.key_events(events),
            speakers=view.speakers,
            window_days=window,
        ),
    )
    event = st.plotly_chart(fig, key="timeline", width="stretch", on_select="rerun", selection_mode="points")
    if events.is_empty() and view.filters.primary_only and not dataset.outcomes.is_empty():
        st.info(
            "No outcome event here rests on a primary record: switch off “Primary sources only” in the sidebar to "
            "see the progress line."
        )
    elif events.is_empty():
        common.empty(figures.NO_EVENTS)
    st.caption(
        "Each dot is one quote; hover for the words, the terms that drove its score and its source. "
        f"The dark line is the mean warmth of the quotes in the last {window} days; it breaks where that window "
        "holds no quote. Dashed lines mark summits "
        "and turning points. Data: " + dataset.label + "."
    )

if not quotes.is_empty():
    st.subheader("One quote, explained")
    labels = common.cached(view, "quote choices", pair, build=lambda: picking.options(quotes))
    row = picking.choose(quotes, picking.clicked_id(event), key="quote_pick", labels=labels)
    if row is not None:
        quote_panel.show(row, dataset.explanations)

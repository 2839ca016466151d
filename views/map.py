"""Rhetoric map: warmth against substance, one point a quote; click one to read it."""

import streamlit as st

from dashboard import common, picking, quote_panel
from rhetoric import figures
from rhetoric.analysis import headlines

view = common.filtered()
common.title("Rhetoric map", view)
st.caption(
    "How to read this: each point is one quote. Right is warmer, up is more concrete (commitments, objects, "
    "places, numbers, dates). Warm but empty (bottom right) is praise without commitments; cold and concrete "
    "(top left) is a hard position stated plainly. Click a point to open the quote."
)
common.headline(
    common.cached(view, "map headline", build=lambda: headlines.rhetoric_map(view.quotes, figures.SUBSTANCE_MIDLINE))
)
if view.quotes.is_empty():
    common.empty("No quotes match these filters: widen the dates or clear a filter, or add quotes.")
else:
    event = st.plotly_chart(
        common.cached(view, "map", build=lambda: figures.rhetoric_map(view.quotes, speakers=view.speakers)),
        key="map",
        width="stretch",
        on_select="rerun",
        selection_mode="points",
    )
    labels = common.cached(view, "quote choices", build=lambda: picking.options(view.quotes))
    row = picking.choose(view.quotes, picking.clicked_id(event), key="map_pick", labels=labels)
    if row is not None:
        quote_panel.show(row, view.dataset.explanations)

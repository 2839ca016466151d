"""The quote detail panel: text with its driving words highlighted, scores, explanation and source."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import highlight
from rhetoric import schema as s
from rhetoric.io import language


def is_web_address(value: object) -> bool:
    """Only http(s) addresses become links; anything else (javascript:, file:) stays plain text."""
    return isinstance(value, str) and value.lower().startswith(("http://", "https://")) and " " not in value


def show(row: dict, explanations: pl.DataFrame) -> None:
    """Lay out one quote: `row` is a scored quote, `explanations` the explanation frame of the dataset."""
    terms = explanations.filter(pl.col(s.ID) == row[s.ID])
    with st.container(border=True):
        st.markdown(
            f"**{highlight.escape(str(row[s.SPEAKER]))}** on {highlight.escape(str(row.get(s.TARGET) or 'unspecified'))}, "
            f"{row[s.DATE]}" + (f" · {highlight.escape(str(row[s.EVENT]))}" if row.get(s.EVENT) else "")
        )
        st.markdown(highlight.highlighted(str(row[s.QUOTE]), terms))
        st.caption(highlight.LEGEND)
        cols = st.columns(3)
        cols[0].metric("Warmth", f"{row[s.WARMTH]:+.2f}")
        cols[1].metric("Substance", f"{row[s.SUBSTANCE]:.2f}")
        cols[2].metric("Plain VADER sentiment", f"{row[s.SENTIMENT]:+.2f}")
        if not language.is_english(str(row[s.QUOTE])):
            st.warning(
                "This quote does not look like English. rhetoric reads English words only, so these scores say "
                "nothing about what was said: score an English translation instead."
            )
        if terms.height:
            st.dataframe(
                terms.select(s.MEASURE, s.TERM, s.CATEGORY, s.CONTRIBUTION).sort(
                    [s.MEASURE, pl.col(s.CONTRIBUTION).abs()], descending=[True, True]
                ),
                hide_index=True,
                column_config={s.CONTRIBUTION: st.column_config.NumberColumn("share of score", format="%+.3f")},
                key=f"terms_{row[s.ID]}",
            )
            st.caption("Each term's share of the score; the shares of a measure add up to its score.")
        else:
            st.caption("No term moved this quote's scores.")
        source = row.get(s.SOURCE)
        if isinstance(source, str) and is_web_address(source):
            st.link_button("Open the source", source)
        elif source:
            st.text(f"Source: {source}")
        else:
            st.caption("No source given.")

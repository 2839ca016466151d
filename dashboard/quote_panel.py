"""The quote detail panel: text with its driving words highlighted, scores, explanation and source."""

from __future__ import annotations

import datetime as dt

import polars as pl
import streamlit as st

from dashboard import data, highlight
from rhetoric import schema as s
from rhetoric.io import language
from rhetoric.sharing import cite


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
        is_learned = str(row.get(s.SCORER) or "").startswith("learned")
        cols = st.columns(5 if is_learned else 3)
        cols[0].metric("Warmth", f"{row[s.WARMTH]:+.2f}")
        cols[1].metric("Substance", f"{row[s.SUBSTANCE]:.2f}")
        cols[2].metric("Plain VADER sentiment", f"{row[s.SENTIMENT]:+.2f}")
        if is_learned:
            cols[3].metric("Lexicon warmth", f"{row[s.WARMTH_LEXICON]:+.2f}")
            cols[4].metric("Lexicon substance", f"{row[s.SUBSTANCE_LEXICON]:.2f}")
            st.caption(f"Scores by {row[s.SCORER]}.")
        if not language.is_english(str(row[s.QUOTE])):
            st.warning(
                "This quote does not look like English. The lexicon reads English words only, so its scores say "
                "nothing here; the learned scorer's encoder reads about a hundred languages, so warmth and "
                "substance still mean something, though they were trained on English quotes."
                if is_learned
                else "This quote does not look like English. rhetoric's lexicon reads English words only, so these "
                "scores say nothing about what was said: score an English translation, or use the learned scorer."
            )
        if is_learned:
            _learned_words(str(row[s.QUOTE]), str(row[s.ID]))
        if terms.height:
            st.dataframe(
                terms.select(s.MEASURE, s.TERM, s.CATEGORY, s.CONTRIBUTION).sort(
                    [s.MEASURE, pl.col(s.CONTRIBUTION).abs()], descending=[True, True]
                ),
                hide_index=True,
                column_config={s.CONTRIBUTION: st.column_config.NumberColumn("share of score", format="%+.3f")},
                key=f"terms_{row[s.ID]}",
            )
            st.caption(
                "The lexicon's terms: each one's share of the lexicon's score; the shares of a measure add up to it."
            )
        else:
            st.caption("No term moved this quote's scores.")
        _source(row)


def _source(row: dict) -> None:
    """The source: its kind and outlet, a link to it, and a citation to copy."""
    cited = cite.citations(pl.DataFrame([row]).select([c for c in row if c in s.QUOTE_SCHEMA]), dt.date.today())
    kind, outlet = row.get(s.SOURCE_KIND), cited[cite.OUTLET][0]
    meaning = s.SOURCE_KIND_MEANING.get(kind or "", "kind not stated")
    st.markdown(
        f"**Source:** {highlight.escape(str(outlet))} · {highlight.escape(str(kind or 'kind not stated'))} "
        f"({highlight.escape(meaning)})"
    )
    source = row.get(s.SOURCE)
    if isinstance(source, str) and is_web_address(source):
        st.link_button("Open the source", source)
    elif source:
        st.text(f"Source: {source}")
    else:
        st.caption("No source given.")
    st.caption("Cite this quote (the button at the corner copies it):")
    st.code(cited[cite.CITATION][0], language=None, wrap_lines=True)


def _learned_words(text: str, quote_id: str) -> None:
    """Which words moved the learned scores (each left out in turn), on request: about 80 ms a word."""
    if not st.toggle("Which words moved the learned score?", key=f"learned_words_{quote_id}"):
        return
    effects = data.learned_word_effects(text, data.scorer().version)
    st.dataframe(
        effects.sort(pl.col("warmth_effect").abs(), descending=True),
        hide_index=True,
        column_config={
            s.TERM: st.column_config.TextColumn("word"),
            "warmth_effect": st.column_config.NumberColumn("warmth it adds", format="%+.3f"),
            "substance_effect": st.column_config.NumberColumn("substance it adds", format="%+.3f"),
        },
        key=f"learned_effects_{quote_id}",
    )
    st.caption(
        "Each word was left out in turn and the quote scored again: the change is what that word adds. "
        "The encoder reads words together, so these effects need not add up to the score."
    )

"""Word shift: which terms made one period warmer (or more concrete) than another."""

import datetime as dt

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard import common, urlstate
from rhetoric import schema as s
from rhetoric.analysis import headlines, wordshift
from rhetoric.errors import RhetoricError
from rhetoric.figures import compare as figures_compare


def _explained(quotes: pl.DataFrame, measure: str) -> str:
    # The bars are the lexicon's terms, so they add up to the change in the lexicon's own mean; the chosen
    # scorer's change (the learned one by default) is shown beside it.
    return f"{measure}_lexicon" if f"{measure}_lexicon" in quotes.columns else measure


def _shift(
    quotes: pl.DataFrame, explanations: pl.DataFrame, split: dt.date, measure: str
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, tuple[float, float], go.Figure]:
    """The two periods, the word shift table, the scorer's interval and the graph (with the lexicon's interval)."""
    before, after = wordshift.periods(quotes, split)
    table = wordshift.word_shift(explanations, before, after, measure=measure)
    interval = wordshift.difference_interval(before, after, measure=measure)
    explained = _explained(quotes, measure)
    fig = figures_compare.word_shift_chart(
        table,
        label_a=f"before {split}",
        label_b=f"from {split}",
        measure=measure,
        interval=interval if explained == measure else wordshift.difference_interval(before, after, measure=explained),
    )
    return before, after, table, interval, fig


view = common.filtered()
common.title("Word shift", view)
quotes, _, pair = common.one_pair(view, "so the periods compare one relationship")
st.caption(
    "How to read this: the quotes are split into two periods at a date (by default the day the Hanoi summit "
    "ended without a deal). At the top, the whole change in the mean score with its 95% interval, then its parts "
    "by type of term. Below, each bar is one term's contribution to the change: how often it appears per quote "
    "times its weight, after minus before. Bars to the right made the later period warmer. Gold terms are warm, "
    "blue terms cold; full colour means the term was used more, pale and hatched that it was used less. So "
    "“fire and fury” said less after Hanoi is a pale blue bar to the right: a cold phrase dropped."
)
if quotes.is_empty():
    common.empty("No quotes match these filters: widen the dates or clear a filter, or add quotes.")
else:
    first, last = quotes[s.DATE].min(), quotes[s.DATE].max()
    default = wordshift.default_split()
    if not first < default <= last:
        default = first + (last - first) / 2
    low = first + dt.timedelta(days=1)
    urlstate.restore("split", urlstate.as_date((low, last), "split"), default)
    urlstate.restore("measure", urlstate.as_choice(wordshift.MEASURES, "measure"), "warmth")
    st.session_state["split"] = min(max(st.session_state["split"], low), last)
    urlstate.show_notices()
    left, right = st.columns(2)
    split = left.date_input("Split the quotes at", min_value=low, max_value=last, key="split", format="YYYY-MM-DD")
    measure = right.radio("Measure", wordshift.MEASURES, horizontal=True, key="measure")
    urlstate.publish("split", default)
    urlstate.publish("measure", "warmth")
    try:
        before, after, table, interval, fig = common.cached(
            view,
            "word shift",
            pair,
            split,
            measure,
            build=lambda: _shift(quotes, view.dataset.explanations, split, measure),
        )
    except RhetoricError as exc:
        st.warning(str(exc))
    else:
        label_a, label_b = f"before {split}", f"from {split}"
        mean_before, mean_after = before[measure].mean(), after[measure].mean()
        explained = _explained(quotes, measure)
        common.headline(headlines.word_shift(table, measure, split, mean_before, mean_after, interval))
        cols = st.columns(4)
        cols[0].metric(
            f"Mean {measure}, {label_a}",
            f"{before[explained].mean():+.3f}",
            help=f"the lexicon's; {before.height} quotes",
        )
        cols[1].metric(
            f"Mean {measure}, {label_b}",
            f"{after[explained].mean():+.3f}",
            help=f"the lexicon's; {after.height} quotes",
        )
        cols[2].metric("Change (sum of the bars)", f"{wordshift.total_shift(table):+.3f}")
        cols[3].metric(
            f"Change in the scorer's {measure}",
            f"{wordshift.mean_difference(before, after, measure=measure):+.3f}",
            help="the mean of the scores every other view shows (the learned scorer's by default)",
        )
        st.caption(
            "The bars explain the lexicon's scores, whose words add up to them exactly; the learned scorer reads "
            "whole sentences, and its own change is the last number."
        )
        st.plotly_chart(
            fig,
            key="shift_chart",
            width="stretch",
        )
        common.table(
            lambda: table.filter(pl.col(s.CATEGORY) != wordshift.BASELINE),  # the baseline is a top bar, not a term
            {
                s.TERM: st.column_config.TextColumn("Term"),
                wordshift.SHIFT: st.column_config.NumberColumn("Contribution to the change", format="%+.4f"),
                wordshift.DIRECTION: st.column_config.TextColumn("Effect"),
                wordshift.KIND: st.column_config.TextColumn("Term is"),
                wordshift.USAGE: st.column_config.TextColumn("Used"),
                s.CATEGORY: st.column_config.TextColumn("Kind"),
                wordshift.FREQ_A: st.column_config.NumberColumn(f"Per quote, {label_a}", format="%.3f"),
                wordshift.FREQ_B: st.column_config.NumberColumn(f"Per quote, {label_b}", format="%.3f"),
                wordshift.WEIGHT_A: st.column_config.NumberColumn(f"Weight, {label_a}", format="%+.3f"),
                wordshift.WEIGHT_B: st.column_config.NumberColumn(f"Weight, {label_b}", format="%+.3f"),
            },
            key="shift_table",
            view=view,
            params=(pair, split, measure),
        )

"""Lead and lag: does warmth rise before progress or after it?"""

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard import common
from rhetoric.analysis import leadlag
from rhetoric.figures import compare as figures_compare


def _lags(quotes: pl.DataFrame, events: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, str, go.Figure]:
    months = leadlag.monthly(quotes, events)
    table = leadlag.lag_correlations(months)
    return months, table, leadlag.describe(table), figures_compare.lag_chart(table)


view = common.filtered()
common.title("Lead and lag", view)
quotes, events, pair = common.one_pair(view, "months of two pairs would mix")
st.caption(
    "How to read this: each month gets the mean warmth of its quotes and the change in cumulative progress "
    "(the sum of its events' Goldstein scores). Each point is the correlation between warmth in a month and "
    "progress k months later: positive lags ask whether warm words came before progress, negative lags "
    "whether progress came first. Bars are 95% intervals from 1,000 seeded bootstrap resamples of the months; "
    "an interval that crosses zero cannot rule out no relation."
)
if quotes.is_empty():
    common.empty("No quotes match these filters: widen the dates or clear a filter, or add quotes.")
else:
    months, table, sentence, fig = common.cached(view, "lead and lag", pair, build=lambda: _lags(quotes, events))
    common.headline(sentence)
    st.plotly_chart(fig, key="lag_chart", width="stretch")
    common.table(
        table,
        {
            leadlag.LAG: st.column_config.NumberColumn("Lag (months; + = warmth first)", format="%+d"),
            leadlag.R: st.column_config.NumberColumn("Correlation", format="%+.2f"),
            leadlag.CI_LOW: st.column_config.NumberColumn("95% interval, low", format="%+.2f"),
            leadlag.CI_HIGH: st.column_config.NumberColumn("95% interval, high", format="%+.2f"),
            leadlag.N: st.column_config.NumberColumn("Months compared", format="%d"),
        },
        key="lag_table",
        view=view,
        params=(pair,),
    )
    st.caption(
        f"{pair or 'All quotes'}: {months.height} months, {int(months['quotes'].sum())} quotes, "
        f"{int(months['events'].sum())} events."
    )

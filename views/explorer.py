"""Quote explorer: search, sort by any score, read the explaining terms, export what is shown."""

import datetime as dt

import polars as pl
import streamlit as st

from dashboard import common, picking, urlstate
from rhetoric import analysis
from rhetoric import schema as s
from rhetoric.analysis import headlines
from rhetoric.sharing import cite, export, report

view = common.filtered()
common.title("Quote explorer", view)
st.caption(
    "How to read this: every quote with its three scores and the terms that moved warmth and substance most "
    "(each term's share of the score). Click a column header to sort; search matches the quote, speaker, target "
    "and event. The exports hold exactly the rows shown."
)
urlstate.restore("q", urlstate.as_text, "")
query = st.text_input("Search", key="q", placeholder="e.g. letter, sanctions, Rocket Man")
urlstate.publish("q", "")
today = dt.date.today()  # a citation's access date
shown = common.cached(view, "search", query, build=lambda: analysis.search_quotes(view.quotes, query).sort(s.DATE))
cited = common.cached(view, "citations", query, today, build=lambda: cite.citations(shown, today))
columns = [
    s.DATE,
    s.SPEAKER,
    s.TARGET,
    s.EVENT,
    s.QUOTE,
    s.WARMTH,
    s.SUBSTANCE,
    s.SENTIMENT,
    "warmth_terms",
    "substance_terms",
    s.SOURCE_KIND,
    cite.OUTLET,
    s.SOURCE,
]
common.headline(
    common.cached(view, "explorer headline", query, build=lambda: headlines.explorer(shown, view.quotes.height))
)
common.table(  # the scores next to the speaker, so they show without scrolling sideways
    lambda: cited.select([c for c in columns if c in cited.columns]).with_columns(
        # Only web addresses become links; anything else (javascript:, file:) is shown as text elsewhere.
        pl.when(pl.col(s.SOURCE).str.contains(r"^https?://\S+$")).then(pl.col(s.SOURCE)).alias("link")
    ),
    {
        s.DATE: st.column_config.DateColumn("Date", format="YYYY-MM-DD", width="small"),
        s.SPEAKER: st.column_config.TextColumn("Speaker"),
        s.WARMTH: st.column_config.NumberColumn("Warmth", format="%+.2f", width="small"),
        s.SUBSTANCE: st.column_config.NumberColumn("Substance", format="%.2f", width="small"),
        s.QUOTE: st.column_config.TextColumn("Quote", width="large"),
        s.TARGET: st.column_config.TextColumn("About"),
        s.EVENT: st.column_config.TextColumn("Occasion"),
        s.SENTIMENT: st.column_config.NumberColumn("VADER sentiment", format="%+.2f", width="small"),
        "warmth_terms": st.column_config.TextColumn("Lexicon warmth terms"),
        "substance_terms": st.column_config.TextColumn("Lexicon substance terms"),
        s.SOURCE_KIND: st.column_config.TextColumn("Kind of source"),
        cite.OUTLET: st.column_config.TextColumn("Outlet"),
        "link": st.column_config.LinkColumn("Source", display_text="open"),
    },
    key="explorer",
    view=view,
    params=(query, today),
)
if shown.height:
    with st.expander("Cite a quote"):
        ids, labels = common.cached(
            view, "cite choices", query, today, build=lambda: (cited[s.ID].to_list(), picking.options(cited))
        )
        pick = st.selectbox("Quote to cite", ids, format_func=labels.__getitem__, key="cite_pick")
        chosen = cited.filter(pl.col(s.ID) == pick)
        if chosen.height:
            st.code(chosen[cite.CITATION][0], language=None, wrap_lines=True)
            st.caption("The button at the corner copies it: speaker, date, words, outlet, address and today's date.")
left, middle, right = st.columns(3)
left.download_button(
    "Export these rows (CSV)",
    common.cached(view, "csv export", query, build=lambda: export.to_csv_bytes(shown)),
    file_name="rhetoric-quotes.csv",
    mime="text/csv",
    key="export_csv",
)
middle.download_button(
    "Export these rows (Parquet)",
    common.cached(view, "parquet export", query, build=lambda: export.to_parquet_bytes(shown)),
    file_name="rhetoric-quotes.parquet",
    mime="application/octet-stream",
    key="export_parquet",
)
# Built only when clicked (about 1.5 s and 5 MB): charts, headline numbers, method and sources, offline.
right.download_button(
    "Download an HTML report of these rows",
    # Bound now: the report is of the rows this run shows, whatever runs after the click.
    lambda rows=shown, events=view.events, label=view.dataset.label: report.html_report(
        rows, events, title=f"rhetoric report: {label}"
    ),
    file_name="rhetoric-report.html",
    mime="text/html",
    key="export_report",
)

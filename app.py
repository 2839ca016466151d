"""rhetoric's dashboard: this file only sets up the page and navigates; the views lay out widgets."""

import streamlit as st

from dashboard import runstats, settle

st.set_page_config(page_title="rhetoric: rapport vs. results", page_icon="🗣️", layout="wide")

page = st.navigation(
    [
        st.Page("views/rapport.py", title="Rapport vs. results", url_path="rapport", default=True),
        st.Page("views/map.py", title="Rhetoric map", url_path="map"),
        st.Page("views/moments.py", title="Moments", url_path="moments"),
        st.Page("views/leadlag.py", title="Lead and lag", url_path="lag"),
        st.Page("views/wordshift.py", title="Word shift", url_path="shift"),
        st.Page("views/speakers.py", title="Speakers and pairs", url_path="speakers"),
        st.Page("views/explorer.py", title="Quote explorer", url_path="explorer"),
        st.Page("views/data.py", title="Data", url_path="data"),
    ]
)
# The URL state re-seeds the filters' widgets when the reader switches views (dashboard/urlstate.py).
st.session_state["_page"] = page.url_path
with runstats.timed(page.url_path):  # the load bench's measure of script work (RHETORIC_RUN_STATS)
    page.run()
settle.after_run(page.url_path)  # production only: see dashboard/settle.py

"""Data: upload quotes and outcomes, see what was accepted and rejected, and choose what to analyse."""

import streamlit as st

from dashboard import article, common, data
from rhetoric.analysis import headlines
from rhetoric.errors import RhetoricError
from rhetoric.io import ingest, language, pairs, sniff
from rhetoric.sharing import export

view = common.filtered()  # the sidebar, so the data choice and the filters stay in the URL here too
common.title("Data", view)
common.headline(headlines.data(view.dataset.quotes, view.dataset.outcomes, view.dataset.label))
st.markdown(
    "Bring your own quotes: a CSV or TSV from Excel, Google Sheets or a scraper. The columns needed are "
    "**date**, **speaker** and **quote**; **target**, **source**, **event** and **pair** are used when present, "
    "and so are **variant_of** (the id of the remark this row is another wording of), **source_kind** (primary, "
    "wire, newspaper, broadcast or copy) and **source_original** (the outlet a copy reproduces); any other "
    "columns are kept. Outcome files need **date**, **event** and **progress** "
    "(−10 to +10 on the Goldstein scale). Uploads stay in this browser session only."
)
st.download_button(
    "Download a template CSV", export.template_csv(), file_name="rhetoric-template.csv", mime="text/csv", key="template"
)

left, right = st.columns(2)
with left:
    st.subheader("Quotes")
    quotes_file = st.file_uploader("Upload a quotes file", type=["csv", "tsv", "txt"], key="quotes_upload")
with right:
    st.subheader("Outcome events")
    outcomes_file = st.file_uploader("Upload an outcomes file", type=["csv", "tsv", "txt"], key="outcomes_upload")

st.caption(pairs.RULE)
article.review()

before = {kind: upload.digest for kind, upload in data.uploads().items()}
extracted = article.kept()
if quotes_file is None and extracted is not None:  # quotes taken from an article, reviewed and kept
    try:
        data.store_quotes(*extracted, None)
    except RhetoricError as exc:
        data.forget("quotes")
        st.error(str(exc))
if quotes_file is not None:
    bar = st.progress(0.0, text="Reading quotes…")

    def report(done: int, total: int) -> None:
        bar.progress(done / max(total, 1), text=f"Scoring {done:,} of {total:,} distinct quotes…")

    try:
        data.store_quotes(quotes_file.name, quotes_file.getvalue(), report)
    except RhetoricError as exc:
        data.forget("quotes")  # the earlier file's "accepted" box must not stand under this error as if it applied
        st.error(str(exc))
    bar.empty()
if outcomes_file is not None:
    try:
        data.store_outcomes(outcomes_file.name, outcomes_file.getvalue())
    except RhetoricError as exc:
        data.forget("outcomes")
        st.error(str(exc))

with st.expander("Scorer", expanded=data.scorer_kind() != "learned"):
    kinds = ["learned", "lexicon"]
    st.radio(
        "Score warmth and substance with",
        kinds,
        index=kinds.index(data.scorer_kind()),
        format_func={
            "learned": "the learned scorer (the default: a sentence encoder and heads trained on labelled quotes)",
            "lexicon": "the lexicon alone (fast, for very large files; less accurate on new leader pairs)",
        }.get,
        key="scorer_choice",  # a widget's own state is dropped on views that do not draw it: the choice is kept apart
        on_change=data.choose_scorer,
    )
    st.caption(
        "Either way, the lexicon's own warmth and substance stay beside the scores, and its words explain them. "
        "Exports and reports name the scorer that made their scores."
    )

with st.expander("Your own lexicon terms", expanded=data.user_lexicon() is not None):
    st.markdown(
        "Add or override warmth and substance terms with a CSV of **term** and **weight** (−4 to 4, VADER's scale); "
        "optional **measure** (warmth or substance), **category** and **note**. Every view is re-scored with them. "
        "The learned scorer reads the lexicon's scores as evidence, so your terms move its scores too, less than "
        "they move the lexicon's."
    )
    lexicon_file = st.file_uploader("Upload a lexicon CSV", type=["csv", "txt"], key="lexicon_upload")
    if lexicon_file is not None:
        try:
            data.set_user_lexicon(lexicon_file.name, lexicon_file.getvalue())
        except RhetoricError as exc:
            st.error(str(exc))
    held_lexicon = data.user_lexicon()
    if held_lexicon:
        name, rows, _ = held_lexicon
        st.success(f"{name}: {rows.height} terms in use.")
        st.dataframe(rows, hide_index=True, key="lexicon_rows")
        if st.button("Stop using these terms", key="forget_lexicon"):
            data.forget_lexicon()
            st.rerun()

if {kind: upload.digest for kind, upload in data.uploads().items()} != before:
    st.rerun()  # the sidebar was drawn before this upload: draw it again with the new data

held = data.uploads()
for kind, upload in list(held.items()):
    result = upload.result
    st.subheader(f"Your {kind}: {upload.name}")
    counts = st.columns(3)
    counts[0].metric("Rows accepted", f"{result.accepted.height:,}")
    counts[1].metric("Rows rejected", f"{result.rejected.height:,}")
    counts[2].metric(
        "Read as", f"{result.encoding}, {sniff.SEPARATOR_NAMES.get(result.separator, repr(result.separator))}"
    )
    (st.warning if result.rejected.height else st.success)(result.summary())
    if upload.foreign is not None and upload.foreign.height:
        st.warning(language.note(upload.name, upload.foreign.height))
        st.dataframe(
            upload.foreign,
            hide_index=True,
            column_config={"date": st.column_config.DateColumn("date", format="YYYY-MM-DD")},
            key=f"foreign_{kind}",
        )
    if result.rejected.height:
        st.caption("Rejected rows, numbered as a spreadsheet shows them (the header is row 1):")
        st.dataframe(result.rejected, hide_index=True, key=f"rejected_{kind}")
        st.download_button(
            "Download the rejected rows (CSV)",
            export.to_csv_bytes(result.rejected),
            file_name=f"rejected-{kind}.csv",
            mime="text/csv",
            key=f"download_rejected_{kind}",
        )
    if st.button(f"Remove this {kind} upload", key=f"forget_{kind}"):
        data.forget(kind)
        if kind == "quotes":
            article.forget()
        st.rerun()

if held:
    st.subheader("Save and share")
    st.markdown(
        "Your upload is private to this browser tab. **Save and share** stores it (quotes and outcomes, without "
        "scores) under an id made from its content, and puts that id in the address bar: copy the address and "
        "whoever opens it sees the same view and data. Saving the same data twice gives the same id."
    )
    st.button("Save and share", key="save_share", type="primary", on_click=data.save_and_share_clicked)
    outcome = data.last_save()
    if outcome is not None:
        kind, message = outcome
        (st.success if kind == "saved" else st.error)(message)
    st.caption(
        f"Every view now shows: {view.dataset.label}. Choose bundled, yours or both under “Data shown” in the sidebar."
    )
else:
    st.info(f"No upload yet: every view shows {view.dataset.label}. Files up to {ingest.MAX_FILE_BYTES // 2**20} MB.")

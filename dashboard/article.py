"""Quotes from an article or transcript on the Data page: paste text or upload a document, give its date and
address, review what the extractor found in an editable table (speaker, target, keep or drop), and use the kept
quotes like an uploaded quotes file: the same validation, rejected rows, scoring, store and links."""

from __future__ import annotations

import datetime as dt

import polars as pl
import streamlit as st

from rhetoric import schema as s
from rhetoric.errors import RhetoricError
from rhetoric.io import documents, extract
from rhetoric.sharing import export

EARLIEST = dt.date(1900, 1, 1)

_FOUND = "article_found"  # session_state: (document name, the frame of found quotations with a keep column)
_KEPT = "article_kept"  # session_state: (file name, CSV bytes) of the kept quotations, once the reader uses them
KEEP = "keep"


def review() -> None:
    """The expander: input, the found quotations to review, and the button that uses the kept ones."""
    st.subheader("Quotes from an article or transcript")
    with st.container(border=True):
        st.caption(
            "Paste the text of a news story, an op-ed or a transcript, or upload it as text, Markdown or a saved web "
            "page. rhetoric finds the direct quotations and who said them; check the speakers, untick what you do "
            "not want, then use the rest as your quotes."
        )
        pasted = st.text_area("Paste the text", key="article_text", height=180)
        upload = st.file_uploader(
            "or upload a document", type=["txt", "md", "markdown", "html", "htm"], key="article_file"
        )
        left, right = st.columns(2)
        date = left.date_input(  # any date of modern diplomacy: the widget's default allows only the last ten years
            "Date of the remarks",
            value=None,
            min_value=EARLIEST,
            max_value=dt.date.today(),
            key="article_date",
            format="YYYY-MM-DD",
        )
        source = right.text_input("Web address of the document", key="article_source", placeholder="https://…")
        if st.button("Find the quotes", key="article_find"):
            _find(pasted, upload, date, source)
        held = st.session_state.get(_FOUND)
        if held is None:
            return
        name, found = held
        if found.is_empty():
            st.info(f"No direct quotations with a speaker were found in {name}.")
            return
        st.caption(
            f"{found.height} quotations found in {name}. Edit a speaker or target if it is wrong; untick “keep” to "
            "drop a quotation. Partial quotes (a few words inside the writer's sentence) are marked."
        )
        edited = st.data_editor(
            found,
            key="article_editor",
            hide_index=True,
            disabled=[s.QUOTE, extract.FRAGMENT, s.DATE],
            column_order=[KEEP, s.SPEAKER, s.TARGET, s.QUOTE, extract.FRAGMENT, s.DATE],
            column_config={
                KEEP: st.column_config.CheckboxColumn("keep", width="small"),
                s.SPEAKER: st.column_config.TextColumn("speaker"),
                s.TARGET: st.column_config.TextColumn("about"),
                s.QUOTE: st.column_config.TextColumn("quote", width="large"),
                extract.FRAGMENT: st.column_config.CheckboxColumn("partial", width="small"),
                s.DATE: st.column_config.DateColumn("date", format="YYYY-MM-DD"),
            },
        )
        kept = pl.DataFrame(edited).filter(pl.col(KEEP)) if len(edited) else found.clear()
        if st.button(f"Use the {kept.height} kept quotes", key="article_use", disabled=kept.is_empty()):
            rows = kept.select(s.DATE, s.SPEAKER, s.TARGET, s.QUOTE, s.EVENT, s.SOURCE)
            st.session_state[_KEPT] = (f"{name} (extracted)", export.to_csv_bytes(rows))


def _find(pasted: str, upload, date: dt.date | None, source: str) -> None:
    try:
        if upload is not None:
            name, text = upload.name, documents.read_document(upload.getvalue(), upload.name)
        elif pasted.strip():
            name, text = "the pasted text", documents.read_document(pasted)
        else:
            st.warning("Paste some text or upload a document first.")
            return
    except RhetoricError as exc:
        st.error(str(exc))
        return
    date = date or extract.first_date(text)
    if date is None:
        st.warning("Give the date of the remarks: every quote needs one.")
        return
    found = extract.extract(text, date=date, source=source.strip() or None)
    found = found.filter(pl.col(s.SPEAKER).is_not_null()).with_columns(pl.lit(True).alias(KEEP))
    st.session_state[_FOUND] = (name, found)
    st.session_state.pop(_KEPT, None)


def kept() -> tuple[str, bytes] | None:
    """(file name, CSV bytes) of the quotes the reader chose to use, if any."""
    return st.session_state.get(_KEPT)


def forget() -> None:
    """Drop the kept quotes (the reader removed them as an upload)."""
    st.session_state.pop(_KEPT, None)

"""What every view starts with: the chosen data, the shared filters, and the filtered frames."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import polars as pl
import pyarrow as pa

from dashboard import data, memo, sidebar
from rhetoric import analysis
from rhetoric.analysis import Filters

T = TypeVar("T")


@dataclass(frozen=True)
class ViewData:
    """The dataset, the reader's filters and the quotes and events they select."""

    dataset: data.Dataset
    filters: Filters
    quotes: pl.DataFrame
    events: pl.DataFrame
    speakers: list[str]


def filtered() -> ViewData:
    """Draw the shared sidebar filters and apply them to the chosen data."""
    sidebar.source()
    dataset = data.current()
    chosen = sidebar.filters(dataset)
    quotes, events = memo.keyed(
        dataset.key,
        ("filtered", chosen),
        lambda: (analysis.filter_quotes(dataset.quotes, chosen), analysis.filter_outcomes(dataset.outcomes, chosen)),
    )
    speakers = memo.keyed(dataset.key, ("speakers",), lambda: analysis.speakers_by_count(dataset.quotes))
    return ViewData(dataset, chosen, quotes, events, speakers)


def cached(view: ViewData, what: str, *params: Hashable, build: Callable[[], T]) -> T:
    """What a view builds from the filtered data (a figure, a table, a headline), once per process for this
    dataset, these filters and the view's own `params` (dashboard.memo)."""
    return memo.keyed(view.dataset.key, (what, view.filters, *params), build)


PREFERRED_PAIR = "Trump–Kim"


ALL_PAIRS = "All pairs"


def one_pair(view: ViewData, why: str, *, allow_all: bool = False) -> tuple[pl.DataFrame, pl.DataFrame, str | None]:
    """Narrow a view to one leader pair: the sidebar's choice if it names one, else a box to pick one
    (Trump–Kim first; with allow_all, "All pairs" is a choice too).

    Returns the quotes and events of that pair and its name (None for all pairs or data without pairs).
    """
    import streamlit as st

    pairs = analysis.pairs(view.quotes, view.events)
    if not pairs:
        return view.quotes, view.events, None
    if len(view.filters.pairs) == 1:
        chosen = view.filters.pairs[0]
    elif len(pairs) == 1:
        chosen = pairs[0]
    else:
        from dashboard import urlstate

        options = [*pairs, ALL_PAIRS] if allow_all else pairs
        default = PREFERRED_PAIR if PREFERRED_PAIR in pairs else pairs[0]
        urlstate.restore("focus_pair", urlstate.as_choice(options, "focus_pair"), default)
        if st.session_state["focus_pair"] not in options:
            st.session_state["focus_pair"] = default
        chosen = st.selectbox(f"Leader pair ({why})", options, key="focus_pair")
        urlstate.publish("focus_pair", default)
        urlstate.show_notices()
    if chosen == ALL_PAIRS:
        return view.quotes, view.events, None
    narrowed = Filters(pairs=(chosen,))
    quotes, events = cached(
        view,
        "pair",
        chosen,
        build=lambda: (analysis.filter_quotes(view.quotes, narrowed), analysis.filter_outcomes(view.events, narrowed)),
    )
    return quotes, events, chosen


def title(text: str, view: ViewData) -> None:
    """The view's title, then the data it is showing, so that nobody reads a chart of the wrong data."""
    import streamlit as st

    from rhetoric import figures
    from rhetoric import schema as s

    st.title(text)
    quotes = view.dataset.quotes
    uploaded = s.ORIGIN in quotes.columns and bool((quotes[s.ORIGIN] == s.UPLOADED).any())
    st.caption(f"Data in use: {view.dataset.label}." + (f" {figures.UPLOAD_NOTE}" if uploaded else ""))


def headline(text: str) -> None:
    """The view's finding in one sentence, shown large; any user text in it (pair names) stays plain text."""
    import streamlit as st

    from dashboard import highlight

    st.markdown(f"#### {highlight.escape(text)}")


def table(
    frame: pl.DataFrame | Callable[[], pl.DataFrame],
    columns: dict,
    key: str,
    *,
    view: ViewData | None = None,
    params: tuple[Hashable, ...] = (),
) -> None:
    """A table as a reader reads it: the columns named in `columns` (name -> st.column_config), first and in that
    order, with human headers and formatted numbers; a blank cell is blank, never "None" (text nulls become "",
    and a number column with gaps becomes its formatted numbers as text, with the gaps empty).

    Given the `view` (and the view's own `params`), the prepared table is kept per process like anything `cached`;
    the frame may then be a function that makes it, called only the first time."""
    import streamlit as st

    def prepared() -> tuple[pa.Table, dict]:
        return _prepared(frame() if callable(frame) else frame, columns)

    if view is not None:
        shown, config = cached(view, "table", key, *params, build=prepared)
    else:
        shown, config = prepared()
    st.dataframe(shown, hide_index=True, key=key, column_config=config)


def _prepared(frame: pl.DataFrame, columns: dict) -> tuple[pa.Table, dict]:
    import streamlit as st

    shown = frame.select([c for c in columns if c in frame.columns])
    text = [c for c, dtype in shown.schema.items() if dtype == pl.String]
    shown = shown.with_columns(pl.col(text).fill_null("")) if text else shown
    config = {c: v for c, v in columns.items() if c in shown.columns}
    gaps = [c for c, dtype in shown.schema.items() if dtype.is_numeric() and shown[c].null_count()]
    for c in gaps:  # the grid draws a null number as "None": such a column is shown as right-aligned text
        fmt = _printf(config.get(c))
        values = shown[c].cast(pl.Float64).fill_null(0.0).to_numpy()
        written = np.char.mod(fmt, values.astype(int) if fmt.endswith("d") else values)
        shown = shown.with_columns(
            pl.when(pl.col(c).is_null()).then(pl.lit("")).otherwise(pl.Series(c, written)).alias(c)
        )
        label = config[c]["label"] if c in config else c
        config[c] = st.column_config.TextColumn(label, alignment="right")
    # As an Arrow table (not converted to pandas): Streamlit serialises it as it is, several ms less a table.
    return shown.to_arrow(compat_level=pl.CompatLevel.oldest()), config


def _printf(column_config: dict | None) -> str:
    fmt = ((column_config or {}).get("type_config") or {}).get("format")
    return fmt if isinstance(fmt, str) and fmt.startswith("%") else "%g"


DATA_PAGE = "views/data.py"


def empty(message: str) -> None:
    """An empty state: what is missing and how to add it, with a link to the Data page."""
    import streamlit as st

    st.info(message)
    st.page_link(DATA_PAGE, label="Add quotes or outcome events on the Data page", icon=":material/upload_file:")

"""Reading dates as people write them (ISO, month names, dotted and slash dates) with polars expressions."""

from __future__ import annotations

import polars as pl

from rhetoric.schema import DType

BLANK = "blank date"
UNREADABLE = "unreadable date"
AMBIGUOUS = "ambiguous date"
ACCEPTED = 'use YYYY-MM-DD, "28 February 2019" or "Feb 28, 2019"'

_ISO = "%Y-%m-%d"
_ISO_WITH_TIME = r"^(\d{4}-\d{1,2}-\d{1,2})[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?$"
_OTHER_NUMERIC = ("%d.%m.%Y", "%Y/%m/%d")
_MONTH_NAMES = ("%B %d %Y", "%d %B %Y")  # chrono's %B also reads "Feb"; applied after _tidy_names
_DAY_FIRST, _MONTH_FIRST = "%d/%m/%Y", "%m/%d/%Y"


def read_dates(values: pl.Series) -> pl.DataFrame:
    """Read a column of stripped date text (nulls for blanks).

    Returns one row per value: `date` (Date, null when unread), `problem` (BLANK, UNREADABLE, AMBIGUOUS or
    null) and `message` (what is wrong and what is accepted, or null). Slash dates are read day first or
    month first only when some slash date in the same column settles the order; when none does, the ones
    that read both ways are ambiguous; when the column shows both orders, none of its slash dates is read.
    """
    text = values.rename("text")
    distinct = text.unique(maintain_order=True)
    if 2 * len(distinct) > len(text):
        return _read_distinct(text)
    # A long column repeats its dates many times: each is read once, then joined back. Reading depends on
    # which values occur and which comes first, never on how often, so the rows come out the same.
    read = _read_distinct(distinct).with_columns(distinct)
    joined = text.to_frame().join(read, on="text", how="left", nulls_equal=True, maintain_order="left")
    return joined.select("date", "problem", "message")


def _read_distinct(values: pl.Series) -> pl.DataFrame:
    """read_dates, reading every value. The values are (mostly) distinct, so to_date's cache is switched off:
    it would only cost."""
    text = values.rename("text")
    dates = _parse_unambiguous(text)
    unsure = pl.repeat(False, len(text), eager=True)
    examples: tuple[str, str] | None = None
    if dates.null_count() > text.null_count():
        slash, unsure, examples = _read_slash_dates(text)
        dates = dates.fill_null(slash)
    frame = pl.DataFrame([text, dates, unsure.rename("unsure")])
    if dates.null_count() == 0:  # the usual case: skip building messages nobody will read
        return frame.select("date", pl.lit(None, pl.String).alias("problem"), pl.lit(None, pl.String).alias("message"))
    quoted = pl.format('date "{}"', pl.col("text"))
    if examples:
        why = (
            f'this file writes slash dates both day first (like "{examples[0]}") and month first '
            f'(like "{examples[1]}"), so none of them can be read safely; write them as YYYY-MM-DD'
        )
        ambiguous = pl.format("{}: {}", quoted, pl.lit(why))
    else:
        day_first, month_first = (
            pl.col("text").str.to_date(fmt, strict=False, cache=False).dt.to_string(_ISO)
            for fmt in (_DAY_FIRST, _MONTH_FIRST)
        )
        ambiguous = pl.format(
            "{} could be {} (day first) or {} (month first) and no date in this file shows which; write it as YYYY-MM-DD",
            quoted,
            day_first,
            month_first,
        )
    problem = (
        pl.when(pl.col("text").is_null())
        .then(pl.lit(BLANK))
        .when(pl.col("unsure"))
        .then(pl.lit(AMBIGUOUS))
        .when(pl.col("date").is_null())
        .then(pl.lit(UNREADABLE))
    )
    message = (
        pl.when(pl.col("text").is_null())
        .then(pl.lit(f"date is blank; {ACCEPTED}"))
        .when(pl.col("unsure"))
        .then(ambiguous)
        .when(pl.col("date").is_null())
        .then(pl.format("{} is not a date; {}", quoted, pl.lit(ACCEPTED)))
    )
    return frame.select("date", problem.alias("problem"), message.alias("message"))


def _nulls(length: int, dtype: DType) -> pl.Series:
    return pl.repeat(None, length, dtype=dtype, eager=True)


def _parse_unambiguous(text: pl.Series) -> pl.Series:
    """Every format but dd/mm vs mm/dd, tried in turn; later formats only run while dates remain unread."""
    attempts = (
        lambda: text.str.to_date(_ISO, strict=False, cache=False),
        lambda: text.str.extract(_ISO_WITH_TIME, 1).str.to_date(_ISO, strict=False, cache=False),
        *(lambda fmt=fmt: text.str.to_date(fmt, strict=False, cache=False) for fmt in _OTHER_NUMERIC),
        *(lambda fmt=fmt: _tidy_names(text).str.to_date(fmt, strict=False, cache=False) for fmt in _MONTH_NAMES),
    )
    dates = _nulls(len(text), pl.Date).rename("date")
    for attempt in attempts:
        if dates.null_count() == text.null_count():
            break
        dates = dates.fill_null(attempt())
    return dates


def _tidy_names(text: pl.Series) -> pl.Series:
    """'Sept. 3rd, 2017' -> 'Sep 3 2017': drop ordinals, commas and abbreviation dots for chrono."""
    return (
        text.str.replace_all(r"(\d)(?:st|nd|rd|th)\b", "$1")
        .str.replace_all(r"[,.]", " ")
        .str.replace_all(r"(?i)\bsept\b", "Sep")
        .str.replace_all(r"\s+", " ")
        .str.strip_chars()
    )


def _read_slash_dates(text: pl.Series) -> tuple[pl.Series, pl.Series, tuple[str, str] | None]:
    """Slash dates read in the order the column shows; which are unsure; examples when it shows both."""
    day_first = text.str.to_date(_DAY_FIRST, strict=False, cache=False)
    month_first = text.str.to_date(_MONTH_FIRST, strict=False, cache=False)
    only_day_first = day_first.is_not_null() & month_first.is_null()
    only_month_first = month_first.is_not_null() & day_first.is_null()
    if only_day_first.any() and only_month_first.any():
        examples = (text.filter(only_day_first)[0], text.filter(only_month_first)[0])
        readable = day_first.is_not_null() | month_first.is_not_null()
        return _nulls(len(text), pl.Date), readable, examples
    settled = pl.repeat(False, len(text), eager=True)
    if only_day_first.any():
        return day_first, settled, None
    if only_month_first.any():
        return month_first, settled, None
    differ = (day_first != month_first).fill_null(False)  # "05/05/2019" reads the same either way
    return pl.select(pl.when(~differ).then(day_first)).to_series(), differ, None

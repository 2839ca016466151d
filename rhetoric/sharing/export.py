"""Writing frames for download: formula-safe CSV, Parquet, and the template CSV that shows the upload format."""

from __future__ import annotations

import io

import polars as pl

from rhetoric.errors import RhetoricError
from rhetoric.schema import DATE, EVENT, QUOTE, SOURCE, SPEAKER, TARGET

# A spreadsheet runs a cell that starts with one of these as a formula ("CSV injection"); a leading
# apostrophe makes it show the text instead.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_TEMPLATE_ROWS = [
    # Verbatim as the source pages print them; the second ends with the comma the page prints.
    {
        DATE: "2018-09-29",
        SPEAKER: "Donald Trump",
        TARGET: "Kim Jong Un",
        QUOTE: "He wrote me beautiful letters, and they’re great letters. We fell in love.",
        EVENT: "Wheeling WV rally",
        SOURCE: "https://www.huffpost.com/entry/donald-trump-kim-jong-un-in-love-north-korea_n_5bb03817e4b0c7575965aeb1",
    },
    {
        DATE: "2019-02-28",
        SPEAKER: "Donald Trump",
        TARGET: "Kim Jong Un",
        QUOTE: "Sometimes you have to walk, and this was just one of those times,",
        EVENT: "Hanoi summit press conference",
        SOURCE: "https://www.businesstimes.com.sg/international/trump-kim-summit-ended-abruptly-over-north-korea-sanctions",
    },
]


def to_csv_bytes(frame: pl.DataFrame) -> bytes:
    """UTF-8 CSV (no BOM) in which no text cell can run as a spreadsheet formula; numbers are left alone."""
    nested = [name for name, dtype in frame.schema.items() if dtype.is_nested()]
    if nested:
        raise RhetoricError(
            f"column {nested[0]} holds lists or records, which CSV cannot hold; download Parquet instead"
        )
    text = [name for name, dtype in frame.schema.items() if dtype in (pl.String, pl.Categorical, pl.Enum)]
    safe = frame.with_columns(_neutralise(pl.col(name).cast(pl.String)).alias(name) for name in text)
    return safe.write_csv().encode("utf-8")


def to_parquet_bytes(frame: pl.DataFrame) -> bytes:
    """The frame as Parquet, dtypes and all."""
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    return buffer.getvalue()


def template_csv() -> bytes:
    """A CSV to fill in: the header rhetoric reads (date, speaker, target, quote, event, source) and two real rows."""
    return to_csv_bytes(pl.DataFrame(_TEMPLATE_ROWS, schema=dict.fromkeys(_TEMPLATE_ROWS[0], pl.String)))


def _neutralise(cell: pl.Expr) -> pl.Expr:
    risky = pl.any_horizontal(cell.str.starts_with(start) for start in FORMULA_STARTS)
    return pl.when(risky).then(pl.concat_str([pl.lit("'"), cell])).otherwise(cell)

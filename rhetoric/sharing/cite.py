"""Citations a researcher can paste: who said it, when, the words, the outlet, the address and the access date;
and the sources of a dataset grouped by kind (primary, wire, newspaper, broadcast, copy)."""

from __future__ import annotations

import datetime as dt
from typing import cast

import polars as pl

from rhetoric import schema as s

CITATION = "citation"
OUTLET = "outlet"
UNKNOWN_KIND = "not stated"


def outlet() -> pl.Expr:
    """The outlet of each row: the original outlet a copy names, else the address's host (without www.)."""
    host = pl.col(s.SOURCE).str.extract(r"^[A-Za-z][A-Za-z0-9+.-]*://(?:www\.)?([^/?#:]+)", 1)
    return pl.coalesce(pl.col(s.SOURCE_ORIGINAL), host, pl.col(s.SOURCE), pl.lit("source not given")).alias(OUTLET)


def citations(quotes: pl.DataFrame, accessed: dt.date) -> pl.DataFrame:
    """The quotes with `outlet` and `citation`, e.g.
    Donald Trump, 2018-09-29: “We fell in love.” nbcnews.com (newspaper). https://… (accessed 2026-12-06).
    A copy names the outlet it reproduces and says so: “… White House transcript, via a copy. http://… (accessed …)”."""
    frame = s.conform(quotes, s.QUOTE_SCHEMA)
    kind = (
        pl.when(pl.col(s.SOURCE_KIND) == s.COPY)
        .then(pl.lit(", via a copy"))
        .otherwise(pl.format(" ({})", pl.col(s.SOURCE_KIND).fill_null(UNKNOWN_KIND)))
    )
    return frame.with_columns(outlet()).with_columns(
        pl.format(
            "{}, {}: “{}” {}{}. {} (accessed {}).",
            pl.col(s.SPEAKER).fill_null("unknown speaker"),
            pl.col(s.DATE).cast(pl.String).fill_null("undated"),
            pl.col(s.QUOTE).fill_null(""),
            pl.col(OUTLET),
            kind,
            pl.col(s.SOURCE).fill_null("no address"),
            pl.lit(accessed.isoformat()),
        ).alias(CITATION)
    )


def sources_by_kind(frame: pl.DataFrame) -> pl.DataFrame:
    """One row per (kind, address): kind in SOURCE_KINDS order (then any not stated), the outlet, the address
    and how many rows cite it."""
    order = {kind: i for i, kind in enumerate(s.SOURCE_KINDS)}
    columns: s.Schema = {s.SOURCE: pl.String, s.SOURCE_KIND: pl.String, s.SOURCE_ORIGINAL: pl.String}
    return (
        s.conform(frame.select([c for c in columns if c in frame.columns]), columns)
        .filter(pl.col(s.SOURCE).is_not_null())
        .with_columns(pl.col(s.SOURCE_KIND).fill_null(UNKNOWN_KIND), outlet())
        .group_by(s.SOURCE_KIND, OUTLET, s.SOURCE)
        .agg(pl.len().cast(pl.UInt32).alias("rows"))
        .with_columns(pl.col(s.SOURCE_KIND).replace_strict(order, default=len(order)).alias("_order"))
        .sort("_order", OUTLET, s.SOURCE)
        .drop("_order")
    )


def share(frame: pl.DataFrame, kinds: tuple[str, ...] = (s.PRIMARY, s.WIRE)) -> float:
    """The share of rows whose source is of one of `kinds` (primary or wire by default); 0 for no rows."""
    if frame.is_empty() or s.SOURCE_KIND not in frame.columns:
        return 0.0
    return float(cast(float, frame[s.SOURCE_KIND].is_in(kinds).fill_null(False).mean()) or 0.0)

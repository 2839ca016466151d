"""One sentence a view that says what the data shown finds, computed from it, or says that the data are too thin.

Each function takes the frames the view draws and returns plain text (the app shows it as text, never markup).
"""

from __future__ import annotations

import datetime as dt
from typing import cast

import polars as pl

from rhetoric import schema as s
from rhetoric.analysis.rolling import rolling_warmth

MIN_QUOTES = 5  # fewer quotes than this make no claim
AFTER_DAYS = 180  # "what progress did after" the warmest moment: the next six months
WARM_BUT_EMPTY = "warm but empty"


def _where(pair: str | None) -> str:
    return f"On {pair}, " if pair else "Across these pairs, "


def rapport(quotes: pl.DataFrame, events: pl.DataFrame, pair: str | None, window_days: int) -> str:
    """Where the rolling mean warmth peaked, and what the outcome events did in the six months after."""
    if quotes.height < MIN_QUOTES:
        return f"Too few quotes ({quotes.height}) to say when the talk was warmest; widen the filters."
    rolling = rolling_warmth(quotes, window_days).filter(pl.col("quotes_in_window") >= MIN_QUOTES // 2 + 1)
    if rolling.is_empty():
        return f"The quotes are too scattered in time for a {window_days}-day mean; widen the window."
    peak = rolling.sort(["rolling_warmth", s.DATE], descending=[True, False]).row(0, named=True)
    day = cast(dt.date, peak[s.DATE])
    later = events.filter((pl.col(s.DATE) > day) & (pl.col(s.DATE) <= day + dt.timedelta(days=AFTER_DAYS)))
    head = (
        f"{_where(pair)}the {window_days}-day mean warmth peaked at {peak['rolling_warmth']:+.2f} on {day.isoformat()}"
    )
    if events.is_empty():
        return head + "; there are no outcome events to set it against."
    if later.is_empty():
        return head + f"; no outcome event followed in the next {AFTER_DAYS} days."
    net = float(later[s.PROGRESS].sum())
    verb = "added" if net > 0 else "took away" if net < 0 else "netted"
    return (
        head + f"; in the {AFTER_DAYS} days after, {later.height} outcome event{'s' if later.height != 1 else ''} "
        f"{verb} {abs(net):.1f} progress point{'s' if abs(net) != 1 else ''}."
    )


def rhetoric_map(quotes: pl.DataFrame, substance_midline: float = 0.5) -> str:
    """How many quotes are warm but empty, against warm and substantive."""
    if quotes.height < MIN_QUOTES:
        return f"Too few quotes ({quotes.height}) to say what kind of talk this is; widen the filters."
    warm = pl.col(s.WARMTH) > 0
    empty = pl.col(s.SUBSTANCE) < substance_midline
    counts = quotes.select(
        (warm & empty).sum().alias("warm_empty"), (warm & ~empty).sum().alias("warm_full"), pl.len().alias("n")
    ).row(0, named=True)
    share = counts["warm_empty"] / counts["n"]
    return (
        f"{share:.0%} of these {counts['n']} quotes are warm but empty (warm words, little concrete content); "
        f"{counts['warm_full'] / counts['n']:.0%} are warm and substantive."
    )


def moments(table: pl.DataFrame) -> str:
    """Before how many moments the talk ran warmer than the delivery, and the mean rapport gap."""
    with_quotes = table.filter(pl.col("rapport_gap").is_not_null())
    if with_quotes.is_empty():
        return "No summit or key event had quotes before it within these filters: no gap to measure."
    warmer = with_quotes.filter(pl.col("rapport_gap") > 0).height
    mean = cast(float, with_quotes["rapport_gap"].mean())
    return (
        f"Before {warmer} of {with_quotes.height} moment{'s' if with_quotes.height != 1 else ''} the talk ran "
        f"warmer than the delivery; the mean rapport gap is {mean:+.2f}."
    )

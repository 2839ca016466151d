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


def pairs(summary: pl.DataFrame) -> str:
    """The warmest and the coldest pair by mean warmth, each with its net progress."""
    rated = summary.filter(pl.col("mean_warmth").is_not_null() & (pl.col("quotes") >= MIN_QUOTES))
    if rated.height < 2:
        return "Fewer than two leader pairs have five quotes or more here: nothing to compare."
    ordered = rated.sort(["mean_warmth", s.PAIR], descending=[True, False])
    warm, cold = ordered.row(0, named=True), ordered.row(-1, named=True)
    head = (
        f"Warmest pair: {warm[s.PAIR]} (mean warmth {warm['mean_warmth']:+.2f}, net progress "
        f"{warm['net_progress']:+.1f}); coldest: {cold[s.PAIR]} ({cold['mean_warmth']:+.2f}, "
        f"{cold['net_progress']:+.1f})"
    )
    with_events = rated.filter(pl.col("events") > 0).sort(["net_progress", s.PAIR])
    if with_events.height < 2:
        return head + "."
    least = with_events.row(0, named=True)
    if least[s.PAIR] in (warm[s.PAIR], cold[s.PAIR]) or least["net_progress"] >= 0:
        return head + "."
    warmer = rated.filter(pl.col("mean_warmth") < least["mean_warmth"]).height
    return (
        f"{head}. {least[s.PAIR]} lost the most ({least['net_progress']:+.1f} progress points) while its talk ran "
        f"warmer than {warmer} of the other {rated.height - 1} pairs (mean warmth {least['mean_warmth']:+.2f})."
    )


def word_shift(
    table: pl.DataFrame, measure: str, split: dt.date, before: float, after: float, interval: tuple[float, float]
) -> str:
    """How the chosen scorer's mean moved across the split, unless that is within noise (its 95% interval
    holds zero), and the terms that moved the lexicon's most."""
    change = after - before
    low, high = interval
    span = f"95% interval {low:+.2f} to {high:+.2f}"
    if low <= 0 <= high:
        head = f"Mean {measure} did not move beyond noise at {split.isoformat()} ({change:+.2f}; {span})"
    else:
        head = (
            f"Mean {measure} {'rose' if change > 0 else 'fell'} by {abs(change):.2f} from {split.isoformat()} ({span})"
        )
    if table.is_empty():
        return head + "."
    words = table.filter(pl.col(s.CATEGORY) != "baseline")  # the courtesy baseline is no word
    top = words.sort(pl.col("shift").abs(), descending=True).head(3)
    named = ", ".join(f"“{t}” ({v:+.3f})" for t, v in top.select(s.TERM, "shift").iter_rows())
    return f"{head}; the lexicon's terms that moved it most: {named}."


def explorer(shown: pl.DataFrame, total: int) -> str:
    """How many quotes are shown, and the warmest and coldest of them."""
    if shown.is_empty():
        return f"None of the {total} quotes matches."
    ordered = shown.sort([s.WARMTH, s.DATE], descending=[True, False])
    warm, cold = ordered.row(0, named=True), ordered.row(-1, named=True)
    return (
        f"{shown.height} of {total} quotes; the warmest is {warm[s.SPEAKER]}'s of {warm[s.DATE].isoformat()} "
        f"({warm[s.WARMTH]:+.2f}), the coldest {cold[s.SPEAKER]}'s of {cold[s.DATE].isoformat()} ({cold[s.WARMTH]:+.2f})."
    )


def data(quotes: pl.DataFrame, events: pl.DataFrame, label: str) -> str:
    """What every view is showing: how many quotes, pairs and events, and from where."""
    n_pairs = quotes[s.PAIR].drop_nulls().n_unique() if quotes.height else 0
    return (
        f"In use: {quotes.height} quote{'s' if quotes.height != 1 else ''} from {n_pairs} leader "
        f"pair{'s' if n_pairs != 1 else ''} and {events.height} outcome event{'s' if events.height != 1 else ''} "
        f"({label})."
    )

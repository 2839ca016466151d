"""Analysis of scored quotes against outcomes: filters, rolling warmth and the headline numbers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from rhetoric import schema as s

DEFAULT_WINDOW_DAYS = 90


@dataclass(frozen=True)
class Filters:
    """What the reader has narrowed the data to; empty or None means everything."""

    speakers: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    pairs: tuple[str, ...] = ()


def filter_quotes(quotes: pl.DataFrame, f: Filters) -> pl.DataFrame:
    """Quotes by the chosen speakers and pairs within the date range (inclusive)."""
    return quotes.filter(_conditions(f, speakers=True))


def filter_outcomes(outcomes: pl.DataFrame, f: Filters) -> pl.DataFrame:
    """Outcome events of the chosen pairs within the date range; speakers do not narrow events."""
    return outcomes.filter(_conditions(f, speakers=False))


def _conditions(f: Filters, *, speakers: bool) -> pl.Expr:
    cond = pl.lit(True)
    if speakers and f.speakers:
        cond &= pl.col(s.SPEAKER).is_in(list(f.speakers))
    if f.pairs:
        cond &= pl.col(s.PAIR).is_in(list(f.pairs))
    if f.start is not None:
        cond &= pl.col(s.DATE) >= f.start
    if f.end is not None:
        cond &= pl.col(s.DATE) <= f.end
    return cond


def rolling_warmth(quotes: pl.DataFrame, window_days: int = DEFAULT_WINDOW_DAYS) -> pl.DataFrame:
    """Per date, the mean warmth of the quotes in the trailing window of `window_days` days."""
    if quotes.is_empty():
        return pl.DataFrame(schema={s.DATE: pl.Date, "rolling_warmth": pl.Float64, "quotes_in_window": pl.UInt32})
    daily = quotes.group_by(s.DATE).agg(pl.col(s.WARMTH).sum().alias("_sum"), pl.len().alias("_n")).sort(s.DATE)
    window = f"{int(window_days)}d"
    return daily.with_columns(
        (pl.col("_sum").rolling_sum_by(s.DATE, window) / pl.col("_n").rolling_sum_by(s.DATE, window)).alias(
            "rolling_warmth"
        ),
        pl.col("_n").rolling_sum_by(s.DATE, window).cast(pl.UInt32).alias("quotes_in_window"),
    ).select(s.DATE, "rolling_warmth", "quotes_in_window")


@dataclass(frozen=True)
class Headline:
    """The numbers at the top of the dashboard."""

    quotes: int
    events: int
    mean_warmth: float | None
    mean_substance: float | None
    net_progress: float
    speakers: int


def headline(quotes: pl.DataFrame, outcomes: pl.DataFrame) -> Headline:
    """Counts, mean warmth and substance of the quotes, and the net progress of the events."""
    return Headline(
        quotes=quotes.height,
        events=outcomes.height,
        mean_warmth=quotes[s.WARMTH].mean() if quotes.height else None,
        mean_substance=quotes[s.SUBSTANCE].mean() if quotes.height else None,
        net_progress=float(outcomes[s.PROGRESS].sum()) if outcomes.height else 0.0,
        speakers=quotes[s.SPEAKER].n_unique() if quotes.height else 0,
    )


def speakers_by_count(quotes: pl.DataFrame) -> list[str]:
    """Speakers, most quoted first (ties by name): the order filters list them in."""
    counts = quotes.group_by(s.SPEAKER).len().sort(["len", s.SPEAKER], descending=[True, False])
    return counts[s.SPEAKER].to_list()


def date_span(*frames: pl.DataFrame) -> tuple[dt.date, dt.date] | None:
    """The first and last date across frames, or None when they hold no dates."""
    dates = [d for f in frames if f.height for d in (f[s.DATE].min(), f[s.DATE].max()) if d is not None]
    return (min(dates), max(dates)) if dates else None


def pairs(*frames: pl.DataFrame) -> list[str]:
    """The leader pairs present in the frames, sorted."""
    found: set[str] = set()
    for f in frames:
        if s.PAIR in f.columns:
            found.update(p for p in f[s.PAIR].unique().to_list() if p)
    return sorted(found)


def within(values: Sequence[str], allowed: Sequence[str]) -> tuple[str, ...]:
    """The values that are among the allowed ones, in the allowed order."""
    chosen = set(values)
    return tuple(v for v in allowed if v in chosen)


def monthly_by_speaker(quotes: pl.DataFrame) -> pl.DataFrame:
    """Mean warmth per speaker per calendar month: month, speaker, warmth, quotes."""
    return (
        quotes.group_by(pl.col(s.DATE).dt.truncate("1mo").alias("month"), s.SPEAKER)
        .agg(pl.col(s.WARMTH).mean(), pl.len().cast(pl.UInt32).alias("quotes"))
        .sort("month", s.SPEAKER)
    )


def pair_summary(quotes: pl.DataFrame, outcomes: pl.DataFrame) -> pl.DataFrame:
    """Per leader pair: mean warmth and quote count, net progress and event count, sorted by pair."""
    words = quotes.filter(pl.col(s.PAIR).is_not_null()).group_by(s.PAIR).agg(
        pl.col(s.WARMTH).mean().alias("mean_warmth"), pl.len().cast(pl.UInt32).alias("quotes")
    )
    deeds = outcomes.filter(pl.col(s.PAIR).is_not_null()).group_by(s.PAIR).agg(
        pl.col(s.PROGRESS).sum().alias("net_progress"), pl.len().cast(pl.UInt32).alias("events")
    )
    return (
        words.join(deeds, on=s.PAIR, how="full", coalesce=True)
        .with_columns(pl.col("quotes", "events").fill_null(0), pl.col("net_progress").fill_null(0.0))
        .sort(s.PAIR)
    )


def search_quotes(quotes: pl.DataFrame, text: str) -> pl.DataFrame:
    """Quotes whose text, speaker, target or event contains the text, ignoring case (literal, not a pattern)."""
    needle = text.strip().lower()
    if not needle:
        return quotes
    cols = [c for c in (s.QUOTE, s.SPEAKER, s.TARGET, s.EVENT) if c in quotes.columns]
    hit = pl.any_horizontal(pl.col(c).fill_null("").str.to_lowercase().str.contains(needle, literal=True) for c in cols)
    return quotes.filter(hit)

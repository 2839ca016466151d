"""Narrowing quotes and events to what the reader chose: speakers, pairs, dates and a text search."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

import polars as pl

from rhetoric import schema as s


@dataclass(frozen=True)
class Filters:
    """What the reader has narrowed the data to; empty or None means everything.

    By default a remark counts once: rows with a `variant_of` (another outlet's wording of a remark already in
    the data) are folded into their original unless `variants` is set. `primary_only` keeps quotes and events
    whose source is a primary record (an official transcript or statement)."""

    speakers: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    pairs: tuple[str, ...] = ()
    variants: bool = False
    primary_only: bool = False


def filter_quotes(quotes: pl.DataFrame, f: Filters) -> pl.DataFrame:
    """Quotes by the chosen speakers and pairs within the date range (inclusive), one row per remark unless
    variants are asked for, from primary sources only if asked."""
    cond = _conditions(f, speakers=True)
    if not f.variants and s.VARIANT_OF in quotes.columns:
        cond &= pl.col(s.VARIANT_OF).is_null()
    return quotes.filter(cond)


def filter_outcomes(outcomes: pl.DataFrame, f: Filters) -> pl.DataFrame:
    """Outcome events of the chosen pairs within the date range (from primary sources only if asked); speakers
    do not narrow events."""
    return outcomes.filter(_conditions(f, speakers=False))


def variant_count(quotes: pl.DataFrame) -> int:
    """How many rows are other outlets' wordings of a remark already in the data (what folding leaves out)."""
    return int(quotes[s.VARIANT_OF].is_not_null().sum()) if s.VARIANT_OF in quotes.columns else 0


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
    if f.primary_only:
        cond &= pl.col(s.SOURCE_KIND) == s.PRIMARY
    return cond


def speakers_by_count(quotes: pl.DataFrame) -> list[str]:
    """Speakers, most quoted first (ties by name): the order filters list them in."""
    counts = quotes.group_by(s.SPEAKER).len().sort(["len", s.SPEAKER], descending=[True, False])
    return counts[s.SPEAKER].to_list()


def date_span(*frames: pl.DataFrame) -> tuple[dt.date, dt.date] | None:
    """The first and last date across frames, or None when they hold no dates."""
    dates = [cast(dt.date, d) for f in frames if f.height for d in (f[s.DATE].min(), f[s.DATE].max()) if d is not None]
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


def search_quotes(quotes: pl.DataFrame, text: str) -> pl.DataFrame:
    """Quotes whose text, speaker, target or event contains the text, ignoring case (literal, not a pattern)."""
    needle = text.strip().lower()
    if not needle:
        return quotes
    cols = [c for c in (s.QUOTE, s.SPEAKER, s.TARGET, s.EVENT) if c in quotes.columns]
    hit = pl.any_horizontal(pl.col(c).fill_null("").str.to_lowercase().str.contains(needle, literal=True) for c in cols)
    return quotes.filter(hit)

"""Filters: one row per remark by default, each outlet's wording on request, primary sources only on request."""

from __future__ import annotations

import datetime as dt

import polars as pl

from rhetoric import analysis
from rhetoric import schema as s
from rhetoric.analysis import Filters


def _provenance_quotes() -> pl.DataFrame:
    return s.conform(
        pl.DataFrame(
            {
                s.ID: ["a", "a2", "b", "c"],
                s.DATE: [dt.date(2019, 1, 1)] * 4,
                s.SPEAKER: ["X"] * 4,
                s.QUOTE: ["one", "one, as another outlet had it", "two", "three"],
                s.VARIANT_OF: [None, "a", None, None],
                s.SOURCE_KIND: ["newspaper", "copy", "primary", "wire"],
            }
        ),
        s.QUOTE_SCHEMA,
    )


def test_by_default_a_remark_counts_once_and_its_variants_come_back_on_request():
    quotes = _provenance_quotes()
    assert analysis.filter_quotes(quotes, Filters())[s.ID].to_list() == ["a", "b", "c"]
    assert analysis.filter_quotes(quotes, Filters(variants=True))[s.ID].to_list() == ["a", "a2", "b", "c"]
    assert analysis.variant_count(quotes) == 1


def test_primary_only_keeps_quotes_and_events_from_primary_records():
    quotes = _provenance_quotes()
    assert analysis.filter_quotes(quotes, Filters(primary_only=True))[s.ID].to_list() == ["b"]
    events = s.conform(
        pl.DataFrame({s.ID: ["e1", "e2"], s.DATE: [dt.date(2019, 1, 2)] * 2, s.SOURCE_KIND: ["primary", None]}),
        s.OUTCOME_SCHEMA,
    )
    assert analysis.filter_outcomes(events, Filters(primary_only=True))[s.ID].to_list() == ["e1"]

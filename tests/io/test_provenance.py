"""Provenance of the bundled data: every row says what kind of record its address is, a copy names what it copies,
and quotes/README.md states the shares and the copy-only quotes as they are."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest

from rhetoric import schema as s
from rhetoric.io import bundled
from rhetoric.sharing import cite

README = Path(__file__).resolve().parents[2] / "quotes" / "README.md"


@pytest.fixture(scope="module")
def quotes() -> pl.DataFrame:
    return bundled.quotes()


@pytest.fixture(scope="module")
def events() -> pl.DataFrame:
    return bundled.outcomes()


def test_every_bundled_quote_and_event_has_a_valid_kind_of_source(quotes, events):
    for frame in (quotes, events):
        assert frame[s.SOURCE_KIND].null_count() == 0
        assert set(frame[s.SOURCE_KIND]) <= set(s.SOURCE_KINDS)
        assert frame[s.SOURCE].null_count() == 0


def test_a_copy_names_the_outlet_it_reproduces_and_nothing_else_claims_one(quotes, events):
    for frame in (quotes, events):
        copies = frame.filter(pl.col(s.SOURCE_KIND) == s.COPY)
        assert copies[s.SOURCE_ORIGINAL].null_count() == 0
        assert frame.filter(pl.col(s.SOURCE_KIND) != s.COPY)[s.SOURCE_ORIGINAL].null_count() == (
            frame.height - copies.height
        )


def test_the_readme_states_the_shares_and_the_copy_only_quotes_as_they_are(quotes, events):
    text = README.read_text(encoding="utf-8")
    share = cite.share(quotes)
    wire_or_primary = int(quotes[s.SOURCE_KIND].is_in([s.PRIMARY, s.WIRE]).sum())
    print(
        f"primary or wire: {wire_or_primary} of {quotes.height} quotes ({share:.1%}); events {cite.share(events):.1%}"
    )
    assert f"Primary or wire: {wire_or_primary} of {quotes.height} quotes ({share:.1%})." in text
    listed = re.search(r"Copy-only quotes: ([^.]*)\.", text)
    assert listed is not None
    copies = sorted(quotes.filter(pl.col(s.SOURCE_KIND) == s.COPY)[s.ID].to_list())
    # A new quote resting on a copy alone fails here until it is re-sourced or listed (and so explained).
    assert listed.group(1).split(", ") == copies
    for name, frame in (("quotes", quotes), ("outcome events", events)):
        counts = [int((frame[s.SOURCE_KIND] == k).sum()) for k in s.SOURCE_KINDS]
        assert f"| {name} | " + " | ".join(map(str, counts)) + f" | {frame.height} |" in text


def test_rg_q007_carries_reagans_own_words_from_the_primary_record(quotes):
    row = quotes.filter(pl.col(s.ID) == "rg-q007").row(0, named=True)
    assert row[s.SOURCE_KIND] == s.PRIMARY
    assert "reagan" in row[s.SOURCE] and str(row[s.DATE]) == "1986-08-05"
    assert (
        "threat posed by Soviet strategic forces, and not on standards contained in the SALT structure" in row[s.QUOTE]
    )
    assert "rather than" not in row[s.QUOTE]  # the spokesman's wording the newspaper blended in


def test_every_quote_not_on_a_primary_or_wire_record_says_why_in_the_notes(quotes):
    notes = pl.read_csv(README.parent / "provenance_notes.csv", infer_schema=False)
    others = quotes.filter(~pl.col(s.SOURCE_KIND).is_in([s.PRIMARY, s.WIRE]))
    # One line for each such quote, no more: a quote moved to a better record leaves the notes with it.
    assert sorted(notes["id"].to_list()) == sorted(others[s.ID].to_list())
    kinds = dict(zip(others[s.ID].to_list(), others[s.SOURCE_KIND].to_list(), strict=True))
    assert all(kinds[i] == k for i, k in zip(notes["id"], notes["source_kind"], strict=True))
    reasons = notes["why_not_primary_or_wire"].to_list()
    assert all(len(r.split()) >= 2 for r in reasons)  # a reason, not a blank or a token
    for r in reasons:  # "as rg-q020": a reason given once for several rows names a row that has one
        for other in re.findall(r"\bas ([a-z]{2}-q\d{3})\b", r):
            assert other in set(notes["id"])

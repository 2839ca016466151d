"""Citations: speaker, date, words, outlet, address and access date; a copy names what it copies; sources by kind."""

from __future__ import annotations

import datetime as dt

import polars as pl

from rhetoric import schema as s
from rhetoric.sharing import cite


def quotes() -> pl.DataFrame:
    return s.conform(
        pl.DataFrame(
            {
                s.ID: ["q1", "q2", "q3"],
                s.DATE: [dt.date(2018, 9, 29), dt.date(2001, 6, 16), None],
                s.SPEAKER: ["Donald Trump", "George W. Bush", "Someone"],
                s.QUOTE: ["We fell in love.", "I looked the man in the eye.", "Hello."],
                s.SOURCE: [
                    "https://www.presidency.ucsb.edu/documents/remarks-wheeling",
                    "http://lspol.blogspot.com/2004/12/x.html",
                    None,
                ],
                s.SOURCE_KIND: ["primary", "copy", None],
                s.SOURCE_ORIGINAL: [None, "White House transcript", None],
            }
        ),
        s.QUOTE_SCHEMA,
    )


def test_a_citation_names_speaker_date_words_outlet_kind_address_and_access_date():
    got = cite.citations(quotes(), dt.date(2026, 12, 6))[cite.CITATION].to_list()
    assert got[0] == (
        "Donald Trump, 2018-09-29: “We fell in love.” presidency.ucsb.edu (primary). "
        "https://www.presidency.ucsb.edu/documents/remarks-wheeling (accessed 2026-12-06)."
    )
    assert got[1] == (
        "George W. Bush, 2001-06-16: “I looked the man in the eye.” White House transcript, via a copy. "
        "http://lspol.blogspot.com/2004/12/x.html (accessed 2026-12-06)."
    )
    assert got[2] == "Someone, undated: “Hello.” source not given (not stated). no address (accessed 2026-12-06)."


def test_sources_are_grouped_by_kind_in_order_primary_first_and_counted():
    frame = pl.concat([quotes(), quotes().head(1)])
    table = cite.sources_by_kind(frame)
    assert table[s.SOURCE_KIND].to_list() == ["primary", "copy"]  # a row without an address lists nothing
    assert table["rows"].to_list() == [2, 1]
    assert table[cite.OUTLET].to_list() == ["presidency.ucsb.edu", "White House transcript"]
    assert cite.share(quotes()) == 1 / 3

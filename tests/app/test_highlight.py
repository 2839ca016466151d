"""The quote panel's highlighting: the explaining words coloured, every other character inert."""

from __future__ import annotations

import string

import polars as pl

from dashboard import highlight
from dashboard.quote_panel import is_web_address
from rhetoric import schema as s


def terms(*rows):
    return pl.DataFrame(
        rows, schema={s.MEASURE: pl.String, s.TERM: pl.String, s.CONTRIBUTION: pl.Float64}, orient="row"
    )


def test_phrase_words_get_the_colour_of_their_sign():
    out = highlight.highlighted(
        "We fell in love. Rocket Man!", terms(("warmth", "fell in love", 0.4), ("warmth", "rocket man", -0.3))
    )
    assert out == (
        "We :green-background[fell] :green-background[in] :green-background[love\\.] "
        ":red-background[Rocket] :red-background[Man\\!]"
    )


def test_warmth_colour_wins_over_substance_on_the_same_word():
    out = highlight.highlighted("sanctions", terms(("warmth", "sanctions", -0.1), ("substance", "sanctions", 0.5)))
    assert out == ":red-background[sanctions]"


def test_markup_in_a_quote_is_escaped_not_rendered():
    nasty = "<script>alert(1)</script> :red[x] [a](javascript:alert(1)) **b** `c`"
    out = highlight.highlighted(nasty, terms())
    unescaped = [c for i, c in enumerate(out) if c in string.punctuation and c != "\\" and out[i - 1] != "\\"]
    assert unescaped == []
    assert out.replace("\\", "") == nasty


def test_only_http_addresses_become_links():
    assert is_web_address("https://example.org/a")
    assert not is_web_address("javascript:alert(1)")
    assert not is_web_address("file:///etc/passwd")
    assert not is_web_address(None)

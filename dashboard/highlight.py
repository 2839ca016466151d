"""A quote as Streamlit markdown with the words that drove its scores highlighted, and nothing else live.

Every ASCII punctuation character of the quote is backslash-escaped (CommonMark lets any of them be
escaped), so a quote cannot open a link, an emphasis, a directive like `:red[...]` or raw HTML.
"""

from __future__ import annotations

import string

import polars as pl

from rhetoric import schema as s
from rhetoric.scoring import lexicon

_ESCAPE = {ord(c): "\\" + c for c in string.punctuation}
WARM, COLD, CONCRETE, VAGUE = "green", "red", "blue", "orange"


def escape(text: str) -> str:
    """Text that Streamlit's markdown shows exactly as written."""
    return text.translate(_ESCAPE).replace("\n", "  \n")


def colour_of(measure: str, contribution: float) -> str:
    if measure == "warmth":
        return WARM if contribution > 0 else COLD
    return CONCRETE if contribution > 0 else VAGUE


def highlighted(quote: str, terms: pl.DataFrame) -> str:
    """The quote with each explaining term's words on a coloured background.

    `terms` has measure, term and contribution columns (one quote's explanations). Warmth colours win
    over substance colours where a word explains both.
    """
    words = quote.split()
    norm = [lexicon.normalise_term(w) for w in words]
    colours: list[str | None] = [None] * len(words)
    ordered = terms.sort(pl.col(s.MEASURE) == "warmth")  # substance first, warmth painted over it
    for measure, term, contribution in ordered.select(s.MEASURE, s.TERM, s.CONTRIBUTION).iter_rows():
        target = term.split()
        k = len(target)
        for i in range(len(words) - k + 1):
            if norm[i : i + k] == target:
                for j in range(i, i + k):
                    colours[j] = colour_of(measure, contribution)
    return " ".join(f":{c}-background[{escape(w)}]" if c else escape(w) for w, c in zip(words, colours))


LEGEND = (
    f":{WARM}-background[warm] :{COLD}-background[cold] "
    f":{CONCRETE}-background[concrete] :{VAGUE}-background[vague or hedging]"
)

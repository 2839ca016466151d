"""Which leader pair a quote belongs to when its file gives none: its speaker and target matched to known pairs.

A pair is named `Surname–Surname` ("Trump–Kim"). A name matches a surname when the surname is one of its
words, whatever the case and titles around it: "Donald Trump", "Trump" and "President Trump" all match
Trump, "Kim Jong Un" matches Kim. A quote whose speaker matches one side of a known pair and whose target the
other joins that pair, in the pair's own order; the first known pair that fits wins. Any other quote with a
target gets a pair of its own, "Speaker–Target" in alphabetical order, as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import polars as pl

RULE = (
    "Quotes without a pair column join a known leader pair when the speaker's and the target's names hold its two "
    'surnames ("Donald Trump", "Trump" or "President Trump" speaking of "Kim Jong Un" joins Trump–Kim); '
    'otherwise the pair is "Speaker–Target", names in alphabetical order.'
)


def sides(pair: str) -> tuple[str, str] | None:
    """The two surnames of a pair name, or None if it is not of the form `A–B`."""
    parts = [p.strip() for p in pair.split("–")]
    return (parts[0], parts[1]) if len(parts) == 2 and all(parts) else None


def mentions(name: pl.Expr, surname: str) -> pl.Expr:
    """Whether a name holds the surname as a word (case-insensitive); false for a missing name."""
    return name.str.contains(rf"(?i)(^|\W){re.escape(surname)}($|\W)").fill_null(False)


def derived(speaker: pl.Expr, target: pl.Expr, known: Sequence[str]) -> pl.Expr:
    """The pair of each row from its speaker and target: a known pair that fits, else `Speaker–Target`."""
    first = speaker <= target
    fallback = pl.concat_str(
        [pl.when(first).then(speaker).otherwise(target), pl.when(first).then(target).otherwise(speaker)],
        separator="–",
    )
    result = fallback
    for pair in reversed(list(dict.fromkeys(known))):  # built inside out, so the first known pair wins
        both = sides(pair)
        if both is None:
            continue
        a, b = both
        fits = (mentions(speaker, a) & mentions(target, b)) | (mentions(speaker, b) & mentions(target, a))
        result = pl.when(fits).then(pl.lit(pair)).otherwise(result)
    return result

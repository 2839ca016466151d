"""Whether a quote is in English: warmth, substance and sentiment read English words only.

A quote in French or Spanish gets no feeling word and no concrete term from the lexicons, so it scores
as a cool, vague quote whatever it says. Such quotes are kept (they are not wrong), and the user is told.

The test counts function words, the short words every sentence needs: a quote is taken for another
language when it has at least two common function words of French, German, Spanish, Portuguese, Italian,
Dutch, Polish or Hungarian and more of them than of English ones, or when most of its words are written in
another script (Cyrillic, Arabic, Chinese ...). Words that English shares with those languages ("a", "in",
"die", "was", "no", "son") count for neither. A terse English line without function words ("Sanctions
relief, troop withdrawal, nuclear inspections") therefore still passes. Quotes of fewer than MIN_WORDS
words are too short to tell and always pass, and so do quotes with one of the commonest English words
between spaces (" the ", " and ", " we " ...): one fast substring pass clears nearly every English quote, and
only the rest are split into words.
"""

from __future__ import annotations

import polars as pl

ENGLISH = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "is",
        "are",
        "be",
        "been",
        "being",
        "that",
        "this",
        "these",
        "those",
        "with",
        "for",
        "from",
        "by",
        "at",
        "it",
        "its",
        "they",
        "them",
        "their",
        "we",
        "our",
        "ours",
        "us",
        "you",
        "your",
        "he",
        "him",
        "his",
        "she",
        "her",
        "i",
        "my",
        "not",
        "have",
        "has",
        "had",
        "would",
        "could",
        "should",
        "can",
        "cannot",
        "must",
        "shall",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "there",
        "here",
        "than",
        "then",
        "very",
        "just",
        "about",
        "into",
        "over",
        "after",
        "before",
        "because",
        "while",
        "if",
        "or",
        "but",
        "any",
        "all",
        "some",
        "more",
        "most",
        "such",
        "only",
        "other",
        "were",
        "did",
        "does",
        "done",
        "much",
        "many",
    ]
)
OTHER = frozenset(
    # French
    "le la les des du un une et est sont pas que qui dans pour sur avec au aux ce cette nous vous je il elle ils "
    "mais où très plus par sa ses leur été être "
    # German
    "der das und ist sind nicht ein eine einen dem den mit für auf zu von im wir ich sie er es auch sehr noch "
    "nur wie aber oder wird werden haben hat "
    # Spanish and Portuguese
    "el los las del y en por para con uno es que lo se su sus muy pero como más nos este esta os da dos das em "
    "um uma não é são ele ela nós mais muito "
    # Italian, Dutch, Polish, Hungarian
    "il gli della di che è non sono het een van en ik niet dat op te zijn "
    "się nie na że jest w z ze jak ale tak może przez od jego az hogy és nem egy".split()
)
MIN_WORDS = 6
# English words that none of those languages writes as a word of its own ("to" is Polish, "is" Dutch).
CLEARLY_ENGLISH = tuple(
    f" {w} "
    for w in [
        "the",
        "and",
        "of",
        "that",
        "with",
        "we",
        "you",
        "it",
        "have",
        "are",
        "they",
        "our",
        "this",
        "for",
        "not",
        "be",
        "been",
        "has",
    ]
)


def foreign(frame: pl.DataFrame, column: str) -> pl.DataFrame:
    """The rows of `frame` whose `column` does not look like English (module docstring)."""
    unclear = frame.filter(~pl.col(column).str.contains_any(list(CLEARLY_ENGLISH), ascii_case_insensitive=True))
    return unclear.filter(~looks_english(pl.col(column)))


def looks_english(quote: pl.Expr) -> pl.Expr:
    """True where the quote reads as English or is too short to tell; null where the quote is null.

    The word-by-word test alone, for any text; `foreign` puts the fast substring pass in front of it.
    """
    words = quote.str.to_lowercase().str.extract_all(r"\p{L}+")
    count = words.list.len()
    english = words.list.eval(pl.element().is_in(list(ENGLISH))).list.sum()
    other = words.list.eval(pl.element().is_in(list(OTHER))).list.sum()
    other_script = words.list.eval(pl.element().str.contains(r"^[^\p{Latin}]+$")).list.sum()
    foreign = ((other >= 2) & (other > english)) | (other_script * 2 > count)
    return (count < MIN_WORDS) | ~foreign


def note(file: str, count: int) -> str:
    """What to tell the user about `count` quotes of `file` that do not look like English."""
    one = count == 1
    return (
        f"{file}: {count:,} quote{'' if one else 's'} {'does' if one else 'do'} not look like English. The lexicon "
        f"and plain VADER read English words only, so {'its' if one else 'their'} lexicon scores and sentiment say "
        "nothing about what was said; the learned scorer (the default) reads about a hundred languages, though it "
        f"was trained on English quotes. The {'row is' if one else 'rows are'} kept."
    )


def is_english(text: str) -> bool:
    """Whether one text looks like English, by the same test as `foreign`."""
    return foreign(pl.DataFrame({"text": [text]}, schema={"text": pl.String}), "text").is_empty()

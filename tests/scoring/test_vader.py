"""rhetoric.scoring.vader re-implements VADER's rules; these tests hold it to VADER's own numbers."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from rhetoric.scoring import vader

ANALYZER = SentimentIntensityAnalyzer()
RULE_WORDS = [
    "but",
    "not",
    "no",
    "never",
    "so",
    "this",
    "least",
    "at",
    "very",
    "kind",
    "of",
    "without",
    "doubt",
    "GREAT",
    "BAD",
    "isn't",
    "the",
    "bomb",
    "yeah",
    "right",
    "sort",
    "😀",
    "!",
    "??",
    ":)",
    "kiss",
    "death",
    "to",
    "die",
    "for",
    "bad",
    "ass",
    "bus",
    "stop",
    "beating",
    "heart",
    "just",
    "enough",
    "don't",
    "nor",
    "or",
]


def compound(text: str) -> float:
    text = vader.demojize(text, ANALYZER.emojis)
    toks = vader.tokens(text)
    lower = [t.lower() for t in toks]
    vals = vader.valences(toks, lower, ANALYZER.lexicon, vader.cap_differential(toks))
    return vader.compound(float(sum(vals)), vader.emphasis(text)) if vals else 0.0


@pytest.mark.parametrize(
    "text",
    [
        "I am not very happy but it's GREAT!!",
        "no no good",
        "at least good",
        "kind of good",
        "the bomb was not the shit at all",
        "I love it 😀 so much??",
        "Never so happy.",
        "without doubt good",
        "good good good but bad bad",
        "",
        "You talk about your nuclear capabilities, but ours are so massive and powerful that I pray to God they will never have to be used.",
    ],
)
def test_compound_equals_vader_on_rule_cases(text):
    assert compound(text) == ANALYZER.polarity_scores(text)["compound"]


def test_compound_equals_vader_on_random_word_salad():
    """Lexicon words mixed with VADER's rule words exercise every branch; all 5,000 must agree."""
    rng = random.Random(7)
    words = [w for w in list(ANALYZER.lexicon)[::3]][:2000] + RULE_WORDS * 20
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 18))) for _ in range(5000)]
    mismatches = [t for t in texts if compound(t) != ANALYZER.polarity_scores(t)["compound"]]
    assert mismatches == []


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_compound_equals_vader_on_arbitrary_text(text):
    assert compound(text) == ANALYZER.polarity_scores(text)["compound"]


def test_demojize_leaves_plain_text_alone_apart_from_outer_spaces():
    assert vader.demojize("  “We fell in love.” ", ANALYZER.emojis) == "“We fell in love.”"

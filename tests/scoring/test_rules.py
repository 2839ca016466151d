"""Warmth's own rules: shifters, negated hostility, refusals, contrast, curly apostrophes."""

from __future__ import annotations

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from rhetoric.scoring import rules, score

PLAIN = SentimentIntensityAnalyzer()


@pytest.fixture(scope="module")
def scorer() -> score.Scorer:
    return score.build_scorer()


def warmth(scorer, text):
    return scorer.analyse(text)[1]


def warm_terms(scorer, text):
    return {t[1]: (t[2], t[3]) for t in scorer.analyse(text, explain=True)[3] if t[0] == "warmth"}


@pytest.mark.parametrize(
    "text",
    [
        "We mustered the political will to overcome obstacles.",
        "We agreed to reduce tensions.",
        "Long-held dislikes have been weakened.",
        "The confrontation is a thing of the past.",
    ],
)
def test_ending_something_bad_is_warm_where_vader_reads_it_cold(scorer, text):
    assert PLAIN.polarity_scores(text)["compound"] < 0
    assert warmth(scorer, text) > 0


def test_a_shifted_word_is_named_with_its_shifter(scorer):
    terms = warm_terms(scorer, "We will overcome obstacles.")
    assert terms["obstacles"][0] == "shifted by 'overcome'" and terms["obstacles"][1] > 0


def test_a_negative_shifter_that_shifted_counts_for_nothing(scorer):
    """'avoid' is cold in VADER; in 'avoid confrontation' its harshness is aimed at the confrontation."""
    terms = warm_terms(scorer, "We must avoid confrontation.")
    assert "avoid" not in terms and terms["confrontation"][1] > 0
    assert warm_terms(scorer, "We avoid him.")["avoid"][1] < 0  # nothing to shift: VADER's valence stays


def test_shifters_leave_insults_alone_and_stay_in_their_sentence(scorer):
    assert warmth(scorer, "We will end the rule of this madman.") < 0
    assert warm_terms(scorer, "We will end it. Hostility is everywhere.")["hostility"][1] < 0


def test_fighting_a_war_is_not_ending_one(scorer):
    assert warmth(scorer, "We will fight a trade war to the end.") < 0


def test_negated_hostility_is_not_warmth(scorer):
    """VADER flips 'not ... a trade war' into praise; warmth reads it as no feeling either way."""
    text = "China does not want a trade war, but it does not fear one"
    assert PLAIN.polarity_scores(text)["compound"] > 0.2
    assert warmth(scorer, text) <= 0
    assert "trade war" not in warm_terms(scorer, text)


def test_negated_warmth_still_turns_cold(scorer):
    assert warmth(scorer, "He does not respect us.") < 0


@pytest.mark.parametrize("text", ["This we could not and will not do.", "We cannot denuclearize now."])
def test_a_bare_refusal_is_cold(scorer, text):
    assert PLAIN.polarity_scores(text)["compound"] == 0
    assert warmth(scorer, text) < 0
    assert any(category == "refusal" for category, _ in warm_terms(scorer, text).values())


def test_a_hypothetical_is_not_a_refusal(scorer):
    text = "If it wasn't for that, we would not have been able to meet."
    assert all(category != "refusal" for category, _ in warm_terms(scorer, text).values())


def test_a_negation_with_a_feeling_word_to_flip_is_not_also_a_refusal(scorer):
    terms = warm_terms(scorer, "We will not accept it.")
    assert all(category != "refusal" for category, _ in terms.values())


def test_however_weighs_like_vaders_but():
    terms = [(0, "friend", "vader", 2.0), (2, "however", "vader", 0.0), (4, "mistake", "vader", -1.0)]
    norm = ["friend", "x", "however", "y", "mistake"]
    out = rules.contrast(terms, norm)
    assert [t[3] for t in out] == [1.0, 0.0, -1.5]


def test_phrases_get_vaders_but_weighting():
    phrases = [(0, "great relationship", "relationship", 2.6), (4, "trade war", "hostility", -1.8)]
    out = rules.phrase_but(phrases, ["great", "relationship", "x", "but", "trade", "war"])
    assert [t[3] for t in out] == pytest.approx([1.3, -2.7])


def test_curly_apostrophes_negate_as_straight_ones(scorer):
    assert warmth(scorer, "He doesn’t respect us.") == warmth(scorer, "He doesn't respect us.") < 0


def test_sentence_ids_close_on_full_stops_inside_quotes():
    assert rules.sentence_ids(["He", "said", "'go.'", "We", "went!", "Fine"]) == [0, 0, 0, 1, 1, 2]


@pytest.mark.parametrize(
    "text",
    [
        "We will overcome obstacles, however hard. This we could not and will not do.",
        "China does not want a trade war, but it does not fear one!",
        "Long-held dislikes have been weakened; we cannot go back.",
    ],
)
def test_explanations_still_add_up_under_the_rules(scorer, text):
    _, warm, _, terms = scorer.analyse(text, explain=True)
    assert sum(t[3] for t in terms if t[0] == "warmth") == pytest.approx(warm, abs=1e-9)


def test_reusing_vaders_valences_for_warmth_never_changes_a_score(scorer, monkeypatch):
    """Warmth skips its own VADER pass when nothing in the text would change it; forcing the pass
    on texts built from the bundled quotes' words (and some negations) gives the same warmth."""
    import random

    from rhetoric.io import bundled

    words = [w for q in bundled.quotes()["quote"] for w in q.split()]
    words += ["no", "not", "don’t", "never", "doubt", "hate", "war", "threat", "cannot", "isn't"] * 20
    words += ["better", "worse", "greater", "weaker", "been", "could"] * 10
    rng = random.Random(7)
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(3, 30))) for _ in range(3000)]
    texts += ["There’s no doubt about it.", "This is not a threat.", "We don’t hate them."]
    shortcut = [scorer.analyse(t)[1] for t in texts]
    monkeypatch.setattr(rules, "negates_a_cold_word", lambda lower, lexicon: True)
    assert [scorer.analyse(t)[1] for t in texts] == shortcut


def test_a_shifter_reaches_coordinated_objects_but_stops_at_its_clause(scorer):
    terms = warm_terms(scorer, "We agreed to completely eliminate the threat and fear of war.")
    assert all(terms[w][1] > 0 for w in ("threat", "fear", "war"))
    after_comma = warm_terms(scorer, "We ended it, and war came.")
    assert after_comma["war"][1] < 0


def test_a_negated_shifter_shifts_nothing(scorer):
    """'Social problems aren't resolved with tariffs': nothing bad has ended."""
    assert warm_terms(scorer, "Social problems aren't resolved with tariffs.")["problems"][1] < 0


def test_a_word_of_size_before_a_cold_word_measures_it(scorer):
    terms = warm_terms(scorer, "He is making a historic and fundamental mistake.")
    assert "historic" not in terms and terms["mistake"][1] < 0
    assert warmth(scorer, "He is making a historic and fundamental mistake.") < warmth(
        scorer, "He is making a mistake."
    )
    assert warmth(scorer, "It was a historic day.") > 0  # with nothing cold after it, it praises


def test_a_negated_copula_is_no_refusal(scorer):
    text = "What we say here will not be long remembered."
    assert all(category != "refusal" for category, _ in warm_terms(scorer, text).values())


@pytest.mark.parametrize(
    "text",
    [
        "We have no greater friend and ally than the United States.",
        "The relationship between our countries has never been better.",
        "Relations have never been stronger.",
        "It could not be better.",
    ],
)
def test_a_negated_comparative_is_a_superlative(scorer, text):
    assert PLAIN.polarity_scores(text)["compound"] < 0
    assert warmth(scorer, text) > 0


def test_a_negated_comparative_keeps_a_cold_word_cold(scorer):
    """VADER reads "never been weaker" as praise; warmth gives it the weight of "weaker" alone."""
    assert PLAIN.polarity_scores("Relations have never been weaker.")["compound"] > 0
    assert warmth(scorer, "Relations have never been weaker.") == warmth(scorer, "Relations are weaker.") < 0


def test_a_plain_negation_of_a_comparative_still_flips(scorer):
    """Only 'no', 'never', 'nothing', 'none', 'nobody' and 'could not' make a superlative."""
    assert warm_terms(scorer, "This is not better.")["better"][1] < 0
    assert rules.negated_comparatives(["this", "is", "not", "better"]) == []


def test_a_negated_comparative_reaches_the_words_after_it_in_vaders_scope():
    assert rules.negated_comparatives(["we", "have", "no", "greater", "friend", "and", "ally"]) == [3, 4, 5]
    assert rules.negated_comparatives(["it", "has", "never", "been", "better"]) == [4]

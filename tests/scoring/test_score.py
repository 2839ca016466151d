"""Scoring: warmth reads diplomatic rhetoric, substance counts concrete content, explanations add up."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from rhetoric import schema as s
from rhetoric.scoring import lexicon, score

PLAIN = SentimentIntensityAnalyzer()
PRAY = (
    "You talk about your nuclear capabilities, but ours are so massive and powerful that I pray to God "
    "they will never have to be used."
)
DOTARD = "I will surely and definitely tame the mentally deranged U.S. dotard with fire."
KEEP = "I want to keep the relationship."
LOVE = "He wrote me beautiful letters, and they’re great letters. We fell in love."
YONGBYON = (
    "we will permanently and completely dismantle all the nuclear material-productive facilities in the "
    "Yongbyon area, including plutonium and uranium in the presence of US experts"
)


@pytest.fixture(scope="module")
def scorer() -> score.Scorer:
    return score.build_scorer()


def warmth(scorer, text):
    return scorer.analyse(text)[1]


@pytest.mark.parametrize("text", ["Little Rocket Man", DOTARD, PRAY, "Kim Jong Un is obviously a madman"])
def test_insults_and_threats_that_plain_vader_misses_come_out_cold(scorer, text):
    assert PLAIN.polarity_scores(text)["compound"] >= 0
    assert warmth(scorer, text) < -0.3


def test_keeping_the_relationship_comes_out_warm_where_vader_shrugs(scorer):
    assert PLAIN.polarity_scores(KEEP)["compound"] < 0.1
    assert warmth(scorer, KEEP) > 0.4


def test_plain_talk_of_the_relationship_outweighs_the_courtesy_baseline(scorer):
    """Without a feeling word a quote reads a little cool (the baseline); relationship talk tips it warm,
    and "together" takes it most of the way."""
    plain, relationship, together = (
        "We are going to have a meeting.",
        "We are going to have a relationship.",
        "We came together.",
    )
    assert {PLAIN.polarity_scores(t)["compound"] for t in (plain, relationship, together)} == {0}
    assert warmth(scorer, plain) < warmth(scorer, together) < 0 < warmth(scorer, relationship)


@pytest.mark.parametrize(
    "warm, cold",
    [
        ("You can count on us.", "You cannot count on them."),
        ("We stand by our allies.", "We will not stand by."),
        ("We stand with you shoulder to shoulder.", "We do not stand with them."),
    ],
)
def test_solidarity_is_warm_and_its_refusal_cold(scorer, warm, cold):
    assert PLAIN.polarity_scores(warm)["compound"] < 0.3
    assert warmth(scorer, warm) > 0 > warmth(scorer, cold)


def test_missing_a_counterpart_is_affection_not_loss(scorer):
    assert PLAIN.polarity_scores("We missed you.")["compound"] < 0 < warmth(scorer, "We missed you.")


def test_sentiment_is_plain_vader_compound(scorer):
    for text in (PRAY, DOTARD, KEEP, LOVE):
        assert scorer.analyse(text)[0] == PLAIN.polarity_scores(text)["compound"]


def test_a_negated_phrase_turns_cold(scorer):
    assert warmth(scorer, "We have a great relationship.") > 0.3
    assert warmth(scorer, "We do not have a great relationship.") < 0


def test_positive_words_in_a_threatening_sentence_do_not_warm_it(scorer):
    """'massive and powerful ... pray to God' dresses up a nuclear threat; plain VADER reads +0.87."""
    terms = [t for t in scorer.analyse(PRAY, explain=True)[3] if t[0] == "warmth"]
    assert all(share < 0 for _, _, _, share in terms)


def test_threat_rule_stays_within_its_sentence(scorer):
    text = "They will be met with fire and fury. We love the people of Korea."
    terms = {t[1] for t in scorer.analyse(text, explain=True)[3] if t[0] == "warmth"}
    assert "love" in terms and "fire and fury" in terms


def test_substance_counts_commitments_objects_and_places(scorer):
    assert scorer.analyse(YONGBYON)[2] > 0.8


def test_vague_praise_has_no_substance(scorer):
    assert scorer.analyse("It was tremendous, something very special, we'll see.")[2] == 0.0
    assert scorer.analyse("")[2] == 0.0


def test_hedges_lower_substance(scorer):
    plain = scorer.analyse("They will dismantle the Yongbyon facilities.")[2]
    hedged = scorer.analyse("Maybe they will dismantle the Yongbyon facilities, we'll see.")[2]
    assert 0 < hedged < plain


def test_a_concrete_word_counts_in_its_regular_forms(scorer):
    terms = {t[1]: t[2] for t in scorer.analyse("They began deploying troops.", explain=True)[3] if t[0] == "substance"}
    assert terms == {"deploying": "commitment", "troops": "object"}


def test_material_acts_carry_substance_and_figurative_building_does_not(scorer):
    assert scorer.analyse("We will supply and fund the air defence.")[2] > 0
    assert scorer.analyse("We want to build trust.")[2] == 0.0


def test_numbers_and_dates_count_as_concrete(scorer):
    assert scorer.analyse("55 cases arrived on 27 July 2018.")[2] > scorer.analyse("cases arrived.")[2]


@pytest.mark.parametrize("text", [PRAY, DOTARD, KEEP, LOVE, YONGBYON, "It was a very friendly walk!!", "Nothing."])
def test_explanation_shares_add_up_to_the_scores(scorer, text):
    _, warm, subst, terms = scorer.analyse(text, explain=True)
    assert sum(t[3] for t in terms if t[0] == "warmth") == pytest.approx(warm, abs=1e-9)
    assert sum(t[3] for t in terms if t[0] == "substance") == pytest.approx(subst, abs=1e-9)


def test_a_quote_without_feeling_words_reads_as_the_courtesy_baseline_below_zero(scorer):
    text = "The talks resume in Geneva on Monday."
    assert PLAIN.polarity_scores(text)["compound"] == 0
    _, warm, _, terms = scorer.analyse(text, explain=True)
    assert warm == pytest.approx(-score.COURTESY / (score.COURTESY**2 + 15) ** 0.5, abs=1e-4)
    assert warm < 0
    assert [(t[1], t[2]) for t in terms if t[0] == "warmth"] == [(score.COURTESY_TERM, score.COURTESY_CATEGORY)]


def test_courtesy_zero_gives_vader_compound_for_words_outside_the_diplomatic_lexicon():
    text = "It was a good and pleasant day."
    without = score.build_scorer(courtesy=0.0)
    assert without.analyse(text)[1] == PLAIN.polarity_scores(text)["compound"]
    assert score.build_scorer().analyse(text)[1] < without.analyse(text)[1]
    assert without is not score.build_scorer()  # the baseline is part of the scorer's cache key


def test_courtesy_is_not_highlighted_as_a_word_of_the_quote():
    from dashboard import highlight

    terms = pl.DataFrame({s.MEASURE: ["warmth"], s.TERM: [score.COURTESY_TERM], s.CONTRIBUTION: [-0.25]})
    quote = "A courtesy baseline (courtesy baseline) of sorts."
    assert "background" not in highlight.highlighted(quote, terms)


def test_explanation_names_the_phrase_not_its_words(scorer):
    terms = [t[1] for t in scorer.analyse(LOVE, explain=True)[3] if t[0] == "warmth"]
    assert "fell in love" in terms and "love" not in terms


def test_score_adds_three_columns_and_keeps_rows_and_order():
    frame = pl.DataFrame({s.ID: ["x", "y", "z"], s.QUOTE: [KEEP, None, DOTARD], "extra": [1, 2, 3]})
    out = score.score(frame)
    assert out.columns == [s.ID, s.QUOTE, "extra", s.SENTIMENT, s.WARMTH, s.SUBSTANCE]
    assert out[s.ID].to_list() == ["x", "y", "z"]
    assert out[s.WARMTH][1] is None
    assert out[s.WARMTH][0] > 0 > out[s.WARMTH][2]


def test_each_distinct_quote_is_scored_once(monkeypatch):
    seen: list[str] = []
    real = score.score_texts

    def spy(texts, *args, **kwargs):
        seen.extend(texts)
        return real(texts, *args, **kwargs)

    monkeypatch.setattr(score, "score_texts", spy)
    score.score(pl.DataFrame({s.QUOTE: [KEEP, KEEP, DOTARD, KEEP]}))
    assert sorted(seen) == sorted([KEEP, DOTARD])


def test_parallel_and_serial_scoring_give_identical_scores(monkeypatch):
    texts = [f"{base} {i}" for i in range(60) for base in (PRAY, DOTARD, KEEP, LOVE, YONGBYON)]
    monkeypatch.setattr(score, "PARALLEL_MIN", 10)
    monkeypatch.setattr(score, "CHUNK", 7)
    serial = score.score_texts(texts, workers=1)
    parallel = score.score_texts(texts, workers=2)
    assert parallel == serial
    assert serial == [score.build_scorer().analyse(t)[:3] for t in texts]


def test_progress_reports_reach_the_total():
    calls = []
    score.score_texts([KEEP, DOTARD, LOVE], progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 3) and calls[-1] == (3, 3)


def test_a_user_lexicon_overrides_a_packaged_term():
    user = lexicon.read_user_lexicon(b"term,weight\nrocket man,3.0\n", "mine.csv")
    assert score.build_scorer(user).analyse("Rocket Man")[1] > 0 > score.build_scorer().analyse("Rocket Man")[1]


def test_score_and_explain_adds_term_columns(two_speaker_quotes):
    frame = two_speaker_quotes.drop(list(s.SCORE_SCHEMA)).with_columns(pl.Series(s.QUOTE, [KEEP, DOTARD, LOVE, "ok"]))
    scored, explanations = score.score_and_explain(frame)
    assert "keep the relationship" in scored["warmth_terms"][0]
    assert set(explanations[s.MEASURE].unique()) <= {"warmth", "substance"}
    sums = explanations.filter(pl.col(s.MEASURE) == "warmth").group_by(s.ID).agg(pl.col(s.CONTRIBUTION).sum())
    joined = sums.join(scored.select(s.ID, s.WARMTH), on=s.ID)
    assert joined.height == 4
    assert (joined[s.CONTRIBUTION] - joined[s.WARMTH]).abs().max() < 1e-9


def test_a_zero_weight_phrase_only_stops_its_words_counting(scorer):
    """'two countries' names the parties: its 'two' is no quantity, and it explains nothing."""
    _, _, subst, terms = scorer.analyse("Our two countries met.", explain=True)
    assert subst == 0.0 and not [t for t in terms if t[0] == "substance"]
    assert scorer.analyse("Our two countries met. We want 10 inspectors and peace.", explain=True)[2] > 0


_WORDS = sorted(
    {w for t in lexicon.packaged_lexicon()[lexicon.TERM] for w in t.split()}
    | {"not", "never", "no", "but", "however", "if", "Bucha", "China's", "don’t", "2019", "two", "!", "?", "."}
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=30))
def test_explanations_add_up_on_any_mix_of_lexicon_words(scorer, words):
    text = " ".join(words)
    _, warm, subst, terms = scorer.analyse(text, explain=True)
    assert sum(t[3] for t in terms if t[0] == "warmth") == pytest.approx(warm, abs=1e-9)
    assert sum(t[3] for t in terms if t[0] == "substance") == pytest.approx(subst, abs=1e-9)
    assert -1 <= warm <= 1 and 0 <= subst <= 1

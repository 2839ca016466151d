"""The learned scorer: heads as plain numbers, scores cached by text digest, the lexicon still counting."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from rhetoric import schema as s
from rhetoric.scoring import encoder, learned, scorers
from rhetoric.scoring import score as lexicon_scoring

QUOTES = [
    "We fell in love. He wrote me beautiful letters.",
    "If they threaten us, we will totally destroy them.",
    "The two sides will meet again in Singapore on June 12 to sign the agreement.",
    "Thank you.",
]


class CountingEncoder:
    """The real encoder, counting the texts it is asked to encode."""

    def __init__(self) -> None:
        self.inner = encoder.default_encoder()
        self.name, self.dim = self.inner.name, self.inner.dim
        self.encoded: list[str] = []

    def encode(self, texts, progress=None):
        self.encoded.extend(texts)
        return self.inner.encode(texts, progress)


class DictCache:
    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], tuple[float, float]] = {}

    def get_scores(self, digests, model):
        return {d: self.rows[(d, model)] for d in digests if (d, model) in self.rows}

    def put_scores(self, scores, model):
        self.rows.update({(d, model): v for d, v in scores.items()})


@pytest.fixture(autouse=True)
def _empty_memory():
    """Every test starts with no learned score remembered in this process."""
    learned._MEMORY.clear()
    learned._SHIPPED_IN_MEMORY.clear()
    yield
    learned._MEMORY.clear()
    learned._SHIPPED_IN_MEMORY.clear()


def fresh_scorer(cache=None, lexicon=None) -> tuple[learned.LearnedScorer, CountingEncoder]:
    counting = CountingEncoder()
    scorer = learned.LearnedScorer(lexicon_scoring.build_scorer(lexicon), learned.load_heads(), lambda: counting, cache)
    return scorer, counting


def test_a_three_class_head_gives_probabilities_that_add_up_to_one():
    head = learned.Head(("cold", "neutral", "warm"), np.array([[1.0, 0.0], [0.0, 0.0], [-1.0, 2.0]]), np.zeros(3))
    p = head.probabilities(np.array([[0.0, 1.0], [2.0, 0.0]]))
    assert np.allclose(p.sum(axis=1), 1.0)
    assert p[0].argmax() == 2 and p[1].argmax() == 0


def test_a_two_class_head_is_a_logistic_function():
    head = learned.Head(("vague", "substantive"), np.array([[2.0]]), np.array([0.0]))
    assert head.probabilities(np.array([[0.0]]))[0].tolist() == [0.5, 0.5]
    assert head.probabilities(np.array([[10.0]]))[0, 1] > 0.99


def test_the_shipped_heads_are_plain_json_that_reads_back_to_the_same_file(tmp_path: Path):
    heads = learned.load_heads()
    assert heads.encoder["sha256"] == encoder.SHA256 and heads.encoder["package"] == encoder.PACKAGE
    copy = tmp_path / "heads.json"
    copy.write_text(heads.to_json(), encoding="utf-8")
    assert copy.read_bytes() == learned.heads_path().read_bytes()
    data = json.loads(copy.read_text(encoding="utf-8"))
    assert len(data["warmth"]["coef"]) == 3 and len(data["warmth"]["coef"][0]) == encoder.default_encoder().dim + 3


def test_warmth_runs_from_cold_to_warm_and_substance_from_vague_to_concrete():
    scorer, _ = fresh_scorer()
    rows = scorer.score_texts(QUOTES)
    warmth = [r[1] for r in rows]
    substance = [r[2] for r in rows]
    assert warmth[0] > 0.3 > -0.3 > warmth[1]
    assert substance[2] > 0.5 > substance[0]
    assert all(-1 <= w <= 1 for w in warmth) and all(0 <= u <= 1 for u in substance)


def test_each_distinct_text_is_encoded_once_and_then_remembered():
    scorer, counting = fresh_scorer()
    first = scorer.score_texts([*QUOTES, QUOTES[0]])
    assert sorted(counting.encoded) == sorted(QUOTES)
    again = scorer.score_texts(QUOTES)
    assert len(counting.encoded) == len(QUOTES)  # nothing encoded the second time
    assert again == first[: len(QUOTES)]


def test_a_score_cache_outlives_the_process_memory_and_gives_the_same_scores():
    cache = DictCache()
    scorer, _ = fresh_scorer(cache)
    computed = scorer.score_texts(QUOTES)
    assert len(cache.rows) == len(QUOTES)
    learned._MEMORY.clear()  # as a new process would start
    other, counting = fresh_scorer(cache)
    assert other.score_texts(QUOTES) == computed
    assert counting.encoded == []


def test_the_same_scores_whatever_the_company_order_or_threads():
    scorer, _ = fresh_scorer()
    together = scorer.learned(QUOTES, lexicon_scoring.score_texts(QUOTES, scorer.lexicon))
    learned._MEMORY.clear()
    alone = [scorer.learned([q], lexicon_scoring.score_texts([q], scorer.lexicon))[0] for q in reversed(QUOTES)][::-1]
    assert alone == together
    one_thread = encoder.Encoder(threads=1)
    assert np.array_equal(one_thread.encode(QUOTES), encoder.default_encoder().encode(QUOTES))


def test_a_users_warm_term_makes_the_learned_warmth_warmer_through_the_lexicon():
    text = "The delegation discussed the zorblat framework at length."
    plain, _ = fresh_scorer()
    mine = pl.DataFrame(
        {"term": ["zorblat"], "weight": [4.0], "measure": ["warmth"], "category": ["mine"], "note": [""]}
    )
    theirs, _ = fresh_scorer(lexicon=mine)
    before, after = plain.score_texts([text])[0], theirs.score_texts([text])[0]
    assert after[3] > before[3]  # the lexicon's own warmth
    assert after[1] > before[1]  # and the learned warmth, through the heads' lexicon feature
    assert plain.heads.lexicon_weight > 0
    assert theirs.version != plain.version  # another lexicon is another model: cached apart


def test_both_scorers_give_the_same_columns_and_name_themselves():
    frame = s.conform(pl.DataFrame({s.ID: ["a", "b"], s.QUOTE: QUOTES[:2]}), s.QUOTE_SCHEMA)
    columns = None
    for kind in scorers.KINDS:
        scored = scorers.build(kind).score(frame)
        if columns is not None:
            assert scored.columns == columns
        columns = scored.columns
        assert {s.WARMTH, s.SUBSTANCE, s.WARMTH_LEXICON, s.SUBSTANCE_LEXICON, s.SCORER} <= set(scored.columns)
        assert scored[s.SCORER].str.starts_with(kind).all()
    lexicon_only = scorers.build(scorers.LEXICON).score(frame)
    assert lexicon_only[s.WARMTH].to_list() == lexicon_only[s.WARMTH_LEXICON].to_list()


def test_explanations_of_the_learned_score_name_the_words_that_moved_it():
    scorer, _ = fresh_scorer()
    effects = learned.word_effects("We fell in love and he is a great friend.", scorer)
    assert effects.height == 10
    top = effects.sort("warmth_effect", descending=True)[s.TERM].to_list()[:3]
    assert {"love", "friend", "great"} & set(top)

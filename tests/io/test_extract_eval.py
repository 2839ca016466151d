"""Scoring the extractor: who counts as the same speaker, and a marked quotation matched at most once."""

from __future__ import annotations

import polars as pl

from rhetoric.io import extract_eval


def test_the_same_speaker_by_surname_accents_and_joint_speakers_in_any_order():
    same = extract_eval.same_speaker
    assert same("Trump", "Donald Trump") and same("Kim Jong-un", "Kim Jong Un")
    assert same("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan")
    assert same("Vladimir Putin; Barack Obama", "Barack Obama; Vladimir Putin")
    assert not same("Barack Obama", "Barack Obama; Vladimir Putin")
    assert not same("Vladimir Putin", "Donald Trump")
    assert same(None, None) and same("", None)  # the text names nobody, and nobody was found
    assert not same(None, "Donald Trump") and not same("Donald Trump", None)


def test_a_marked_quotation_matches_one_found_quotation_only(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(
        'Donald Trump met Vladimir Putin. Trump said "stay out." He then repeated, "stay out."', encoding="utf-8"
    )
    pl.DataFrame({"doc_id": ["a"], "file": ["docs/a.txt"], "date": [""], "split": ["x"]}).write_csv(
        tmp_path / "docs.csv"
    )
    labels = {"doc_id": ["a"], "kind": ["quote"], "text": ["stay out."], "speaker": ["Donald Trump"]}
    pl.DataFrame(labels).write_csv(tmp_path / "labels.csv")
    scores = extract_eval.score_documents(tmp_path)["quote"]
    assert (scores.found, scores.marked, scores.matched_found) == (2, 1, 1)  # the second copy is not a match
    assert scores.precision == 0.5 and scores.recall == 1.0

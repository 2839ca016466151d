"""The app as a script: every view runs without an exception and the filters change what is shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def chart(at: AppTest, index: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def quote_points(fig: dict) -> int:
    return sum(len(t.get("x", [])) for t in fig["data"] if t.get("mode") == "markers")


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_main_view_shows_headline_numbers_and_the_timeline(app):
    assert int(metric(app, "Quotes")) >= 60
    assert int(metric(app, "Outcome events")) >= 25
    fig = chart(app)
    assert quote_points(fig) == int(metric(app, "Quotes"))
    assert any(t.get("line", {}).get("shape") == "hv" for t in fig["data"])


def test_choosing_a_speaker_narrows_the_quotes(app):
    before = int(metric(app, "Quotes"))
    app.multiselect(key="speaker").set_value(["Kim Jong Un"]).run()
    assert not app.exception
    after = int(metric(app, "Quotes"))
    assert 0 < after < before
    names = {t["name"] for t in chart(app)["data"] if t.get("mode") == "markers"}
    assert names == {"Kim Jong Un"}


def test_narrowing_the_dates_narrows_quotes_and_events(app):
    quotes, events = int(metric(app, "Quotes")), int(metric(app, "Outcome events"))
    import datetime as dt

    app.date_input(key="from").set_value(dt.date(2018, 1, 1)).run()
    app.date_input(key="to").set_value(dt.date(2018, 12, 31)).run()
    assert not app.exception
    assert int(metric(app, "Quotes")) < quotes
    assert int(metric(app, "Outcome events")) < events


def test_a_filter_that_matches_nothing_says_so_instead_of_drawing(app):
    import datetime as dt

    app.date_input(key="from").set_value(dt.date(2017, 4, 30)).run()
    app.date_input(key="to").set_value(dt.date(2017, 4, 30)).run()
    assert not app.exception
    assert any("No quotes or events match" in i.value for i in app.info)


def test_choosing_a_quote_opens_its_panel_with_scores_terms_and_source(app):
    quote_id = next(o for o in app.selectbox(key="quote_pick").options)
    app.selectbox(key="quote_pick").set_value("tk-q054").run()
    assert not app.exception
    text = " ".join(m.value for m in app.markdown)
    assert ":green-background[relationship\\.]" in text or ":green-background[relationship" in text
    labels = [m.label for m in app.metric]
    assert {"Warmth", "Substance", "Plain VADER sentiment"} <= set(labels)
    assert quote_id  # the box lists quotes


def test_the_quote_panel_shows_both_scorers_and_which_words_moved_the_learned_score(app):
    picker = app.selectbox(key="quote_pick")
    love = next(o for o in picker.options if "fell in love" in o)
    picker.select_index(picker.options.index(love)).run()
    labels = [m.label for m in app.metric]
    assert {"Warmth", "Lexicon warmth", "Lexicon substance"} <= set(labels)
    app.toggle(key=next(t.key for t in app.toggle if t.label.startswith("Which words moved"))).set_value(True).run()
    assert not app.exception
    effects = next(d.value for d in app.dataframe if "warmth_effect" in d.value.columns)
    assert "love" in effects.sort_values("warmth_effect", ascending=False)["term"].head(3).tolist()
    assert any("need not add up" in c.value for c in app.caption)

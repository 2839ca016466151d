"""The analysis views run on the bundled data and respond to the shared filters."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    return at


def open_view(at: AppTest, name: str) -> AppTest:
    at.switch_page(f"views/{name}.py").run()
    assert not at.exception, at.exception
    return at


def figure(at: AppTest, index: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def test_rhetoric_map_plots_every_quote_with_labelled_quadrants(app):
    at = open_view(app, "map")
    fig = figure(at)
    texts = [a["text"] for a in fig["layout"]["annotations"]]
    assert {
        "<b>warm but empty</b>",
        "<b>warm and substantive</b>",
        "<b>cold and concrete</b>",
        "<b>cold and empty</b>",
    } <= set(texts)
    points = sum(len(t["x"]) for t in fig["data"] if "x" in t)
    assert points >= 60


def test_choosing_a_quote_on_the_map_opens_its_panel(app):
    at = open_view(app, "map")
    at.selectbox(key="map_pick").set_value("tk-q041").run()
    assert not at.exception
    assert any("fell" in m.value for m in at.markdown)


def test_moments_show_the_gap_formula_a_table_and_a_chart(app):
    at = open_view(app, "moments")
    assert any("rapport gap = mean warmth" in m.value for m in at.markdown)
    table = at.dataframe[0].value
    assert "Singapore summit" in list(table["event"])
    assert {t["name"] for t in figure(at)["data"]} == {"mean warmth before", "mean progress after ÷ 10", "rapport gap"}


def test_a_wider_moment_window_takes_in_more_quotes(app):
    at = open_view(app, "moments")
    before = at.dataframe[0].value["quotes_before"].sum()
    at.slider(key="window").set_value(365).run()
    assert at.dataframe[0].value["quotes_before"].sum() > before


def test_explorer_search_narrows_the_table_and_the_export(app):
    at = open_view(app, "explorer")
    everything = len(at.dataframe[0].value)
    at.text_input(key="q").set_value("letter").run()
    assert not at.exception
    found = at.dataframe[0].value
    assert 0 < len(found) < everything
    assert all("letter" in f"{q} {e}".lower() for q, e in zip(found["quote"], found["event"]))
    assert [b.label for b in at.get("download_button")] == [
        "Export these rows (CSV)",
        "Export these rows (Parquet)",
        "Download an HTML report of these rows",
    ]


def test_speaker_filter_narrows_the_explorer(app):
    at = open_view(app, "explorer")
    at.multiselect(key="speaker").set_value(["Kim Yo Jong"]).run()
    assert set(at.dataframe[0].value["speaker"]) == {"Kim Yo Jong"}


def test_speakers_view_places_each_pair_and_draws_a_panel_per_pair_with_a_line_per_speaker(app):
    at = open_view(app, "speakers")
    pairs, speakers = figure(at, 0), figure(at, 1)
    assert sorted(pairs["data"][0]["text"]) == ["Bush–Putin", "Reagan–Gorbachev", "Trump–Kim", "Trump–Xi"]
    names = {t["name"] for t in speakers["data"]}
    assert {"Donald Trump", "Kim Jong Un", "Ronald Reagan", "Vladimir Putin"} <= names
    assert {t.get("xaxis", "x") for t in speakers["data"]} == {"x", "x2", "x3", "x4"}


def test_lead_and_lag_states_its_finding_in_one_sentence_with_a_chart_of_every_lag(app):
    at = open_view(app, "leadlag")
    sentence = next(m.value for m in at.markdown if m.value.startswith("#### ")).replace("\\", "")
    assert "Warmth moved" in sentence and "months" in sentence
    fig = figure(at)
    assert list(fig["data"][0]["x"]) == list(range(-6, 7))


def test_lead_and_lag_follows_the_chosen_pair(app):
    at = open_view(app, "leadlag")
    first = next(m.value for m in at.markdown if m.value.startswith("#### "))
    at.selectbox(key="focus_pair").set_value("Reagan–Gorbachev").run()
    assert not at.exception
    assert next(m.value for m in at.markdown if m.value.startswith("#### ")) != first


def test_word_shift_bars_add_up_to_the_change_in_the_mean(app):
    at = open_view(app, "wordshift")
    values = {m.label: float(m.value) for m in at.metric}
    before = values["Mean warmth, before 2019-02-28"]
    after = values["Mean warmth, from 2019-02-28"]
    assert values["Change (sum of the bars)"] == pytest.approx(after - before, abs=0.002)
    whole = next(t for t in figure(at)["data"] if t["name"] == "whole change")
    assert whole["x"][0] == pytest.approx(after - before, abs=0.002)
    table = at.dataframe[0].value
    assert "(courtesy baseline)" not in set(table["term"])  # a top bar of the graph, not a term


def test_word_shift_can_compare_substance(app):
    at = open_view(app, "wordshift")
    at.radio(key="measure").set_value("substance").run()
    assert not at.exception
    assert any(m.label.startswith("Mean substance") for m in at.metric)


def test_the_pair_filter_narrows_the_explorer_to_one_pair(app):
    at = open_view(app, "explorer")
    at.multiselect(key="pair").set_value(["Bush–Putin"]).run()
    assert set(at.dataframe[0].value["speaker"]) <= {
        "George W. Bush",
        "Vladimir Putin",
        "Stephen Hadley",
        "Dana Perino",
        "Condoleezza Rice",
    }


def test_the_pair_filter_narrows_the_pairs_table(app):
    """Filters travel between views in the URL (a browser's job; tests/e2e checks it)."""
    at = open_view(app, "speakers")
    at.multiselect(key="pair").set_value(["Bush–Putin"]).run()
    assert set(at.dataframe[0].value["pair"]) == {"Bush–Putin"}


def test_the_rapport_map_and_moments_views_say_what_they_find(app):
    """The bundled Trump–Kim data: the warmth peak is the eve of Hanoi, and progress fell after it."""
    found = [m.value for m in app.markdown if m.value.startswith("####")]
    assert found and "peaked at" in found[0] and "2019\\-02\\-27" in found[0] and "took away" in found[0]
    for view, words in (("map", "warm but empty"), ("moments", "rapport gap")):
        at = open_view(app, view)
        heads = [m.value for m in at.markdown if m.value.startswith("####")]
        assert heads and words in heads[0].replace("\\", ""), view


@pytest.mark.parametrize("view", ["rapport", "map", "moments", "leadlag", "wordshift", "speakers", "explorer", "data"])
def test_every_view_opens_with_a_headline(app, view):
    at = open_view(app, view)
    assert [m.value for m in at.markdown if m.value.startswith("#### ")], view


def test_a_number_column_with_gaps_shows_blank_cells_not_none(app):
    """Before "Fire and fury" there are no Trump–Kim quotes, so it has no rapport gap: the cell is blank, and the
    other cells keep the column's format."""
    at = open_view(app, "moments")
    table = at.dataframe[0].value
    gaps = table["rapport_gap"].tolist()
    assert "" in gaps and None not in gaps and not any(str(v).lower() in ("none", "nan") for v in gaps)
    assert all(v == "" or v[0] in "+-" for v in gaps)  # "%+.2f": a sign on every number


def test_the_explorer_shows_each_quotes_kind_of_source_and_outlet_and_gives_a_citation(app):
    at = open_view(app, "explorer")
    table = at.dataframe[0].value
    assert {"source_kind", "outlet"} <= set(table.columns)
    assert set(table["source_kind"]) <= {"primary", "wire", "newspaper", "broadcast", "copy"}
    copies = table[table["source_kind"] == "copy"]
    assert len(copies) and not copies["outlet"].str.contains(r"^https?://").any()  # a copy names its outlet
    citation = at.code[0].value
    assert re.match(r"^.+, \d{4}-\d{2}-\d{2}: “.+” .+\. \S+ \(accessed \d{4}-\d{2}-\d{2}\)\.$", citation)


def test_primary_sources_only_narrows_every_view_and_travels_in_the_url(app):
    at = open_view(app, "explorer")
    everything = len(at.dataframe[0].value)
    at.toggle(key="primary").set_value(True).run()
    primary = at.dataframe[0].value
    assert 0 < len(primary) < everything and set(primary["source_kind"]) == {"primary"}
    assert at.query_params.get("primary") in (["true"], "true")

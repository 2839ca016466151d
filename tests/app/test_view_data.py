"""The Data view: uploads are summarised, rejected rows listed, and every view uses the chosen data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from rhetoric import cli

ROOT = Path(__file__).resolve().parents[2]


MESSY = (
    "Leader;Said_On;Statement;URL\n"
    "Donald Trump;28.02.2019;It was a very friendly walk.;https://theweek.com/x\n"
    ";01.03.2019;No speaker here;https://example.org\n"
    "Kim Jong Un;31.02.2019;Sample remark with a bad date;https://example.org\n"
).encode("cp1252")

MIXED_LANGUAGES = (
    b"date,speaker,target,quote\n2019-06-30,Leader B,Leader A,It was a very friendly walk with my neighbour.\n"
    b"1963-01-22,Leader A,Leader B,Nos voisins ont beaucoup promis et peu tenu.\n"
)


@pytest.fixture
def data_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("views/data.py").run()
    assert not at.exception
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_without_an_upload_the_page_says_the_bundled_data_is_shown(data_page):
    assert any("No upload yet" in i.value for i in data_page.info)
    assert [b.label for b in data_page.get("download_button")] == ["Download a template CSV"]


def test_a_messy_upload_is_summarised_with_its_rejected_rows(data_page):
    data_page.file_uploader(key="quotes_upload").set_value(("messy.csv", MESSY, "text/csv")).run()
    assert not data_page.exception
    assert metric(data_page, "Rows accepted") == "1" and metric(data_page, "Rows rejected") == "2"
    assert "1 unreadable date" in data_page.warning[0].value and "1 blank speaker" in data_page.warning[0].value
    rejected = data_page.dataframe[0].value
    assert list(rejected["row"]) == [3, 4]
    labels = [b.label for b in data_page.get("download_button")]
    assert "Download the rejected rows (CSV)" in labels


def test_an_upload_with_quotes_in_other_languages_gets_a_note_naming_their_rows(data_page):
    data_page.file_uploader(key="quotes_upload").set_value(("mixed.csv", MIXED_LANGUAGES, "text/csv")).run()
    assert not data_page.exception
    assert metric(data_page, "Rows accepted") == "2"
    assert any("mixed.csv: 1 quote does not look like English" in w.value for w in data_page.warning)
    listed = data_page.dataframe[0].value
    assert list(listed["quote"]) == ["Nos voisins ont beaucoup promis et peu tenu."]


def test_the_quote_panel_warns_that_a_quote_in_another_language_was_not_read(data_page):
    data_page.file_uploader(key="quotes_upload").set_value(("mixed.csv", MIXED_LANGUAGES, "text/csv")).run()
    data_page.switch_page("views/rapport.py").run()
    data_page.radio(key="data").set_value("upload").run()
    pick = data_page.selectbox(key="quote_pick")
    shown = {}
    for label in ("voisins", "friendly walk"):
        pick.select_index(next(i for i, o in enumerate(pick.options) if label in o)).run()
        assert not data_page.exception
        shown[label] = any("does not look like English" in w.value for w in data_page.warning)
    assert shown == {"voisins": True, "friendly walk": False}


def test_the_chosen_data_reaches_the_main_view(data_page):
    """The choice lives in a sidebar widget bound to the URL (?data=); a browser carries it between views."""
    data_page.file_uploader(key="quotes_upload").set_value(("messy.csv", MESSY, "text/csv")).run()
    data_page.switch_page("views/rapport.py").run()
    data_page.radio(key="data").set_value("upload").run()
    assert not data_page.exception
    assert metric(data_page, "Quotes") == "1"
    data_page.radio(key="data").set_value("both").run()
    assert int(metric(data_page, "Quotes")) > 60
    data_page.radio(key="data").set_value("bundled").run()
    assert int(metric(data_page, "Quotes")) == int(metric(data_page, "Quotes")) > 60


def test_an_unusable_file_gets_an_error_box_not_a_traceback(data_page):
    data_page.file_uploader(key="quotes_upload").set_value(("pic.csv", b"\x89PNG\r\n\x1a\n\x00\x00", "text/csv")).run()
    assert not data_page.exception
    assert "pic.csv" in data_page.error[0].value


def test_an_outcomes_upload_is_checked_against_the_goldstein_range(data_page):
    body = b"date,event,progress\n2019-06-30,DMZ meeting,4\n2019-07-01,Out of range,12\n"
    data_page.file_uploader(key="outcomes_upload").set_value(("events.csv", body, "text/csv")).run()
    assert not data_page.exception
    assert metric(data_page, "Rows accepted") == "1" and metric(data_page, "Rows rejected") == "1"


def test_a_user_lexicon_rescores_the_upload(data_page):
    data_page.file_uploader(key="quotes_upload").set_value(("messy.csv", MESSY, "text/csv")).run()
    data_page.switch_page("views/rapport.py").run()
    data_page.radio(key="data").set_value("upload").run()
    before = float(metric(data_page, "Mean warmth"))
    data_page.switch_page("views/data.py").run()
    data_page.file_uploader(key="lexicon_upload").set_value(
        ("lex.csv", b"term,weight\nfriendly walk,-3\n", "text/csv")
    ).run()
    assert not data_page.exception
    data_page.switch_page("views/rapport.py").run()
    data_page.radio(key="data").set_value("upload").run()
    after = float(metric(data_page, "Mean warmth"))
    assert before > after  # the learned scorer reads the lexicon's warmth as a feature
    data_page.switch_page("views/data.py").run()
    data_page.radio(key="scorer_choice").set_value("lexicon").run()
    data_page.switch_page("views/rapport.py").run()
    data_page.radio(key="data").set_value("upload").run()
    assert float(metric(data_page, "Mean warmth")) < 0  # the lexicon alone follows the user's term all the way


def test_the_data_page_switches_every_view_to_the_lexicon_scorer_and_back(data_page):
    data_page.file_uploader(key="quotes_upload").set_value(("messy.csv", MESSY, "text/csv")).run()
    data_page.switch_page("views/rapport.py").run()
    data_page.radio(key="data").set_value("upload").run()
    learned_mean = metric(data_page, "Mean warmth")
    data_page.switch_page("views/data.py").run()
    data_page.radio(key="scorer_choice").set_value("lexicon").run()
    data_page.switch_page("views/rapport.py").run()
    data_page.radio(key="data").set_value("upload").run()
    assert not data_page.exception
    assert metric(data_page, "Mean warmth") != learned_mean


def test_save_and_share_puts_a_content_id_in_the_url_state(data_page, tmp_path, monkeypatch):
    monkeypatch.setenv("RHETORIC_STORE_DIR", str(tmp_path))
    data_page.file_uploader(key="quotes_upload").set_value(("messy.csv", MESSY, "text/csv")).run()
    data_page.button(key="save_share").click().run()
    assert not data_page.exception
    first = data_page.session_state["dataset"]
    assert len(first) == 20 and first in data_page.success[-1].value
    data_page.button(key="save_share").click().run()
    assert data_page.session_state["dataset"] == first, "the same data saves under the same id"


@pytest.mark.parametrize("crafted", ["../../etc/passwd", "0" * 19, "ZZZZZZZZZZZZZZZZZZZZ", "%2e%2e%2f", "a" * 5000])
def test_a_crafted_dataset_id_gets_a_notice_and_the_bundled_data(crafted):
    plain = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    plain.run()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["dataset"] = crafted
    at.run()
    assert not at.exception
    assert any("dataset id is not one this app makes" in w.value for w in at.warning)
    quotes = [next(m.value for m in run.metric if m.label == "Quotes") for run in (at, plain)]
    assert quotes[0] == quotes[1], "the bundled data, as without the parameter"


def test_an_unknown_but_well_formed_id_gets_its_own_notice(tmp_path, monkeypatch):
    monkeypatch.setenv("RHETORIC_STORE_DIR", str(tmp_path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["dataset"] = "0123456789abcdef0123"
    at.run()
    assert not at.exception
    assert any("No saved dataset has the link's id" in w.value for w in at.warning)


def test_the_app_and_the_command_line_give_the_same_scores(data_page, tmp_path):
    """One upload, scored in the app and by `rhetoric score`: the same learned and lexicon scores."""
    body = (
        b"date,speaker,quote\n"
        b"2019-02-28,Donald Trump,We fell in love. He wrote me beautiful letters.\n"
        b"2019-03-01,Kim Jong Un,The United States must drop its hostile policy by the end of the year.\n"
        b"2019-03-02,Emmanuel Macron,Nous sommes de vrais amis.\n"
    )
    data_page.file_uploader(key="quotes_upload").set_value(("same.csv", body, "text/csv")).run()
    in_app = data_page.session_state["uploads"]["quotes"].scored
    source, out = tmp_path / "same.csv", tmp_path / "scored.csv"
    source.write_bytes(body)
    assert cli.main(["score", str(source), "-o", str(out)]) == 0
    by_cli = pl.read_csv(out)
    columns = ["warmth", "substance", "warmth_lexicon", "substance_lexicon", "sentiment", "scorer"]
    assert in_app.select(columns).rows() == by_cli.select(columns).rows()


def test_an_upload_without_a_pair_joins_the_bundled_pair_and_the_data_page_says_how(data_page):
    body = b"date,speaker,target,quote\n2019-02-28,Donald Trump,Kim Jong Un,We fell in love.\n"
    data_page.file_uploader(key="quotes_upload").set_value(("nopair.csv", body, "text/csv")).run()
    assert data_page.session_state["uploads"]["quotes"].scored["pair"].to_list() == ["Trump–Kim"]
    assert any("join a known leader pair" in c.value for c in data_page.caption)
    data_page.switch_page("views/rapport.py").run()
    data_page.radio(key="data").set_value("both").run()
    assert (
        "Trump–Kim" in data_page.selectbox[0].options
        and "Donald Trump–Kim Jong Un" not in data_page.selectbox[0].options
    )


def test_a_failed_upload_leaves_no_earlier_success_standing(data_page):
    good = b"date,speaker,quote\n2019-02-28,Donald Trump,We fell in love.\n"
    data_page.file_uploader(key="quotes_upload").set_value(("good.csv", good, "text/csv")).run()
    assert any("good.csv: 1 row accepted" in s.value for s in data_page.success)
    data_page.file_uploader(key="quotes_upload").set_value(("bad.csv", b"\x89PNG not text", "text/csv")).run()
    assert any("bad.csv" in e.value for e in data_page.error)
    assert not any("good.csv" in s.value for s in data_page.success)
    assert "quotes" not in data_page.session_state["uploads"]


def test_every_view_names_the_data_in_use_and_marks_uploaded_quotes(data_page):
    body = b"date,speaker,target,quote\n2019-02-28,Donald Trump,Kim Jong Un,We fell in love.\n"
    data_page.file_uploader(key="quotes_upload").set_value(("mine.csv", body, "text/csv")).run()
    for view in ("rapport", "map", "moments", "leadlag", "wordshift", "speakers", "explorer", "data"):
        data_page.switch_page(f"views/{view}.py").run()
        assert not data_page.exception
        named = [c.value for c in data_page.caption if c.value.startswith("Data in use:")]
        assert named and "mine.csv" in named[0] and "Diamonds with a dark outline" in named[0], view


def test_with_only_the_users_quotes_the_empty_panels_say_what_is_missing_and_link_to_the_data_page(data_page):
    """MESSY has one good quote and no outcome events: the pairs chart has nothing to place, the main view's progress
    panel nothing to draw, and moments no event. Each says so, with a link to the Data page."""
    data_page.file_uploader(key="quotes_upload").set_value(("messy.csv", MESSY, "text/csv")).run()
    for view, words in (
        ("speakers", "at least two leader pairs with both quotes and outcome events"),
        ("rapport", "No outcome events for these quotes"),
        ("moments", "add an outcomes CSV"),
    ):
        data_page.switch_page(f"views/{view}.py").run()
        data_page.radio(key="data").set_value("upload").run()
        assert not data_page.exception, view
        assert any(words in i.value for i in data_page.info), view
        links = [(link.proto.page, link.proto.label) for link in data_page.get("page_link")]
        assert ("data", "Add quotes or outcome events on the Data page") in links, view  # the Data page's url path


def test_an_article_can_be_dated_in_the_reagan_years_and_its_quotes_take_that_date(data_page):
    # The date widget's own default range is the last ten years: a 1985 summit could not be entered.
    widget = data_page.date_input(key="article_date")
    assert widget.proto.min <= "1985-11-21" and widget.proto.max >= "2019-02-28"
    data_page.text_area[0].set_value("Ronald Reagan said, “We want real peace.”")
    widget.set_value(dt.date(1985, 11, 21))
    data_page.button(key="article_find").click().run()
    assert not data_page.exception
    found = data_page.get("data_editor")[-1].value  # the review table
    assert found["speaker"].tolist() == ["Ronald Reagan"] and str(found["date"].iloc[0])[:10] == "1985-11-21"

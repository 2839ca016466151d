"""Links: values in the URL that the data cannot honour get a visible notice, never an error."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def run_with(params: dict[str, str | list[str]]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def notices(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


@pytest.mark.parametrize(
    "params, words",
    [
        ({"speaker": "Nobody Known"}, "speaker “Nobody Known”"),
        ({"pair": "Lennon–McCartney"}, "leader pair “Lennon–McCartney”"),
        ({"from": "yesterday"}, "is not a date"),
        ({"to": "1700-01-01"}, "is outside the data"),
        ({"window": "lots"}, "is not a whole number"),
        ({"window": "9999"}, "is outside 30–365"),
        ({"speaker": "<script>alert(1)</script>"}, "speaker “<script>alert(1)</script>”"),
    ],
)
def test_a_value_the_data_cannot_honour_gets_a_notice(params, words):
    at = run_with(params)
    assert any(words in n for n in notices(at)), notices(at)
    assert at.get("plotly_chart"), "the view still draws, with defaults"


def test_a_valid_link_gets_no_notice():
    at = run_with({"speaker": "Kim Jong Un", "from": "2018-01-01", "to": "2019-12-31"})
    assert notices(at) == []


def test_every_known_speaker_in_a_repeated_parameter_is_accepted_quietly():
    at = run_with({"speaker": ["Kim Jong Un", "Donald Trump"]})
    assert notices(at) == []


def test_filters_survive_a_view_switch_and_stay_in_the_url():
    at = run_with({})
    at.multiselect(key="speaker").set_value(["Kim Jong Un"]).run()
    assert at.query_params["speaker"] in ("Kim Jong Un", ["Kim Jong Un"])
    at.switch_page("views/explorer.py").run()
    assert not at.exception
    assert at.multiselect(key="speaker").value == ["Kim Jong Un"]
    assert set(at.dataframe[0].value["speaker"]) == {"Kim Jong Un"}
    assert at.query_params["speaker"] in ("Kim Jong Un", ["Kim Jong Un"])


def test_a_link_sets_the_filters_and_the_window():
    at = run_with({"speaker": "Kim Jong Un", "window": "180", "from": "2018-01-01"})
    assert at.multiselect(key="speaker").value == ["Kim Jong Un"]
    assert at.slider(key="window").value == 180
    assert str(at.date_input(key="from").value) == "2018-01-01"


def test_defaults_are_left_out_of_the_url():
    at = run_with({})
    assert "speaker" not in at.query_params and "window" not in at.query_params

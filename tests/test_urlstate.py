"""Links: values in the URL that the data cannot honour get a visible notice, never an error."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT


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

"""The HTML report: one self-contained file, plotly.js once, user text escaped, numbers true to the analysis."""

from __future__ import annotations

import datetime as dt
import re
from html import escape
from html.parser import HTMLParser

import polars as pl
import pytest

import rhetoric
from rhetoric import analysis
from rhetoric import schema as s
from rhetoric.sharing import report

WHEN = dt.datetime(2024, 5, 6, 7, 8, tzinfo=dt.UTC)
SCRIPT_TAG = "<script>alert(1)</script>"
IMG_TAG = "<img src=x onerror=alert(1)>"


class Parsed(HTMLParser):
    """The tags of a document with their attributes, and the text of each <script>, as a browser splits them."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._open: str | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._open = tag
        if tag == "script":
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._open = None

    def handle_data(self, data):
        if self._open == "script":
            self.scripts[-1] += data

    def attrs(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag]


def make_report(quotes: pl.DataFrame, outcomes: pl.DataFrame, **kwargs) -> str:
    return report.html_report(quotes, outcomes, generated=WHEN, **kwargs)


def headline_cells(text: str) -> dict[str, str]:
    return dict(re.findall(r'data-key="(\w+)">([^<]*)<', text))


@pytest.fixture
def no_events() -> pl.DataFrame:
    """An outcome frame with no rows."""
    return s.empty(s.OUTCOME_SCHEMA)


@pytest.fixture
def hostile_quotes(two_speaker_quotes) -> pl.DataFrame:
    """The four quotes, two of them holding HTML, one citing a javascript: address and one an ftp one."""
    return two_speaker_quotes.with_columns(
        pl.Series(s.QUOTE, [f"warm words {SCRIPT_TAG}", f"see {IMG_TAG}", "three", "four"]),
        pl.Series(s.SOURCE, ["javascript:alert(1)", "https://example.org/a?x=1&y=2", "ftp://example.org/f", None]),
    )


@pytest.fixture
def two_pair_data(two_speaker_quotes, three_events) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The quotes and events, with the last quote and event moved to a second pair, each with its own source."""
    quotes = two_speaker_quotes.with_columns(
        pl.Series(s.PAIR, ["Trump–Kim"] * 3 + ["Reagan–Gorbachev"]),
        pl.Series(s.SOURCE, [f"https://example.org/q{i}" for i in range(4)]),
    )
    events = three_events.with_columns(
        pl.Series(s.PAIR, ["Trump–Kim"] * 2 + ["Reagan–Gorbachev"]),
        pl.Series(s.SOURCE, [f"http://example.net/e{i}" for i in range(3)]),
    )
    return quotes, events


def test_plotly_js_is_embedded_exactly_once(two_pair_data):
    parsed = Parsed(make_report(*two_pair_data))
    assert sum("* plotly.js v" in script for script in parsed.scripts) == 1
    assert sum("window.PlotlyConfig" in script for script in parsed.scripts) == 1
    assert len([a for a in parsed.attrs("div") if a.get("class") == "plotly-graph-div"]) == 4


def test_the_report_loads_nothing_from_a_server(two_pair_data):
    """Only <a> links may point outside; no script, stylesheet, image or frame does."""
    text = make_report(*two_pair_data)
    parsed = Parsed(text)
    script_src = [a["src"] for a in parsed.attrs("script") if a.get("src")]
    link_href = [a["href"] for a in parsed.attrs("link") if a.get("href")]
    assert not [u for u in script_src + link_href if re.match(r"\s*(https?:)?//", u or "", re.I)]
    loaded = [a.get("src") for t, a in parsed.tags if t in ("img", "iframe", "video", "audio", "source", "embed")]
    assert loaded == []
    head = text.split("<body>")[0]
    assert "@import" not in head and "url(" not in head


def test_the_page_forbids_remote_resources_itself(two_speaker_quotes, three_events):
    parsed = Parsed(make_report(two_speaker_quotes, three_events))
    policy = next(a["content"] for a in parsed.attrs("meta") if a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy


def test_html_in_a_quote_comes_out_escaped(hostile_quotes, three_events):
    text = make_report(hostile_quotes, three_events)
    assert SCRIPT_TAG not in text and IMG_TAG not in text
    assert escape(SCRIPT_TAG) in text and escape(IMG_TAG) in text
    parsed = Parsed(text)
    assert parsed.attrs("img") == []
    assert "alert(1)" not in [script.strip() for script in parsed.scripts]  # no <script> made of the quote


def test_a_javascript_source_is_plain_text_not_a_link(hostile_quotes, three_events):
    text = make_report(hostile_quotes, three_events)
    hrefs = [a["href"] for a in Parsed(text).attrs("a")]
    assert all(h.startswith(("http://", "https://")) for h in hrefs)
    assert "<td>javascript:alert(1)</td>" in text
    assert "<td>ftp://example.org/f</td>" in text


def test_links_open_without_giving_the_report_away(hostile_quotes, three_events):
    links = Parsed(make_report(hostile_quotes, three_events)).attrs("a")
    assert links
    assert all(set((a.get("rel") or "").split()) >= {"noopener", "noreferrer"} for a in links)


def test_headline_numbers_match_the_analysis(two_pair_data):
    quotes, events = two_pair_data
    head = analysis.headline(quotes, events)
    cells = headline_cells(make_report(quotes, events))
    assert int(cells["quotes"]) == head.quotes == 4
    assert int(cells["speakers"]) == head.speakers
    assert int(cells["events"]) == head.events
    assert int(cells["pairs"]) == len(analysis.pairs(quotes, events)) == 2
    assert float(cells["mean_warmth"]) == pytest.approx(head.mean_warmth, abs=0.005)
    assert float(cells["mean_substance"]) == pytest.approx(head.mean_substance, abs=0.005)
    assert float(cells["net_progress"]) == pytest.approx(head.net_progress, abs=0.05)


def test_every_source_address_appears_in_the_sources_table(two_pair_data):
    quotes, events = two_pair_data
    hrefs = {a["href"] for a in Parsed(make_report(quotes, events)).attrs("a")}
    assert set(quotes[s.SOURCE]) | set(events[s.SOURCE]) <= hrefs


def test_an_address_with_an_ampersand_is_escaped_in_the_link(hostile_quotes, three_events):
    text = make_report(hostile_quotes, three_events)
    assert 'href="https://example.org/a?x=1&amp;y=2"' in text
    assert "https://example.org/a?x=1&y=2" in {a["href"] for a in Parsed(text).attrs("a")}


def test_every_quote_and_event_is_listed(two_pair_data):
    quotes, events = two_pair_data
    text = make_report(quotes, events)
    assert all(f"<td>{escape(q)}</td>" in text for q in quotes[s.QUOTE])
    assert all(f"<td>{escape(e)}</td>" in text for e in events[s.EVENT])


def test_works_with_no_outcomes(two_speaker_quotes, no_events):
    text = make_report(two_speaker_quotes, no_events)
    cells = headline_cells(text)
    assert cells["events"] == "0" and cells["net_progress"] == "+0.0" and cells["rapport_gap"] == "–"
    assert text.count('class="plotly-graph-div"') == 2  # the timeline and the map; no moments without events
    assert "No outcome events." in text


def test_works_with_one_quote(two_speaker_quotes, three_events):
    one = two_speaker_quotes.head(1)
    text = make_report(one, three_events)
    assert headline_cells(text)["quotes"] == "1"
    assert text.count("* plotly.js v") == 1
    assert "<td>one</td>" in text


def test_works_with_quotes_missing_optional_columns(two_speaker_quotes, three_events):
    bare = two_speaker_quotes.drop(s.PAIR, s.TARGET, s.EVENT, s.VARIANT_OF)
    assert headline_cells(make_report(bare, three_events))["pairs"] == "1"  # the events' pair


def test_the_pairs_chart_needs_two_pairs(two_speaker_quotes, three_events, two_pair_data):
    assert "Leader pairs: words against deeds" not in make_report(two_speaker_quotes, three_events)
    assert "Leader pairs: words against deeds" in make_report(*two_pair_data)


def test_the_method_states_the_gap_formula_and_the_goldstein_scale(two_speaker_quotes, three_events):
    from rhetoric.analysis.moments import GAP_FORMULA

    text = make_report(two_speaker_quotes, three_events, window_days=60)
    assert escape(GAP_FORMULA) in text
    assert "Goldstein" in text and "S / √(S² + 15)" in text and "C / (C + V + 1)" in text
    assert "w = 60 days" in text


def test_the_generated_line_is_in_utc_with_the_version(two_speaker_quotes, three_events):
    cest = dt.datetime(2024, 5, 6, 9, 8, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    text = report.html_report(two_speaker_quotes, three_events, generated=cest)
    assert f"Generated 2024-05-06 07:08 UTC by rhetoric {rhetoric.__version__}." in text


def test_the_title_is_escaped(two_speaker_quotes, three_events):
    text = make_report(two_speaker_quotes, three_events, title="Words & <deeds>")
    assert "<title>Words &amp; &lt;deeds&gt;</title>" in text and "<deeds>" not in text


def test_write_report_writes_utf8(tmp_path, two_speaker_quotes, three_events):
    text = make_report(two_speaker_quotes, three_events)
    path = tmp_path / "report.html"
    report.write_report(path, text)
    assert path.read_bytes().decode("utf-8") == text
    assert "−".encode() in path.read_bytes()


def test_the_report_names_the_scorer_that_made_its_scores(two_speaker_quotes, three_events):
    named = two_speaker_quotes.with_columns(pl.lit("learned test-encoder + heads 0123456789ab").alias(s.SCORER))
    assert "Scores by: learned test-encoder + heads 0123456789ab." in report.html_report(named, three_events)
    assert "Scores by: not recorded." in report.html_report(two_speaker_quotes, three_events)


def test_sources_are_listed_by_kind_and_each_quote_has_a_citation(two_speaker_quotes, three_events):
    kinds = two_speaker_quotes.with_columns(
        pl.Series(s.SOURCE_KIND, ["primary", "copy", "newspaper", "primary"][: two_speaker_quotes.height]),
        pl.lit("The Original Times").alias(s.SOURCE_ORIGINAL),
    )
    text = make_report(kinds, three_events)
    order = [text.index(f"<h3>{k}: ") for k in ("primary", "newspaper", "copy")]
    assert order == sorted(order)  # primary records first, copies last
    assert "<h3>not stated: kind not stated (" in text  # the events here say nothing of their kind
    cites = re.findall(r'<td class="cite">([^<]*)</td>', text)
    assert len(cites) == kinds.height and all("(accessed 2024-05-06)." in c for c in cites)
    assert any("via a copy" in c for c in cites)

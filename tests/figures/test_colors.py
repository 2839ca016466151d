"""One colour per speaker: the same in every figure and the report, on any dataset, and never shared in a chart."""

from __future__ import annotations

import json
import re

import polars as pl
import pytest

from rhetoric import analysis, figures
from rhetoric.analysis import outcomes as oc
from rhetoric.figures import colors
from rhetoric.io import bundled
from rhetoric.scoring import scorers
from rhetoric.sharing import report


@pytest.fixture(scope="module")
def scored() -> pl.DataFrame:
    return scorers.build(scorers.LEXICON).score(bundled.quotes())


def quote_trace_colors(fig) -> dict[str, str]:
    """Trace name -> marker colour; the map names a side "<leader> and officials", which is the leader's colour."""
    return {t.name.removesuffix(" and officials"): t.marker.color for t in fig.data if t.mode == "markers"}


def test_the_bundled_leaders_have_their_fixed_colours_in_every_figure(scored):
    events = bundled.outcomes()
    timeline = figures.rapport_timeline(
        scored, analysis.rolling_warmth(scored), oc.cumulative_progress(events), oc.key_events(events)
    )
    monthly = figures.speakers_over_time(analysis.warmth_by_period(scored), quotes=scored)
    for fig in (timeline, figures.rhetoric_map(scored)):
        assert {k: v for k, v in quote_trace_colors(fig).items() if k in colors.LEADERS} == colors.LEADERS
    assert {t.name: t.line.color for t in monthly.data if t.name in colors.LEADERS} == colors.LEADERS


def test_a_leader_keeps_the_colour_on_another_dataset_and_in_another_order(scored):
    one_pair = scored.filter(pl.col("pair") == "Trump–Xi")
    assert quote_trace_colors(figures.rhetoric_map(one_pair))["Donald Trump"] == colors.LEADERS["Donald Trump"]
    shuffled = figures.rhetoric_map(scored, speakers=sorted(scored["speaker"].unique().to_list(), reverse=True))
    assert quote_trace_colors(shuffled) == quote_trace_colors(figures.rhetoric_map(scored))


def test_no_two_speakers_in_a_figure_share_a_colour(scored):
    many = pl.concat(
        [scored, scored.head(30).with_columns(pl.format("Upload speaker {}", pl.int_range(30)).alias("speaker"))]
    )
    events = bundled.outcomes()
    timeline = figures.rapport_timeline(
        many, analysis.rolling_warmth(many), oc.cumulative_progress(events), oc.key_events(events)
    )
    used = list(quote_trace_colors(timeline).values())
    assert len(used) == len(set(used)) == many["speaker"].n_unique()
    lines = {
        (t.name, t.line.color) for t in figures.speakers_over_time(analysis.warmth_by_period(many), quotes=many).data
    }
    assert len(lines) == len({name for name, _ in lines}) == len({color for _, color in lines})
    sides = list(quote_trace_colors(figures.rhetoric_map(many)).values())
    assert len(sides) == len(set(sides))


def test_the_map_draws_officials_in_their_leaders_colour_as_one_side(scored):
    fig = figures.rhetoric_map(scored)
    kim = next(t for t in fig.data if t.name.startswith("Kim Jong Un"))
    assert kim.name == "Kim Jong Un and officials" and kim.marker.color == colors.LEADERS["Kim Jong Un"]
    speakers = {row[0] for row in kim.customdata}
    assert {"Kim Jong Un", "Ri Yong Ho", "Kim Yo Jong"} <= speakers
    assert len(fig.data) == len(colors.LEADERS)  # the bundled data has seven sides


def test_an_unknown_speaker_gets_the_same_colour_on_any_dataset():
    first = colors.speaker_colors(["Emmanuel Macron", "Donald Trump"])
    second = colors.speaker_colors(["Emmanuel Macron", "Jacinda Ardern", "Olaf Scholz"])
    assert first["Emmanuel Macron"] == second["Emmanuel Macron"]
    assert first["Emmanuel Macron"] not in colors.LEADERS.values()


def test_officials_are_lighter_shades_of_their_sides_leader(scored):
    assigned = colors.speaker_colors(scored["speaker"].unique().to_list(), scored)
    assert colors.sides(scored)["Ri Yong Ho"] == "Kim Jong Un"
    assert colors.sides(scored)["Geng Shuang"] == "Xi Jinping"
    kim = colors.LEADERS["Kim Jong Un"]
    assert assigned["Ri Yong Ho"] in {colors.tint(kim, t) for t in colors.TINTS}
    assert assigned["Ri Yong Ho"] != assigned["Kim Yo Jong"]


def test_a_leaders_short_name_is_the_leader():
    assert colors.speaker_colors(["President Trump"])["President Trump"] == colors.LEADERS["Donald Trump"]
    assert colors.leader_of("Kim Yo Jong") is None


def test_progress_never_takes_a_speakers_hue(scored):
    events = bundled.outcomes()
    fig = figures.rapport_timeline(
        scored, analysis.rolling_warmth(scored), oc.cumulative_progress(events), oc.key_events(events)
    )
    speaker = set(quote_trace_colors(fig).values())
    progress = {t.line.color for t in fig.data if (t.name or "").startswith("progress")}
    assert progress and not progress & speaker


def report_traces(html: str) -> list[dict]:
    """The traces of every chart embedded in a report (the JSON arrays given to Plotly.newPlot)."""
    decoder = json.JSONDecoder()
    traces: list[dict] = []
    for call in re.finditer(r'Plotly\.newPlot\(\s*"[^"]+",\s*', html):
        data, _ = decoder.raw_decode(html, call.end())
        traces.extend(data)
    return traces


def test_the_report_draws_each_leader_in_the_apps_colour(scored):
    traces = report_traces(report.html_report(scored, bundled.outcomes()))
    drawn = {(t["name"], t["marker"]["color"]) for t in traces if t.get("mode") == "markers" and "marker" in t}
    for leader, color in colors.LEADERS.items():
        assert (leader, color) in drawn
    assert {name for name, _ in drawn} >= set(colors.LEADERS)

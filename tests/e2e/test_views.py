"""Every view draws its charts with data in a real browser, and a click on the map opens a quote."""

from __future__ import annotations

import pytest
from e2e_support import ROOT, go_to_view, upload, wait_for_charts


@pytest.mark.parametrize(
    "title, charts",
    [("Rapport vs. results", 1), ("Rhetoric map", 1), ("Moments", 1), ("Speakers and pairs", 1)],
)
def test_each_view_draws_its_charts_with_data(page, app_server, title, charts):
    page.goto(app_server.url)
    wait_for_charts(page)
    go_to_view(page, title)
    page.get_by_role("heading", name=title if title != "Moments" else "Moments: did the warm talk deliver?").wait_for()
    wait_for_charts(page, charts)
    assert "Traceback" not in page.inner_text("body")
    assert page.locator("[data-testid='stException']").count() == 0


def test_clicking_a_point_on_the_rhetoric_map_opens_its_quote(page, app_server):
    page.goto(f"{app_server.url}/map")
    wait_for_charts(page)
    # A point with no other within about 15 pixels, so the click cannot land on a neighbour drawn above it.
    trace, index, speaker, date = page.evaluate(
        """() => {
            const data = document.querySelector('.js-plotly-plot').data;
            const all = [];
            data.forEach((t, n) => t.x.forEach((x, i) => all.push([n, i, x, t.y[i]])));
            const alone = ([n, i, x, y]) =>
                all.every(([m, j, u, v]) => (m === n && j === i) || Math.abs(u - x) > 0.04 || Math.abs(v - y) > 0.04);
            const [n, i] = all.find(p => Math.abs(p[2]) > 0.3 && alone(p));
            return [n, i, data[n].customdata[i][0], data[n].customdata[i][5]];
        }"""
    )
    page.locator(".js-plotly-plot .scatterlayer .trace").nth(trace).locator(".point").nth(index).click(force=True)
    page.get_by_text("Plain VADER sentiment").wait_for(timeout=15_000)
    header = page.locator("[data-testid='stMain'] [data-testid='stMarkdownContainer']").all_inner_texts()
    assert any(speaker in block and date in block for block in header)


TABLE_CELLS = (
    '() => Array.from(document.querySelectorAll(\'[data-testid="stDataFrame"] td, [data-testid="stDataFrame"] th\'))'
    ".map(e => e.textContent.trim())"
)
TABLE_HEADERS = (
    "() => Array.from(document.querySelectorAll('[data-testid=\"stDataFrame\"] th')).map(e => e.textContent.trim())"
)


@pytest.mark.parametrize("path", ["explorer", "moments", "lag", "shift", "speakers"])
def test_no_table_shows_none_or_nan_and_headers_are_for_people(page, app_server, path):
    page.goto(f"{app_server.url}/{path}")
    page.locator("[data-testid='stDataFrame'] th").first.wait_for(state="attached")
    cells = page.evaluate(TABLE_CELLS)
    headers = page.evaluate(TABLE_HEADERS)
    assert cells and not {"None", "none", "nan", "NaN", "null"} & set(cells), path
    assert headers and not [h for h in headers if "_" in h], path  # "Quotes before", never "quotes_before"


def test_an_uploaded_file_with_blank_cells_shows_them_blank(page, app_server):
    page.goto(f"{app_server.url}/data")
    upload(page, "messy_upload.csv", expect="messy_upload.csv: 3 rows accepted, 2 rejected")
    go_to_view(page, "Quote explorer")
    page.locator("[data-testid='stDataFrame'] th").first.wait_for(state="attached")
    cells = page.evaluate(TABLE_CELLS)
    assert "Warmth" in cells[:6] and not {"None", "nan", "NaN", "null"} & set(cells)


VIEWS = [  # (url path, title in the sidebar, heading, charts drawn on the bundled data)
    ("rapport", "Rapport vs. results", "Rapport vs. results", 1),
    ("map", "Rhetoric map", "Rhetoric map", 1),
    ("moments", "Moments", "Moments: did the warm talk deliver?", 1),
    ("lag", "Lead and lag", "Lead and lag", 1),
    ("shift", "Word shift", "Word shift", 1),
    ("speakers", "Speakers and pairs", "Speakers and pairs", 2),
    ("explorer", "Quote explorer", "Quote explorer", 0),
    ("data", "Data", "Data", 0),
]
SHOTS = ROOT / "screenshots"  # git-ignored: the pictures to look at after a run


def _settle(page, heading: str, charts: int) -> None:
    page.get_by_role("heading", name=heading, exact=True).first.wait_for()
    page.locator("[data-testid='stStatusWidget']").wait_for(state="hidden")  # the script's run has finished
    if charts:
        wait_for_charts(page, charts)
    page.locator("h4").first.wait_for()  # every view states its finding as a headline
    page.wait_for_timeout(800)
    assert page.locator("[data-testid='stException']").count() == 0
    assert "Traceback" not in page.inner_text("body")


def test_every_view_on_the_bundled_data_and_on_an_upload_screenshotted(page, app_server):
    """Screenshots of all eight views, on the bundled data and with an upload beside it, saved to screenshots/
    for a person to look at; on the upload, every view names the uploaded quotes."""
    SHOTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1400, "height": 2400})
    page.goto(app_server.url)  # the first view, Rapport vs. results
    for n, (path, title, heading, charts) in enumerate(VIEWS):
        if n:
            go_to_view(page, title)
        _settle(page, heading, charts)
        page.screenshot(path=str(SHOTS / f"bundled-{path}.png"))
    go_to_view(page, "Data")
    upload(page, "no_pair_trump_kim.csv", expect="no_pair_trump_kim.csv: 2 rows accepted")
    for path, title, heading, charts in VIEWS:
        go_to_view(page, title)
        _settle(page, heading, charts)
        page.get_by_text("Diamonds with a dark outline are your uploaded quotes.").first.wait_for()
        page.screenshot(path=str(SHOTS / f"upload-{path}.png"))
    assert len(list(SHOTS.glob("bundled-*.png"))) >= len(VIEWS) and len(list(SHOTS.glob("upload-*.png"))) >= len(VIEWS)

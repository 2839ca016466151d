"""Every view draws its charts with data in a real browser, and a click on the map opens a quote."""

from __future__ import annotations

import pytest
from conftest import go_to_view, upload, wait_for_charts


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
    # A point no other quote sits on, so the click cannot land on a neighbour drawn above it.
    trace, index, speaker, date = page.evaluate(
        """() => {
            const data = document.querySelector('.js-plotly-plot').data;
            const key = (t, i) => t.x[i].toFixed(2) + ',' + t.y[i].toFixed(2);
            const count = {};
            data.forEach(t => t.x.forEach((_, i) => { count[key(t, i)] = (count[key(t, i)] || 0) + 1; }));
            for (let n = 0; n < data.length; n++) {
                const t = data[n];
                for (let i = 0; i < t.x.length; i++) {
                    if (count[key(t, i)] === 1 && Math.abs(t.x[i]) > 0.3) return [n, i, t.customdata[i][0], t.customdata[i][5]];
                }
            }
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

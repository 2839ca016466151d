"""The main view as a person meets it: charts drawn with data, no error text on the page."""

from __future__ import annotations

from pathlib import Path

from e2e_support import wait_for_charts

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "dashboard.png"
PAIRS_SCREENSHOT = SCREENSHOT.with_name("pairs.png")


def test_main_chart_draws_the_bundled_data_without_error_text(page, app_server):
    page.goto(app_server.url)
    wait_for_charts(page)
    points = page.evaluate(
        "() => document.querySelector('.js-plotly-plot').data.reduce((n, t) => n + (t.x ? t.x.length : 0), 0)"
    )
    assert points > 50
    assert page.locator("[data-testid='stException']").count() == 0
    assert "Traceback" not in page.inner_text("body")


def test_main_view_screenshot_for_the_readme(page, app_server):
    """The README shows this picture, so it is retaken on every run."""
    page.goto(app_server.url)
    wait_for_charts(page)
    page.wait_for_timeout(1500)  # let plotly finish its transition before the picture
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=False)
    assert SCREENSHOT.stat().st_size > 20_000


def test_pairs_view_screenshot_for_the_readme(page, app_server):
    """The README's second picture: the pairs view's headline and its one chart of every pair, retaken each run."""
    page.goto(f"{app_server.url}/speakers")
    wait_for_charts(page, 2)
    labels = page.evaluate("() => document.querySelector('.js-plotly-plot').data[0].text")
    assert sorted(labels) == ["Bush–Putin", "Reagan–Gorbachev", "Trump–Kim", "Trump–Xi"]
    page.wait_for_timeout(1500)
    page.screenshot(path=str(PAIRS_SCREENSHOT), full_page=False)
    assert PAIRS_SCREENSHOT.stat().st_size > 20_000

"""The HTML report opened from disk in a real browser with the network cut off: every chart draws, nothing runs
that the data smuggled in."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import polars as pl
import pytest

from rhetoric import schema as s
from rhetoric.io import bundled
from rhetoric.scoring import score
from rhetoric.sharing import report

CHARTS_DRAWN = """() => {
    const divs = Array.from(document.querySelectorAll('.plotly-graph-div'));
    return divs.length > 0 && divs.every(el => el.classList.contains('js-plotly-plot') && el.data && el.data.length > 0
        && el.querySelector('svg.main-svg'));
}"""


class Offline:
    """Everything the page tried: requests outside the file (aborted), page errors, console errors, dialogs."""

    def __init__(self, page) -> None:
        self.remote: list[str] = []
        self.errors: list[str] = []
        self.console: list[str] = []
        self.dialogs: list[str] = []
        page.route("**/*", self._route)
        page.on("request", lambda r: None if r.url.startswith("file:") else self.remote.append(r.url))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", lambda m: self.console.append(m.text) if m.type == "error" else None)
        page.on("dialog", self._dialog)

    def _route(self, route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.remote.append(route.request.url)
            route.abort()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


def open_report(page, path: Path) -> Offline:
    seen = Offline(page)
    page.goto(path.as_uri())
    page.wait_for_function(CHARTS_DRAWN, timeout=30_000)
    return seen


@pytest.fixture(scope="module")
def bundled_report(tmp_path_factory) -> Path:
    """The report of the bundled data, scored as the app scores it."""
    quotes, _ = score.score_and_explain(bundled.quotes())
    path = tmp_path_factory.mktemp("report") / "bundled.html"
    report.write_report(path, report.html_report(quotes, bundled.outcomes(), generated=dt.datetime(2024, 1, 1)))
    return path


def test_the_bundled_report_draws_every_chart_with_the_network_cut_off(page, bundled_report):
    seen = open_report(page, bundled_report)
    charts = page.locator(".js-plotly-plot").count()
    assert charts >= 3
    traces = page.evaluate("() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(el => el.data.length)")
    assert len(traces) == charts and min(traces) > 0
    assert seen.remote == []
    assert seen.errors == []
    assert seen.console == []  # a resource the page policy refused would be reported here


def test_the_bundled_report_lists_every_quote_and_event(page, bundled_report):
    open_report(page, bundled_report)
    assert page.locator("table.sources.quotes tr").count() - 1 == bundled.quotes().height
    assert page.locator("table.sources.events tr").count() - 1 == bundled.outcomes().height


def test_html_in_the_data_runs_nothing(page, tmp_path, two_speaker_quotes, three_events):
    """Quotes, speakers, pairs, events and sources that carry script are shown as text, never run."""
    attack = '<img src=x onerror="window.pwned=1;alert(1)"><script>window.pwned=2</script>'
    quotes = two_speaker_quotes.with_columns(
        pl.Series(s.QUOTE, [f"{attack} one", "two", "three", "four"]),
        pl.Series(s.SPEAKER, [f"Trump {attack}", "Kim", f"Trump {attack}", "Kim"]),
        pl.Series(s.PAIR, [f"Trump–Kim {attack}"] * 4),
        pl.Series(s.SOURCE, ["javascript:window.pwned=3", "https://example.org/1", None, "data:text/html,x"]),
    )
    events = three_events.with_columns(
        pl.Series(s.EVENT, [f"Talks {attack}", "Test", "Summit"]),
        pl.Series(s.PAIR, [f"Trump–Kim {attack}"] * 3),
    )
    path = tmp_path / "hostile.html"
    report.write_report(path, report.html_report(quotes, events, title=f"report {attack}"))
    seen = open_report(page, path)
    page.locator("a", has_text="example.org").first.wait_for()
    page.get_by_text("javascript:window.pwned=3").first.click()  # plain text: clicking it goes nowhere
    assert page.evaluate("() => window.pwned") is None
    assert seen.dialogs == [] and seen.errors == [] and seen.remote == []
    assert page.locator("a[href^='javascript:'], a[href^='data:']").count() == 0
    assert attack in page.locator("table.sources.quotes").inner_text()


def test_the_app_download_button_gives_the_report_of_the_rows_shown(page, app_server, tmp_path):
    from e2e_support import wait_for_charts

    page.goto(f"{app_server.url}/explorer?pair=Trump%E2%80%93Xi")
    page.get_by_role("heading", name="Quote explorer").wait_for()
    # Click only once the filtered rows are on screen, as a reader would.
    page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").get_by_text("Trump–Xi").wait_for()
    remarks = bundled.quotes().filter(pl.col(s.VARIANT_OF).is_null())  # the views count one row per remark
    expected = remarks.filter(pl.col(s.PAIR) == "Trump–Xi").height
    page.get_by_text(re.compile(rf"^{expected} of {expected} quotes; the warmest")).wait_for()  # the headline
    page.wait_for_timeout(500)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Download an HTML report of these rows").click()
    path = tmp_path / "report.html"
    download.value.save_as(path)
    html = path.read_text(encoding="utf-8")
    # Sources, not pair names, tell: plotly's JSON may write the en dash as \u2013.
    sources = remarks.select(s.PAIR, s.SOURCE)
    xi = set(sources.filter(pl.col(s.PAIR) == "Trump–Xi")[s.SOURCE])
    kim = set(sources.filter(pl.col(s.PAIR) == "Trump–Kim")[s.SOURCE]) - xi
    assert all(url.replace("&", "&amp;") in html for url in xi)
    assert not any(url.replace("&", "&amp;") in html for url in kim)
    offline = page.context.new_page()
    offline.route(
        "**/*", lambda route: route.abort() if not route.request.url.startswith("file:") else route.continue_()
    )
    offline.goto(path.as_uri())
    wait_for_charts(offline, 2)

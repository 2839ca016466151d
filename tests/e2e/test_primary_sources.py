"""Provenance in the browser: "Primary sources only" narrows every count, and the quote panel names its source."""

from __future__ import annotations

import re

from e2e_support import go_to_view, pick_option, wait_for_charts


def headline(page) -> str:
    return page.locator("h4").first.inner_text()


def test_primary_sources_only_changes_the_counts_and_the_quote_panel_names_its_outlet(page, app_server):
    page.goto(f"{app_server.url}/explorer")
    page.get_by_text("Counts and means use one row per remark").wait_for()
    page.wait_for_function("() => /\\d+ of \\d+ quotes/.test(document.querySelector('h4')?.innerText || '')")
    everything = int(re.search(r"of (\d+) quotes", headline(page)).group(1))

    page.locator("[data-testid='stSidebar']").get_by_text("Primary sources only").click()
    page.wait_for_function(
        "n => { const m = /of (\\d+) quotes/.exec(document.querySelector('h4')?.innerText || ''); return m && +m[1] < n; }",
        arg=everything,
    )
    primary = int(re.search(r"of (\d+) quotes", headline(page)).group(1))
    assert 0 < primary < everything
    assert "primary=true" in page.url  # the switch travels with a shared link
    go_to_view(page, "Rapport vs. results")
    wait_for_charts(page)
    pick_option(page, "Look at one quote (or click a dot in the chart)", "·")
    panel = page.get_by_text(re.compile(r"^Source: .+ · primary \(an official transcript or statement\)$"))
    panel.first.wait_for()
    page.get_by_text("Cite this quote").wait_for()
    code = page.locator("[data-testid='stCode']").first.inner_text()
    assert "(primary)" in code and "accessed" in code

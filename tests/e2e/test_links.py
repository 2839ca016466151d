"""Links as people share them: a copied address reproduces the view, the filters and uploaded data."""

from __future__ import annotations

from e2e_support import go_to_view, metric_value, quote_points, save_three_rows_and_share, wait_for_charts


def marker_names(page) -> set[str]:
    return set(
        page.evaluate(
            "() => document.querySelector('.js-plotly-plot').data.filter(t => t.mode === 'markers').map(t => t.name)"
        )
    )


def test_a_copied_link_reproduces_the_view_and_filters_in_a_fresh_browser(browser, app_server):
    sender, receiver = browser.new_context(), browser.new_context()
    try:
        page = sender.new_page()
        page.goto(app_server.url)
        wait_for_charts(page)
        go_to_view(page, "Rhetoric map")
        page.get_by_role("heading", name="Rhetoric map").wait_for()
        page.get_by_role("combobox", name="Speakers").click()
        page.get_by_role("option", name="Kim Jong Un").click()
        page.keyboard.press("Escape")
        page.wait_for_function("() => location.search.includes('speaker=')")
        wait_for_charts(page)
        page.wait_for_function(
            "() => document.querySelector('.js-plotly-plot').data.filter(t => t.mode === 'markers').length === 1"
        )
        link = page.url
        seen = (marker_names(page), quote_points(page))

        fresh = receiver.new_page()
        fresh.goto(link)
        fresh.get_by_role("heading", name="Rhetoric map").wait_for()
        wait_for_charts(fresh)
        fresh.wait_for_function(
            "() => document.querySelector('.js-plotly-plot').data.filter(t => t.mode === 'markers').length === 1"
        )
        assert "/map" in link and "speaker=Kim" in link
        assert (marker_names(fresh), quote_points(fresh)) == seen == ({"Kim Jong Un"}, seen[1])
    finally:
        sender.close()
        receiver.close()


def test_a_saved_upload_travels_with_the_link(browser, app_server):
    sender, receiver = browser.new_context(), browser.new_context()
    try:
        page = sender.new_page()
        page.goto(f"{app_server.url}/data")
        link = save_three_rows_and_share(page)

        fresh = receiver.new_page()
        fresh.goto(link)
        wait_for_charts(fresh)
        fresh.wait_for_function(
            "() => document.querySelector('.js-plotly-plot').data.filter(t => t.mode === 'markers').reduce((n, t) => n + t.x.length, 0) === 3"
        )
        assert metric_value(fresh, "Quotes") == "3"
        assert marker_names(fresh) == {"Alpha Speaker"}
    finally:
        sender.close()
        receiver.close()


def test_a_crafted_dataset_id_gets_a_notice_and_nothing_else(page, app_server):
    page.goto(app_server.url)
    wait_for_charts(page)
    bundled = metric_value(page, "Quotes")
    for crafted in ("../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%00", "0123456789abcdef0123"):
        page.goto(f"{app_server.url}/?dataset={crafted}")
        wait_for_charts(page)
        body = page.inner_text("body")
        assert "showing the bundled data instead" in body
        assert "root:" not in body and "Traceback" not in body
        assert metric_value(page, "Quotes") == bundled

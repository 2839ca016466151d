"""Uploads through the real file input: summaries, changed charts, inert markup, private sessions."""

from __future__ import annotations

from e2e_support import go_to_view, metric_value, pick_option, quote_points, upload, wait_for_charts


def choose_upload_alone(page) -> None:
    sidebar = page.locator("[data-testid='stSidebar']")
    option = sidebar.get_by_text("Your data alone")
    if not option.is_visible():
        sidebar.get_by_text("Data shown").click()
    option.click()
    page.get_by_text("Every view now shows: your upload").wait_for()


def test_a_messy_csv_shows_what_was_accepted_and_rejected_and_the_charts_change(page, app_server):
    page.goto(app_server.url)
    wait_for_charts(page)
    before = quote_points(page)
    go_to_view(page, "Data")
    upload(page, "messy_upload.csv", expect="messy_upload.csv: 3 rows accepted, 2 rejected")
    assert metric_value(page, "Rows accepted") == "3" and metric_value(page, "Rows rejected") == "2"
    choose_upload_alone(page)
    go_to_view(page, "Rapport vs. results")
    wait_for_charts(page)
    page.wait_for_function(
        "() => document.querySelector('.js-plotly-plot').data.filter(t => t.mode === 'markers').reduce((n, t) => n + t.x.length, 0) === 3"
    )
    assert quote_points(page) == 3 != before


def test_markup_in_quotes_is_shown_as_text_and_never_runs(page, app_server):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{app_server.url}/data")
    upload(page, "markup_quotes.csv", expect="markup_quotes.csv: 3 rows accepted")
    choose_upload_alone(page)
    go_to_view(page, "Rapport vs. results")
    wait_for_charts(page)
    for text in (
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        "**bold** [link](javascript:alert(1)) :red[x]",
    ):
        pick_option(page, "Look at one quote (or click a dot in the chart)", text[:10])
        page.get_by_text("Plain VADER sentiment").wait_for()
        page.wait_for_timeout(500)
        markdown = page.locator("[data-testid='stMain'] [data-testid='stMarkdownContainer']").all_inner_texts()
        assert any(text in block for block in markdown)
        assert page.locator("img[src='x']").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    page.wait_for_timeout(500)
    assert dialogs == []


def test_two_readers_uploading_at_once_each_see_only_their_own_data(browser, app_server):
    first, second = browser.new_context(), browser.new_context()
    try:
        a, b = first.new_page(), second.new_page()
        for page in (a, b):
            page.goto(f"{app_server.url}/data")
            page.locator("[data-testid='stFileUploader'] input[type='file']").first.wait_for(state="attached")
        upload(a, "three_rows.csv")
        upload(b, "five_rows.csv")
        a.get_by_text("three_rows.csv: 3 rows accepted").wait_for()
        b.get_by_text("five_rows.csv: 5 rows accepted").wait_for()
        for page, count, mine, theirs in ((a, "3", "Alpha", "Beta"), (b, "5", "Beta", "Alpha")):
            choose_upload_alone(page)
            go_to_view(page, "Rapport vs. results")
            wait_for_charts(page)
            page.wait_for_function(
                f"() => document.querySelector('.js-plotly-plot').data.filter(t => t.mode === 'markers').reduce((n, t) => n + t.x.length, 0) === {count}"
            )
            names = page.evaluate("() => document.querySelector('.js-plotly-plot').data.map(t => t.name)")
            assert any(mine in n for n in names) and not any(theirs in n for n in names)
    finally:
        first.close()
        second.close()


def test_an_upload_without_a_pair_lands_in_trump_kim_marked_as_uploaded(page, app_server):
    """Donald Trump speaking of Kim Jong Un, in a file with no pair column: beside the bundled Trump–Kim quotes,
    drawn as outlined diamonds and named as the reader's in the hover."""
    page.goto(f"{app_server.url}/data")
    upload(page, "no_pair_trump_kim.csv", expect="no_pair_trump_kim.csv: 2 rows accepted")
    go_to_view(page, "Rapport vs. results")
    page.get_by_text("Diamonds with a dark outline are your uploaded quotes.").first.wait_for()
    wait_for_charts(page)
    names = page.evaluate("() => document.querySelector('.js-plotly-plot').data.map(t => t.name)")
    assert "progress: Trump–Kim" in names  # the view shows one pair: the uploaded quotes are in Trump–Kim's
    trump = page.evaluate(
        "() => document.querySelector('.js-plotly-plot').data.find(t => t.name === 'Donald Trump' && t.mode === 'markers')"
    )
    symbols = trump["marker"]["symbol"]
    assert symbols.count("diamond") == 2 and symbols.count("circle") >= 50  # two uploaded among the bundled quotes
    assert sum(1 for row in trump["customdata"] if row[6] == " (your upload)") == 2

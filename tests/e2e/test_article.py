"""Quotes from an article: paste it, keep two of the quotes found, drop one, and see the two in the main view."""

from __future__ import annotations

from pathlib import Path

from e2e_support import go_to_view, wait_for_charts

OPED = Path(__file__).resolve().parents[1] / "data" / "extraction" / "docs" / "01_oped_hanoi_dictator.txt"


def test_an_article_pasted_and_reviewed_becomes_uploaded_quotes_in_the_main_view(page, app_server):
    page.goto(f"{app_server.url}/data")
    page.get_by_label("Paste the text").fill(OPED.read_text(encoding="utf-8"))
    page.get_by_role("spinbutton", name="year, Date of the remarks").click()
    page.keyboard.type("20190301")
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Find the quotes").click()
    page.get_by_text("3 quotations found in the pasted text").wait_for()
    page.get_by_role("button", name="Use the 3 kept quotes").wait_for()

    # Untick "keep" on the second row ("beautiful letters"): the table is a canvas, so click where the cell is.
    grid = page.locator("[data-testid='stDataFrame']").last
    box = grid.bounding_box()
    assert box is not None
    header = page.locator("[data-testid='stDataFrame'] th").first.bounding_box() or {"height": 35}
    row_height = 35
    page.mouse.click(box["x"] + 45, box["y"] + header["height"] + row_height * 1.5)
    page.get_by_role("button", name="Use the 2 kept quotes").click()
    page.get_by_text("(extracted): 2 rows accepted, 0 rejected").wait_for()

    go_to_view(page, "Rapport vs. results")
    page.get_by_text("Diamonds with a dark outline are your uploaded quotes.").first.wait_for()
    wait_for_charts(page)
    trump = page.evaluate(
        "() => document.querySelector('.js-plotly-plot').data"
        ".find(t => t.name === 'Donald Trump' && t.mode === 'markers')"
    )
    mine = [row[1] for row in trump["customdata"] if row[6] == " (your upload)"]
    assert sorted(mine) == ["To walk", "We fell in love"] or sorted(m.lower() for m in mine) == [
        "to walk",
        "we fell in love",
    ]

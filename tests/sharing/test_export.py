"""Tests for rhetoric.sharing.export: formula-safe CSV, Parquet and the template."""

from __future__ import annotations

import io
from datetime import date

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from rhetoric.errors import RhetoricError
from rhetoric.io.ingest import read_quotes
from rhetoric.schema import DATE, QUOTE, SOURCE
from rhetoric.sharing.export import template_csv, to_csv_bytes, to_parquet_bytes


def cells(data: bytes) -> list[str]:
    """The quote column as a CSV reader sees it, every cell as text."""
    return pl.read_csv(io.BytesIO(data), infer_schema=False)[QUOTE].to_list()


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_text_cell_starting_with_a_formula_character_gets_an_apostrophe(start: str) -> None:
    frame = pl.DataFrame({QUOTE: [f'{start}HYPERLINK("http://x")']})
    assert cells(to_csv_bytes(frame)) == [f'\'{start}HYPERLINK("http://x")']


def test_ordinary_text_and_characters_later_in_a_cell_are_left_alone() -> None:
    frame = pl.DataFrame({QUOTE: ["We fell in love.", "a=b", " =not first", "", None]})
    assert cells(to_csv_bytes(frame)) == ["We fell in love.", "a=b", " =not first", "", None]


def test_numbers_dates_and_booleans_are_written_as_they_are() -> None:
    frame = pl.DataFrame(
        {"progress": [-4.5, 3.0], "count": [-1, 2], DATE: [date(2019, 2, 28)] * 2, "key": [True, False]}
    )
    assert to_csv_bytes(frame) == b"progress,count,date,key\n-4.5,-1,2019-02-28,true\n3.0,2,2019-02-28,false\n"


def test_categorical_text_is_neutralised_too() -> None:
    frame = pl.DataFrame({QUOTE: pl.Series(["=1+1"], dtype=pl.Categorical)})
    assert cells(to_csv_bytes(frame)) == ["'=1+1"]


def test_csv_bytes_are_utf8_without_a_bom() -> None:
    data = to_csv_bytes(pl.DataFrame({QUOTE: ["they’re"]}))
    assert data == "quote\nthey’re\n".encode()


def test_a_frame_with_list_cells_is_refused_for_csv_with_a_pointer_to_parquet() -> None:
    with pytest.raises(RhetoricError, match="download Parquet instead"):
        to_csv_bytes(pl.DataFrame({"terms": [["a", "b"]]}))


def test_parquet_round_trips_values_and_dtypes() -> None:
    frame = pl.DataFrame(
        {QUOTE: ["=x", None], DATE: [date(2019, 2, 28), None], "progress": [-4.5, None], "key": [True, None]}
    )
    assert_frame_equal(pl.read_parquet(io.BytesIO(to_parquet_bytes(frame))), frame)


def test_the_template_has_the_upload_header_and_two_real_rows() -> None:
    lines = template_csv().decode("utf-8").splitlines()
    assert lines[0] == "date,speaker,target,quote,event,source"
    assert lines[2] == (
        '2019-02-28,Donald Trump,Kim Jong Un,"Sometimes you have to walk, and this was just one of those times,",'
        "Hanoi summit press conference,"
        "https://www.businesstimes.com.sg/international/trump-kim-summit-ended-abruptly-over-north-korea-sanctions"
    )
    assert len(lines) == 3


def test_the_template_imports_without_a_rejected_row() -> None:
    result = read_quotes(template_csv(), "template.csv")
    assert result.rejected.height == 0
    assert result.accepted[QUOTE][0] == "He wrote me beautiful letters, and they’re great letters. We fell in love."
    assert result.accepted[SOURCE][1].startswith("https://www.businesstimes.com.sg/")

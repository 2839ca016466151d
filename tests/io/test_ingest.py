"""Tests for rhetoric.io.ingest: uploads in, accepted and rejected rows out."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from rhetoric.errors import RhetoricError
from rhetoric.io import bundled
from rhetoric.io.ingest import MAX_FILE_BYTES, MAX_QUOTE_CHARS, ImportResult, read_outcomes, read_quotes
from rhetoric.schema import (
    DATE,
    EVENT,
    ID,
    KEY,
    OUTCOME_SCHEMA,
    PAIR,
    PROGRESS,
    QUOTE,
    QUOTE_SCHEMA,
    SOURCE,
    SPEAKER,
    TARGET,
)

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "ingest"
FELL_IN_LOVE = "He wrote me beautiful letters, and they’re great letters. We fell in love."
ROCKET_MAN = "He definitely likes sending rockets up, doesn’t he? That’s why I call him ‘Rocket Man’,"
ACCEPTED_DATES = 'use YYYY-MM-DD, "28 February 2019" or "Feb 28, 2019"'
GOLDSTEIN = "progress must be a number from -10 to 10 on the Goldstein scale"


@dataclass(frozen=True)
class Expected:
    """What one corpus file must give: counts, reasons by spreadsheet row, exact values, or a file error."""

    accepted: int = 0
    rejected: dict[int, tuple[str, ...]] = field(default_factory=dict)  # row -> substrings of its reason
    encoding: str | None = None
    separator: str | None = None
    values: tuple[tuple[int, str, object], ...] = ()  # (accepted row index, column, exact value)
    error: str | None = None  # substring of the RhetoricError for a file refused whole


EXPECTED = {
    "excel_csv_utf8.csv": Expected(4, encoding="utf-8-sig", separator=",", values=((0, QUOTE, FELL_IN_LOVE),)),
    "excel_unicode_text.txt": Expected(3, encoding="utf-16", separator="\t", values=((1, QUOTE, ROCKET_MAN),)),
    "utf16_big_endian.txt": Expected(2, encoding="utf-16", separator="\t", values=((0, QUOTE, ROCKET_MAN),)),
    "european_semicolon_cp1252.csv": Expected(
        3,
        encoding="cp1252",
        separator=";",
        values=(
            (0, DATE, date(2019, 2, 28)),
            (0, EVENT, "Conférence de presse, Hanoï"),
            (1, QUOTE, "“That was a beautiful gesture and was very much appreciated.”"),
            (2, EVENT, "Visite d’État, Bureau ovale"),
        ),
    ),
    "latin1_accents.csv": Expected(1, encoding="cp1252", values=((0, EVENT, "Conférence de presse, Hanoï"),)),
    "google_sheets_multiline.csv": Expected(
        3,
        {5: ("quote is blank",)},
        encoding="utf-8",
        separator=",",
        values=(
            (1, QUOTE, "Sample remark 1, first line\nSample remark 1, second line"),
            (2, QUOTE, 'Sample remark 2 with "doubled" quotes, and a comma'),
        ),
    ),
    "hand_edited_padded.tsv": Expected(
        2,
        {7: (f'date "2019-13-45" is not a date; {ACCEPTED_DATES}',)},
        separator="\t",
        values=((0, DATE, date(2017, 8, 8)), (0, SPEAKER, "Donald Trump"), (0, TARGET, "Kim Jong Un")),
    ),
    "pipe_separated.txt": Expected(2, separator="|", values=((1, SPEAKER, "Margaret Thatcher"),)),
    "aliased_headers.csv": Expected(
        2,
        values=(
            (0, DATE, date(2019, 6, 30)),
            (0, SPEAKER, "Donald Trump"),
            (0, TARGET, "Kim Jong Un"),
            (0, QUOTE, "Stepping across that line was a great honor,"),
            (0, SOURCE, "https://europediplomatic.com/2019/06/30/trump-crosses-n-korea-border/"),
            (1, "Notes", "letter"),
        ),
    ),
    "month_names_and_times.csv": Expected(
        6,
        values=tuple(
            (i, DATE, d)
            for i, d in enumerate(
                [date(2019, 2, 28)] * 2 + [date(2017, 9, 22)] + [date(2019, 2, 28)] * 2 + [date(2018, 6, 12)]
            )
        ),
    ),
    "day_first_slashes.csv": Expected(3, values=((0, DATE, date(2019, 2, 28)), (1, DATE, date(2018, 6, 12)))),
    "month_first_slashes.csv": Expected(3, values=((0, DATE, date(2018, 9, 29)), (1, DATE, date(2018, 6, 12)))),
    "ambiguous_slashes.csv": Expected(
        1,
        {
            2: ('date "06/12/2018"', "2018-12-06 (day first)", "2018-06-12 (month first)", "YYYY-MM-DD"),
            3: ('date "05/09/2018"', "2018-09-05 (day first)", "2018-05-09 (month first)", "YYYY-MM-DD"),
        },
        values=((0, DATE, date(2020, 1, 1)),),
    ),
    "mixed_slash_orders.csv": Expected(
        1,
        {
            2: ('date "28/02/2019"', "both day first", "month first", "YYYY-MM-DD"),
            3: ('date "06/30/2019"', "both day first", "month first", "YYYY-MM-DD"),
        },
    ),
    "some_bad_rows.csv": Expected(
        3,
        {
            3: ("quote is blank",),
            4: ("speaker is blank",),
            6: (f'date "31/31/2019" is not a date; {ACCEPTED_DATES}',),
            8: ("quote is 6399 characters long", "the limit is 5,000"),
        },
        values=((1, QUOTE, "Sample remark 2\nwith a second line"),),
    ),
    "empty.csv": Expected(error="is empty"),
    "blank_lines_only.csv": Expected(error="is empty"),
    "header_only.csv": Expected(error="has a header row but no rows under it"),
    "nul_bytes.csv": Expected(error="is not a text file"),
    "image.png": Expected(error="is a PNG image, not a text file"),
    "workbook.xlsx": Expected(error="Excel .xlsx workbook"),
    "no_known_columns.csv": Expected(
        error="date (or when, day, said_on, timestamp, datetime); speaker (or leader, name, person, author, who); "
        "quote (or text, statement, remark, quotation)"
    ),
    "missing_speaker_column.csv": Expected(
        error="has no speaker column: name it speaker (or leader, name, person, author, who)"
    ),
    "outcomes_good.csv": Expected(
        4,
        values=(
            (0, PROGRESS, 5.0),
            (1, PROGRESS, -4.0),
            (3, PROGRESS, -6.0),
            (0, KEY, True),
            (1, KEY, True),
            (2, KEY, False),
            (3, KEY, False),
            (0, PAIR, "Donald Trump–Kim Jong Un"),
            (3, PAIR, None),
        ),
    ),
    "outcomes_decimal_comma_cp1252.csv": Expected(
        2,
        encoding="cp1252",
        separator=";",
        values=((0, PROGRESS, 2.5), (1, PROGRESS, -3.5), (1, EVENT, "Sommet de Hanoï"), (0, DATE, date(2018, 6, 12))),
    ),
    "outcomes_bad_rows.csv": Expected(
        1,
        {
            3: (f'progress "12" is out of range; {GOLDSTEIN}',),
            4: (f'progress "big" is not a number; {GOLDSTEIN}',),
            5: (f"progress is blank; {GOLDSTEIN}",),
            6: ("event is blank",),
            7: ('key "maybe" is not yes or no', "true/false, yes/no or 1/0"),
            8: (f'date "28/28/2019" is not a date; {ACCEPTED_DATES}',),
        },
    ),
    "outcomes_missing_progress.csv": Expected(error="has no progress column"),
}
CORPUS_FILES = sorted(p for p in CORPUS.iterdir() if p.suffix != ".py")


def read(path: Path) -> ImportResult:
    reader = read_outcomes if path.name.startswith("outcomes_") else read_quotes
    return reader(path.read_bytes(), path.name)


def quotes_csv(*rows: str, header: str = "date,speaker,target,quote") -> bytes:
    return "\n".join([header, *rows, ""]).encode("utf-8")


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_corpus_file_reads_as_its_expectation_says(path: Path) -> None:
    expected = EXPECTED[path.name]
    if expected.error:
        with pytest.raises(RhetoricError) as raised:
            read(path)
        assert expected.error in str(raised.value)
        assert raised.value.file == path.name
        assert "Traceback" not in str(raised.value)
        return
    result = read(path)
    assert result.accepted.height == expected.accepted
    reasons = dict(result.rejected.select("row", "reason").iter_rows())
    assert sorted(reasons) == sorted(expected.rejected)
    for row, parts in expected.rejected.items():
        for part in parts:
            assert part in reasons[row]
    if expected.encoding:
        assert result.encoding == expected.encoding
    if expected.separator:
        assert result.separator == expected.separator
    for index, column, value in expected.values:
        assert result.accepted[column][index] == value


def test_every_corpus_file_has_an_expectation_and_every_expectation_a_file() -> None:
    assert {p.name for p in CORPUS_FILES} == set(EXPECTED)


def test_accepted_rows_follow_the_schema_with_extra_columns_after() -> None:
    result = read(CORPUS / "aliased_headers.csv")
    assert result.accepted.schema == pl.Schema({**QUOTE_SCHEMA, "Notes": pl.String})


def test_accepted_outcomes_follow_the_outcome_schema() -> None:
    assert read(CORPUS / "outcomes_good.csv").accepted.schema == pl.Schema(OUTCOME_SCHEMA)


def test_rejected_rows_have_row_and_reason_then_every_original_column_as_text() -> None:
    result = read(CORPUS / "some_bad_rows.csv")
    assert result.rejected.schema == pl.Schema(
        {
            "row": pl.Int64,
            "reason": pl.String,
            **dict.fromkeys(["date", "speaker", "target", "quote", "event", "source"], pl.String),
        }
    )


def test_rejected_rows_keep_their_original_values_unstripped() -> None:
    result = read(CORPUS / "hand_edited_padded.tsv")
    assert result.rejected.drop("reason").row(0, named=True) == {
        "row": 7,
        "date": "  2019-13-45 ",
        "speaker": "Leader A",
        "target": "Leader B",
        "quote": "Sample remark 3",
        "source": None,
    }


def test_rejected_rows_are_numbered_as_a_spreadsheet_shows_them() -> None:
    """A quoted field with line breaks is one row; blank lines are rows too, so later rows keep their numbers."""
    data = (
        b"date,speaker,quote\r\n"  # row 1
        b'2019-01-01,Leader A,"Sample remark 1\r\nsecond line\r\nthird line"\r\n'  # row 2
        b"\r\n"  # row 3
        b"2019-01-02,,Sample remark 2\r\n"  # row 4
        b"   \r\n"  # row 5
        b",,\r\n"  # row 6
        b"2019-01-03,Leader A,\r\n"  # row 7
    )
    result = read_quotes(data, "rows.csv")
    assert result.rejected["row"].to_list() == [4, 7]
    assert result.accepted[QUOTE].to_list() == ["Sample remark 1\r\nsecond line\r\nthird line"]


def test_blank_lines_before_the_header_count_as_rows() -> None:
    result = read_quotes(b"\n\ndate,speaker,quote\n2019-01-01,,Sample remark 1\n", "late-header.csv")
    assert result.rejected["row"].to_list() == [4]


def test_header_names_are_matched_regardless_of_case_spaces_and_underscores() -> None:
    data = quotes_csv("2019-01-01,Leader A,Sample remark 1,x", header=" DATE ,Speaker_Name , Said-On ?,QUO TE")
    result = read_quotes(data.replace(b"Speaker_Name", b"SPEAK_ER").replace(b" Said-On ?", b"Said On"), "case.csv")
    assert result.accepted.select(DATE, SPEAKER, QUOTE).row(0) == (date(2019, 1, 1), "Leader A", "x")
    assert "Sample remark 1" in result.accepted["Said On"].to_list()


def test_a_column_with_the_schema_name_wins_over_an_alias() -> None:
    result = read_quotes(
        quotes_csv("2019-01-01,Leader A,Leader B,Sample remark 1", header="date,name,speaker,quote"), "two.csv"
    )
    assert result.accepted[SPEAKER][0] == "Leader B"
    assert result.accepted["name"][0] == "Leader A"


def test_a_repeated_header_keeps_both_columns() -> None:
    result = read_quotes(
        quotes_csv("2019-01-01,Leader A,Sample remark 1,n1,n2", header="date,speaker,quote,note,note"), "dup.csv"
    )
    assert result.accepted.select("note", "note (2)").row(0) == ("n1", "n2")


def test_headers_named_row_or_reason_do_not_clash_with_the_rejected_columns() -> None:
    result = read_quotes(
        quotes_csv("2019-01-01,,Sample remark 1,r,why", header="date,speaker,quote,row,reason"), "clash.csv"
    )
    assert result.rejected.columns == ["row", "reason", "date", "speaker", "quote", "row (2)", "reason (2)"]
    assert result.rejected.row(0)[-2:] == ("r", "why")


CONTENT_ID = re.compile(r"^[qe]-[0-9a-f]{16}$")


def test_a_missing_id_becomes_q_and_16_hex_digits_the_same_on_every_read() -> None:
    data = quotes_csv(f'28 September 2018,Donald Trump,Kim Jong Un,"{FELL_IN_LOVE}"')
    first, second = read_quotes(data, "id.csv"), read_quotes(data, "id.csv")
    assert CONTENT_ID.match(first.accepted[ID][0])
    assert first.accepted[ID][0].startswith("q-")
    assert first.accepted[ID].to_list() == second.accepted[ID].to_list()


def test_content_ids_are_the_same_in_a_fresh_interpreter() -> None:
    """The hash seed is fixed: nothing random in one process (or one polars thread pool) gets into an id."""
    data = (CORPUS / "excel_csv_utf8.csv").read_bytes()
    ids = read_quotes(data, "a.csv").accepted[ID].to_list()
    script = (
        "import sys; from rhetoric.io.ingest import read_quotes; "
        "print('\\n'.join(read_quotes(sys.stdin.buffer.read(), 'a.csv').accepted['id'].to_list()))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "POLARS_MAX_THREADS": "1"}
    run = subprocess.run([sys.executable, "-c", script], input=data, capture_output=True, cwd=ROOT, env=env, check=True)
    assert run.stdout.decode().split() == ids


def test_a_rows_content_id_depends_on_its_date_speaker_and_quote_only() -> None:
    """Not on the other rows, its place in the file, other columns, padding or how the file was saved."""
    alone = read_quotes(quotes_csv("2019-02-28,Leader A,Leader B,Sample remark 1"), "a.csv").accepted[ID][0]
    among = read_quotes(
        "\r\n".join(
            [
                "Source;Quote;Said_On;Leader;Notes",
                "https://example.org/1;Sample remark 2;2019-02-28;Leader A;x",
                ";;;;",
                "https://example.org/2; Sample remark 1 ;28 February 2019;Leader A;",
            ]
        ).encode("cp1252"),
        "b.csv",
    ).accepted[ID]
    assert among[1] == alone
    assert among[0] != alone
    others = quotes_csv(
        "2019-03-01,Leader A,Leader B,Sample remark 1",
        "2019-02-28,Leader B,Leader B,Sample remark 1",
        "2019-02-28,Leader A,Leader B,Sample remark 1.",
    )
    assert alone not in read_quotes(others, "c.csv").accepted[ID].to_list()


def test_content_ids_are_unique_across_the_corpus_and_the_bundled_files() -> None:
    """Every distinct (date, speaker, quote) or (date, pair, event) gets its own id; the bundled files are
    read without their id column so that every row gets a content id."""
    files = [(p.name, p.read_bytes()) for p in CORPUS_FILES if not EXPECTED[p.name].error]
    for path in bundled.quote_files(ROOT / "quotes") + bundled.outcome_files(ROOT / "quotes"):  # not the notes
        files.append((path.name, pl.read_csv(path, infer_schema=False).drop(ID).write_csv().encode("utf-8")))
    id_of: dict[tuple, str] = {}
    for name, data in files:
        outcomes = "outcomes" in name
        accepted = (read_outcomes if outcomes else read_quotes)(data, name).accepted
        parts = (DATE, PAIR, EVENT) if outcomes else (DATE, SPEAKER, QUOTE)
        for key, id_ in zip(accepted.select(parts).rows(), accepted[ID], strict=True):
            if CONTENT_ID.match(id_):
                assert id_of.setdefault((outcomes, *key), id_) == id_
    assert len(id_of) >= 250
    assert len(set(id_of.values())) == len(id_of)


def test_content_ids_of_many_different_rows_are_unique() -> None:
    rows = [f"2019-01-{1 + i % 28:02},Leader {'ABC'[i % 3]},,Sample remark {i // 84}" for i in range(20_000)]
    ids = read_quotes(quotes_csv(*rows), "many.csv").accepted[ID]
    assert ids.n_unique() == 20_000
    assert ids.str.contains(r"^q-[0-9a-f]{16}$").all()


def test_content_ids_do_not_depend_on_how_the_date_was_written() -> None:
    iso = read_quotes(quotes_csv("2019-02-28,Leader A,,Sample remark 1"), "a.csv")
    named = read_quotes(quotes_csv("Feb 28 2019,Leader A,,Sample remark 1"), "b.csv")
    assert iso.accepted[ID][0] == named.accepted[ID][0]


def test_an_id_given_in_the_file_is_kept_and_only_blank_ids_are_filled() -> None:
    result = read_quotes(
        quotes_csv(
            "2019-01-01,Leader A,Sample remark 1,my-id",
            "2019-01-02,Leader A,Sample remark 2, ",
            header="date,speaker,quote,id",
        ),
        "ids.csv",
    )
    assert result.accepted[ID][0] == "my-id"
    assert CONTENT_ID.match(result.accepted[ID][1])
    assert result.accepted[ID][1].startswith("q-")


def test_outcome_ids_are_content_hashes_starting_e() -> None:
    first, second = read(CORPUS / "outcomes_good.csv"), read(CORPUS / "outcomes_good.csv")
    ids = first.accepted[ID]
    assert ids.str.contains(r"^e-[0-9a-f]{16}$").all()
    assert ids.n_unique() == ids.len()
    assert ids.to_list() == second.accepted[ID].to_list()
    single = read_outcomes(
        "event,date,progress,pair\nSingapore summit joint statement,12 June 2018,5,Donald Trump–Kim Jong Un\n".encode(),
        "one.csv",
    )
    assert single.accepted[ID][0] == ids[0]


def test_pair_is_the_two_names_sorted_and_joined_by_an_en_dash() -> None:
    result = read_quotes(
        quotes_csv("2019-06-30,Kim Jong Un,Donald Trump,Sample remark 1", "2019-06-30,Leader A,,Sample remark 2"),
        "pair.csv",
    )
    assert result.accepted[PAIR].to_list() == ["Donald Trump–Kim Jong Un", None]


def test_a_pair_given_in_the_file_is_kept() -> None:
    data = quotes_csv("2019-06-30,Leader A,Leader B,Sample remark 1,Group X", header="date,speaker,target,quote,pair")
    assert read_quotes(data, "pair.csv").accepted[PAIR][0] == "Group X"


def test_blank_optional_cells_become_null() -> None:
    data = quotes_csv('2019-01-01,Leader A,  ,Sample remark 1,"",   ', header="date,speaker,target,quote,event,extra")
    row = read_quotes(data, "nulls.csv").accepted.row(0, named=True)
    assert (row[TARGET], row[EVENT], row["extra"]) == (None, None, None)


# Every character polars' strip_chars() takes for white space (Unicode's White_Space: not Python's \x1c-\x1f).
WHITE_SPACE = [chr(c) for c in [*range(0x09, 0x0E), 0x20, 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B)]] + [
    "\u2028",
    "\u2029",
    "\u202f",
    "\u205f",
    "\u3000",
]


def test_white_space_list_is_what_polars_strips() -> None:
    every = pl.Series([chr(c) for c in range(0x3001) if not 0xD800 <= c < 0xE000])
    assert every.filter(every.str.strip_chars() == "").to_list() == WHITE_SPACE


@pytest.mark.parametrize("space", WHITE_SPACE, ids=lambda c: f"U+{ord(c):04X}")
def test_any_white_space_at_either_end_of_any_column_is_stripped(space: str) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["date", "speaker", "target", "quote", "extra"])
    writer.writerow(["2019-01-01", "Leader A", "Leader B", "Sample remark 1", "x"])
    writer.writerow([f"{space}2019-01-02", "Leader A", f"Leader B{space}", f"{space}Sample remark 2", f"y{space}"])
    writer.writerows([["2019-01-03", "Leader A", "", "Sample remark", ""]] * 300)  # a stray control is a typo
    accepted = read_quotes(out.getvalue().encode("utf-8"), "padded.csv").accepted
    assert accepted.select(DATE, SPEAKER, TARGET, PAIR, QUOTE, "extra").row(1) == (
        date(2019, 1, 2),
        "Leader A",
        "Leader B",
        "Leader A–Leader B",
        "Sample remark 2",
        "y",
    )


def test_a_large_file_keeps_its_rows_in_order_with_the_ids_and_pairs_of_each_row() -> None:
    """Large enough that polars splits the work: each row's pair and id are its own, in file order."""
    rows = [
        [f"2019-{1 + i % 12:02}-{1 + i % 28:02}", f"Leader {'ABCD'[i % 4]}", f"Leader {'EDCB'[i % 3]}", f"Remark {i}"]
        for i in range(150_000)
    ]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([["date", "speaker", "target", "quote"], *rows])
    accepted = read_quotes(out.getvalue().encode("utf-8"), "large.csv").accepted
    assert accepted[QUOTE].to_list() == [r[3] for r in rows]
    assert accepted[PAIR].to_list() == ["–".join(sorted(r[1:3])) for r in rows]
    sample = [0, 1, 65_535, 65_536, 99_999, 100_000, 149_999]
    alone = read_quotes(quotes_csv(*(",".join(rows[i]) for i in sample)), "sample.csv").accepted
    assert accepted[ID].gather(sample).to_list() == alone[ID].to_list()
    assert accepted[ID].n_unique() == len(rows)


def test_a_file_whose_every_row_is_rejected_gives_an_empty_accepted_frame_in_the_schema() -> None:
    result = read_quotes(quotes_csv("2019-01-01,,,Sample remark 1", "2019-01-02,Leader A,,"), "none.csv")
    assert result.accepted.height == 0
    assert result.accepted.schema == pl.Schema(QUOTE_SCHEMA)
    assert result.rejected["row"].to_list() == [2, 3]


def test_a_quote_at_the_length_limit_is_accepted_and_one_character_more_is_not() -> None:
    data = quotes_csv(
        f"2019-01-01,Leader A,,{'x' * MAX_QUOTE_CHARS}", f"2019-01-02,Leader A,,{'y' * (MAX_QUOTE_CHARS + 1)}"
    )
    result = read_quotes(data, "long.csv")
    assert result.accepted[DATE].to_list() == [date(2019, 1, 1)]
    assert result.rejected["row"].to_list() == [3]


def test_a_row_with_several_problems_names_them_all() -> None:
    reason = read_quotes(quotes_csv("someday,,,"), "many.csv").rejected["reason"][0]
    assert (
        reason
        == f'date "someday" is not a date; {ACCEPTED_DATES}; speaker is blank; write who said the quote; quote is blank; write the words as they were said'
    )


def test_key_accepts_true_false_yes_no_one_zero_and_blank() -> None:
    rows = [
        f"2019-01-0{i},Sample event {i},1,{key}"
        for i, key in enumerate(["true", "FALSE", "Yes", "no", "1", "0", ""], 1)
    ]
    result = read_outcomes("\n".join(["date,event,progress,key", *rows]).encode(), "keys.csv")
    assert result.accepted[KEY].to_list() == [True, False, True, False, True, False, False]


def test_progress_at_the_ends_of_the_scale_is_accepted() -> None:
    result = read_outcomes(
        b"date,event,progress\n2019-01-01,Sample event 1,-10\n2019-01-02,Sample event 2,10.0\n2019-01-03,Sample event 3,10.5\n",
        "ends.csv",
    )
    assert result.accepted[PROGRESS].to_list() == [-10.0, 10.0]
    assert result.rejected["row"].to_list() == [4]


def test_summary_counts_accepted_rows_and_each_kind_of_rejection() -> None:
    assert read(CORPUS / "some_bad_rows.csv").summary() == (
        "some_bad_rows.csv: 3 rows accepted, 4 rejected (1 unreadable date, 1 blank speaker, 1 blank quote, 1 over-long quote)"
    )
    assert (
        read(CORPUS / "ambiguous_slashes.csv").summary()
        == "ambiguous_slashes.csv: 1 row accepted, 2 rejected (2 ambiguous dates)"
    )
    assert read(CORPUS / "pipe_separated.txt").summary() == "pipe_separated.txt: 2 rows accepted, 0 rejected"


def test_a_file_over_the_size_limit_is_refused_and_the_message_gives_the_limit() -> None:
    with pytest.raises(RhetoricError, match="the limit is 100 MB"):
        read_quotes(b" " * (MAX_FILE_BYTES + 1), "huge.csv")


def test_text_after_a_closing_quote_rejects_that_row_and_says_how_to_write_quotes() -> None:
    result = read_quotes(
        b'date,speaker,quote\n2019-01-01,Leader A,Sample remark 1\n2019-01-02,Leader A,"x"y\n2019-01-03,Leader B,z\n',
        "open.csv",
    )
    assert result.accepted["quote"].to_list() == ["Sample remark 1", "z"]
    assert result.rejected["row"].to_list() == [3]
    assert "text after a closing quote mark" in result.rejected["reason"][0]
    assert 'write a quote mark as two ("")' in result.rejected["reason"][0]


def test_an_unbalanced_quote_mark_rejects_its_own_row_and_keeps_the_rows_after_it() -> None:
    """The open quote would swallow every row after it; only its own row goes."""
    data = (
        b"date,speaker,quote\n"
        b"2019-01-01,Leader A,one\n"
        b'2019-01-02,Leader A,"Sample remark, never closed\n'
        b"2019-01-03,Leader B,three\n"
        b'2019-01-04,Leader B,"four, quoted"\n'
        b"2019-01-05,Leader A,five\n"
    )
    result = read_quotes(data, "open.csv")
    assert result.accepted["quote"].to_list() == ["one", "three", "four, quoted", "five"]
    assert result.rejected.select("row", "speaker").rows() == [(3, "Leader A")]
    assert result.rejected["reason"][0].startswith("unbalanced quote mark")
    assert "1 unbalanced quote mark" in result.summary()


def test_a_quote_mark_that_never_closes_on_the_last_row_rejects_only_that_row() -> None:
    result = read_quotes(
        b'date,speaker,quote\n2019-01-01,Leader A,x\n2019-01-02,Leader A,"Sample remark 1\n', "open.csv"
    )
    assert result.accepted["quote"].to_list() == ["x"]
    assert result.rejected["row"].to_list() == [3]
    assert "never closed" in result.rejected["reason"][0]


@pytest.mark.parametrize(
    ("line", "fields"),
    [(b"2019-01-02,Leader A,two,extra,more,and more,last", 7), (b"2019-01-02,Leader A", 2)],
    ids=["too many", "too few"],
)
def test_a_ragged_row_is_rejected_with_its_field_count_and_nothing_else_is_lost(line: bytes, fields: int) -> None:
    data = b"date,speaker,quote\n2019-01-01,Leader A,one\n" + line + b"\n2019-01-03,Leader B,three\n"
    result = read_quotes(data, "ragged.csv")
    assert result.accepted["quote"].to_list() == ["one", "three"]
    assert result.rejected.select("row", "reason").rows() == [(3, f"{fields} fields where the header has 3")]
    assert "1 wrong-length row" in result.summary()


def test_a_too_long_row_keeps_every_field_in_the_rejected_rows() -> None:
    """Nothing the user typed is lost: extra fields ride in the last column of the download."""
    result = read_quotes(b"date,speaker,quote\n2019-01-01,Leader A,a,b,c\n2019-01-02,Leader A,ok\n", "long.csv")
    assert result.rejected.select("date", "speaker", "quote").rows() == [("2019-01-01", "Leader A", "a,b,c")]


@pytest.mark.parametrize(
    "rows",
    [
        # a short row among rows whose last field is blank: the blank ones are whole, the short one is not
        b"2019-01-01,Leader A,one,\n2019-01-02,Leader A,two\n2019-01-03,Leader B,three,\n",
        # a short row and a long row, whose field counts would cancel out in a count of the whole file
        b"2019-01-01,Leader A,one,x,y\n2019-01-02,Leader A,two\n2019-01-03,Leader B,three,z\n",
        # a short row beside a row with a separator quoted inside a value
        b'2019-01-01,Leader A,"one, two",\n2019-01-02,Leader A,two\n2019-01-03,Leader B,three,z\n',
    ],
    ids=["beside blank last fields", "beside a long row", "beside a quoted separator"],
)
def test_a_short_row_is_caught_however_the_rest_of_the_file_looks(rows: bytes) -> None:
    """A short row that would be a valid quote once padded (its missing field is the optional target)."""
    result = read_quotes(b"date,speaker,quote,target\n" + rows, "short.csv")
    short = result.rejected.filter(pl.col("row") == 3)
    assert short["reason"].to_list() == ["3 fields where the header has 4"]
    assert "two" not in result.accepted["quote"].to_list() and "three" in result.accepted["quote"].to_list()


def test_an_empty_last_field_is_not_a_short_row() -> None:
    result = read_quotes(b"date,speaker,quote,target\n2019-01-01,Leader A,one,\n", "trailing.csv")
    assert result.rejected.is_empty() and result.accepted.height == 1


def test_a_quoted_field_over_several_lines_with_doubled_quotes_is_one_row() -> None:
    data = b'date,speaker,quote\n2019-01-01,Leader A,"a ""b"",\nc"\n2019-01-02,Leader A,"Sample, x\n'
    result = read_quotes(data, "multi.csv")
    assert result.accepted["quote"].to_list() == ['a "b",\nc']
    assert result.rejected["row"].to_list() == [3]


def test_an_unbalanced_quote_mark_in_the_header_is_a_file_error() -> None:
    with pytest.raises(RhetoricError, match="header row has an unbalanced quote mark"):
        read_quotes(b'date,"speaker,quote\n2019-01-01,Leader A,x\n', "head.csv")


def test_a_file_with_only_a_header_and_blank_lines_has_no_rows() -> None:
    with pytest.raises(RhetoricError, match="no rows under it"):
        read_quotes(b"date,speaker,quote\n\n  \n,,\n", "blank.csv")


def test_the_same_file_read_as_outcomes_names_the_outcome_columns() -> None:
    with pytest.raises(RhetoricError, match="has no progress column: name it progress"):
        read_outcomes((CORPUS / "excel_csv_utf8.csv").read_bytes(), "excel_csv_utf8.csv")


# --- properties -------------------------------------------------------------------------------

_HEADER_PREFIXES = st.sampled_from(
    ["", "date,speaker,quote\n", "date;event;progress;key\r\n", '"date"\t"speaker"\t"quote"\n']
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=_HEADER_PREFIXES, body=st.one_of(st.binary(max_size=400), st.text(max_size=200).map(str.encode)))
def test_arbitrary_bytes_give_an_import_result_or_a_rhetoric_error(prefix: str, body: bytes) -> None:
    for reader in (read_quotes, read_outcomes):
        try:
            result = reader(prefix.encode() + body, "fuzz.csv")
        except RhetoricError as error:
            assert error.file == "fuzz.csv"
        else:
            assert isinstance(result, ImportResult)
            assert result.rejected.columns[:2] == ["row", "reason"]


_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_DATE_STYLES = [
    lambda d: d.isoformat(),
    lambda d: f"{d.day} {_MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{_MONTHS[d.month - 1][:3]} {d.day}, {d.year}",
    lambda d: f"{d.day:02}.{d.month:02}.{d.year}",
    lambda d: f"{d.year}/{d.month:02}/{d.day:02}",
]
_cell_text = (
    st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=30).map(str.strip).filter(bool)
)
_rows = st.lists(
    st.tuples(st.dates(date(1900, 1, 1), date(2100, 12, 31)), _cell_text, _cell_text, _cell_text),
    min_size=1,
    max_size=8,
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=_rows,
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
    separator=st.sampled_from([",", ";", "\t", "|"]),
    style=st.sampled_from(range(len(_DATE_STYLES))),
)
def test_valid_rows_in_any_supported_encoding_and_separator_come_back_unchanged(
    rows: list[tuple[date, str, str, str]], encoding: str, separator: str, style: int
) -> None:
    """Every value survives the trip in order. Bytes that are valid UTF-8 are read as UTF-8, so a cp1252
    file that happens to be valid UTF-8 too (such as "Ã©") is left out: it cannot be told apart."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    writer.writerow([DATE, SPEAKER, TARGET, QUOTE])
    writer.writerows([_DATE_STYLES[style](d), *texts] for d, *texts in rows)
    try:
        data = out.getvalue().encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    if encoding == "cp1252":
        with contextlib.suppress(UnicodeDecodeError):
            assume(data.decode("utf-8") == out.getvalue())
    result = read_quotes(data, "valid.csv")
    assert result.rejected.height == 0
    assert result.accepted.select(DATE, SPEAKER, TARGET, QUOTE).rows() == rows

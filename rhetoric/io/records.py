"""Rows, not files: finding the records of a CSV that a parser would cut, pad or run together, so that they are
rejected one by one (with their spreadsheet row number and a reason) and every other row is kept.

polars reads a clean file fast, but it pads a short row with empty fields, drops the extra fields of a long
one without a word (`truncate_ragged_lines`) and refuses a whole file over one unclosed quote mark. So a clean
file is read strictly first (no long record passes) and its last column and separators show whether any record
is short; failing that, a vectorised check counts each record's fields: every quote mark toggles "inside a quoted
field", a record runs over lines while one is open, and separators outside quotes are counted. Only when that check
(or polars) finds something wrong does an exact reader in Python go through the text, record by record; a
record that would swallow the lines after it is put down to an unbalanced quote mark on its first line,
and reading starts again on the next.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from polars.exceptions import PanicException, PolarsError

UNBALANCED = "unbalanced quote mark"
WRONG_LENGTH = "wrong-length row"
_QUOTE = '"'


@dataclass(frozen=True)
class Records:
    """A file's records as text: the header first. `rows` gives each record's spreadsheet row when some
    records were taken out (else the records are consecutive); `rejected` holds the ones taken out."""

    frame: pl.DataFrame  # every field as text, header row first, blank fields null
    rows: list[int] | None  # the spreadsheet row of each record of `frame`, header included
    rejected: list[tuple[int, str, str, list[str]]]  # (row, label, reason, fields as read)


def read(payload: bytes, separator: str, first_row: int) -> Records:
    """The records of a UTF-8 CSV payload whose header is on spreadsheet row `first_row`."""
    try:  # strictly first: polars refuses a record longer than the header
        strict = pl.read_csv(payload, has_header=False, separator=separator, infer_schema=False)
    except (PolarsError, PanicException):
        strict = None
    if strict is not None and _none_short(payload, separator, strict):
        return Records(strict, None, [])
    try:
        frame = pl.read_csv(
            payload, has_header=False, separator=separator, infer_schema=False, truncate_ragged_lines=True
        )
    except (PolarsError, PanicException):
        frame = None
    if frame is not None and _all_records_whole(payload, separator, frame):
        return Records(frame, None, [])
    return _read_exactly(payload.decode("utf-8-sig"), separator, first_row)


def _none_short(payload: bytes, separator: str, frame: pl.DataFrame) -> bool:
    """Whether no record of a strictly read file is short: the quick check for a clean file.

    The strict read refused any record longer than the header, so a short record is all that can be wrong, and
    polars pads one with nulls at its end. A record whose last field holds something is whole. When some last
    fields are blank, the separators decide: a file with every record whole has exactly (width - 1) a record plus
    those inside its values, and a short record leaves fewer. A row that is all blanks may be an empty line (no
    separators) or empty fields; that is for the line-by-line check.
    """
    if not frame[frame.columns[-1]].null_count():
        return True
    if frame.select(pl.all_horizontal(pl.all().is_null()).any()).item():
        return False
    inside = 0
    if _QUOTE.encode() in payload:  # a separator can only be inside a value in a quoted field
        inside = sum(int(frame[c].str.count_matches(separator, literal=True).sum()) for c in frame.columns)
    return payload.count(separator.encode()) == (frame.width - 1) * frame.height + inside


def _all_records_whole(payload: bytes, separator: str, frame: pl.DataFrame) -> bool:
    """Whether every record has as many fields as the header, and polars saw as many records as there are.

    A record's separators are its field breaks, except those inside quoted fields, and only a quoted field
    can hold one: so its fields are (separators on its lines) - (separators in polars' values of its row) + 1.
    A long row, whose extra fields polars dropped, comes out long; a short row, which polars padded, short.
    """
    width = frame.width
    # The lines as they are, read by polars with no quoting and a separator that text does not use (a line
    # that holds one anyway is cut short, its count comes out wrong and the exact reader takes over).
    lines = pl.read_csv(
        payload, has_header=False, separator="\x1f", quote_char=None, infer_schema=False, truncate_ragged_lines=True
    )
    line = pl.col(lines.columns[0]).fill_null("")
    per_line = lines.select(
        line.str.count_matches(separator, literal=True).alias("seps"),
        (line.str.count_matches(_QUOTE, literal=True) % 2 == 1).alias("odd"),  # opens or closes a quoted field
        line.alias("line"),
    )
    odd = per_line["odd"]
    if odd.sum() % 2:
        return False  # a quote mark is never closed
    if odd.any():  # a quoted field runs over lines: each record's lines summed
        open_before = (pl.col("odd").cum_sum() - pl.col("odd")) % 2 == 1  # inside a quoted field as it starts
        per_line = per_line.group_by((~open_before).cum_sum().alias("record"), maintain_order=True).agg(
            pl.col("seps").sum(), pl.col("line").str.join("\n")
        )
    if per_line.height != frame.height:
        return False
    inside = frame.select(
        pl.sum_horizontal(pl.col(c).str.count_matches(separator, literal=True) for c in frame.columns)
    ).to_series()
    short_or_long = per_line.filter(per_line["seps"] - inside.fill_null(0) + 1 != width)
    # Only a blank line may have another count (polars reads it as a row of nulls, dropped later).
    return short_or_long.is_empty() or bool((short_or_long["line"].str.strip_chars() == "").all())


def _read_exactly(text: str, separator: str, first_row: int) -> Records:
    """Record by record, as polars reads them; a bad record is set aside and reading goes on."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    good: list[list[str | None]] = []
    rows: list[int] = []
    rejected: list[tuple[int, str, str, list[str]]] = []
    width = 0
    i, row = 0, first_row
    while i < len(lines):
        fields, used, problem = _record(lines, i, separator)
        if problem or (used > 1 and width and len(fields) != width):
            # An open quote mark would swallow the lines after it: only its own line is bad.
            naive = lines[i].rstrip("\r").split(separator)
            rejected.append(
                (
                    row,
                    UNBALANCED,
                    f"{UNBALANCED}: {problem or 'a quoted field runs on over the rows after it'}; "
                    'inside a quoted field, write a quote mark as two ("")',
                    naive,
                )
            )
            i, row = i + 1, row + 1
            if not width:  # the header itself: nothing can be read without it
                return Records(pl.DataFrame(), rows, rejected)
            continue
        blank = len(fields) == 1 and not fields[0].strip()
        if not width:
            width = len(fields)
        if blank or len(fields) == width:
            good.append([f if f != "" else None for f in fields] if not blank else [None] * width)
            rows.append(row)
        else:
            rejected.append((row, WRONG_LENGTH, f"{len(fields)} fields where the header has {width}", fields))
        i, row = i + used, row + 1
    columns = [f"column_{k + 1}" for k in range(width)]
    frame = pl.DataFrame(good, schema={c: pl.String for c in columns}, orient="row")
    return Records(frame, rows, rejected)


def _record(lines: list[str], start: int, separator: str) -> tuple[list[str], int, str | None]:
    """The fields of the record starting at lines[start], the lines it used, and what was wrong, if anything."""
    fields: list[str] = []
    text, used = lines[start], 1
    i, n = 0, len(text)
    while True:
        if i < n and text[i] == _QUOTE:  # a quoted field: to the next lone quote mark, over lines if need be
            value, i = [], i + 1
            while True:
                close = text.find(_QUOTE, i)
                if close < 0:
                    if start + used >= len(lines):
                        return fields, used, "a quote mark that is never closed"
                    value.append(text[i:] + "\n")
                    text, used, i, n = lines[start + used], used + 1, 0, len(lines[start + used])
                    continue
                value.append(text[i:close])
                if close + 1 < n and text[close + 1] == _QUOTE:
                    value.append(_QUOTE)
                    i = close + 2
                    continue
                i = close + 1
                break
            fields.append("".join(value))
            rest = text[i:].rstrip("\r")
            if rest and not rest.startswith(separator):
                return fields, used, "text after a closing quote mark"
            if not rest:
                return fields, used, None
            i += len(separator)
            continue
        end = text.find(separator, i)
        if end < 0:
            fields.append(text[i:].rstrip("\r"))
            return fields, used, None
        fields.append(text[i:end])
        i = end + len(separator)

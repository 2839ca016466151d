"""Reading uploaded quote and outcome files: bytes in, accepted rows and rejected rows with reasons out."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import cast

import polars as pl
from polars.exceptions import PanicException, PolarsError

from rhetoric.errors import RhetoricError
from rhetoric.io import dates, pairs, records, sniff
from rhetoric.schema import (
    DATE,
    EVENT,
    ID,
    KEY,
    OUTCOME_REQUIRED,
    OUTCOME_SCHEMA,
    PAIR,
    PROGRESS,
    PROGRESS_MAX,
    PROGRESS_MIN,
    QUOTE,
    QUOTE_REQUIRED,
    QUOTE_SCHEMA,
    SOURCE,
    SOURCE_KIND,
    SOURCE_KINDS,
    SOURCE_ORIGINAL,
    SPEAKER,
    TARGET,
    Schema,
    conform,
)

MAX_FILE_BYTES = 100 * 1024 * 1024  # "100 MB": Streamlit's own upload limit is 200 MB
MAX_QUOTE_CHARS = 5_000

# Header names are compared after dropping case, spaces, underscores and hyphens (see _normalise).
ALIASES: dict[str, tuple[str, ...]] = {
    SPEAKER: ("leader", "name", "person", "author", "who"),
    QUOTE: ("text", "statement", "remark", "quotation"),
    DATE: ("when", "day", "said_on", "timestamp", "datetime"),
    TARGET: ("counterpart", "about", "addressee", "to", "recipient"),
    SOURCE: ("url", "link", "citation"),
    SOURCE_KIND: ("kind_of_source", "source_type", "provenance"),
    SOURCE_ORIGINAL: ("original_outlet", "original_source", "outlet"),
}
ROW, REASON = "row", "reason"  # the first two columns of ImportResult.rejected

_TRUE, _FALSE = ("true", "yes", "1"), ("false", "no", "0")
_GOLDSTEIN = f"progress must be a number from {PROGRESS_MIN:g} to {PROGRESS_MAX:g} on the Goldstein scale"
_ROW_INDEX = "\0row"  # internal names start with NUL, which no header can hold (binary files are refused)
_TYPED = "\0typed:"  # a column's parsed value rides along under this prefix until the row is accepted
# Content ids hash with polars' own hash and this fixed seed: the same row gives the same id on every run with
# the polars version that requirements.txt pins (polars does not promise the same hash across versions).
_ID_SEED = 0x72686574  # "rhet"
_DIGEST = "\0digest"
_RESAVE = "save it again as CSV from the spreadsheet and upload that"
_UNREAD_FIELD = re.compile(r"could not parse `(.*?)` as dtype `str` at column '.*?' \(column number (\d+)\)", re.S)


@dataclass(frozen=True)
class ImportResult:
    """What an upload gave: the rows accepted (in the schema) and the rows rejected, with reasons."""

    accepted: pl.DataFrame  # schema.conform(...): schema columns in order, extra columns after
    rejected: pl.DataFrame  # "row" (Int64, as a spreadsheet counts), "reason", then every original column as text
    file: str
    encoding: str  # a Python codec name, e.g. "utf-8-sig", "utf-16", "cp1252"
    separator: str
    problems: tuple[tuple[str, int], ...] = ()  # (what was wrong, how many rows), in the order checked

    def summary(self) -> str:
        """One line for the user, e.g. "quotes.csv: 98 rows accepted, 2 rejected (1 blank quote, 1 unreadable date)"."""
        accepted = f"{self.accepted.height} row{'' if self.accepted.height == 1 else 's'} accepted"
        counts = ", ".join(f"{n} {label}{'' if n == 1 else 's'}" for label, n in self.problems if n)
        return f"{self.file}: {accepted}, {self.rejected.height} rejected" + (f" ({counts})" if counts else "")


@dataclass(frozen=True)
class _Check:
    label: str  # how the summary counts it, e.g. "blank quote" (it adds the plural "s")
    failed: pl.Expr  # true for rows that fail
    message: pl.Expr  # names the column, the value and what would be accepted


@dataclass(frozen=True)
class _Kind:
    noun: str  # one row is one of these: "quote", "outcome"
    schema: Schema
    required: tuple[str, ...]
    id_prefix: str
    id_parts: tuple[str, ...]  # the date, then text columns: hashed together into the id of a row that has none
    checks: Callable[[pl.DataFrame], tuple[pl.DataFrame, list[_Check]]]


def read_quotes(data: bytes | str | Path, name: str | None = None, *, known_pairs: Sequence[str] = ()) -> ImportResult:
    """Read a quotes file (date, speaker, quote; optional target, pair, event, source, id, variant_of,
    source_kind, source_original).

    `data` is the file's bytes (an upload, named by `name`) or a path to read. A row without a pair joins one
    of `known_pairs` when its speaker and target name that pair's two leaders (rhetoric.io.pairs).
    """
    return _read(*_bytes_and_name(data, name), _QUOTES, known_pairs)


def read_outcomes(data: bytes | str | Path, name: str | None = None) -> ImportResult:
    """Read an outcomes file (date, event, progress; optional pair, category, description, source, key): bytes or a path."""
    return _read(*_bytes_and_name(data, name), _OUTCOMES)


def _bytes_and_name(data: bytes | str | Path, name: str | None) -> tuple[bytes, str]:
    if isinstance(data, bytes):
        return data, name or "upload"
    path = Path(data)
    try:
        return path.read_bytes(), name or path.name
    except OSError as error:
        raise RhetoricError(f"could not be opened ({error.strerror})", file=str(path)) from None


def _read(data: bytes, name: str, kind: _Kind, known_pairs: Sequence[str] = ()) -> ImportResult:
    if len(data) > MAX_FILE_BYTES:
        size, limit = len(data) / 2**20, MAX_FILE_BYTES // 2**20
        raise RhetoricError(f"is {size:.1f} MB; the limit is {limit} MB: split it into smaller files", file=name)
    text = sniff.decode(data, name)
    encoding, skipped, separator = text.encoding, text.skipped_lines, sniff.sniff_separator(text.head)
    try:
        found = records.read(text.payload, separator, first_row=1 + skipped)  # header = row 1
        del text  # a re-encoded copy of the upload, when it was not UTF-8
        raw = found.frame
        if raw.is_empty():
            if found.rejected:
                raise RhetoricError(f"its header row has an {found.rejected[0][2]}", file=name)
            raise RhetoricError("is empty; upload a file with a header row and one row per record under it", file=name)
        headers = _unique(
            [(cell or "").strip() or f"column {i}" for i, cell in enumerate(raw.row(0), 1)], {ROW, REASON}
        )
        raw = raw.slice(1).rename(dict(zip(raw.columns, headers, strict=True)))
        if found.rows is None:
            raw = raw.with_row_index(_ROW_INDEX, offset=2 + skipped)
        else:
            raw = raw.insert_column(0, pl.Series(_ROW_INDEX, found.rows[1:], dtype=pl.UInt32))
        frame, checks = kind.checks(_cleaned(raw, headers, kind, name))
        counts = frame.select(c.failed.fill_null(False).sum().alias(c.label) for c in checks).row(0)
        if any(counts):
            reasons = pl.concat_str(
                [pl.when(c.failed).then(c.message) for c in checks], separator="; ", ignore_nulls=True
            )
            frame = frame.with_columns(reasons.alias(REASON))
            bad = frame.filter(pl.col(REASON) != "").select(_ROW_INDEX, REASON)
            rejected = raw.filter(pl.col(_ROW_INDEX).is_in(bad[_ROW_INDEX].implode())).select(
                pl.col(_ROW_INDEX).cast(pl.Int64).alias(ROW), bad[REASON], *headers
            )
            if bad.height:
                frame = frame.filter(pl.col(REASON) == "")
        else:  # the usual case: no row failed a check, so no reasons to build and no rows to look up
            rejected = pl.DataFrame(schema={ROW: pl.Int64, REASON: pl.String, **raw.select(headers).schema})
        del raw  # accepted rows are built from the cleaned frame alone
        accepted = _finish(frame, kind, known_pairs)
        if found.rejected:
            rejected = _with_broken_rows(rejected, found.rejected, headers, separator)
    except (PolarsError, PanicException) as error:
        raise RhetoricError(f"could not be read as a table ({_first_line(error)}); {_RESAVE}", file=name) from None
    problems = [*zip((c.label for c in checks), counts, strict=True)]
    for label in (records.UNBALANCED, records.WRONG_LENGTH):
        problems.append((label, sum(1 for r in found.rejected if r[1] == label)))
    return ImportResult(accepted, rejected, name, encoding, separator, tuple(problems))


def _with_broken_rows(
    rejected: pl.DataFrame, broken: list[tuple[int, str, str, list[str]]], headers: list[str], separator: str
) -> pl.DataFrame:
    """The rows rejected for their shape, added to the others in row order, their fields under the headers as
    read (extra fields joined into the last column, so nothing the user typed is lost)."""
    width = len(headers)

    def spread(fields: list[str]) -> list[str | None]:
        if len(fields) > width:
            fields = [*fields[: width - 1], separator.join(fields[width - 1 :])]
        return [*fields, *[None] * (width - len(fields))]

    extra = pl.DataFrame(
        [[row, reason, *spread(fields)] for row, _, reason, fields in broken],
        schema={ROW: pl.Int64, REASON: pl.String, **dict.fromkeys(headers, pl.String)},
        orient="row",
    )
    return pl.concat([rejected.cast(extra.schema), extra]).sort(ROW)


def _cleaned(raw: pl.DataFrame, headers: list[str], kind: _Kind, file: str) -> pl.DataFrame:
    """Values stripped, blanks as nulls, blank lines dropped, columns under schema names, absent ones as nulls."""
    names = _match_columns(headers, kind, file)
    dirty = _padded_or_empty(raw, headers)
    frame = raw.select(
        _ROW_INDEX,
        *((_clean(pl.col(h)) if d else pl.col(h)).alias(n) for h, n, d in zip(headers, names, dirty, strict=True)),
    )
    filled = frame.select(pl.any_horizontal(pl.col(n).is_not_null() for n in names)).to_series()
    if not filled.any():
        raise RhetoricError(f"has a header row but no rows under it; add one row per {kind.noun}", file=file)
    frame = frame if filled.all() else frame.filter(filled)
    return frame.with_columns(pl.lit(None, pl.String).alias(c) for c in kind.schema if c not in names)


def _padded_or_empty(raw: pl.DataFrame, headers: list[str]) -> list[bool]:
    """Per column, whether some value starts or ends with white space (Unicode's, as strip_chars() takes it)
    or is "": only those columns are cleaned, since stripping copies every string.

    Finding out strips too, keeping only whether each length changed: cheaper than a regex test at each end
    of each value, and cheaper than slicing off each value's last character to compare it. Run lazily, the
    stripped copies are made a slice of rows at a time, never a whole column.
    """
    changed = (pl.col(h).str.strip_chars().str.len_bytes() != pl.col(h).str.len_bytes() for h in headers)
    padded = raw.lazy().select((c | (pl.col(h) == "")).any() for h, c in zip(headers, changed, strict=True))
    return list(padded.collect().row(0))


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0][:200] if lines else type(error).__name__


def _normalise(header: str) -> str:
    return re.sub(r"[\s_\-]+", "", header).lower()


def _unique(names: list[str], taken: set[str]) -> list[str]:
    """The names, with " (2)", " (3)" ... added where a name repeats one before it or one already taken."""
    taken, out = set(taken), []
    for name in names:
        candidate, n = name, 1
        while candidate in taken:
            n += 1
            candidate = f"{name} ({n})"
        taken.add(candidate)
        out.append(candidate)
    return out


def _match_columns(headers: list[str], kind: _Kind, file: str) -> list[str]:
    """The frame's column names: schema names for recognised headers, the header text for the others."""
    keys = [_normalise(h) for h in headers]
    names: list[str | None] = [None] * len(headers)
    for column in kind.schema:
        for key in (_normalise(column), *map(_normalise, ALIASES.get(column, ()))):
            index = next((i for i, k in enumerate(keys) if k == key and names[i] is None), None)
            if index is not None:
                names[index] = column
                break
    missing = [c for c in kind.required if c not in names]
    if missing:
        found = ", ".join(f'"{h}"' for h in headers[:12]) + (", ..." if len(headers) > 12 else "")
        wanted = "; ".join(f"{c} (or {', '.join(ALIASES[c])})" if c in ALIASES else c for c in missing)
        if len(missing) == len(kind.required):
            problem = f"has none of the columns a {kind.noun} file needs: {wanted}"
        else:
            problem = f"has no {' or '.join(missing)} column: name {'it' if len(missing) == 1 else 'them'} {wanted}"
        raise RhetoricError(
            f"{problem}. Case, spaces and underscores in header names do not matter. Its header row has {found}",
            file=file,
        )
    extras = _unique([h for h, n in zip(headers, names, strict=True) if n is None], set(kind.schema))
    return [n if n is not None else extras.pop(0) for n in names]


def _clean(value: pl.Expr) -> pl.Expr:
    stripped = value.str.strip_chars()
    return pl.when(stripped != "").then(stripped)


def _source_kind_check(frame: pl.DataFrame) -> tuple[pl.DataFrame, list[_Check]]:
    """source_kind, when given, read in any case; a value outside SOURCE_KINDS rejects the row, naming them."""
    kind = pl.col(SOURCE_KIND).str.to_lowercase()
    frame = frame.with_columns(kind.alias(_TYPED + SOURCE_KIND))
    return frame, [
        _Check(
            "unknown source kind",
            kind.is_not_null() & ~kind.is_in(SOURCE_KINDS),
            pl.format(
                'source_kind "{}" is not one of {}; leave it blank if you do not know',
                pl.col(SOURCE_KIND),
                pl.lit(", ".join(SOURCE_KINDS)),
            ),
        )
    ]


def _date_checks(frame: pl.DataFrame) -> tuple[pl.DataFrame, list[_Check]]:
    read = dates.read_dates(frame[DATE])
    frame = frame.with_columns(
        read["date"].alias(_TYPED + DATE),
        read["problem"].alias("\0date problem"),
        read["message"].alias("\0date message"),
    )
    problem = pl.col("\0date problem")
    frame, kind = _source_kind_check(frame)
    return frame, [
        *(_Check(p, problem == p, pl.col("\0date message")) for p in (dates.BLANK, dates.UNREADABLE, dates.AMBIGUOUS)),
        *kind,
    ]


def _quote_checks(frame: pl.DataFrame) -> tuple[pl.DataFrame, list[_Check]]:
    frame, checks = _date_checks(frame)
    quote = pl.col(QUOTE)
    # Counting characters reads every quote; no quote has more characters than bytes, and bytes are counted.
    long = (cast(int | None, frame[QUOTE].str.len_bytes().max()) or 0) > MAX_QUOTE_CHARS
    return frame, [
        *checks,
        _Check("blank speaker", pl.col(SPEAKER).is_null(), pl.lit("speaker is blank; write who said the quote")),
        _Check("blank quote", quote.is_null(), pl.lit("quote is blank; write the words as they were said")),
        _Check(
            "over-long quote",
            quote.str.len_chars() > MAX_QUOTE_CHARS if long else pl.lit(False),
            pl.format(
                'quote is {} characters long ("{}…"); the limit is {}: shorten it or split it into several rows',
                quote.str.len_chars(),
                quote.str.slice(0, 40),
                pl.lit(f"{MAX_QUOTE_CHARS:,}"),
            ),
        ),
    ]


def _outcome_checks(frame: pl.DataFrame) -> tuple[pl.DataFrame, list[_Check]]:
    frame, checks = _date_checks(frame)
    text = pl.col(PROGRESS).str.replace("\u2212", "-")  # a typographic minus, as in "−3"
    text = pl.when(text.str.contains(r"^[+-]?\d+,\d+$")).then(text.str.replace(",", ".")).otherwise(text)  # "2,5"
    key = pl.col(KEY).str.to_lowercase()
    frame = frame.with_columns(
        text.cast(pl.Float64, strict=False).alias(_TYPED + PROGRESS),
        pl.when(key.is_null() | key.is_in(_FALSE)).then(False).when(key.is_in(_TRUE)).then(True).alias(_TYPED + KEY),
    )
    number, given = pl.col(_TYPED + PROGRESS), pl.col(PROGRESS)
    return frame, [
        *checks,
        _Check("blank event", pl.col(EVENT).is_null(), pl.lit("event is blank; write what happened")),
        _Check("blank progress value", given.is_null(), pl.lit(f"progress is blank; {_GOLDSTEIN}")),
        _Check(
            "non-numeric progress value",
            given.is_not_null() & (number.is_null() | number.is_nan()),
            pl.format('progress "{}" is not a number; {}', given, pl.lit(_GOLDSTEIN)),
        ),
        _Check(
            "out-of-range progress value",
            ~number.is_nan() & ~number.is_between(PROGRESS_MIN, PROGRESS_MAX),
            pl.format('progress "{}" is out of range; {}', given, pl.lit(_GOLDSTEIN)),
        ),
        _Check(
            "unreadable key",
            pl.col(_TYPED + KEY).is_null(),
            pl.format(
                'key "{}" is not yes or no; use true/false, yes/no or 1/0, or leave it blank for no', pl.col(KEY)
            ),
        ),
    ]


def _finish(frame: pl.DataFrame, kind: _Kind, known_pairs: Sequence[str] = ()) -> pl.DataFrame:
    """Accepted rows in the schema: parsed values in place of text, derived pair and content ids filled in."""
    typed = [c for c in frame.columns if c.startswith(_TYPED)]
    frame = frame.with_columns(pl.col(c).alias(c.removeprefix(_TYPED)) for c in typed)
    frame = conform(frame.drop(c for c in frame.columns if c.startswith("\0") or c == REASON), kind.schema)
    derived, ids = [], []
    if TARGET in kind.schema:
        derived.append(_filled(frame, PAIR, pairs.derived(pl.col(SPEAKER), pl.col(TARGET), known_pairs)))
    if frame[ID].null_count():
        # A row's id depends on its own values alone, so hashing every row and keeping the ids given is the
        # same as hashing only the rows without one.
        derived.append(_content_hash(kind).alias(_DIGEST))
        ids.append(_filled(frame, ID, _hex_digits(kind.id_prefix, pl.col(_DIGEST))))
    if not derived:
        return frame
    # One lazy query, so that polars shares the work out between its threads. It is row by row only (no
    # join, no grouping), so the rows keep their order.
    return frame.lazy().with_columns(derived).with_columns(ids).drop(_DIGEST, strict=False).collect()


def _filled(frame: pl.DataFrame, column: str, values: pl.Expr) -> pl.Expr:
    """The column with its nulls replaced by values; just the values when it is all nulls (the usual case)."""
    if frame[column].null_count() == frame.height:
        return values.alias(column)
    return pl.col(column).fill_null(values)


def _content_hash(kind: _Kind) -> pl.Expr:
    """A 64-bit hash of the row's id parts: the date (the day, however it was written), then the text of the
    others, a blank one as "". Each part is hashed on its own column, then the row's hashes together, so that
    no joined key string is built."""
    date, *texts = kind.id_parts
    parts = [pl.col(date).hash(_ID_SEED), *(pl.col(c).fill_null("").hash(_ID_SEED) for c in texts)]
    return pl.struct(part.alias(str(i)) for i, part in enumerate(parts)).hash(_ID_SEED)


def _hex_digits(prefix: str, digest: pl.Expr) -> pl.Expr:
    """prefix + the 16 hex digits of each hash. polars cannot format hex, so the digits come, four at a time,
    from a table of the 65,536 groups."""
    table = pl.lit(_hex_groups())
    groups = (table.gather(digest // (1 << shift) % (1 << 16)) for shift in (48, 32, 16, 0))
    return pl.format(prefix + "{}{}{}{}", *groups)


@cache
def _hex_groups() -> pl.Series:
    return pl.Series([f"{i:04x}" for i in range(1 << 16)], dtype=pl.String)


_QUOTES = _Kind("quote", QUOTE_SCHEMA, QUOTE_REQUIRED, "q-", (DATE, SPEAKER, QUOTE), _quote_checks)
_OUTCOMES = _Kind("outcome", OUTCOME_SCHEMA, OUTCOME_REQUIRED, "e-", (DATE, PAIR, EVENT), _outcome_checks)

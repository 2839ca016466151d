"""Working out what an uploaded file is: whether it is text, its encoding, and its separator."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import polars as pl
from polars.exceptions import PolarsError

from rhetoric.errors import RhetoricError

SEPARATORS = (",", ";", "\t", "|")
SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
HEAD_BYTES = 65_536  # enough for the header and a few dozen rows: all that sniffing looks at
_SNIFF_RECORDS = 50
_CHUNK = 1 << 20

_SAVE_AS = 'save it as "CSV UTF-8 (Comma delimited)" or as tab-separated text'
_SIGNATURES = (
    (b"\x89PNG", "a PNG image"),
    (b"PK\x03\x04", "a zip archive (an Excel .xlsx workbook is one)"),
    (b"\xd0\xcf\x11\xe0", "an old-style Office file (such as an Excel .xls workbook)"),
    (b"%PDF", "a PDF document"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)
# Byte-order marks, longest first: a UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# cp1252 leaves five bytes undefined; Latin-1 reads them as the C1 control characters they are there.
_CP1252_UNDEFINED = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
_CP1252_OVER_LATIN1 = {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in _CP1252_UNDEFINED}
_CONTROL = frozenset(chr(c) for c in [*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), *range(0x7F, 0xA0)])


@dataclass(frozen=True)
class Text:
    """An upload as polars can read it: UTF-8 bytes, how they were encoded, and the start as a string."""

    payload: bytes  # UTF-8, possibly with its BOM still on (polars drops it), starting at the header line
    encoding: str  # a Python codec name: "utf-8", "utf-8-sig", "utf-16", "cp1252", ...
    head: str  # the first HEAD_BYTES or so, decoded, starting at the header line
    skipped_lines: int  # blank lines before the header, so that row numbers match a spreadsheet's


def decode(data: bytes, file: str) -> Text:
    """Decide the encoding (BOM, then strict UTF-8, then cp1252) and check that the upload is text."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise RhetoricError(f"is {kind}, not a text file; {_SAVE_AS}", file=file)
    encoding = _encoding(data, file)
    # polars reads UTF-8 and drops its BOM itself, so a UTF-8 upload is passed on without a copy.
    payload = data if encoding in ("utf-8", "utf-8-sig") else _decode_as(data, encoding, file).encode("utf-8")
    head = codecs.getincrementaldecoder("utf-8-sig")().decode(payload[:HEAD_BYTES])
    _check_text(head, file)
    if "\n" not in head and "\r" in head:  # classic Mac line ends: a bare CR ends each line
        payload, head = payload.replace(b"\r", b"\n"), head.replace("\r", "\n")
    return _skip_leading_blank_lines(payload, encoding, head)


def sniff_separator(head: str) -> str:
    """The candidate separator that the header uses and that the most rows use as often (comma if none)."""
    records = _separator_counts(head)
    if not records:
        return ","
    header, rows = records[0], records[1:]
    scores = {
        sep: (sum(row[sep] == header[sep] for row in rows) / len(rows) if rows else 1.0, header[sep])
        for sep in SEPARATORS
        if header[sep]
    }
    return max(scores, key=scores.__getitem__) if scores else ","


def _is_utf8(data: bytes) -> bool:
    """Strict UTF-8 check (as bytes.decode makes it), a slice of about _CHUNK bytes at a time.

    polars checks each slice while casting it to text, many times faster than Python's decoder, which
    builds a string it would throw away. A slice is stretched to end where a character starts, so that a
    valid upload splits into valid slices; text joined from valid slices is valid, so one invalid byte
    anywhere fails a slice.
    """
    if data.isascii():
        return True
    start, size = 0, len(data)
    while start < size:
        end = min(start + _CHUNK, size)
        for _ in range(3):  # a character has at most three continuation bytes (0b10xxxxxx)
            if end < size and data[end] & 0xC0 == 0x80:
                end += 1
        piece = data[start:end]
        if not piece.isascii():
            try:
                pl.Series([piece], dtype=pl.Binary).cast(pl.String)
            except PolarsError:
                return False
        start = end
    return True


def _encoding(data: bytes, file: str) -> str:
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            if encoding == "utf-8-sig" and not _is_utf8(data):
                raise RhetoricError(
                    f"starts with a UTF-8 byte-order mark but is not valid UTF-8; {_SAVE_AS}", file=file
                )
            return encoding
    if b"\x00" in data:
        return _bomless_utf16(data[:HEAD_BYTES], file)
    if _is_utf8(data):
        return "utf-8"
    return _eight_bit_encoding(data)


def _decode_as(data: bytes, encoding: str, file: str) -> str:
    try:
        if encoding == "cp1252" and any(bytes([b]) in data for b in _CP1252_UNDEFINED):
            return data.decode("latin-1").translate(_CP1252_OVER_LATIN1)  # Latin-1 for the undefined five
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        name = encoding.upper()
        raise RhetoricError(
            f"looks like {name} but byte {error.start} is not valid {name}; {_SAVE_AS}", file=file
        ) from None


def _bomless_utf16(head: bytes, file: str) -> str:
    """NUL bytes mean binary, unless they fill every other byte, which is UTF-16 saved without its mark."""
    even, odd = head[0::2], head[1::2]
    if odd and odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even and even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    raise RhetoricError(f"is not a text file (it contains NUL bytes); {_SAVE_AS}", file=file)


def _eight_bit_encoding(data: bytes) -> str:
    """cp1252, also when a stray few of its five undefined bytes occur (read as Latin-1 reads them).

    Many undefined bytes mean some other encoding (Shift-JIS uses 0x81 often): only then is
    charset-normalizer asked.
    """
    undefined = sum(data.count(bytes([b])) for b in _CP1252_UNDEFINED)
    if undefined > 2 + len(data) // 1000:
        guess = _charset_normalizer_guess(data[:HEAD_BYTES])
        if guess:
            try:
                data.decode(guess)
                return guess
            except (UnicodeDecodeError, LookupError):
                pass
    return "cp1252"


def _charset_normalizer_guess(sample: bytes) -> str | None:
    import charset_normalizer  # imported late: only the rare upload that is not UTF-8 or cp1252 needs it

    best = charset_normalizer.from_bytes(sample).best()
    if best is None or codecs.lookup(best.encoding).name in ("cp1252", "latin-1", "iso8859-1"):
        return None
    return best.encoding


def _check_text(head: str, file: str) -> None:
    if not head.strip():
        raise RhetoricError("is empty; upload a file with a header row and one row per record under it", file=file)
    controls = sum(head.count(c) for c in _CONTROL if c in head)
    if "\x00" in head or controls > 2 + len(head) // 100:  # a stray one is a typo, many mean binary
        raise RhetoricError(f"is not a text file (it contains control characters); {_SAVE_AS}", file=file)


def _skip_leading_blank_lines(payload: bytes, encoding: str, head: str) -> Text:
    blank = head[: len(head) - len(head.lstrip(" \t\r\n"))]
    cut = blank.rfind("\n") + 1  # keep the header line's own leading spaces: they are stripped later
    if not cut:
        return Text(payload, encoding, head, 0)
    bom = len(codecs.BOM_UTF8) if payload.startswith(codecs.BOM_UTF8) else 0
    return Text(payload[bom + cut :], encoding, head[cut:], blank[:cut].count("\n"))


def _separator_counts(head: str) -> list[dict[str, int]]:
    """Per non-blank record, how often each candidate separator occurs outside quoted fields.

    A quote opens a quoted field only at the start of a line or after a candidate separator, as in
    polars; inside one, a doubled quote is a literal quote and line breaks belong to the field.
    """
    records: list[dict[str, int]] = []
    counts = dict.fromkeys(SEPARATORS, 0)
    blank, quoted, at_field_start = True, False, True
    i, n = 0, len(head)
    while i < n and len(records) < _SNIFF_RECORDS:
        ch = head[i]
        if quoted:
            if ch == '"':
                if i + 1 < n and head[i + 1] == '"':
                    i += 1
                else:
                    quoted = False
        elif ch == "\n":
            if not blank:
                records.append(counts)
            counts, blank, at_field_start = dict.fromkeys(SEPARATORS, 0), True, True
            i += 1
            continue
        elif ch == '"' and at_field_start:
            quoted = True
        elif ch in counts:
            counts[ch] += 1
            blank, at_field_start = False, True
            i += 1
            continue
        if ch not in " \r":
            blank = False
        at_field_start = False
        i += 1
    if not blank and not quoted and len(records) < _SNIFF_RECORDS:
        records.append(counts)  # the last record; if the head cut it short, its count is one row of 50
    return records

"""Tests for rhetoric.io.sniff: encodings, text-or-binary and separators."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.errors import RhetoricError
from rhetoric.io import sniff
from rhetoric.io.sniff import decode, sniff_separator

TEXT = "date,speaker,quote\n2019-02-28,Leader A,“Sample” remark café\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("utf-8-sig"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("utf-32"), "utf-32"),
        (TEXT.encode("cp1252"), "cp1252"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
    ],
    ids=["utf-8", "utf-8 BOM", "utf-16 LE BOM", "utf-16 BE BOM", "utf-32 BOM", "cp1252", "utf-16 LE without BOM"],
)
def test_each_supported_encoding_is_recognised_and_decoded_exactly(data: bytes, encoding: str) -> None:
    text = decode(data, "f.csv")
    assert text.encoding == encoding
    assert text.head == TEXT
    assert text.payload.decode("utf-8-sig") == TEXT


def test_cp1252_curly_quotes_and_accents_come_through_exactly() -> None:
    assert decode(b"quote\n\x93caf\xe9\x94\n", "f.csv").head == "quote\n“café”\n"


def test_a_stray_byte_that_cp1252_leaves_undefined_is_read_as_latin1() -> None:
    text = decode(b"quote\ncaf\xe9 \x81\n", "f.csv")
    assert (text.encoding, text.head) == ("cp1252", "quote\ncafé \x81\n")


def test_text_full_of_bytes_cp1252_leaves_undefined_is_handed_to_charset_normalizer() -> None:
    """Shift-JIS uses 0x81 as a lead byte for its punctuation; cp1252 does not define 0x81."""
    sample = "date,speaker,quote\n2019-01-01,Leader A,サンプルの発言です。これは例文です、はい。\n"
    text = decode(sample.encode("shift_jis"), "f.csv")
    assert text.head == sample
    assert codecs.lookup(text.encoding).name in ("cp932", "shift_jis")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG image"),
        (b"PK\x03\x04\x14\x00", "zip archive"),
        (b"%PDF-1.7\n", "PDF document"),
        (b"date,speaker\n\x00\x01\x02\xff\x00\x00\x00x", "NUL bytes"),
        (bytes(range(1, 9)) * 20, "control characters"),
        (b"", "is empty"),
        (b" \r\n\t\n", "is empty"),
    ],
)
def test_files_that_are_not_text_are_refused_with_what_to_save_instead(data: bytes, message: str) -> None:
    with pytest.raises(RhetoricError, match=message) as raised:
        decode(data, "f.bin")
    assert raised.value.file == "f.bin"


def test_a_utf8_bom_on_bytes_that_are_not_utf8_is_refused() -> None:
    with pytest.raises(RhetoricError, match="not valid UTF-8"):
        decode(codecs.BOM_UTF8 + b"date\n\xe9\n", "f.csv")


def test_blank_lines_before_the_header_are_cut_and_counted() -> None:
    text = decode(codecs.BOM_UTF8 + b"\r\n  \r\n date,quote\n1,2\n", "f.csv")
    assert (text.skipped_lines, text.payload, text.head) == (2, b" date,quote\n1,2\n", " date,quote\n1,2\n")


def test_classic_mac_line_ends_become_line_feeds() -> None:
    assert decode(b"date,quote\r1,2\r", "f.csv").payload == b"date,quote\n1,2\n"


@pytest.mark.parametrize("separator", [",", ";", "\t", "|"])
def test_the_separator_is_the_one_the_header_and_rows_use_consistently(separator: str) -> None:
    head = separator.join(["date", "speaker", "quote"]) + "\n" + separator.join(["2019-01-01", "A", "x, y; z|w"]) + "\n"
    assert sniff_separator(head.replace("x, y; z|w", '"x, y; z|w\tv"')) == separator


def test_separators_inside_quoted_fields_and_line_breaks_are_not_counted() -> None:
    head = 'date;speaker;quote\n2019-01-01;A;"one, two, three\nfour, five"\n2019-01-02;B;"six, seven"\n'
    assert sniff_separator(head) == ";"


def test_a_separator_the_header_does_not_use_is_never_chosen() -> None:
    """Commas inside unquoted tab-separated text are common; the header has none."""
    assert sniff_separator("date\tspeaker\tquote\n2019-01-01\tA\tone, two, three, four\n") == "\t"


def test_a_quote_mark_inside_a_field_does_not_open_a_quoted_field() -> None:
    assert sniff_separator("date,speaker,quote\n2019-01-01,A,5'11\" tall\n2019-01-02,B,x\n") == ","


def test_a_single_column_file_falls_back_to_comma() -> None:
    assert sniff_separator("quote\nSample remark 1\n") == ","


_UTF8_PIECES = st.sampled_from(
    [
        *[b"a", b"\n", "é".encode(), "’".encode(), "𝄞".encode()],  # valid characters of one to four bytes
        *[b"\x80", b"\xc3", b"\xe2\x80", b"\xed\xa0\x80", b"\xff"],  # a stray, cut short, a surrogate, never valid
    ]
)


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(_UTF8_PIECES, max_size=40), chunk=st.integers(1, 9))
def test_the_utf8_check_agrees_with_python_wherever_its_slices_fall(pieces: list[bytes], chunk: int) -> None:
    """Slices as small as a byte put every boundary inside some character: valid text must still pass and
    one bad byte anywhere must still fail, as bytes.decode says."""
    data = b"".join(pieces)
    try:
        data.decode("utf-8")
        valid = True
    except UnicodeDecodeError:
        valid = False
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sniff, "_CHUNK", chunk)
        assert sniff._is_utf8(data) == valid


def test_a_large_utf8_upload_with_a_bad_byte_far_in_is_read_as_cp1252() -> None:
    row = "2019-02-28,Leader A,Sample’s remark, café\n".encode()
    good = b"date,speaker,quote\n" + row * 60_000
    assert decode(good, "f.csv").encoding == "utf-8"
    bad = good[: len(good) - 100] + b"\xe9" + good[len(good) - 100 :]
    assert decode(bad, "f.csv").encoding == "cp1252"

"""Writes the messy-upload corpus beside this file, byte for byte: run once, commit what it writes.

Quote text is either verbatim from shared/reference/facts.md, with its date, speaker and source page, or
an obvious placeholder ("Sample remark 1") said by a placeholder ("Leader A"). Progress figures in the
outcome files are sample values for tests, not assessments of the events.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

HERE = Path(__file__).parent
HEADER = ["date", "speaker", "target", "quote", "event", "source"]

WE_FELL_IN_LOVE = [
    "2018-09-29",
    "Donald Trump",
    "Kim Jong Un",
    "He wrote me beautiful letters, and they’re great letters. We fell in love.",
    "Wheeling WV rally",
    "https://www.huffpost.com/entry/donald-trump-kim-jong-un-in-love-north-korea_n_5bb03817e4b0c7575965aeb1",
]
WALK = [
    "2019-02-28",
    "Donald Trump",
    "Kim Jong Un",
    "Sometimes you have to walk, and this was just one of those times,",
    "Hanoi summit press conference",
    "https://www.businesstimes.com.sg/international/trump-kim-summit-ended-abruptly-over-north-korea-sanctions",
]
SANCTIONS = [
    "2019-02-28",
    "Donald Trump",
    "Kim Jong Un",
    "Basically, they wanted the sanctions lifted in their entirety, and we couldn't do that.",
    "Hanoi summit press conference",
    "https://www.businesstimes.com.sg/international/trump-kim-summit-ended-abruptly-over-north-korea-sanctions",
]
WARMTH = [
    "2019-02-28",
    "Donald Trump",
    "Kim Jong Un",
    "There's a warmth that we have",
    "Hanoi summit press conference",
    "https://theweek.com/speedreads/826356/trump-concedes-walked-away-from-hanoi-summit-no-deal-but-says-friendly-walk",
]
FRIENDLY_WALK = [
    "2019-02-28",
    "Donald Trump",
    "Kim Jong Un",
    "It was a very friendly walk.",
    "Hanoi summit press conference",
    "https://theweek.com/speedreads/826356/trump-concedes-walked-away-from-hanoi-summit-no-deal-but-says-friendly-walk",
]
HISTORIC = [
    "2018-06-12",
    "Kim Jong Un",
    "Donald Trump",
    "We had a historic meeting and decided to leave the past behind. The world will see a major change.",
    "Singapore summit signing",
    "https://ballotpedia.org/Daily_Brew:When_will_SCOTUS_release_more_decisions%3F",
]
GOOD_RELATIONSHIP = [
    "2019-06-30",
    "Kim Jong Un",
    "Donald Trump",
    "If it wasn’t for that good relationship, we would not have been able to make this sudden meeting possible,",
    "DMZ meeting",
    "http://www.copyleft.today/2019/06/30/trump-and-kim-meet-at-dmz-enter-north-korea/",
]
GREAT_HONOR = [
    "2019-06-30",
    "Donald Trump",
    "Kim Jong Un",
    "Stepping across that line was a great honor,",
    "DMZ meeting",
    "https://europediplomatic.com/2019/06/30/trump-crosses-n-korea-border/",
]
FRIGHTENED_DOG = [
    "2017-09-22",
    "Kim Jong Un",
    "Donald Trump",
    "A frightened dog barks louder,",
    "KCNA statement",
    "https://www.buzzfeednews.com/article/claudiakoerner/kim-jong-un-just-called-trump-a-mentally-deranged-dotard",
]
ROCKET_MAN = [
    "2019-12-03",
    "Donald Trump",
    "Kim Jong Un",
    "He definitely likes sending rockets up, doesn’t he? That’s why I call him ‘Rocket Man’,",
    "NATO meeting, London",
    "https://www.rawstory.com/2019/12/north-korea-threatens-to-resume-referring-to-trump-as-a-dotard/",
]
FIRE_AND_FURY = [
    "2017-08-08",
    "Donald Trump",
    "Kim Jong Un",
    "North Korea best not make any more threats to the United States. They will be met with fire and fury like the world has never seen.",
    "Bedminster opioid briefing",
    "http://denver.cbslocal.com/2017/08/08/donald-trump-north-korea-fire-fury/",
]
MAN_OF_HIS_WORD = [
    "2020-01-01",
    "Donald Trump",
    "Kim Jong Un",
    "He did sign an agreement talking about denuclearization. I think he's a man of his word,",
    "Mar-a-Lago remarks",
    "https://www.donga.com/en/article/all/20200102/1941552/1",
]
BEAUTIFUL_LETTER = [
    "2019-06-11",
    "Donald Trump",
    "Kim Jong Un",
    "I just received a beautiful letter from Kim Jong Un,",
    "Outside the White House",
    "https://www.rollingstone.com/politics/politics-news/trump-and-kim-jong-un-are-pen-pals-851565/",
]
PLEASED_TO_INFORM = [
    "2018-05-09",
    "Donald Trump",
    "Kim Jong Un",
    "I am pleased to inform you that Secretary of State Mike Pompeo is in the air and on his way back from North Korea with the 3 wonderful gentlemen that everyone is looking so forward to meeting,",
    "Detainee release tweet",
    "https://www.cbs19.tv/article/news/nation-now/north-korea-releases-3-americans-as-kim-jong-un-prepares-to-meet-trump/465-93b98141-f5c5-4d5a-909e-379bcb12430b",
]
BEAUTIFUL_GESTURE = [
    "2018-05-24",
    "Donald Trump",
    "Kim Jong Un",
    "“That was a beautiful gesture and was very much appreciated.”",
    "Lettre d’annulation du sommet",
    "https://airandspaceforces.com/trump-cancels-north-korea-summit",
]
DANDRUFF = [
    "2018-04-24",
    "Donald Trump",
    "Emmanuel Macron",
    "We do have a very special relationship. In fact, I’ll get that little piece of dandruff off,",
    "Visite d’État, Bureau ovale",
    "https://thewrap.com/trump-macron-dandruff-friendship",
]
WONDERFUL = [
    "2009-03-06",
    "Sergey Lavrov",
    "Hillary Clinton",
    "I hope Hillary will agree with me, I venture to say, we have a wonderful personal relationship,",
    "Geneva reset meeting",
    "https://www.reuters.com/article/topNews/idUSTRE5260GD20090307",
]
BUSINESS = [
    "1984-12-16",
    "Margaret Thatcher",
    "Mikhail Gorbachev",
    "I like Mr Gorbachev. We can do business together.",
    "BBC interview after Chequers",
    "http://www.newstatesman.com/uk-politics/2010/11/gorbachev-thatcher-business",
]


def table(rows: list[list[str]], delimiter: str = ",", line_end: str = "\n", header: list[str] | None = HEADER) -> str:
    """CSV text the way spreadsheets write it: quotes only where a field needs them (header=None: rows only)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=line_end)
    if header is not None:
        writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def dated(row: list[str], date: str) -> list[str]:
    return [date, *row[1:]]


def sample(n: int, date: str, quote: str | None = None) -> list[str]:
    return [date, "Leader A", "Leader B", quote if quote is not None else f"Sample remark {n}", "Sample event", ""]


def write(name: str, data: bytes) -> None:
    (HERE / name).write_bytes(data)


def main() -> None:
    # Excel "CSV UTF-8 (Comma delimited)": BOM, CRLF, quotes around fields with commas.
    write(
        "excel_csv_utf8.csv",
        table([WE_FELL_IN_LOVE, WALK, HISTORIC, GOOD_RELATIONSHIP], line_end="\r\n").encode("utf-8-sig"),
    )
    # Excel "Unicode Text": UTF-16LE with BOM, tab-separated, CRLF.
    write("excel_unicode_text.txt", table([FRIGHTENED_DOG, ROCKET_MAN, FIRE_AND_FURY], "\t", "\r\n").encode("utf-16"))
    write("utf16_big_endian.txt", b"\xfe\xff" + table([ROCKET_MAN, WALK], "\t", "\r\n").encode("utf-16-be"))
    # A European Excel: semicolons, Windows-1252, dd.mm.yyyy, curly quotes and accents.
    european = [
        dated(WALK, "28.02.2019")[:4] + ["Conférence de presse, Hanoï", WALK[5]],
        dated(BEAUTIFUL_GESTURE, "24.05.2018"),
        dated(DANDRUFF, "24.04.2018"),
    ]
    write("european_semicolon_cp1252.csv", table(european, ";", "\r\n").encode("cp1252"))
    write("latin1_accents.csv", table([WALK[:4] + ["Conférence de presse, Hanoï", WALK[5]]]).encode("latin-1"))
    # Google Sheets: UTF-8 without BOM, LF, quoted commas, doubled quotes and line breaks in fields.
    sheets = [
        HISTORIC,
        sample(1, "2019-03-01", "Sample remark 1, first line\nSample remark 1, second line"),
        sample(2, "2019-03-02", 'Sample remark 2 with "doubled" quotes, and a comma'),
        sample(3, "2019-03-03", ""),
    ]
    write("google_sheets_multiline.csv", table(sheets).encode("utf-8"))
    # Hand-edited TSV: padded values and headers, blank and whitespace-only lines.
    padded = (
        "  date \t speaker\t target \tquote  \tsource\n"
        f"  2017-08-08 \t Donald Trump \t Kim Jong Un\t {FIRE_AND_FURY[3]}  \t {FIRE_AND_FURY[5]}\n"
        "\n"
        "   \n"
        f"{MAN_OF_HIS_WORD[0]}\t{MAN_OF_HIS_WORD[1]}\t{MAN_OF_HIS_WORD[2]}\t{MAN_OF_HIS_WORD[3]}\t{MAN_OF_HIS_WORD[5]}\n"
        "\n"
        "  2019-13-45 \tLeader A\tLeader B\tSample remark 3\t\n"
        "\n\n"
    )
    write("hand_edited_padded.tsv", padded.encode("utf-8"))
    write("pipe_separated.txt", table([WONDERFUL, BUSINESS], "|").encode("utf-8"))
    aliased = [[r[1], r[0], r[3], r[2], r[5], note] for r, note in ((GREAT_HONOR, "DMZ"), (BEAUTIFUL_LETTER, "letter"))]
    write(
        "aliased_headers.csv",
        table(aliased, header=["Leader", " Said_On ", "Statement", "Addressee", "URL", "Notes"]).encode("utf-8"),
    )
    named = [
        dated(WALK, "Feb 28, 2019"),
        dated(SANCTIONS, "28 February 2019"),
        dated(FRIGHTENED_DOG, "September 22, 2017"),
        dated(WARMTH, "2019-02-28T10:00:00"),
        dated(FRIENDLY_WALK, "2019-02-28 10:00"),
        dated(HISTORIC, "2018/06/12"),
    ]
    write("month_names_and_times.csv", table(named).encode("utf-8"))
    write(
        "day_first_slashes.csv",
        table(
            [dated(WALK, "28/02/2019"), dated(HISTORIC, "12/06/2018"), dated(GOOD_RELATIONSHIP, "30/06/2019")]
        ).encode("utf-8"),
    )
    write(
        "month_first_slashes.csv",
        table(
            [dated(WE_FELL_IN_LOVE, "09/29/2018"), dated(HISTORIC, "06/12/2018"), dated(MAN_OF_HIS_WORD, "01/01/2020")]
        ).encode("utf-8"),
    )
    write(
        "ambiguous_slashes.csv",
        table(
            [
                dated(HISTORIC, "06/12/2018"),
                dated(PLEASED_TO_INFORM, "05/09/2018"),
                dated(MAN_OF_HIS_WORD, "01/01/2020"),
            ]
        ).encode("utf-8"),
    )
    write(
        "mixed_slash_orders.csv",
        table([dated(WALK, "28/02/2019"), dated(GOOD_RELATIONSHIP, "06/30/2019"), HISTORIC]).encode("utf-8"),
    )
    bad = [
        WE_FELL_IN_LOVE,
        [*WALK[:3], "", *WALK[4:]],
        [WALK[0], "", *WALK[2:]],
        sample(2, "2019-03-02", "Sample remark 2\nwith a second line"),
        sample(3, "31/31/2019"),
    ]
    text = table(bad) + "\n" + table([sample(4, "2019-03-04", "Sample remark 4 " * 400), HISTORIC], header=None)
    write("some_bad_rows.csv", text.encode("utf-8"))
    # Files refused whole.
    write("empty.csv", b"")
    write("blank_lines_only.csv", b"\r\n  \r\n\r\n")
    write("header_only.csv", b"date,speaker,target,quote\r\n")
    write("nul_bytes.csv", b"date,speaker,quote\n\x00\x01\x02\x03binary\x00\x00\x00\xff\xfe\x00\n")
    write(
        "image.png",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89",
    )
    book = io.BytesIO()
    with zipfile.ZipFile(book, "w") as archive:
        archive.writestr(zipfile.ZipInfo("xl/workbook.xml", date_time=(2020, 1, 1, 0, 0, 0)), "<workbook/>")
    write("workbook.xlsx", book.getvalue())
    write("no_known_columns.csv", b"colour,size,weight\nred,1,2\n")
    write(
        "missing_speaker_column.csv",
        table([[r[0], r[2], r[3]] for r in (WALK,)], header=["date", "target", "quote"]).encode("utf-8"),
    )
    # Outcomes.
    outcome_header = ["date", "event", "progress", "pair", "category", "description", "source", "key"]
    pair = "Donald Trump–Kim Jong Un"
    good = [
        [
            "2018-06-12",
            "Singapore summit joint statement",
            "+5",
            pair,
            "summit",
            "Four-point joint statement",
            "https://cameroonlatest.blogspot.com/2018/06/statement-from-donald-trump-kim-jong-un.html",
            "yes",
        ],
        [
            "2019-02-28",
            "Hanoi summit ends without a deal",
            "-4",
            pair,
            "summit",
            "",
            "https://www.washingtonpost.com/politics/sometimes-you-have-to-walk-trump-leaves-summit-empty-handed-at-tough-point-in-presidency/2019/02/28/b7aafd9c-3b46-11e9-a06c-3ec8ed509d15_story.html",
            "TRUE",
        ],
        [
            "2019-06-30",
            "DMZ meeting",
            "1",
            pair,
            "meeting",
            "",
            "https://www.washingtonpost.com/politics/trump-says-north-koreas-kim-wants-to-join-him-at-the-dmz/2019/06/29/ef99dc98-9a99-11e9-830a-21b9b36b64ad_story.html",
            "",
        ],
        [
            "2020-06-16",
            "Liaison office blown up",
            "−6",
            "",
            "",
            "",
            "https://www.thedailybeast.com/north-korea-blows-up-joint-liaison-office-says-south",
            "no",
        ],
    ]
    write("outcomes_good.csv", table(good, header=outcome_header).encode("utf-8"))
    write(
        "outcomes_decimal_comma_cp1252.csv",
        table(
            [["12.06.2018", "Déclaration commune de Singapour", "2,5"], ["28.02.2019", "Sommet de Hanoï", "-3,5"]],
            ";",
            "\r\n",
            ["date", "event", "progress"],
        ).encode("cp1252"),
    )
    bad_outcomes = [
        good[0],
        ["2019-02-28", "Sample event 1", "12", "", "", "", "", ""],
        ["2019-02-28", "Sample event 2", "big", "", "", "", "", ""],
        ["2019-02-28", "Sample event 3", "", "", "", "", "", ""],
        ["2019-02-28", "", "2", "", "", "", "", ""],
        ["2019-02-28", "Sample event 5", "2", "", "", "", "", "maybe"],
        ["28/28/2019", "Sample event 6", "2", "", "", "", "", ""],
    ]
    write("outcomes_bad_rows.csv", table(bad_outcomes, header=outcome_header).encode("utf-8"))
    write("outcomes_missing_progress.csv", b"date,event\n2019-06-30,DMZ meeting\n")


if __name__ == "__main__":
    main()

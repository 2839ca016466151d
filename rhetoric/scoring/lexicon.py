"""The diplomatic lexicons: shipped as package data, one term a row, extendable by a user's CSV."""

from __future__ import annotations

import hashlib
import io
from functools import cache
from importlib import resources

import polars as pl

from rhetoric.errors import RhetoricError
from rhetoric.schema import Schema

TERM, WEIGHT, CATEGORY, NOTE, MEASURE = "term", "weight", "category", "note", "measure"
LEXICON_SCHEMA: Schema = {
    TERM: pl.String,
    WEIGHT: pl.Float64,
    CATEGORY: pl.String,
    NOTE: pl.String,
    MEASURE: pl.String,
}
MEASURES = ("warmth", "substance")
WARMTH_CATEGORIES = ("affection", "praise", "respect", "relationship", "hostility", "insult", "threat", "name")
SUBSTANCE_CATEGORIES = ("commitment", "object", "place", "date", "vague", "hedge")
WEIGHT_LIMIT = 4.0  # VADER's own valences run from -4 to +4; ours stay on that scale
MAX_LEXICON_BYTES = 2_000_000

# Characters stripped from both ends of a word before lexicon matching: ASCII punctuation plus
# the typographic quotes and dashes that pasted quotes carry.
PUNCTUATION = "!\"#$%&'()*+,./:;<=>?@[\\]^_`{|}~“”‘’«»–—…"


NOT_INFLECTIONS = frozenset({"based", "dealing", "forced"})


def inflections(word: str) -> list[str]:
    """Regular forms of a single word: "deploy" gives "deploys", "deployed", "deploying", "deployment".

    Used for concrete substance terms, so that the lexicon lists a word once and its forms count alike.
    Irregular and doubled-consonant forms ("stopped") are not made; a few that would mean something
    else ("based" from "base") are left out.
    """
    if " " in word or not word.isalpha() or len(word) < 3:
        return []
    if word.endswith("y") and word[-2] not in "aeiou":
        forms = [word[:-1] + "ies", word[:-1] + "ied"]
    elif word.endswith("e"):
        forms = [word + "s", word + "d"]
    else:
        forms = [word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s"), word + "ed"]
    forms += [(word[:-1] if word.endswith("e") else word) + "ing", word + "ment", word + "ments"]
    return [f for f in forms if f not in NOT_INFLECTIONS]


def normalise_term(term: str) -> str:
    """Lower-case a term, unify apostrophes and collapse whitespace, as quotes are normalised."""
    return " ".join(w.strip(PUNCTUATION) for w in term.lower().replace("’", "'").split()).strip()


def _read_packaged(measure: str) -> pl.DataFrame:
    raw = resources.files("rhetoric.scoring.lexicons").joinpath(f"{measure}.csv").read_bytes()
    frame = pl.read_csv(io.BytesIO(raw), schema_overrides={WEIGHT: pl.Float64, NOTE: pl.String})
    return frame.with_columns(pl.lit(measure).alias(MEASURE))


@cache  # every script run asks for the scorer; read and normalise the shipped files once
def packaged_lexicon() -> pl.DataFrame:
    """The shipped warmth and substance lexicons in one frame: term, weight, category, note, measure."""
    frame = pl.concat([_read_packaged(m) for m in MEASURES], how="vertical_relaxed")
    return frame.with_columns(pl.col(TERM).map_elements(normalise_term, return_dtype=pl.String)).select(
        list(LEXICON_SCHEMA)
    )


def read_user_lexicon(data: bytes, name: str) -> pl.DataFrame:
    """Read a user's lexicon CSV (term, weight, optional category, note, measure) into lexicon rows.

    `measure` is "warmth" (the default) or "substance"; weights run from -4 to 4 like VADER's.
    """
    if not data.strip():
        raise RhetoricError("the lexicon file is empty; expected a CSV with columns term,weight", file=name)
    if len(data) > MAX_LEXICON_BYTES:
        raise RhetoricError(f"the lexicon file is over {MAX_LEXICON_BYTES // 1_000_000} MB", file=name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    try:
        frame = pl.read_csv(io.StringIO(text), infer_schema=False, truncate_ragged_lines=True)
    except pl.exceptions.PolarsError as exc:
        raise RhetoricError(f"could not read the lexicon as CSV ({type(exc).__name__})", file=name) from None
    frame = frame.rename({c: c.strip().lower() for c in frame.columns})
    missing = [c for c in (TERM, WEIGHT) if c not in frame.columns]
    if missing:
        raise RhetoricError(
            f"the lexicon needs the columns term and weight; missing {', '.join(missing)} "
            f"(found: {', '.join(frame.columns)})",
            file=name,
        )
    for col, default in ((CATEGORY, "user"), (NOTE, ""), (MEASURE, "warmth")):
        if col not in frame.columns:
            frame = frame.with_columns(pl.lit(default).alias(col))
    frame = frame.with_row_index("row", offset=2).with_columns(
        pl.col(TERM).fill_null("").map_elements(normalise_term, return_dtype=pl.String),
        pl.col(WEIGHT).str.strip_chars().cast(pl.Float64, strict=False).alias("_w"),
        pl.col(MEASURE).fill_null("warmth").str.strip_chars().str.to_lowercase(),
        pl.col(CATEGORY).fill_null("user").str.strip_chars(),
        pl.col(NOTE).fill_null(""),
    )
    bad = frame.filter(
        (pl.col(TERM) == "")
        | pl.col("_w").is_null()
        | (pl.col("_w").abs() > WEIGHT_LIMIT)
        | ~pl.col(MEASURE).is_in(MEASURES)
    )
    if bad.height:
        first = bad.row(0, named=True)
        raise RhetoricError(
            f"row {first['row']}: term {first[TERM]!r}, weight {first[WEIGHT]!r}, measure {first[MEASURE]!r}: "
            f"each row needs a term, a weight from -{WEIGHT_LIMIT:g} to {WEIGHT_LIMIT:g}, "
            f"and measure warmth or substance ({bad.height} bad rows)",
            file=name,
        )
    return frame.with_columns(pl.col("_w").alias(WEIGHT)).select(list(LEXICON_SCHEMA))


def merge(base: pl.DataFrame, extra: pl.DataFrame | None) -> pl.DataFrame:
    """The base lexicon with the extra rows added; an extra row overrides a base term of the same measure."""
    if extra is None or extra.is_empty():
        return base
    kept = base.join(extra.select(TERM, MEASURE), on=[TERM, MEASURE], how="anti")
    return pl.concat([kept, extra.select(list(LEXICON_SCHEMA))], how="vertical_relaxed")


def digest(frame: pl.DataFrame) -> str:
    """A content digest of a lexicon, to key caches on."""
    payload = frame.sort(MEASURE, TERM).write_csv().encode()
    return hashlib.sha256(payload).hexdigest()[:16]

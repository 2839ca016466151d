"""Column names and dtypes of every frame rhetoric reads, scores or writes: defined here once."""

from __future__ import annotations

from typing import TypeAlias

import polars as pl

# A column's dtype as polars takes it: a class (pl.String) or an instance (pl.List(pl.String)).
DType: TypeAlias = pl.DataType | type[pl.DataType]
Schema: TypeAlias = dict[str, DType]

# --- quotes -----------------------------------------------------------------------------------
ID = "id"
DATE = "date"
SPEAKER = "speaker"
TARGET = "target"
PAIR = "pair"
QUOTE = "quote"
EVENT = "event"
SOURCE = "source"
VARIANT_OF = "variant_of"
# Provenance: what kind of record the address is, and the outlet it reproduces when it is a copy.
SOURCE_KIND = "source_kind"
SOURCE_ORIGINAL = "source_original"
PRIMARY, WIRE, NEWSPAPER, BROADCAST, COPY = "primary", "wire", "newspaper", "broadcast", "copy"
SOURCE_KINDS = (PRIMARY, WIRE, NEWSPAPER, BROADCAST, COPY)
SOURCE_KIND_MEANING = {
    PRIMARY: "an official transcript or statement",
    WIRE: "a wire service (AP, Reuters, AFP, Yonhap, Kyodo …)",
    NEWSPAPER: "a newspaper or news site",
    BROADCAST: "a broadcaster",
    COPY: "a mirror, blog or aggregator of one of these",
}

QUOTE_SCHEMA: Schema = {
    ID: pl.String,
    DATE: pl.Date,
    SPEAKER: pl.String,
    TARGET: pl.String,
    PAIR: pl.String,
    QUOTE: pl.String,
    EVENT: pl.String,
    SOURCE: pl.String,
    VARIANT_OF: pl.String,
    SOURCE_KIND: pl.String,
    SOURCE_ORIGINAL: pl.String,
}
QUOTE_REQUIRED = (DATE, SPEAKER, QUOTE)

# --- scores added to quotes -------------------------------------------------------------------
SENTIMENT = "sentiment"
WARMTH = "warmth"
SUBSTANCE = "substance"
SCORE_SCHEMA: Schema = {
    SENTIMENT: pl.Float64,
    WARMTH: pl.Float64,
    SUBSTANCE: pl.Float64,
}
SCORED_QUOTE_SCHEMA = {**QUOTE_SCHEMA, **SCORE_SCHEMA}

# The learned scorer (the default) puts its warmth and substance in WARMTH and SUBSTANCE and keeps the
# lexicon's own beside them; SCORER names the scorer and model version that made a frame's scores.
WARMTH_LEXICON = "warmth_lexicon"
SUBSTANCE_LEXICON = "substance_lexicon"
LEXICON_SCORE_SCHEMA: Schema = {WARMTH_LEXICON: pl.Float64, SUBSTANCE_LEXICON: pl.Float64}
SCORER = "scorer"

# Where a quote came from, set by the app when it shows the reader's data beside the bundled data: the
# figures mark UPLOADED quotes (a diamond with a dark outline) and name them in the hover.
ORIGIN = "origin"
UPLOADED, BUNDLED = "upload", "bundled"

# --- outcome events ---------------------------------------------------------------------------
PROGRESS = "progress"
CATEGORY = "category"
DESCRIPTION = "description"
KEY = "key"  # true for summits and turning points that the timeline annotates

OUTCOME_SCHEMA: Schema = {
    ID: pl.String,
    DATE: pl.Date,
    EVENT: pl.String,
    PROGRESS: pl.Float64,
    PAIR: pl.String,
    CATEGORY: pl.String,
    DESCRIPTION: pl.String,
    SOURCE: pl.String,
    KEY: pl.Boolean,
    SOURCE_KIND: pl.String,
    SOURCE_ORIGINAL: pl.String,
}
OUTCOME_REQUIRED = (DATE, EVENT, PROGRESS)
PROGRESS_MIN, PROGRESS_MAX = -10.0, 10.0  # the Goldstein cooperation-conflict scale

# --- derived ----------------------------------------------------------------------------------
CUMULATIVE_PROGRESS = "cumulative_progress"

# --- explanations -----------------------------------------------------------------------------
TERM = "term"
MEASURE = "measure"  # "warmth" or "substance"
CONTRIBUTION = "contribution"
EXPLANATION_SCHEMA: Schema = {
    ID: pl.String,
    MEASURE: pl.String,
    TERM: pl.String,
    CATEGORY: pl.String,
    CONTRIBUTION: pl.Float64,
}


def empty(schema: Schema) -> pl.DataFrame:
    """An empty frame with the given schema."""
    return pl.DataFrame(schema=schema)


def conform(frame: pl.DataFrame, schema: Schema) -> pl.DataFrame:
    """Add any missing schema columns as nulls and cast to the schema; extra columns are kept after."""
    missing = [pl.lit(None, dtype=dtype).alias(name) for name, dtype in schema.items() if name not in frame.columns]
    frame = frame.with_columns(missing) if missing else frame
    frame = frame.with_columns(pl.col(name).cast(dtype) for name, dtype in schema.items())
    extras = [c for c in frame.columns if c not in schema]
    return frame.select([*schema, *extras])

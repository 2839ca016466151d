"""The datasets that ship with rhetoric in quotes/: every *_quotes.csv and *_outcomes.csv there."""

from __future__ import annotations

import hashlib
from pathlib import Path

import polars as pl

from rhetoric import ingest
from rhetoric import schema as s

DIRECTORY = Path(__file__).resolve().parent.parent / "quotes"


def quote_files(directory: Path = DIRECTORY) -> list[Path]:
    """The bundled quote files, sorted by name."""
    return sorted(directory.glob("*_quotes.csv"))


def outcome_files(directory: Path = DIRECTORY) -> list[Path]:
    """The bundled outcome files, sorted by name."""
    return sorted(directory.glob("*_outcomes.csv"))


def digest(directory: Path = DIRECTORY) -> str:
    """A digest of every bundled file's name and bytes: the cache key for the bundled data."""
    h = hashlib.sha256()
    for path in [*quote_files(directory), *outcome_files(directory)]:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _read(paths: list[Path], reader, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    frames = []
    for path in paths:
        result = reader(path.read_bytes(), path.name)
        if result.rejected.height:
            raise ValueError(f"bundled file {path.name} has invalid rows: {result.summary()}")
        frames.append(result.accepted.select(list(schema)))
    return pl.concat(frames) if frames else s.empty(schema)


def quotes(directory: Path = DIRECTORY) -> pl.DataFrame:
    """Every bundled quote in the quote schema, in file order."""
    return _read(quote_files(directory), ingest.read_quotes, s.QUOTE_SCHEMA)


def outcomes(directory: Path = DIRECTORY) -> pl.DataFrame:
    """Every bundled outcome event in the outcome schema."""
    return _read(outcome_files(directory), ingest.read_outcomes, s.OUTCOME_SCHEMA)

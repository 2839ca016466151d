"""The datasets that ship with rhetoric: every *_quotes.csv and *_outcomes.csv of the repository's quotes/ folder."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from pathlib import Path

import polars as pl

from rhetoric import schema as s
from rhetoric.io import ingest


def _directory() -> Path:
    """quotes/ inside an installed wheel (rhetoric/_quotes, see pyproject.toml), else the checkout's quotes/."""
    packaged = Path(str(resources.files("rhetoric") / "_quotes"))
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "quotes"


DIRECTORY = _directory()


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


def _read(paths: list[Path], reader, schema: s.Schema) -> pl.DataFrame:
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


@cache
def known_pairs(directory: Path = DIRECTORY) -> tuple[str, ...]:
    """The leader pairs of the bundled quotes, which an upload's quotes without a pair may join."""
    return tuple(sorted(quotes(directory)[s.PAIR].drop_nulls().unique().to_list()))

"""Save and share: validated uploads kept under an id derived from their content, in SQLite or PostgreSQL.

One Store, two backends with the same rows and the same behaviour: SQLite in a folder (the default,
rhetoric.sharing.store_sqlite) for the app on one machine, PostgreSQL (rhetoric.sharing.store_postgres)
for replicas on several machines that must share saved datasets and learned scores. This module holds
what both share: checking ids, the content id, Parquet, the size limit, the retention clock, messages.
Each dataset is one row holding its quotes and outcomes as Parquet bytes (Parquet keeps dtypes and
order), written in one transaction; an id is only ever a bound query parameter.

Settings come from the environment. RHETORIC_STORE_URL=postgresql://user:password@host:5432/database
chooses PostgreSQL; unset, the store is SQLite in RHETORIC_STORE_DIR (default `rhetoric-store` in the
system temp dir: a hosted container's disk is wiped on restart anyway; point it at a mounted volume to
keep datasets). RHETORIC_STORE_MAX_BYTES caps one dataset's Parquet bytes (default 50 MB).
RHETORIC_STORE_RETENTION_DAYS (default 30; 0 keeps forever): prune() deletes datasets that nobody
saved or opened for that long.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

import polars as pl
from polars.exceptions import PolarsError

from rhetoric.errors import RhetoricError
from rhetoric.schema import OUTCOME_SCHEMA, QUOTE_SCHEMA, SCORE_SCHEMA, SUBSTANCE, WARMTH, conform, empty
from rhetoric.sharing.store_sqlite import DATABASE, DEFAULT_DIR_NAME, DIR_ENV, SqliteBackend

__all__ = [
    "DATABASE",
    "DEFAULT_DIR_NAME",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_RETENTION_DAYS",
    "DIR_ENV",
    "MAX_BYTES_ENV",
    "RETENTION_ENV",
    "SCORE_COLUMNS",
    "URL_ENV",
    "Backend",
    "Saved",
    "Store",
    "from_env",
    "is_dataset_id",
]

URL_ENV = "RHETORIC_STORE_URL"  # the same name as store_postgres.URL_ENV, which is imported only when used
MAX_BYTES_ENV = "RHETORIC_STORE_MAX_BYTES"
RETENTION_ENV = "RHETORIC_STORE_RETENTION_DAYS"
DEFAULT_MAX_BYTES = 50 * 2**20
DEFAULT_RETENTION_DAYS = 30

# Saved quotes carry no scores: the app scores them again on load, so a lexicon change never leaves
# stale scores in saved data. The *_terms columns are the ones score.scored_with_terms adds.
SCORE_COLUMNS = (*SCORE_SCHEMA, f"{WARMTH}_terms", f"{SUBSTANCE}_terms")

_ID = re.compile(r"[0-9a-f]{20}", re.ASCII)
_FORMAT = b"rhetoric-store canonical form 1\n"  # change it with the canonical form; saved ids stay loadable
_HASH_ROWS = 50_000  # rows turned into text at a time while hashing
_TOUCH_EVERY = timedelta(hours=1)  # a load restarts the retention clock at most this often (a load then writes)


class Backend(Protocol):
    """Where a store's rows live. Each call is its own transaction; a failure is a RhetoricError saying what
    to do. Reading never creates anything; the first write creates the tables."""

    where: str  # for the repr: the folder, or the URL with its password hidden

    def fetch(self, dataset_id: str) -> tuple[bytes, bytes, float, float] | None:
        """(quotes Parquet, outcomes Parquet, saved_at, used_at), or None when nothing has the id."""
        ...

    def exists(self, dataset_id: str) -> bool: ...

    def touch(self, dataset_id: str, now: float) -> bool:
        """Restart a saved dataset's retention clock (never turning it back); whether one was saved."""
        ...

    def insert(self, dataset_id: str, quotes: bytes, outcomes: bytes, now: float) -> None:
        """Save a dataset in one transaction; when the id is saved already, only restart its clock."""
        ...

    def prune(self, cutoff: float) -> int:
        """Delete the datasets last used before `cutoff` (seconds since the epoch); return how many."""
        ...

    def get_scores(self, digests: list[str], model: str) -> dict[str, tuple[float, float]]: ...

    def put_scores(self, rows: list[tuple[str, str, float, float]]) -> None:
        """Insert (digest, model, warmth, substance) rows, sorted, leaving rows already stored as they are."""
        ...


@dataclass(frozen=True)
class Saved:
    """One saved dataset as load() returns it: quotes without scores, outcomes (maybe empty), when saved."""

    id: str
    quotes: pl.DataFrame  # schema.QUOTE_SCHEMA columns in order, extra columns after
    outcomes: pl.DataFrame  # schema.OUTCOME_SCHEMA columns in order, extra columns after
    saved_at: datetime  # UTC, when the first save of this content happened


class Store:
    """Datasets kept under content ids, in SQLite in the folder `root` or in PostgreSQL at `url`.

    Arguments left None come from the environment: RHETORIC_STORE_URL if it is set, else the folder
    RHETORIC_STORE_DIR; an explicit `root` or `url` wins over both. Attributes: `max_bytes`,
    `retention_days`, `backend`, and for SQLite `root` (absolute) and `path`, the database file
    (both None for PostgreSQL).
    """

    def __init__(
        self,
        root: Path | None = None,
        *,
        url: str | None = None,
        max_bytes: int | None = None,
        retention_days: int | None = None,
    ) -> None:
        self.max_bytes = _setting(MAX_BYTES_ENV, "max_bytes", max_bytes, DEFAULT_MAX_BYTES, minimum=1)
        self.retention_days = _setting(
            RETENTION_ENV, "retention_days", retention_days, DEFAULT_RETENTION_DAYS, minimum=0
        )
        if root is not None and url is not None:
            raise RhetoricError("a store is either a folder (SQLite) or a URL (PostgreSQL); give root or url, not both")
        if root is None and url is None:
            url = os.environ.get(URL_ENV, "").strip() or None
        self.root: Path | None = None
        self.path: Path | None = None
        self.backend: Backend
        if url is not None:
            # Imported here: psycopg takes a tenth of a second to import, which one machine never needs.
            from rhetoric.sharing.store_postgres import PostgresBackend

            self.backend = PostgresBackend(url)
        else:
            sqlite = SqliteBackend((Path(root) if root is not None else _env_dir()).expanduser().absolute())
            self.root, self.path, self.backend = sqlite.root, sqlite.path, sqlite

    def __repr__(self) -> str:
        return f"Store({self.backend.where}, max_bytes={self.max_bytes}, retention_days={self.retention_days})"

    def save(self, quotes: pl.DataFrame, outcomes: pl.DataFrame | None = None) -> str:
        """Keep the quotes (score columns dropped) and outcomes; return their id. Saving them again changes nothing."""
        quotes, outcomes = _prepared(quotes, outcomes)
        dataset_id = _digest(quotes, outcomes)
        now = _now().timestamp()
        if self.backend.touch(dataset_id, now):
            return dataset_id  # already saved: only its retention clock restarts
        blobs = _parquet(quotes), _parquet(outcomes)
        size = len(blobs[0]) + len(blobs[1])
        if size > self.max_bytes:
            raise RhetoricError(
                f"the dataset is {_bytes(size)} as Parquet; the limit is {_bytes(self.max_bytes)} "
                f"({MAX_BYTES_ENV}={self.max_bytes}): save fewer rows or shorter quotes"
            )
        # A concurrent save of the same content may have won since the touch above: the upsert then
        # only restarts the clock, and both saves return the same id.
        self.backend.insert(dataset_id, *blobs, now)
        return dataset_id

    def load(self, dataset_id: str) -> Saved:
        """The dataset saved under `dataset_id`; RhetoricError if the id is malformed or nothing has it."""
        _check_id(dataset_id)
        row = self.backend.fetch(dataset_id)
        if row is None:
            raise RhetoricError(self._unknown(dataset_id))
        quotes, outcomes, saved_at, used_at = row
        now = _now().timestamp()
        if now - used_at >= _TOUCH_EVERY.total_seconds():
            # The data is in hand; a clock not restarted only lets the dataset expire sooner.
            with contextlib.suppress(RhetoricError):
                self.backend.touch(dataset_id, now)
        try:
            # Conformed again so a dataset saved before a schema change still loads in today's schema.
            frames = (
                conform(pl.read_parquet(io.BytesIO(quotes)), QUOTE_SCHEMA),
                conform(pl.read_parquet(io.BytesIO(outcomes)), OUTCOME_SCHEMA),
            )
        except PolarsError as error:
            raise RhetoricError(
                f"the saved dataset {dataset_id} cannot be read ({_first_line(error)}); upload the files again"
            ) from None
        return Saved(dataset_id, *frames, datetime.fromtimestamp(saved_at, UTC))

    def exists(self, dataset_id: str) -> bool:
        """Whether a dataset is saved under `dataset_id`; False for malformed ids or an unreadable store."""
        if not is_dataset_id(dataset_id):
            return False
        try:
            return self.backend.exists(dataset_id)
        except (RhetoricError, OSError):
            return False

    def prune(self, now: datetime | None = None) -> int:
        """Delete datasets nobody saved or opened for `retention_days` before `now`; return how many went.

        `now` defaults to the current time; a naive datetime is read as local time. Opening an SQLite
        store also rolls back what a crashed save left in its journal.
        """
        if self.retention_days == 0:
            return 0
        # In seconds, not timedelta: a retention of a billion days must not overflow the calendar.
        cutoff = (now if now is not None else _now()).timestamp() - self.retention_days * 86_400
        return self.backend.prune(cutoff)

    def get_scores(self, digests: list[str], model: str) -> dict[str, tuple[float, float]]:
        """The learned (warmth, substance) stored for these text digests under `model`; a miss, not an error,
        when the store cannot be read (the scores are then computed)."""
        if not digests:
            return {}
        try:
            return self.backend.get_scores(list(digests), model)
        except (RhetoricError, OSError):
            return {}

    def put_scores(self, scores: Mapping[str, tuple[float, float]], model: str) -> None:
        """Keep learned scores for later sessions, processes and replicas; a store that cannot be written is
        skipped. A score already stored stays: the model made it once."""
        if not scores:
            return
        rows = sorted((digest, model, float(w), float(u)) for digest, (w, u) in scores.items())
        try:
            self.backend.put_scores(rows)
        except (RhetoricError, OSError):
            return

    def _unknown(self, dataset_id: str) -> str:
        expiry = f"datasets unused for {self.retention_days} days are deleted, so " if self.retention_days else ""
        return f"no saved dataset has that id ({dataset_id}); {expiry}upload the files again"


def is_dataset_id(value: str) -> bool:
    """Whether `value` has the form of a dataset id: exactly 20 characters from 0-9 and a-f."""
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def from_env() -> Store:
    """The store the environment describes: PostgreSQL at RHETORIC_STORE_URL if set, else SQLite in
    RHETORIC_STORE_DIR; with RHETORIC_STORE_MAX_BYTES and _RETENTION_DAYS, or their defaults."""
    return Store()


def _check_id(value: str) -> None:
    """Refuse anything but a well-formed id before the backend is asked: no URL value becomes a path or a query."""
    if not is_dataset_id(value):
        if isinstance(value, str):
            shown = repr(value[:24]) + ("…" if len(value) > 24 else "")
        else:
            shown = type(value).__name__
        raise RhetoricError(
            f"that is not a dataset id ({shown}): an id is 20 characters from 0-9 and a-f; copy the whole link again"
        )


def _prepared(quotes: pl.DataFrame, outcomes: pl.DataFrame | None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Quotes without score columns and outcomes (empty if None), each conformed to its schema."""
    if not isinstance(quotes, pl.DataFrame) or not isinstance(outcomes, pl.DataFrame | None):
        raise RhetoricError("save takes polars DataFrames: the quotes, and optionally the outcomes")
    if quotes.height == 0:
        raise RhetoricError("there are no quotes to save; upload a quotes file first")
    kinds = (
        ("quotes", quotes.drop(SCORE_COLUMNS, strict=False), QUOTE_SCHEMA),
        ("outcomes", outcomes if outcomes is not None else empty(OUTCOME_SCHEMA), OUTCOME_SCHEMA),
    )
    prepared = []
    for noun, frame, schema in kinds:
        nested = [name for name, dtype in frame.schema.items() if dtype.is_nested() or dtype == pl.Object]
        if nested:
            raise RhetoricError(
                f"the {noun} column {nested[0]} holds lists, records or objects; "
                "only flat columns, as an upload has, can be saved"
            )
        try:
            prepared.append(conform(frame, schema))
        except PolarsError as error:
            raise RhetoricError(
                f"the {noun} do not fit rhetoric's columns ({_first_line(error)}); save what the upload check accepted"
            ) from None
    return prepared[0], prepared[1]


def _digest(quotes: pl.DataFrame, outcomes: pl.DataFrame) -> str:
    """The first 20 hex digits of SHA-256 over a canonical text form of both frames.

    Each frame is a JSON header (name, row count, column names and dtypes) and its rows as CSV in
    which every non-number is quoted, so a null (empty) and "" (`""`) differ. The text depends only
    on names, dtypes and values in order: not on chunking, Parquet settings or the library version's
    file metadata.
    """
    digest = hashlib.sha256(_FORMAT)
    for name, frame in (("quotes", quotes), ("outcomes", outcomes)):
        columns = [[column, str(dtype)] for column, dtype in frame.schema.items()]
        header = {"frame": name, "rows": frame.height, "columns": columns}
        digest.update(json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n")
        for start in range(0, frame.height, _HASH_ROWS):
            part = frame.slice(start, _HASH_ROWS).write_csv(include_header=False, quote_style="non_numeric")
            digest.update(part.encode("utf-8"))
    return digest.hexdigest()[:20]


def _parquet(frame: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    return buffer.getvalue()


def _now() -> datetime:
    return datetime.now(UTC)


def _env_dir() -> Path:
    value = os.environ.get(DIR_ENV, "").strip()
    return Path(value) if value else Path(tempfile.gettempdir()) / DEFAULT_DIR_NAME


def _setting(env: str, argument: str, value: int | None, default: int, *, minimum: int) -> int:
    """An explicit argument, else the environment variable, else the default; a whole number >= minimum."""
    if value is None:
        raw = os.environ.get(env, "").strip()
        if not raw:
            return default
        try:
            value = int(raw)
        except ValueError:
            value = None
        if value is None or value < minimum:
            raise RhetoricError(
                f"{env} is {raw!r}; set it to a whole number from {minimum} up, or unset it for {default}"
            )
        return value
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise RhetoricError(f"{argument} is {value!r}; give a whole number from {minimum} up, or None for {env}")
    return value


def _bytes(n: int) -> str:
    return f"{n / 2**20:.3g} MB" if n >= 2**20 else f"{n:,} bytes"


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]

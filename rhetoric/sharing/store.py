"""Save and share: validated uploads kept on disk under an id derived from their content.

Why SQLite (one file, each dataset one row holding its quotes and outcomes as Parquet bytes): a
transaction makes a save all-or-nothing even if the process dies mid-write, SQLite's own locks let
threads and processes save, load and prune at once with no temp files, lock files or rename races,
and an id is only ever a bound query parameter, never part of a path. Parquet keeps dtypes and order.

Settings come from the environment. RHETORIC_STORE_DIR is the folder (default `rhetoric-store` in the
system temp dir: a hosted container's disk is wiped on restart anyway; point it at a mounted volume
to keep datasets). RHETORIC_STORE_MAX_BYTES caps one dataset's Parquet bytes (default 50 MB).
RHETORIC_STORE_RETENTION_DAYS (default 30; 0 keeps forever): prune() deletes datasets that nobody
saved or opened for that long.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import polars as pl
from polars.exceptions import PolarsError

from rhetoric.errors import RhetoricError
from rhetoric.schema import OUTCOME_SCHEMA, QUOTE_SCHEMA, SCORE_SCHEMA, SUBSTANCE, WARMTH, conform, empty

DIR_ENV = "RHETORIC_STORE_DIR"
MAX_BYTES_ENV = "RHETORIC_STORE_MAX_BYTES"
RETENTION_ENV = "RHETORIC_STORE_RETENTION_DAYS"
DEFAULT_DIR_NAME = "rhetoric-store"
DEFAULT_MAX_BYTES = 50 * 2**20
DEFAULT_RETENTION_DAYS = 30
DATABASE = "datasets.sqlite3"

# Saved quotes carry no scores: the app scores them again on load, so a lexicon change never leaves
# stale scores in saved data. The *_terms columns are the ones score.scored_with_terms adds.
SCORE_COLUMNS = (*SCORE_SCHEMA, f"{WARMTH}_terms", f"{SUBSTANCE}_terms")

_ID = re.compile(r"[0-9a-f]{20}", re.ASCII)
_FORMAT = b"rhetoric-store canonical form 1\n"  # change it with the canonical form; saved ids stay loadable
_HASH_ROWS = 50_000  # rows turned into text at a time while hashing
_TOUCH_EVERY = timedelta(hours=1)  # a load restarts the retention clock at most this often (a load then writes)
_BUSY_TIMEOUT_S = 30.0  # how long one writer waits for another's transaction, e.g. a 50 MB save

_CREATE = """
CREATE TABLE IF NOT EXISTS datasets (
    id TEXT PRIMARY KEY,
    quotes BLOB NOT NULL,      -- Parquet
    outcomes BLOB NOT NULL,    -- Parquet
    saved_at REAL NOT NULL,    -- seconds since the epoch
    used_at REAL NOT NULL      -- last save or load; prune() compares this with the retention
)"""
_TOUCH = "UPDATE datasets SET used_at = max(used_at, ?) WHERE id = ?"
_INSERT = """
INSERT INTO datasets (id, quotes, outcomes, saved_at, used_at) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET used_at = max(used_at, excluded.used_at)"""
_LOAD = "SELECT quotes, outcomes, saved_at, used_at FROM datasets WHERE id = ?"
_EXISTS = "SELECT 1 FROM datasets WHERE id = ?"
_PRUNE = "DELETE FROM datasets WHERE used_at < ?"
# Learned scores by (sha256 of the quote's text, model version): shared by every process on the store, so
# no text is encoded twice (rhetoric.scoring.learned.ScoreCache). Scores hold no user text, only digests.
_CREATE_SCORES = """
CREATE TABLE IF NOT EXISTS scores (
    digest TEXT NOT NULL,
    model TEXT NOT NULL,
    warmth REAL NOT NULL,
    substance REAL NOT NULL,
    PRIMARY KEY (digest, model)
)"""
_SCORES_AT_ONCE = 500  # digests a query asks for at a time (SQLite's limit on bound parameters is higher)


@dataclass(frozen=True)
class Saved:
    """One saved dataset as load() returns it: quotes without scores, outcomes (maybe empty), when saved."""

    id: str
    quotes: pl.DataFrame  # schema.QUOTE_SCHEMA columns in order, extra columns after
    outcomes: pl.DataFrame  # schema.OUTCOME_SCHEMA columns in order, extra columns after
    saved_at: datetime  # UTC, when the first save of this content happened


class Store:
    """Datasets kept under content ids in one SQLite file in `root`; arguments left None come from the environment.

    Attributes: `root` (absolute), `max_bytes`, `retention_days`, and `path`, the database file.
    """

    def __init__(
        self, root: Path | None = None, *, max_bytes: int | None = None, retention_days: int | None = None
    ) -> None:
        self.root = (Path(root) if root is not None else _env_dir()).expanduser().absolute()
        self.max_bytes = _setting(MAX_BYTES_ENV, "max_bytes", max_bytes, DEFAULT_MAX_BYTES, minimum=1)
        self.retention_days = _setting(
            RETENTION_ENV, "retention_days", retention_days, DEFAULT_RETENTION_DAYS, minimum=0
        )
        self.path = self.root / DATABASE

    def __repr__(self) -> str:
        return f"Store({str(self.root)!r}, max_bytes={self.max_bytes}, retention_days={self.retention_days})"

    def save(self, quotes: pl.DataFrame, outcomes: pl.DataFrame | None = None) -> str:
        """Keep the quotes (score columns dropped) and outcomes; return their id. Saving them again changes nothing."""
        quotes, outcomes = _prepared(quotes, outcomes)
        dataset_id = _digest(quotes, outcomes)
        now = _now().timestamp()
        with self._database(create=True) as db:
            if _write(db, _TOUCH, (now, dataset_id)):
                return dataset_id  # already saved: only its retention clock restarts
        blobs = _parquet(quotes), _parquet(outcomes)
        size = len(blobs[0]) + len(blobs[1])
        if size > self.max_bytes:
            raise RhetoricError(
                f"the dataset is {_bytes(size)} as Parquet; the limit is {_bytes(self.max_bytes)} "
                f"({MAX_BYTES_ENV}={self.max_bytes}): save fewer rows or shorter quotes"
            )
        with self._database(create=True) as db:
            # A concurrent save of the same content may have won since the touch above: the upsert
            # then only restarts the clock, and both saves return the same id.
            _write(db, _INSERT, (dataset_id, *blobs, now, now))
        return dataset_id

    def load(self, dataset_id: str) -> Saved:
        """The dataset saved under `dataset_id`; RhetoricError if the id is malformed or nothing has it."""
        _check_id(dataset_id)
        row = self._fetch(_LOAD, dataset_id)
        if row is None:
            raise RhetoricError(self._unknown(dataset_id))
        quotes, outcomes, saved_at, used_at = row
        now = _now().timestamp()
        if now - used_at >= _TOUCH_EVERY.total_seconds():
            try:
                with self._database(create=False) as db:
                    _write(db, _TOUCH, (now, dataset_id))
            except RhetoricError:
                pass  # the data is in hand; a clock not restarted only lets the dataset expire sooner
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
            return self._fetch(_EXISTS, dataset_id) is not None
        except (RhetoricError, OSError):
            return False

    def prune(self, now: datetime | None = None) -> int:
        """Delete datasets nobody saved or opened for `retention_days` before `now`; return how many went.

        `now` defaults to the current time; a naive datetime is read as local time. Opening the store
        also rolls back what a crashed save left in SQLite's journal.
        """
        if self.retention_days == 0 or not self.path.exists():
            return 0
        # In seconds, not timedelta: a retention of a billion days must not overflow the calendar.
        cutoff = (now if now is not None else _now()).timestamp() - self.retention_days * 86_400
        with self._database(create=True) as db:
            removed = _write(db, _PRUNE, (cutoff,))
            if removed:
                # Give the freed pages back to the disk. executescript steps the pragma to the end
                # (execute frees one page); if it fails, later saves reuse the pages instead.
                try:
                    db.executescript("BEGIN IMMEDIATE; PRAGMA incremental_vacuum; COMMIT;")
                except sqlite3.Error:
                    if db.in_transaction:
                        db.execute("ROLLBACK")
        return removed

    def get_scores(self, digests: list[str], model: str) -> dict[str, tuple[float, float]]:
        """The learned (warmth, substance) stored for these text digests under `model`; a miss, not an error,
        when the store cannot be read (the scores are then computed)."""
        found: dict[str, tuple[float, float]] = {}
        try:
            if not self.path.exists():
                return found
            with self._database(create=True) as db:
                for i in range(0, len(digests), _SCORES_AT_ONCE):
                    part = digests[i : i + _SCORES_AT_ONCE]
                    marks = ",".join("?" * len(part))
                    rows = db.execute(
                        f"SELECT digest, warmth, substance FROM scores WHERE model = ? AND digest IN ({marks})",
                        (model, *part),
                    )
                    found.update({d: (w, u) for d, w, u in rows})
        except (RhetoricError, OSError, sqlite3.Error):
            return {}
        return found

    def put_scores(self, scores: Mapping[str, tuple[float, float]], model: str) -> None:
        """Keep learned scores for later sessions and processes; a store that cannot be written is skipped."""
        if not scores:
            return
        try:
            with self._database(create=True) as db:
                db.execute("BEGIN IMMEDIATE")
                try:
                    db.executemany(
                        "INSERT OR IGNORE INTO scores (digest, model, warmth, substance) VALUES (?, ?, ?, ?)",
                        [(d, model, w, u) for d, (w, u) in scores.items()],
                    )
                    db.execute("COMMIT")
                except BaseException:
                    if db.in_transaction:
                        db.execute("ROLLBACK")
                    raise
        except (RhetoricError, OSError, sqlite3.Error):
            return

    def _fetch(self, query: str, dataset_id: str) -> tuple | None:
        try:
            if not self.path.exists():
                return None  # nothing saved yet; reading must not create the store
        except OSError as error:  # e.g. a folder this process may not enter
            raise RhetoricError(self._unopenable(error)) from None
        with self._database(create=False) as db:
            try:
                return db.execute(query, (dataset_id,)).fetchone()
            except sqlite3.OperationalError as error:
                if "no such table" in str(error):  # the first save has created the file, not yet the table
                    return None
                raise

    def _unknown(self, dataset_id: str) -> str:
        expiry = f"datasets unused for {self.retention_days} days are deleted, so " if self.retention_days else ""
        return f"no saved dataset has that id ({dataset_id}); {expiry}upload the files again"

    def _unopenable(self, error: Exception) -> str:
        return (
            f"the dataset store in {self.root} cannot be opened ({error}); set {DIR_ENV} to a folder the app can write"
        )

    @contextmanager
    def _database(self, *, create: bool) -> Iterator[sqlite3.Connection]:
        """A connection in autocommit mode; writes go through _write. Without `create`, the file must exist."""
        try:
            if create:
                self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
            target = self.path if create else f"{self.path.as_uri()}?mode=rw"
            db = sqlite3.connect(target, timeout=_BUSY_TIMEOUT_S, isolation_level=None, uri=not create)
        except (sqlite3.Error, OSError) as error:
            raise RhetoricError(self._unopenable(error)) from None
        try:
            if create and db.execute("SELECT 1 FROM sqlite_master WHERE name = 'datasets'").fetchone() is None:
                db.execute("PRAGMA auto_vacuum = INCREMENTAL")  # takes effect only before the first table
                _write(db, _CREATE)
            if create and db.execute("SELECT 1 FROM sqlite_master WHERE name = 'scores'").fetchone() is None:
                _write(db, _CREATE_SCORES)
            yield db
        except sqlite3.Error as error:
            raise RhetoricError(
                f"the dataset store in {self.root} could not be used ({error}); try again in a moment"
            ) from None
        finally:
            db.close()


def is_dataset_id(value: str) -> bool:
    """Whether `value` has the form of a dataset id: exactly 20 characters from 0-9 and a-f."""
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def from_env() -> Store:
    """The store the environment describes (RHETORIC_STORE_DIR, _MAX_BYTES, _RETENTION_DAYS), with defaults."""
    return Store()


def _check_id(value: str) -> None:
    """Refuse anything but a well-formed id before the file system is touched: no URL value becomes a path."""
    if not is_dataset_id(value):
        if isinstance(value, str):
            shown = repr(value[:24]) + ("…" if len(value) > 24 else "")
        else:
            shown = type(value).__name__
        raise RhetoricError(
            f"that is not a dataset id ({shown}): an id is 20 characters from 0-9 and a-f; copy the whole link again"
        )


def _write(db: sqlite3.Connection, sql: str, params: tuple = ()) -> int:
    """Run one write in its own transaction; return the rows it changed.

    BEGIN IMMEDIATE takes the write lock first, so two writers queue (busy timeout) rather than
    deadlock, which a read lock upgraded to a write lock can do.
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        changed = db.execute(sql, params).rowcount
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    return changed


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

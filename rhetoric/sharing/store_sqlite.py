"""The store's SQLite backend, the default: one database file in a folder, for the app on one machine.

Why SQLite (each dataset one row holding its quotes and outcomes as Parquet bytes): a transaction
makes a save all-or-nothing even if the process dies mid-write (the rollback journal undoes it the
next time anyone opens the file), SQLite's own locks let threads and processes save, load and prune
at once with no temp files, lock files or rename races, and an id is only ever a bound query
parameter, never part of a path.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rhetoric.errors import RhetoricError

DIR_ENV = "RHETORIC_STORE_DIR"
DEFAULT_DIR_NAME = "rhetoric-store"
DATABASE = "datasets.sqlite3"

_BUSY_TIMEOUT_S = 30.0  # how long one writer waits for another's transaction, e.g. a 50 MB save
_SCORES_AT_ONCE = 500  # digests a query asks for at a time (SQLite's limit on bound parameters is higher)

_CREATE = """
CREATE TABLE IF NOT EXISTS datasets (
    id TEXT PRIMARY KEY,
    quotes BLOB NOT NULL,      -- Parquet
    outcomes BLOB NOT NULL,    -- Parquet
    saved_at REAL NOT NULL,    -- seconds since the epoch
    used_at REAL NOT NULL      -- last save or load; prune() compares this with the retention
)"""
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
_TOUCH = "UPDATE datasets SET used_at = max(used_at, ?) WHERE id = ?"
_INSERT = """
INSERT INTO datasets (id, quotes, outcomes, saved_at, used_at) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET used_at = max(used_at, excluded.used_at)"""
_LOAD = "SELECT quotes, outcomes, saved_at, used_at FROM datasets WHERE id = ?"
_EXISTS = "SELECT 1 FROM datasets WHERE id = ?"
_PRUNE = "DELETE FROM datasets WHERE used_at < ?"
_GET_SCORES = "SELECT digest, warmth, substance FROM scores WHERE model = ? AND digest IN ({marks})"
_PUT_SCORES = "INSERT OR IGNORE INTO scores (digest, model, warmth, substance) VALUES (?, ?, ?, ?)"


class SqliteBackend:
    """The rows of a store in `root`/datasets.sqlite3. Reading never creates the file; writing creates it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / DATABASE
        self.where = repr(str(root))

    def fetch(self, dataset_id: str) -> tuple[bytes, bytes, float, float] | None:
        return self._read(_LOAD, dataset_id)

    def exists(self, dataset_id: str) -> bool:
        return self._read(_EXISTS, dataset_id) is not None

    def touch(self, dataset_id: str, now: float) -> bool:
        if not self._file_exists():
            return False
        with self._database(create=False) as db:
            try:
                return _write(db, _TOUCH, (now, dataset_id)) > 0
            except sqlite3.OperationalError as error:
                if "no such table" in str(error):  # the first save has created the file, not yet the table
                    return False
                raise

    def insert(self, dataset_id: str, quotes: bytes, outcomes: bytes, now: float) -> None:
        with self._database(create=True) as db:
            _write(db, _INSERT, (dataset_id, quotes, outcomes, now, now))

    def prune(self, cutoff: float) -> int:
        """Delete datasets last used before `cutoff`. Opening the file also rolls back a crashed save's journal."""
        if not self._file_exists():
            return 0
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
        found: dict[str, tuple[float, float]] = {}
        if not self._file_exists():
            return found
        with self._database(create=False) as db:
            for i in range(0, len(digests), _SCORES_AT_ONCE):
                part = digests[i : i + _SCORES_AT_ONCE]
                try:
                    rows = db.execute(_GET_SCORES.format(marks=",".join("?" * len(part))), (model, *part))
                except sqlite3.OperationalError as error:
                    if "no such table" in str(error):
                        return {}
                    raise
                found.update({d: (w, u) for d, w, u in rows})
        return found

    def put_scores(self, rows: list[tuple[str, str, float, float]]) -> None:
        with self._database(create=True) as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                db.executemany(_PUT_SCORES, rows)
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise

    def _read(self, query: str, dataset_id: str) -> tuple | None:
        if not self._file_exists():
            return None  # nothing saved yet; reading must not create the store
        with self._database(create=False) as db:
            try:
                return db.execute(query, (dataset_id,)).fetchone()
            except sqlite3.OperationalError as error:
                if "no such table" in str(error):
                    return None
                raise

    def _file_exists(self) -> bool:
        try:
            return self.path.exists()
        except OSError as error:  # e.g. a folder this process may not enter
            raise RhetoricError(self._unopenable(error)) from None

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

"""The store's PostgreSQL backend: saved datasets and learned scores that replicas on several machines share.

Chosen by RHETORIC_STORE_URL=postgresql://user:password@host:5432/database (psycopg 3). The first
write creates two tables if they are missing, rhetoric_datasets and rhetoric_scores, under the
same columns as the SQLite file. Each save is one transaction: another replica sees all of a
dataset or none of it, and a replica that dies mid-save leaves nothing (the server rolls back a
transaction whose connection is gone). Saves of the same content at once meet in one upsert on the
id. Times are seconds since the epoch sent by the app, never the server's clock, so every replica
and backend prunes alike. The password never appears in a message or a repr.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from urllib.parse import unquote

import psycopg
from psycopg import conninfo, errors

from rhetoric.errors import RhetoricError
from rhetoric.sharing.store_sqlite import DIR_ENV

URL_ENV = "RHETORIC_STORE_URL"
DATASETS = "rhetoric_datasets"
SCORES = "rhetoric_scores"

_SCHEMES = ("postgresql://", "postgres://")
_CONNECT_TIMEOUT_S = 10  # libpq waits forever by default; a URL's own connect_timeout wins
_SCORES_AT_ONCE = 5_000  # digests a query asks for at a time, as one array parameter
# Key of the advisory lock that creators of the tables queue on: two replicas starting on a new
# database at once would otherwise race in CREATE TABLE IF NOT EXISTS, which can then fail with a
# duplicate key in the catalog. The number is arbitrary ("rhetoric" in ASCII, as an int64).
_SCHEMA_LOCK = 0x72686574_6F726963
_SHOWN = 300  # characters of a driver's message shown at most

_CREATE = f"""
CREATE TABLE IF NOT EXISTS {DATASETS} (
    id text PRIMARY KEY,
    quotes bytea NOT NULL,               -- Parquet
    outcomes bytea NOT NULL,             -- Parquet
    saved_at double precision NOT NULL,  -- seconds since the epoch
    used_at double precision NOT NULL    -- last save or load; prune() compares this with the retention
)"""
_CREATE_SCORES = f"""
CREATE TABLE IF NOT EXISTS {SCORES} (
    digest text NOT NULL,
    model text NOT NULL,
    warmth double precision NOT NULL,
    substance double precision NOT NULL,
    PRIMARY KEY (digest, model)
)"""
_TABLES_PRESENT = "SELECT to_regclass(%s) IS NOT NULL AND to_regclass(%s) IS NOT NULL"
_TOUCH = f"UPDATE {DATASETS} SET used_at = GREATEST(used_at, %s) WHERE id = %s"
# %b sends the Parquet bytes in binary, not as hex text twice their size.
_INSERT = f"""
INSERT INTO {DATASETS} (id, quotes, outcomes, saved_at, used_at) VALUES (%s, %b, %b, %s, %s)
ON CONFLICT (id) DO UPDATE SET used_at = GREATEST({DATASETS}.used_at, excluded.used_at)"""
_LOAD = f"SELECT quotes, outcomes, saved_at, used_at FROM {DATASETS} WHERE id = %s"
_EXISTS = f"SELECT 1 FROM {DATASETS} WHERE id = %s"
_PRUNE = f"DELETE FROM {DATASETS} WHERE used_at < %s"
_GET_SCORES = f"SELECT digest, warmth, substance FROM {SCORES} WHERE model = %s AND digest = ANY(%s)"
_PUT_SCORES = f"""
INSERT INTO {SCORES} (digest, model, warmth, substance) VALUES (%s, %s, %s, %s)
ON CONFLICT DO NOTHING"""


class PostgresBackend:
    """The rows of a store in the PostgreSQL database at `url`; a connection per operation, none held between.

    A URL that is not a PostgreSQL URL, or that libpq cannot parse, is refused here with a message
    naming RHETORIC_STORE_URL; a server that cannot be reached is reported at the first operation.
    """

    def __init__(self, url: str) -> None:
        url = url if isinstance(url, str) else ""
        self._url = self._conninfo = url  # hold the password: only ever passed to libpq
        self._secrets = _passwords(url)
        self.where = f"url={self._hidden(redacted(url))!r}"
        if not url.strip().lower().startswith(_SCHEMES):
            head = re.split(r"[:@\s]", url.strip(), maxsplit=1)[0]  # the scheme, or a path: never user info
            raise RhetoricError(
                f"{URL_ENV} must begin postgresql:// (it begins {_cut(self._hidden(head), 40)!r}): set it to "
                f"postgresql://user:password@host:5432/database, or unset it to keep the store in SQLite ({DIR_ENV})"
            )
        try:
            params = conninfo.conninfo_to_dict(url)
        except psycopg.Error as error:
            raise RhetoricError(
                f"{URL_ENV} cannot be read as a PostgreSQL URL ({self._detail(error)}): write it as "
                "postgresql://user:password@host:5432/database, with any of @ : / ? # in the password "
                "percent-encoded (%40 %3A %2F %3F %23)"
            ) from None
        # What libpq is given: the URL, or its key=value form with our timeout (holds the password too).
        self._conninfo = (
            url if "connect_timeout" in params else conninfo.make_conninfo(url, connect_timeout=_CONNECT_TIMEOUT_S)
        )

    def fetch(self, dataset_id: str) -> tuple[bytes, bytes, float, float] | None:
        return self._read(_LOAD, dataset_id)

    def exists(self, dataset_id: str) -> bool:
        return self._read(_EXISTS, dataset_id) is not None

    def touch(self, dataset_id: str, now: float) -> bool:
        with self._connection() as conn:
            try:
                changed = conn.execute(_TOUCH, (now, dataset_id)).rowcount
            except errors.UndefinedTable:
                return False  # nothing saved yet: the save that follows creates the tables
            conn.commit()
        return changed > 0

    def insert(self, dataset_id: str, quotes: bytes, outcomes: bytes, now: float) -> None:
        with self._connection() as conn:
            self._ensure_tables(conn)
            conn.execute(_INSERT, (dataset_id, quotes, outcomes, now, now))
            conn.commit()

    def prune(self, cutoff: float) -> int:
        """Delete datasets last used before `cutoff`; autovacuum gives their space back to later saves."""
        with self._connection() as conn:
            try:
                removed = conn.execute(_PRUNE, (cutoff,)).rowcount
            except errors.UndefinedTable:
                return 0
            conn.commit()
        return removed

    def get_scores(self, digests: list[str], model: str) -> dict[str, tuple[float, float]]:
        found: dict[str, tuple[float, float]] = {}
        with self._connection() as conn:
            for i in range(0, len(digests), _SCORES_AT_ONCE):
                try:
                    rows = conn.execute(_GET_SCORES, (model, digests[i : i + _SCORES_AT_ONCE])).fetchall()
                except errors.UndefinedTable:
                    return {}
                found.update({d: (w, u) for d, w, u in rows})
        return found

    def put_scores(self, rows: list[tuple[str, str, float, float]]) -> None:
        """Insert rows not yet stored. The caller sorts them: replicas inserting overlapping rows at once then
        take the rows' locks in one order, so they queue instead of deadlocking."""
        with self._connection() as conn:
            self._ensure_tables(conn)
            with conn.cursor() as cursor:
                cursor.executemany(_PUT_SCORES, rows)
            conn.commit()

    def _read(self, query: str, dataset_id: str) -> tuple | None:
        with self._connection() as conn:
            try:
                # binary: bytea comes back as the bytes themselves, not as hex text to decode
                return conn.execute(query, (dataset_id,), binary=True).fetchone()
            except errors.UndefinedTable:
                return None  # nothing saved yet; reading creates nothing

    def _ensure_tables(self, conn: psycopg.Connection) -> None:
        """Create the tables unless they exist (commits); a plain check first, so the usual case takes no lock."""
        present = conn.execute(_TABLES_PRESENT, (DATASETS, SCORES)).fetchone()
        if present is not None and present[0]:
            return
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
        conn.execute(_CREATE)
        conn.execute(_CREATE_SCORES)
        conn.commit()

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection]:
        """A connection outside autocommit: writes commit explicitly, and whatever is not committed when it
        closes, or when the process dies, the server rolls back."""
        try:
            conn = psycopg.connect(self._conninfo)
        except psycopg.Error as error:
            raise RhetoricError(
                f"the dataset store cannot connect to PostgreSQL at {URL_ENV} ({self._hidden(redacted(self._url))}): "
                f"{self._detail(error)}; check the variable and that the server is up, or unset it to keep "
                "datasets in SQLite"
            ) from None
        try:
            yield conn
        except psycopg.Error as error:
            raise RhetoricError(
                f"the dataset store in PostgreSQL at {URL_ENV} ({self._hidden(redacted(self._url))}) could not be "
                f"used ({self._detail(error)}); try again in a moment"
            ) from None
        finally:
            conn.close()

    def _detail(self, error: Exception) -> str:
        """A driver's message on one line, shortened, with the URL and any password hidden."""
        text = str(error)
        for given in filter(None, (self._conninfo, self._url)):
            text = text.replace(given, redacted(self._url))
        return _cut(self._hidden(" ".join(text.split()) or type(error).__name__), _SHOWN)

    def _hidden(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text


def redacted(url: str) -> str:
    """The URL with the password of its user info and of a password= parameter replaced by ***.

    Lenient on purpose (it runs on URLs libpq refuses too): the user info ends at the last @, so an
    unencoded @ or / in a password is still hidden; when in doubt it hides more, never less.
    """
    scheme, sep, rest = url.partition("://")
    if sep and "@" in rest:
        userinfo, _, host = rest.rpartition("@")
        if ":" in userinfo:
            userinfo = userinfo.partition(":")[0] + ":***"
        rest = f"{userinfo}@{host}"
    return re.sub(r"(password\s*=\s*)[^&\s]*", r"\1***", f"{scheme}{sep}{rest}", flags=re.IGNORECASE)


def _passwords(url: str) -> list[str]:
    """Every form of a password the URL may hold, longest first, to hide wherever a message repeats it."""
    found: set[str] = set()
    _, sep, rest = url.partition("://")
    if sep and "@" in rest:
        userinfo = rest.rpartition("@")[0]
        if ":" in userinfo:
            found.add(userinfo.partition(":")[2])
    found.update(re.findall(r"password\s*=\s*([^&\s]*)", url, flags=re.IGNORECASE))
    with suppress(psycopg.Error):  # a URL libpq refuses has had its password picked out above
        found.add(str(conninfo.conninfo_to_dict(url).get("password") or ""))
    found |= {unquote(secret) for secret in found}
    found |= {secret.replace("\\", "\\\\").replace("'", "\\'") for secret in found}  # as make_conninfo quotes it
    return sorted((secret for secret in found if secret), key=len, reverse=True)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

"""Fixtures of the store's tests: a store on each backend, the frames it keeps, and a PostgreSQL server.

PostgreSQL comes from RHETORIC_TEST_POSTGRES_URL when it is set (a server where the tests may create
and drop databases); otherwise the session starts a throwaway cluster of its own on loopback, from
Debian's binaries (or RHETORIC_TEST_POSTGRES_BIN, a folder holding initdb and postgres), and stops it
at the end. Every PostgreSQL test gets a database of its own. Without PostgreSQL the PostgreSQL
tests fail, saying what to install; they are never skipped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pwd
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import polars as pl
import psycopg
import pytest
from psycopg import sql

from rhetoric import schema as s
from rhetoric.sharing import store as store_module
from rhetoric.sharing.store import DATABASE, Store

STORE_ENV = ("RHETORIC_STORE_DIR", "RHETORIC_STORE_URL", "RHETORIC_STORE_MAX_BYTES", "RHETORIC_STORE_RETENTION_DAYS")
SERVER_ENV = "RHETORIC_TEST_POSTGRES_URL"
PROGRAMS_ENV = "RHETORIC_TEST_POSTGRES_BIN"
DEBIAN_PROGRAMS = Path("/usr/lib/postgresql")  # one folder per major version: 15/bin/initdb, 15/bin/postgres
OWNER = "postgres"  # initdb and postgres refuse to run as root; as root the cluster runs as this user
T0 = dt.datetime(2024, 1, 1, 12, 0, tzinfo=dt.UTC)
_STARTUP_S = 60.0
INITDB_FAST = ("--locale=C", "--no-sync")  # no fsync while creating: the cluster is thrown away
# Loopback only; no fsync or full-page writes: a crash of this server loses nothing worth keeping.
SERVER_SETTINGS = (
    *("-c", "listen_addresses=127.0.0.1"),
    *("-c", "fsync=off", "-c", "full_page_writes=off", "-c", "synchronous_commit=off"),
)


@pytest.fixture(autouse=True)
def _no_store_settings_from_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings exported on the machine running the tests must not change what the tests see."""
    for name in STORE_ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[dt.datetime]:
    """The store's idea of now, starting at T0; set clock[0] to move it. Both backends take time from it."""
    now = [T0]
    monkeypatch.setattr(store_module, "_now", lambda: now[0])
    return now


# --- frames -----------------------------------------------------------------------------------


@pytest.fixture
def love_letters() -> pl.DataFrame:
    """Three quotes with curly quotes, an emoji, a newline, "" beside a null, and two extra columns."""
    return s.conform(
        pl.DataFrame(
            {
                s.DATE: [dt.date(2018, 9, 29), dt.date(2017, 9, 19), dt.date(2019, 2, 28)],
                s.SPEAKER: ["Donald Trump", "Donald Trump", "Kim Jong Un"],
                s.TARGET: ["Kim Jong Un", "Kim Jong Un", None],
                s.QUOTE: [
                    "He wrote me beautiful letters, and they’re great letters. We fell in love.",
                    "“Rocket Man” is on a suicide mission 🚀\nfor himself",
                    'He said "walk", and we walked; = + - @ are not formulas here',
                ],
                s.EVENT: ["Wheeling WV rally", "", None],
                "likes": [12, None, 3],
                "note": ["ça va", "", None],
            },
            schema_overrides={"likes": pl.Int32},
        ),
        s.QUOTE_SCHEMA,
    )


@pytest.fixture
def summits() -> pl.DataFrame:
    """Two outcome events, one key, with an extra column."""
    return s.conform(
        pl.DataFrame(
            {
                s.DATE: [dt.date(2018, 6, 12), dt.date(2019, 2, 28)],
                s.EVENT: ["Singapore summit", "Hanoi summit"],
                s.PROGRESS: [7.0, -2.5],
                s.KEY: [True, False],
                "venue": ["Capella Hotel", "Metropole"],
            }
        ),
        s.OUTCOME_SCHEMA,
    )


def _numbered(n: int, rows: int = 3) -> pl.DataFrame:
    return s.conform(
        pl.DataFrame(
            {
                s.DATE: [dt.date(2018, 1, 1) + dt.timedelta(days=i) for i in range(rows)],
                s.SPEAKER: ["Kim"] * rows,
                s.QUOTE: [f"dataset {n}, quote {i}" for i in range(rows)],
            }
        ),
        s.QUOTE_SCHEMA,
    )


def _incompressible(rows: int) -> pl.DataFrame:
    return s.conform(
        pl.DataFrame(
            {
                s.DATE: [dt.date(2018, 1, 1)] * rows,
                s.SPEAKER: ["Kim"] * rows,
                s.QUOTE: [hashlib.sha256(str(i).encode()).hexdigest() for i in range(rows)],
            }
        ),
        s.QUOTE_SCHEMA,
    )


@pytest.fixture
def numbered_quotes() -> Callable[..., pl.DataFrame]:
    """numbered_quotes(n, rows=3): a small quotes frame whose content differs for every n."""
    return _numbered


@pytest.fixture
def incompressible_quotes() -> Callable[[int], pl.DataFrame]:
    """incompressible_quotes(rows): quotes of hex digests, megabytes of Parquet that compression cannot shrink."""
    return _incompressible


# --- a store on each backend ------------------------------------------------------------------


@dataclass(frozen=True)
class Backend:
    """Where one test's store lives, and a look at its rows that goes around the store."""

    name: str  # "sqlite" or "postgresql"
    where: dict[str, Any]  # Store's keyword arguments: {"root": a folder} or {"url": a database's URL}

    def store(self, **settings: Any) -> Store:
        """A Store on this place; more than one may be open at once, as replicas would."""
        return Store(**self.where, **settings)

    def ids(self) -> list[str]:
        """The ids of the saved rows, read directly."""
        if self.name == "sqlite":
            if not (Path(self.where["root"]) / DATABASE).exists():
                return []
            with sqlite_connection(self.where["root"]) as db:
                rows = db.execute("SELECT id FROM datasets").fetchall()
        else:
            with psycopg.connect(self.where["url"]) as db:
                try:
                    rows = db.execute("SELECT id FROM rhetoric_datasets").fetchall()
                except psycopg.errors.UndefinedTable:
                    return []
        return sorted(row[0] for row in rows)

    def created(self) -> bool:
        """Whether anything exists yet: the store's folder, or either table."""
        if self.name == "sqlite":
            return Path(self.where["root"]).exists()
        with psycopg.connect(self.where["url"]) as db:
            row = db.execute(
                "SELECT to_regclass('rhetoric_datasets') IS NOT NULL OR to_regclass('rhetoric_scores') IS NOT NULL"
            ).fetchone()
        return bool(row and row[0])

    def replace_quotes(self, dataset_id: str, parquet: bytes) -> None:
        """Overwrite a saved dataset's quotes with other Parquet bytes, as an older version might have saved."""
        if self.name == "sqlite":
            with sqlite_connection(self.where["root"]) as db:
                db.execute("UPDATE datasets SET quotes = ? WHERE id = ?", (parquet, dataset_id))
        else:
            with psycopg.connect(self.where["url"]) as db:
                db.execute("UPDATE rhetoric_datasets SET quotes = %s WHERE id = %s", (parquet, dataset_id))


@contextmanager
def sqlite_connection(root: Path) -> Iterator[sqlite3.Connection]:
    """A connection to the store's file that commits what it did and closes."""
    db = sqlite3.connect(Path(root) / DATABASE)
    try:
        with db:
            yield db
    finally:
        db.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    """Each backend in turn: SQLite in a folder not yet created, PostgreSQL in a new empty database."""
    if request.param == "sqlite":
        return Backend("sqlite", {"root": tmp_path / "store"})
    return Backend("postgresql", {"url": request.getfixturevalue("postgres_url")})


@pytest.fixture
def store(store_backend: Backend) -> Store:
    """An empty store with the default settings, on each backend."""
    return store_backend.store()


# --- PostgreSQL -------------------------------------------------------------------------------


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """The URL of a new, empty database on the session's server, dropped after the test."""
    name = f"rhetoric_test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlunsplit(urlsplit(postgres_server)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(postgres_server, autocommit=True) as admin:
            # FORCE: a child process a test killed may still hold a connection the server has not yet closed
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A PostgreSQL server's URL: RHETORIC_TEST_POSTGRES_URL, or a cluster started for this session.

    The cluster lives in a new temporary folder, listens on a free loopback port only (trust
    authentication, no fsync: it holds nothing worth keeping) and is stopped, and its folder removed,
    when the session ends, however the tests went.
    """
    given = os.environ.get(SERVER_ENV, "").strip()
    if given:
        yield given
        return
    programs = postgres_programs()
    as_owner = _owner_arguments()
    folder = Path(tempfile.mkdtemp(prefix="rhetoric-postgres-"))
    server: subprocess.Popen | None = None
    try:
        if as_owner:
            os.chown(folder, as_owner["user"], as_owner["group"])
        _run_initdb(programs, folder, as_owner)
        server, url = _start(programs, folder, as_owner)
        yield url
    finally:
        if server is not None:
            _stop(server)
        shutil.rmtree(folder, ignore_errors=True)


def postgres_programs() -> Path:
    """The folder with PostgreSQL's initdb and postgres, or a failed test that says how to install them."""
    chosen = os.environ.get(PROGRAMS_ENV, "").strip()
    if chosen:
        candidates = [Path(chosen)]
    else:
        on_path = shutil.which("initdb")
        versions = sorted(DEBIAN_PROGRAMS.glob("*/bin"), key=lambda p: _major(p.parent.name), reverse=True)
        candidates = [*([Path(on_path).parent] if on_path else []), *versions]
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "postgres").is_file():
            return folder
    looked = ", ".join(str(c) for c in candidates) or f"PATH and {DEBIAN_PROGRAMS}/*/bin"
    pytest.fail(
        f"the PostgreSQL store tests need PostgreSQL's server programs (initdb, postgres) and found none "
        f"(looked in {looked}): install them with `apt-get install postgresql`, set {PROGRAMS_ENV} to the "
        f"folder holding them, or set {SERVER_ENV} to a server where the tests may create databases",
        pytrace=False,
    )


def _major(name: str) -> int:
    return int(name) if name.isdigit() else -1


def _owner_arguments() -> dict[str, Any]:
    """subprocess arguments that run the cluster as OWNER when the tests run as root (else none)."""
    if os.geteuid() != 0:
        return {}
    try:
        owner = pwd.getpwnam(OWNER)
    except KeyError:
        pytest.fail(
            f"PostgreSQL refuses to run as root and there is no {OWNER!r} user to run it as: install Debian's "
            f"`postgresql` package (it creates the user), or set {SERVER_ENV} to a running server",
            pytrace=False,
        )
    return {"user": owner.pw_uid, "group": owner.pw_gid, "extra_groups": []}


def _run_initdb(programs: Path, folder: Path, as_owner: dict[str, Any]) -> None:
    done = subprocess.run(
        [programs / "initdb", "-D", folder / "data", "-U", "postgres", "-A", "trust", "-E", "UTF8", *INITDB_FAST],
        cwd=folder,  # the owner may not be allowed into the checkout
        capture_output=True,
        text=True,
        **as_owner,
    )
    if done.returncode != 0:
        pytest.fail(f"initdb failed (exit {done.returncode}): {done.stderr.strip()[-2000:]}", pytrace=False)


def _start(programs: Path, folder: Path, as_owner: dict[str, Any]) -> tuple[subprocess.Popen, str]:
    """Start postgres on a free loopback port and wait until it takes connections; retry if the port got taken."""
    log = folder / "server.log"
    for _ in range(3):
        port = _free_port()
        with log.open("ab") as out:
            server = subprocess.Popen(
                [programs / "postgres", "-D", folder / "data", "-p", str(port), "-k", folder, *SERVER_SETTINGS],
                cwd=folder,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                **as_owner,
            )
        url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
        deadline = time.monotonic() + _STARTUP_S
        while server.poll() is None and time.monotonic() < deadline:
            try:
                psycopg.connect(url, connect_timeout=2).close()
                return server, url
            except psycopg.OperationalError:
                time.sleep(0.1)
        _stop(server)
        if "could not bind" not in log.read_text(errors="replace"):
            break  # not a port taken between choosing and binding: another try would fail the same way
    pytest.fail(f"PostgreSQL did not start; its log ends: {log.read_text(errors='replace')[-2000:]}", pytrace=False)


def _stop(server: subprocess.Popen) -> None:
    """Fast shutdown (SIGINT: clients are disconnected, nothing waits); SIGKILL if that hangs."""
    if server.poll() is None:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=30)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]

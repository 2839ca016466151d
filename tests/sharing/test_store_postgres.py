"""Tests for rhetoric.sharing.store_postgres: choosing PostgreSQL by RHETORIC_STORE_URL, the tables it makes,
replicas sharing them, and URLs that are wrong, garbled or unreachable (a message naming the variable, never
the password). The behaviour both backends share is tested in test_store.py."""

from __future__ import annotations

import socket

import psycopg
import pytest
from polars.testing import assert_frame_equal

from rhetoric.errors import RhetoricError
from rhetoric.sharing import store as store_module
from rhetoric.sharing import store_postgres
from rhetoric.sharing.store import Store, from_env
from rhetoric.sharing.store_postgres import redacted

SECRET = "s3cret-Pa55"


def tables(url: str) -> dict[str, list[str]]:
    """The tables of the database's public schema and their columns, in order."""
    with psycopg.connect(url) as db:
        rows = db.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' ORDER BY table_name, ordinal_position"
        ).fetchall()
    found: dict[str, list[str]] = {}
    for table, column in rows:
        found.setdefault(table, []).append(column)
    return found


@pytest.fixture
def closed_port() -> int:
    """A loopback port nothing listens on: connections to it are refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_rhetoric_store_url_makes_the_store_postgresql(postgres_url, monkeypatch, tmp_path, love_letters):
    """RHETORIC_STORE_DIR is then unused: nothing is written to the folder."""
    monkeypatch.setenv("RHETORIC_STORE_URL", postgres_url)
    monkeypatch.setenv("RHETORIC_STORE_DIR", str(tmp_path / "unused"))
    monkeypatch.setenv("RHETORIC_STORE_RETENTION_DAYS", "7")
    store = from_env()
    assert isinstance(store.backend, store_postgres.PostgresBackend)
    assert (store.root, store.path, store.retention_days) == (None, None, 7)
    dataset_id = store.save(love_letters)
    assert Store(url=postgres_url).exists(dataset_id)
    assert not (tmp_path / "unused").exists()
    assert store_module.URL_ENV == store_postgres.URL_ENV == "RHETORIC_STORE_URL"


def test_an_explicit_folder_wins_over_rhetoric_store_url(monkeypatch, tmp_path):
    monkeypatch.setenv("RHETORIC_STORE_URL", f"postgresql://kim:{SECRET}@127.0.0.1:1/rhetoric")
    assert Store(tmp_path).path == tmp_path / "datasets.sqlite3"


def test_a_blank_rhetoric_store_url_keeps_sqlite(monkeypatch, tmp_path):
    monkeypatch.setenv("RHETORIC_STORE_URL", "  ")
    monkeypatch.setenv("RHETORIC_STORE_DIR", str(tmp_path))
    assert from_env().root == tmp_path


def test_the_first_save_creates_two_tables_and_reading_creates_none(postgres_url, love_letters):
    store = Store(url=postgres_url)
    assert not store.exists("0123456789abcdef0123")
    assert store.get_scores(["a" * 64], "m") == {}
    assert store.prune() == 0
    assert tables(postgres_url) == {}
    store.save(love_letters)
    assert tables(postgres_url) == {
        "rhetoric_datasets": ["id", "quotes", "outcomes", "saved_at", "used_at"],
        "rhetoric_scores": ["digest", "model", "warmth", "substance"],
    }


def test_replicas_on_one_database_share_datasets_and_scores(postgres_url, love_letters, summits):
    """Two Store objects stand for two machines: what one saves, the other loads."""
    here, there = Store(url=postgres_url), Store(url=postgres_url)
    dataset_id = here.save(love_letters, summits)
    here.put_scores({"f" * 64: (0.25, 0.5)}, "m")
    saved = there.load(dataset_id)
    assert_frame_equal(saved.quotes, love_letters)
    assert_frame_equal(saved.outcomes, summits)
    assert there.get_scores(["f" * 64], "m") == {"f" * 64: (0.25, 0.5)}
    assert there.save(love_letters, summits) == dataset_id


def test_a_table_of_that_name_made_by_something_else_is_reported_not_changed(postgres_url, love_letters):
    with psycopg.connect(postgres_url) as db:
        db.execute("CREATE TABLE rhetoric_datasets (id text PRIMARY KEY, note text)")
        db.execute("CREATE TABLE rhetoric_scores (digest text)")
    with pytest.raises(RhetoricError, match=r"PostgreSQL at RHETORIC_STORE_URL .* could not be used \(.*column"):
        Store(url=postgres_url).save(love_letters)
    assert tables(postgres_url)["rhetoric_datasets"] == ["id", "note"]


@pytest.mark.parametrize(
    "url",
    [
        f"mysql://kim:{SECRET}@db.example/rhetoric",
        "sqlite:///var/lib/rhetoric/datasets.sqlite3",
        "/var/lib/rhetoric",
        f"host=db.example password={SECRET}",
        f"postgresql:/kim:{SECRET}@db.example/rhetoric",
    ],
)
def test_a_url_that_is_not_postgresql_names_the_variable_and_hides_the_password(monkeypatch, url):
    monkeypatch.setenv("RHETORIC_STORE_URL", url)
    with pytest.raises(
        RhetoricError, match=r"RHETORIC_STORE_URL must begin postgresql:// \(it begins '[^':@]*'\)"
    ) as refused:
        from_env()
    assert SECRET not in str(refused.value)
    assert "RHETORIC_STORE_DIR" in str(refused.value)


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://kim:{SECRET}%zz@db.example/rhetoric",  # a bad percent-escape, in the password itself
        f"postgresql://kim:{SECRET}@[::1/rhetoric",  # an IPv6 host left open
        f"postgresql://kim:{SECRET}@db.example/rhetoric?colour=blue",  # a parameter libpq does not know
        f"postgresql://kim@db.example/rhetoric?password={SECRET}&sslmode",  # a parameter without a value
    ],
)
def test_a_garbled_url_names_the_variable_and_hides_the_password(monkeypatch, url):
    monkeypatch.setenv("RHETORIC_STORE_URL", url)
    with pytest.raises(RhetoricError, match=r"^RHETORIC_STORE_URL cannot be read as a PostgreSQL URL") as refused:
        from_env()
    assert SECRET not in str(refused.value)
    assert refused.value.__cause__ is None and refused.value.__suppress_context__  # no driver traceback attached


def test_an_unreachable_server_is_an_error_naming_the_variable_and_a_cache_miss(closed_port, love_letters):
    store = Store(url=f"postgresql://kim:{SECRET}@127.0.0.1:{closed_port}/rhetoric")
    for attempt in (lambda: store.save(love_letters), lambda: store.load("0123456789abcdef0123"), store.prune):
        with pytest.raises(RhetoricError, match="cannot connect to PostgreSQL at RHETORIC_STORE_URL") as refused:
            attempt()
        message = str(refused.value)
        assert SECRET not in message
        assert f"postgresql://kim:***@127.0.0.1:{closed_port}/rhetoric" in message
        assert "refused" in message
    assert not store.exists("0123456789abcdef0123")
    store.put_scores({"e" * 64: (0.3, 0.4)}, "m")  # skipped quietly
    assert store.get_scores(["e" * 64], "m") == {}


def test_a_port_that_is_not_a_number_is_reported_at_first_use(love_letters):
    store = Store(url=f"postgresql://kim:{SECRET}@127.0.0.1:fivefourthreetwo/rhetoric")
    with pytest.raises(RhetoricError, match=r"RHETORIC_STORE_URL .*invalid integer value") as refused:
        store.save(love_letters)
    assert SECRET not in str(refused.value)


def test_a_password_libpq_echoes_back_is_hidden_in_the_message(monkeypatch, love_letters):
    """Whatever a driver's message repeats of the URL, the password in it is replaced."""

    def echoing(conninfo, **kwargs):
        raise psycopg.OperationalError(f"cannot use {conninfo!r}: password {SECRET} and user kim")

    monkeypatch.setattr(psycopg, "connect", echoing)
    with pytest.raises(RhetoricError) as refused:
        Store(url=f"postgresql://kim:{SECRET}@db.example/rhetoric").save(love_letters)
    assert SECRET not in str(refused.value)
    assert "password *** and user kim" in str(refused.value)


def test_the_repr_shows_the_url_without_its_password():
    store = Store(url=f"postgresql://kim:{SECRET}@db.example:5432/rhetoric", max_bytes=99, retention_days=7)
    assert repr(store) == "Store(url='postgresql://kim:***@db.example:5432/rhetoric', max_bytes=99, retention_days=7)"


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://kim:pw@db/x", "postgresql://kim:***@db/x"),
        ("postgresql://kim@db/x", "postgresql://kim@db/x"),
        ("postgresql://db/x?password=pw&sslmode=require", "postgresql://db/x?password=***&sslmode=require"),
        ("postgresql://kim:p@ss/word@db/x", "postgresql://kim:***@db/x"),  # an unencoded @ and / in the password
        ("postgres://kim:pw@h1:5432,h2:5433/x", "postgres://kim:***@h1:5432,h2:5433/x"),
    ],
)
def test_redacted_hides_the_password_and_keeps_the_rest(url, shown):
    assert redacted(url) == shown

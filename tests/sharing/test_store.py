"""Tests for rhetoric.sharing.store on both backends: content ids, round trips, concurrency, crashes, hostile
ids, the size limit, retention and the scores table. What only one backend does is in test_store_sqlite.py
and test_store_postgres.py; the fixtures (`store`, `store_backend`, a PostgreSQL server) are in conftest.py."""

from __future__ import annotations

import datetime as dt
import io
import multiprocessing as mp
import os
import signal
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import polars as pl
import psycopg
import pytest
from polars.testing import assert_frame_equal

from rhetoric import schema as s
from rhetoric.errors import RhetoricError
from rhetoric.sharing import store as store_module
from rhetoric.sharing.store import (
    DEFAULT_MAX_BYTES,
    DEFAULT_RETENTION_DAYS,
    Saved,
    Store,
    from_env,
    is_dataset_id,
)

WORKERS = 8
STUCK = 3  # the exit status of a child held at commit that nobody released or killed
T0 = dt.datetime(2024, 1, 1, 12, 0, tzinfo=dt.UTC)
# polars' thread pool deadlocks in a child forked from a parent that has used it (checked: write_csv
# hangs), and pytest's process has; spawned children start clean, as separate app processes would.
SPAWN = mp.get_context("spawn")


def reference_id(tmp_path: Path, quotes: pl.DataFrame, outcomes: pl.DataFrame | None = None) -> str:
    """The id a save gives, from a store of its own (SQLite, so also a check that ids do not depend on the backend)."""
    return Store(tmp_path / "reference").save(quotes, outcomes)


# --- round trip -------------------------------------------------------------------------------


def test_save_then_load_gives_back_the_same_quotes_and_outcomes(store, love_letters, summits):
    """Dtypes (Date stays Date, Int32 stays Int32), row order, extra columns, unicode, "" and null all survive."""
    dataset_id = store.save(love_letters, summits)
    saved = store.load(dataset_id)
    assert isinstance(saved, Saved)
    assert saved.id == dataset_id
    assert_frame_equal(saved.quotes, love_letters)
    assert_frame_equal(saved.outcomes, summits)
    assert saved.quotes.schema[s.DATE] == pl.Date
    assert saved.quotes[s.QUOTE][1] == "“Rocket Man” is on a suicide mission 🚀\nfor himself"
    assert saved.quotes["note"].to_list() == ["ça va", "", None]


def test_quotes_saved_without_optional_columns_load_in_the_quote_schema(store):
    bare = pl.DataFrame({s.DATE: [dt.date(2018, 1, 1)], s.SPEAKER: ["Kim"], s.QUOTE: ["Peace."]})
    saved = store.load(store.save(bare))
    assert saved.quotes.schema == pl.Schema(s.QUOTE_SCHEMA)
    assert saved.quotes.row(0, named=True)[s.QUOTE] == "Peace."


def test_outcomes_left_out_load_as_an_empty_frame_in_the_outcome_schema(store, love_letters):
    saved = store.load(store.save(love_letters))
    assert saved.outcomes.height == 0
    assert saved.outcomes.schema == pl.Schema(s.OUTCOME_SCHEMA)


def test_saved_quotes_carry_no_score_columns(store, two_speaker_quotes):
    """The app scores again on load, so a lexicon change never meets stale saved scores."""
    scored = two_speaker_quotes.with_columns(warmth_terms=pl.lit("love"), substance_terms=pl.lit(""))
    saved = store.load(store.save(scored))
    assert set(saved.quotes.columns) == set(s.QUOTE_SCHEMA)
    assert_frame_equal(saved.quotes, two_speaker_quotes.select(list(s.QUOTE_SCHEMA)))


def test_a_dataset_saved_before_a_schema_change_loads_in_todays_schema(store_backend, store, numbered_quotes):
    """A column added to the schema since the save comes back as nulls of its dtype."""
    dataset_id = store.save(numbered_quotes(1))
    store_backend.replace_quotes(dataset_id, store_module._parquet(numbered_quotes(1).drop(s.VARIANT_OF)))
    saved = store.load(dataset_id)
    assert saved.quotes.schema == pl.Schema(s.QUOTE_SCHEMA)
    assert saved.quotes[s.VARIANT_OF].null_count() == saved.quotes.height


def test_saved_at_is_the_time_of_the_first_save(store, love_letters, clock):
    dataset_id = store.save(love_letters)
    clock[0] = T0 + dt.timedelta(days=3)
    assert store.save(love_letters) == dataset_id
    assert store.load(dataset_id).saved_at == T0


# --- ids --------------------------------------------------------------------------------------


def test_an_id_is_20_lowercase_hex_digits(store, love_letters):
    dataset_id = store.save(love_letters)
    assert len(dataset_id) == 20
    assert set(dataset_id) <= set("0123456789abcdef")
    assert is_dataset_id(dataset_id)


def test_saving_the_same_data_twice_gives_the_same_id_and_one_dataset(store_backend, store, love_letters, summits):
    first = store.save(love_letters, summits)
    assert store.save(love_letters.clone(), summits.clone()) == first
    assert store_backend.ids() == [first]


def test_the_same_data_gets_the_same_id_in_another_store_and_backend(store, tmp_path, love_letters, summits):
    """The id depends on the data only: not on the store, its backend, the time or the process."""
    assert store.save(love_letters, summits) == reference_id(tmp_path, love_letters, summits)


def test_the_id_does_not_depend_on_score_columns(store_backend, store, two_speaker_quotes):
    scored = two_speaker_quotes.with_columns(warmth_terms=pl.lit("love"), substance_terms=pl.lit("nuclear"))
    rescored = two_speaker_quotes.with_columns(pl.col(s.WARMTH) * -1)
    unscored = two_speaker_quotes.drop(list(s.SCORE_SCHEMA))
    assert store.save(scored) == store.save(rescored) == store.save(unscored)
    assert len(store_backend.ids()) == 1


def test_the_id_does_not_depend_on_how_the_frame_is_chunked(store, love_letters):
    chunked = pl.concat([love_letters.slice(0, 1), love_letters.slice(1)], rechunk=False)
    assert chunked.n_chunks() == 2
    assert store.save(chunked) == store.save(love_letters.rechunk())


DIFFERENCES = {
    "one character": lambda q, o: (q.with_columns(pl.col(s.QUOTE).str.replace("love", "Love")), o),
    "null instead of empty text": lambda q, o: (q.with_columns(pl.col(s.EVENT).fill_null("")), o),
    "rows in another order": lambda q, o: (q.reverse(), o),
    "an extra column's dtype": lambda q, o: (q.with_columns(pl.col("likes").cast(pl.Int64)), o),
    "an extra column's name": lambda q, o: (q.rename({"note": "notes"}), o),
    "one outcome fewer": lambda q, o: (q, o.head(1)),
    "no outcomes": lambda q, o: (q, None),
    "a progress value": lambda q, o: (q, o.with_columns(pl.col(s.PROGRESS) + 0.5)),
}


@pytest.mark.parametrize("change", DIFFERENCES.values(), ids=DIFFERENCES.keys())
def test_different_data_gives_a_different_id(store_backend, store, love_letters, summits, change):
    original = store.save(love_letters, summits)
    assert store.save(*change(love_letters, summits)) != original
    assert len(store_backend.ids()) == 2


def test_quotes_and_outcomes_are_hashed_apart(store, numbered_quotes):
    """An outcome column cannot pass for a quote column: each frame's header goes into the id."""
    quotes = numbered_quotes(1)
    assert store.save(quotes, s.empty(s.OUTCOME_SCHEMA)) != store.save(
        quotes, s.conform(pl.DataFrame({"extra": []}, schema={"extra": pl.String}), s.OUTCOME_SCHEMA)
    )


# --- concurrency ------------------------------------------------------------------------------


def _save_after_barrier(where: dict[str, Any], frame: pl.DataFrame, barrier, results, index: int) -> None:
    """Runs in a spawned process, as another replica of the app would: wait for all workers, save, report the id."""
    barrier.wait(timeout=60)
    results.put((index, Store(**where).save(frame)))


def assert_holds_exactly(store_backend, store: Store, frames: list[pl.DataFrame], ids: list[str]) -> None:
    assert store_backend.ids() == sorted(set(ids))
    for frame, dataset_id in zip(frames, ids, strict=True):
        assert_frame_equal(store.load(dataset_id).quotes, frame)


def test_threads_saving_the_same_and_different_datasets_at_once_all_succeed(
    store_backend, store, tmp_path, numbered_quotes
):
    """On PostgreSQL the database is new, so the eight also race to create the tables."""
    frames = [numbered_quotes(i % 3, rows=500) for i in range(WORKERS)]  # three datasets, each saved 2-3 times
    barrier = threading.Barrier(WORKERS)

    def save(frame: pl.DataFrame) -> str:
        barrier.wait(timeout=60)
        return store_backend.store().save(frame)  # a Store each, as each session of the app builds one

    with ThreadPoolExecutor(WORKERS) as pool:
        ids = list(pool.map(save, frames))
    assert ids == [reference_id(tmp_path, frame) for frame in frames]
    assert len(set(ids)) == 3
    assert_holds_exactly(store_backend, store, frames, ids)


def test_processes_saving_the_same_and_different_datasets_at_once_all_succeed(
    store_backend, store, tmp_path, numbered_quotes
):
    frames = [numbered_quotes(i % 3, rows=500) for i in range(WORKERS)]
    barrier, results = SPAWN.Barrier(WORKERS), SPAWN.Queue()
    workers = [
        SPAWN.Process(target=_save_after_barrier, args=(store_backend.where, frame, barrier, results, i), daemon=True)
        for i, frame in enumerate(frames)
    ]
    for worker in workers:
        worker.start()
    reported = dict(results.get(timeout=120) for _ in workers)
    for worker in workers:
        worker.join(timeout=60)
    assert [worker.exitcode for worker in workers] == [0] * WORKERS
    ids = [reported[i] for i in range(WORKERS)]
    assert ids == [reference_id(tmp_path, frame) for frame in frames]
    assert_holds_exactly(store_backend, store, frames, ids)


def hook_commit_of_a_save(kind: str, action: Callable[[], None], patch: Callable[[Any, str, Any], None]) -> None:
    """Make `action` run when a connection is about to commit a dataset it has inserted: every byte of the
    dataset is then written, and nothing is committed. `patch` is setattr, or a monkeypatch's."""
    if kind == "sqlite":
        connect = sqlite3.connect

        class Hooked(sqlite3.Connection):
            inserted = False

            def execute(self, sql, *args):
                if sql == "COMMIT" and self.inserted:
                    self.inserted = False
                    action()
                self.inserted = self.inserted or sql.lstrip().startswith("INSERT INTO datasets")
                return super().execute(sql, *args)

        patch(sqlite3, "connect", lambda *a, **k: connect(*a, factory=Hooked, **k))
        return
    execute, commit = psycopg.Connection.execute, psycopg.Connection.commit
    inserted: set[int] = set()  # ids of connections that inserted a dataset

    def hooked_execute(self, query, *args, **kwargs):
        if str(query).lstrip().startswith("INSERT INTO rhetoric_datasets"):
            inserted.add(id(self))
        return execute(self, query, *args, **kwargs)

    def hooked_commit(self):
        if id(self) in inserted:
            inserted.discard(id(self))
            action()
        return commit(self)

    patch(psycopg.Connection, "execute", hooked_execute)
    patch(psycopg.Connection, "commit", hooked_commit)


def _save_held_at_commit(where: dict[str, Any], frame: pl.DataFrame, held, release, results) -> None:
    """Runs in a spawned process: save, but stop with the dataset written and not committed, say so, and wait
    to be released (or killed); report the id."""

    def hold() -> None:
        held.set()
        if not release.wait(timeout=120):
            os._exit(STUCK)  # never commit what the test meant to kill

    hook_commit_of_a_save("postgresql" if "url" in where else "sqlite", hold, setattr)
    results.put(Store(**where).save(frame))


@contextmanager
def _writer_held_at_commit(where: dict, frame: pl.DataFrame) -> Iterator[tuple]:
    """Another process saving `frame`, held with everything written and nothing committed; yields it, the event
    that lets it commit and the queue its id comes back on. A writer still alive afterwards is killed."""
    held, release, results = SPAWN.Event(), SPAWN.Event(), SPAWN.Queue()
    writer = SPAWN.Process(target=_save_held_at_commit, args=(where, frame, held, release, results), daemon=True)
    writer.start()
    try:
        assert held.wait(timeout=120)
        yield writer, release, results
    finally:
        if writer.is_alive():
            writer.kill()


def test_a_reader_never_sees_a_dataset_whose_save_has_not_committed(store_backend, store, tmp_path, numbered_quotes):
    """Another process reads while the writer holds a written, uncommitted dataset: it finds nothing; after
    the commit it finds all of it. (500 rows: small enough that SQLite keeps them in the writer's cache.)"""
    frame = numbered_quotes(7, rows=500)
    dataset_id = reference_id(tmp_path, frame)
    with _writer_held_at_commit(store_backend.where, frame) as (writer, release, results):
        assert not store.exists(dataset_id)
        with pytest.raises(RhetoricError, match="no saved dataset has that id"):
            store.load(dataset_id)
        assert store_backend.ids() == []
        release.set()
        assert results.get(timeout=60) == dataset_id
        writer.join(timeout=60)
    assert writer.exitcode == 0
    assert_frame_equal(store.load(dataset_id).quotes, frame)


def test_a_process_killed_mid_save_leaves_the_store_as_it_was_and_a_later_save_works(
    store_backend, store, tmp_path, numbered_quotes, incompressible_quotes
):
    """SIGKILL while megabytes of a dataset are written and not committed: SQLite's journal or the server's
    rollback leaves only what was there before, and the same dataset saves and loads whole afterwards."""
    first = store.save(numbered_quotes(0))
    big = incompressible_quotes(120_000)
    big_id = reference_id(tmp_path, big)
    with _writer_held_at_commit(store_backend.where, big) as (writer, _, _):
        os.kill(writer.pid, signal.SIGKILL)
        writer.join(timeout=60)
    assert writer.exitcode == -signal.SIGKILL

    assert store_backend.ids() == [first]
    assert not store.exists(big_id)
    with pytest.raises(RhetoricError, match="no saved dataset has that id"):
        store.load(big_id)
    assert_frame_equal(store.load(first).quotes, numbered_quotes(0))
    assert store.save(big) == big_id
    assert_frame_equal(store.load(big_id).quotes, big)
    assert store_backend.ids() == sorted([first, big_id])


def test_a_save_failing_at_commit_leaves_no_dataset_and_a_later_save_works(
    store_backend, store, tmp_path, love_letters, monkeypatch
):
    def fail() -> None:
        if store_backend.name == "sqlite":
            raise sqlite3.OperationalError("disk I/O error")
        raise psycopg.OperationalError("server closed the connection unexpectedly")

    with monkeypatch.context() as patch:
        hook_commit_of_a_save(store_backend.name, fail, patch.setattr)
        with pytest.raises(RhetoricError, match=r"disk I/O error|server closed the connection"):
            store.save(love_letters)
    dataset_id = reference_id(tmp_path, love_letters)
    assert store_backend.ids() == []
    assert not store.exists(dataset_id)
    with pytest.raises(RhetoricError, match="no saved dataset has that id"):
        store.load(dataset_id)
    assert store.save(love_letters) == dataset_id
    assert_frame_equal(store.load(dataset_id).quotes, love_letters)


def test_a_parquet_writer_failing_partway_leaves_no_dataset(store_backend, store, love_letters, summits, monkeypatch):
    """The writer gets as far as half the outcomes' bytes, then the disk is full."""
    write_parquet = pl.DataFrame.write_parquet

    def half_then_fail(frame, file, **kwargs):
        if s.PROGRESS in frame.columns:
            whole = io.BytesIO()
            write_parquet(frame, whole, **kwargs)
            file.write(whole.getvalue()[: len(whole.getvalue()) // 2])
            raise OSError(28, "No space left on device")
        return write_parquet(frame, file, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(pl.DataFrame, "write_parquet", half_then_fail)
        with pytest.raises(OSError, match="No space left"):
            store.save(love_letters, summits)
    assert store_backend.ids() == []
    dataset_id = store.save(love_letters, summits)
    assert_frame_equal(store.load(dataset_id).outcomes, summits)


# --- hostile ids ------------------------------------------------------------------------------

VALID_LOOKING = "0123456789abcdef0123"
HOSTILE_IDS = {
    "parent traversal": "../../etc/passwd",
    "dot dot x": "../x",
    "url-encoded traversal": "..%2F..%2Fetc%2Fpasswd",
    "url-encoded dots": "%2e%2e",
    "absolute path": "/etc/passwd",
    "windows path": "C:\\Windows\\win.ini",
    "dot dot": "..",
    "dot": ".",
    "empty": "",
    "slash": "a/b",
    "very long": "a" * 5000,
    "nul byte": "\x00",
    "nul inside": VALID_LOOKING[:10] + "\x00" + VALID_LOOKING[11:],
    "uppercase hex": "ABCDEF0123456789ABCD",
    "trailing newline": VALID_LOOKING + "\n",
    "leading space": " " + VALID_LOOKING[1:],
    "one short": VALID_LOOKING[:-1],
    "one long": VALID_LOOKING + "0",
    "fullwidth digits": "０１２３４５６７８９ａｂｃｄｅｆ０１２３",
    "cyrillic a": VALID_LOOKING[:10] + "а" + VALID_LOOKING[11:],
    "the database's name": "datasets.sqlite3",
    "sql": "' OR '1'='1",
    "sql with a valid id": VALID_LOOKING + "' OR '1'='1",
}


class Untouchable:
    """Stands in for a backend that must not be asked anything: records the first question and refuses it."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __getattr__(self, name: str):
        self.asked.append(name)
        raise AssertionError(f"the backend was asked for {name}")


@pytest.mark.parametrize("hostile", HOSTILE_IDS.values(), ids=HOSTILE_IDS.keys())
def test_a_malformed_id_is_refused_before_the_backend_is_asked(store_backend, store, love_letters, hostile):
    """No file is opened and no connection made: SQLite's file access is watched in test_store_sqlite.py."""
    kept = store.save(love_letters)  # a store with something in it to find
    store.backend = Untouchable()
    with pytest.raises(RhetoricError, match="that is not a dataset id") as refused:
        store.load(hostile)
    assert not store.exists(hostile)
    assert store.backend.asked == []
    assert len(str(refused.value)) < 200  # a short message, even for a 5,000-character id
    assert store_backend.ids() == [kept]


@pytest.mark.parametrize("value", [None, 12345, b"0123456789abcdef0123", ["0123456789abcdef0123"]])
def test_a_value_that_is_not_a_string_is_not_an_id(store, value):
    assert not is_dataset_id(value)
    assert not store.exists(value)
    with pytest.raises(RhetoricError, match="that is not a dataset id"):
        store.load(value)


def test_a_well_formed_but_unknown_id_says_no_dataset_has_it(store, love_letters):
    store.save(love_letters)
    with pytest.raises(RhetoricError, match=r"no saved dataset has that id \(0123456789abcdef0123\).*30 days"):
        store.load(VALID_LOOKING)
    assert not store.exists(VALID_LOOKING)


def test_reading_a_store_nothing_was_saved_in_creates_nothing(store_backend, store):
    assert not store.exists(VALID_LOOKING)
    with pytest.raises(RhetoricError, match="no saved dataset has that id"):
        store.load(VALID_LOOKING)
    assert store.prune() == 0
    assert store.get_scores(["a" * 64], "model 1") == {}
    assert not store_backend.created()


def test_a_saved_dataset_exists(store, love_letters):
    assert store.exists(store.save(love_letters))


# --- what save refuses ------------------------------------------------------------------------


def test_a_dataset_over_the_size_cap_is_refused_with_the_limit_named(store_backend, incompressible_quotes):
    small = store_backend.store(max_bytes=8_000)  # ten quotes fit (about 5.3 kB with every schema column)
    with pytest.raises(RhetoricError, match=r"the limit is 8,000 bytes \(RHETORIC_STORE_MAX_BYTES=8000\)"):
        small.save(incompressible_quotes(1_000))
    assert store_backend.ids() == []
    kept = small.save(incompressible_quotes(10))
    assert store_backend.ids() == [kept]


def test_the_default_cap_is_named_in_megabytes(store_backend, monkeypatch, numbered_quotes):
    capped = store_backend.store(max_bytes=50 * 2**20)
    monkeypatch.setattr(store_module, "_parquet", lambda frame: b"x" * (26 * 2**20))
    with pytest.raises(RhetoricError, match=r"is 52 MB as Parquet; the limit is 50 MB"):
        capped.save(numbered_quotes(1))
    assert store_backend.ids() == []


def test_empty_quotes_are_refused(store):
    with pytest.raises(RhetoricError, match="no quotes to save"):
        store.save(s.empty(s.QUOTE_SCHEMA))


def test_a_column_of_lists_is_refused(store, numbered_quotes):
    listed = numbered_quotes(1).with_columns(tags=pl.lit(["a", "b"]))
    with pytest.raises(RhetoricError, match="column tags holds lists"):
        store.save(listed)


def test_quotes_that_do_not_fit_the_schema_are_refused(store):
    wrong = pl.DataFrame({s.DATE: ["not a date"], s.SPEAKER: ["Kim"], s.QUOTE: ["Peace."]})
    with pytest.raises(RhetoricError, match="the quotes do not fit rhetoric's columns"):
        store.save(wrong)


# --- settings ---------------------------------------------------------------------------------


def test_without_environment_variables_the_defaults_apply():
    store = from_env()
    assert store.root == Path(tempfile.gettempdir()).absolute() / "rhetoric-store"
    assert (store.max_bytes, store.retention_days) == (DEFAULT_MAX_BYTES, DEFAULT_RETENTION_DAYS) == (50 * 2**20, 30)


def test_arguments_win_over_environment_variables(tmp_path, monkeypatch):
    monkeypatch.setenv("RHETORIC_STORE_DIR", str(tmp_path / "env"))
    monkeypatch.setenv("RHETORIC_STORE_MAX_BYTES", "123456")
    monkeypatch.setenv("RHETORIC_STORE_RETENTION_DAYS", "7")
    store = Store(tmp_path / "arg", max_bytes=99, retention_days=0)
    assert (store.root, store.max_bytes, store.retention_days) == (tmp_path / "arg", 99, 0)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("RHETORIC_STORE_MAX_BYTES", "lots"),
        ("RHETORIC_STORE_MAX_BYTES", "0"),
        ("RHETORIC_STORE_MAX_BYTES", "50MB"),
        ("RHETORIC_STORE_RETENTION_DAYS", "-1"),
        ("RHETORIC_STORE_RETENTION_DAYS", "2.5"),
    ],
)
def test_a_bad_setting_names_the_variable_and_what_it_accepts(monkeypatch, tmp_path, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(RhetoricError, match=f"{name} is '{value}'; set it to a whole number from"):
        Store(tmp_path)


@pytest.mark.parametrize(("keyword", "value"), [("max_bytes", 0), ("max_bytes", True), ("retention_days", -1)])
def test_a_bad_argument_is_refused(tmp_path, keyword, value):
    with pytest.raises(RhetoricError, match=f"{keyword} is {value!r}"):
        Store(tmp_path, **{keyword: value})


def test_a_store_is_a_folder_or_a_url_not_both(tmp_path):
    with pytest.raises(RhetoricError, match="give root or url, not both"):
        Store(tmp_path, url="postgresql://kim@db/rhetoric")


# --- retention --------------------------------------------------------------------------------


def test_prune_deletes_expired_datasets_and_keeps_recent_ones(store_backend, store, clock, numbered_quotes):
    old = store.save(numbered_quotes(1))
    clock[0] = T0 + dt.timedelta(days=20)
    recent = store.save(numbered_quotes(2))
    assert store.prune(now=T0 + dt.timedelta(days=29)) == 0
    assert store.prune(now=T0 + dt.timedelta(days=31)) == 1
    assert store_backend.ids() == [recent]
    assert not store.exists(old)
    assert_frame_equal(store.load(recent).quotes, numbered_quotes(2))


def test_opening_a_dataset_restarts_its_retention_clock(store, clock, numbered_quotes):
    dataset_id = store.save(numbered_quotes(1))
    clock[0] = T0 + dt.timedelta(days=20)
    store.load(dataset_id)
    assert store.prune(now=T0 + dt.timedelta(days=45)) == 0
    assert store.prune(now=T0 + dt.timedelta(days=51)) == 1


def test_saving_again_restarts_the_retention_clock(store, clock, numbered_quotes):
    dataset_id = store.save(numbered_quotes(1))
    clock[0] = T0 + dt.timedelta(days=20)
    assert store.save(numbered_quotes(1)) == dataset_id
    assert store.prune(now=T0 + dt.timedelta(days=45)) == 0
    assert store.exists(dataset_id)


def test_a_clock_is_never_turned_back(store, clock, numbered_quotes):
    """A replica whose clock runs behind does not shorten a dataset's life by opening or saving it."""
    dataset_id = store.save(numbered_quotes(1))
    clock[0] = T0 - dt.timedelta(days=10)
    store.load(dataset_id)
    assert store.save(numbered_quotes(1)) == dataset_id
    assert store.prune(now=T0 + dt.timedelta(days=29)) == 0


def test_checking_whether_a_dataset_exists_does_not_restart_its_clock(store, clock, numbered_quotes):
    dataset_id = store.save(numbered_quotes(1))
    clock[0] = T0 + dt.timedelta(days=20)
    assert store.exists(dataset_id)
    assert store.prune(now=T0 + dt.timedelta(days=31)) == 1


def test_a_retention_beyond_the_calendar_keeps_everything(store_backend, clock, numbered_quotes):
    long = store_backend.store(retention_days=10**12)
    dataset_id = long.save(numbered_quotes(1))
    assert long.prune(now=T0 + dt.timedelta(days=100_000)) == 0
    assert long.exists(dataset_id)


def test_retention_of_zero_days_keeps_datasets_forever(store_backend, clock, numbered_quotes):
    forever = store_backend.store(retention_days=0)
    dataset_id = forever.save(numbered_quotes(1))
    assert forever.prune(now=T0 + dt.timedelta(days=100_000)) == 0
    assert forever.exists(dataset_id)


def test_prune_without_now_uses_the_current_time(store, clock, numbered_quotes):
    store.save(numbered_quotes(1))
    clock[0] = T0 + dt.timedelta(days=30, seconds=1)
    assert store.prune() == 1


# --- learned scores ---------------------------------------------------------------------------


def test_learned_scores_kept_in_the_store_come_back_for_the_same_model_only(store_backend, store):
    """The store is the learned scorer's cache across processes: by text digest and model version."""
    assert store.get_scores(["a" * 64], "model 1") == {}  # nothing saved yet, and nothing created by asking
    assert not store_backend.created()
    store.put_scores({"a" * 64: (0.5, 0.25), "b" * 64: (-0.75, 1.0)}, "model 1")
    assert store.get_scores(["a" * 64, "b" * 64, "c" * 64], "model 1") == {
        "a" * 64: (0.5, 0.25),
        "b" * 64: (-0.75, 1.0),
    }
    assert store.get_scores(["a" * 64], "model 2") == {}
    store.put_scores({"a" * 64: (0.0, 0.0)}, "model 1")  # a score is never overwritten: the model made it once
    assert store.get_scores(["a" * 64], "model 1") == {"a" * 64: (0.5, 0.25)}


def test_learned_scores_live_beside_saved_datasets(store, love_letters):
    dataset = store.save(love_letters)
    store.put_scores({"d" * 64: (0.1, 0.2)}, "m")
    assert store.load(dataset).quotes.height == love_letters.height
    assert store.get_scores(["d" * 64], "m") == {"d" * 64: (0.1, 0.2)}


def test_many_scores_are_asked_for_in_parts(store):
    """More digests than one query takes (SQLite's bound parameters, PostgreSQL's array) all come back."""
    scores = {f"{i:064x}": (i / 20_000, -i / 20_000) for i in range(12_000)}
    store.put_scores(scores, "m")
    assert store.get_scores(list(scores), "m") == scores


def test_scores_kept_by_eight_workers_at_once_in_opposite_orders_are_all_kept(store_backend):
    """Overlapping rows inserted in opposite orders would deadlock on PostgreSQL unless sorted first; a lost
    batch would not raise (the cache skips a failed write), so the test counts the rows."""
    digests = [f"{i:064x}" for i in range(8_000)]
    barrier = threading.Barrier(WORKERS)

    def keep(k: int) -> None:
        mine = digests[k * 500 : k * 500 + 4_000]
        barrier.wait(timeout=60)
        store_backend.store().put_scores({d: (k / 10, k / 10) for d in (mine if k % 2 else mine[::-1])}, "m")

    with ThreadPoolExecutor(WORKERS) as pool:
        list(pool.map(keep, range(WORKERS)))
    kept = store_backend.store().get_scores(digests, "m")
    assert sorted(kept) == digests[: 7 * 500 + 4_000]

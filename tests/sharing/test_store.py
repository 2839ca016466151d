"""Tests for rhetoric.sharing.store: saved datasets, their content ids, crashes, hostile ids, caps and retention."""

from __future__ import annotations

import builtins
import datetime as dt
import hashlib
import io
import multiprocessing as mp
import os
import sqlite3
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import polars as pl
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

ENV = ("RHETORIC_STORE_DIR", "RHETORIC_STORE_MAX_BYTES", "RHETORIC_STORE_RETENTION_DAYS")
WORKERS = 8
CRASHED = 17  # the exit status of a child that died mid-save
T0 = dt.datetime(2024, 1, 1, 12, 0, tzinfo=dt.UTC)
# polars' thread pool deadlocks in a child forked from a parent that has used it (checked: write_csv
# hangs), and pytest's process has; spawned children start clean, as separate app processes would.
SPAWN = mp.get_context("spawn")


@pytest.fixture(autouse=True)
def _no_store_settings_from_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings exported on the machine running the tests must not change what the tests see."""
    for name in ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """An empty store in a folder not yet created."""
    return Store(tmp_path / "store")


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[dt.datetime]:
    """The store's idea of now, starting at T0; set clock[0] to move it."""
    now = [T0]
    monkeypatch.setattr(store_module, "_now", lambda: now[0])
    return now


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


def quotes_numbered(n: int, rows: int = 3) -> pl.DataFrame:
    """A small quotes frame whose content differs for every n."""
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


def quotes_incompressible(rows: int) -> pl.DataFrame:
    """Quotes of hex digests: megabytes of Parquet that compression cannot shrink much."""
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


def saved_ids(store: Store) -> list[str]:
    """The ids of the rows in the store's database, read directly."""
    if not store.path.exists():
        return []
    with sqlite3.connect(store.path) as db:
        return sorted(row[0] for row in db.execute("SELECT id FROM datasets"))


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


def test_a_dataset_saved_before_a_schema_change_loads_in_todays_schema(store):
    """A column added to the schema since the save comes back as nulls of its dtype."""
    older = quotes_numbered(1).drop(s.VARIANT_OF)
    dataset_id = store.save(quotes_numbered(1))
    with sqlite3.connect(store.path) as db:
        db.execute("UPDATE datasets SET quotes = ? WHERE id = ?", (store_module._parquet(older), dataset_id))
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


def test_saving_the_same_data_twice_gives_the_same_id_and_one_dataset(store, love_letters, summits):
    first = store.save(love_letters, summits)
    assert store.save(love_letters.clone(), summits.clone()) == first
    assert saved_ids(store) == [first]


def test_the_same_data_gets_the_same_id_in_another_store(tmp_path, love_letters, summits):
    """The id depends on the data only: not on the store, the time or the process."""
    assert Store(tmp_path / "a").save(love_letters, summits) == Store(tmp_path / "b").save(love_letters, summits)


def test_the_id_does_not_depend_on_score_columns(store, two_speaker_quotes):
    scored = two_speaker_quotes.with_columns(warmth_terms=pl.lit("love"), substance_terms=pl.lit("nuclear"))
    rescored = two_speaker_quotes.with_columns(pl.col(s.WARMTH) * -1)
    unscored = two_speaker_quotes.drop(list(s.SCORE_SCHEMA))
    assert store.save(scored) == store.save(rescored) == store.save(unscored)
    assert len(saved_ids(store)) == 1


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
def test_different_data_gives_a_different_id(store, love_letters, summits, change):
    original = store.save(love_letters, summits)
    assert store.save(*change(love_letters, summits)) != original
    assert len(saved_ids(store)) == 2


def test_quotes_and_outcomes_are_hashed_apart(store):
    """An outcome column cannot pass for a quote column: each frame's header goes into the id."""
    quotes = quotes_numbered(1)
    assert store.save(quotes, s.empty(s.OUTCOME_SCHEMA)) != store.save(
        quotes, s.conform(pl.DataFrame({"extra": []}, schema={"extra": pl.String}), s.OUTCOME_SCHEMA)
    )


# --- concurrency ------------------------------------------------------------------------------


def _save_after_barrier(root: Path, frame: pl.DataFrame, barrier, results, index: int) -> None:
    """Runs in a spawned process: wait for all workers, save, report the id."""
    barrier.wait(timeout=60)
    results.put((index, Store(root).save(frame)))


def expected_ids(tmp_path: Path, frames: list[pl.DataFrame]) -> list[str]:
    """The ids one save after another gives, in a reference store of its own."""
    reference = Store(tmp_path / "reference")
    return [reference.save(frame) for frame in frames]


def assert_holds_exactly(store: Store, frames: list[pl.DataFrame], ids: list[str]) -> None:
    assert saved_ids(store) == sorted(set(ids))
    for frame, dataset_id in zip(frames, ids, strict=True):
        assert_frame_equal(store.load(dataset_id).quotes, frame)


def test_threads_saving_the_same_and_different_datasets_at_once_all_succeed(store, tmp_path):
    frames = [quotes_numbered(i % 3, rows=500) for i in range(WORKERS)]  # three datasets, each saved 2-3 times
    barrier = threading.Barrier(WORKERS)

    def save(frame: pl.DataFrame) -> str:
        barrier.wait(timeout=60)
        return store.save(frame)

    with ThreadPoolExecutor(WORKERS) as pool:
        ids = list(pool.map(save, frames))
    assert ids == expected_ids(tmp_path, frames)
    assert len(set(ids)) == 3
    assert_holds_exactly(store, frames, ids)


def test_processes_saving_the_same_and_different_datasets_at_once_all_succeed(store, tmp_path):
    frames = [quotes_numbered(i % 3, rows=500) for i in range(WORKERS)]
    barrier, results = SPAWN.Barrier(WORKERS), SPAWN.Queue()
    workers = [
        SPAWN.Process(target=_save_after_barrier, args=(store.root, frame, barrier, results, i))
        for i, frame in enumerate(frames)
    ]
    for worker in workers:
        worker.start()
    reported = dict(results.get(timeout=120) for _ in workers)
    for worker in workers:
        worker.join(timeout=60)
    assert [worker.exitcode for worker in workers] == [0] * WORKERS
    ids = [reported[i] for i in range(WORKERS)]
    assert ids == expected_ids(tmp_path, frames)
    assert_holds_exactly(store, frames, ids)


# --- interrupted saves ------------------------------------------------------------------------


class _DieAtCommit(sqlite3.Connection):
    """A connection that ends the process when it is about to commit a dataset it has inserted."""

    def execute(self, sql, *args):
        if sql == "COMMIT" and getattr(self, "inserted", False):
            os._exit(CRASHED)
        self.inserted = getattr(self, "inserted", False) or sql.lstrip().startswith("INSERT")
        return super().execute(sql, *args)


def _save_and_die_before_commit(root: Path, frame: pl.DataFrame) -> None:
    """Runs in a spawned process: save, but die once the dataset is written and not yet committed."""
    connect = sqlite3.connect
    sqlite3.connect = lambda *args, **kwargs: connect(*args, factory=_DieAtCommit, **kwargs)
    Store(root).save(frame)
    os._exit(0)  # not reached when the crash works; the exit status tells


def test_a_process_killed_mid_save_leaves_no_dataset_and_a_later_save_works(store, tmp_path):
    """Megabytes were written into the database file before the crash; readers still see nothing."""
    first = store.save(quotes_numbered(0))  # the store already holds another dataset
    big = quotes_incompressible(120_000)
    before = store.path.stat().st_size
    child = SPAWN.Process(target=_save_and_die_before_commit, args=(store.root, big))
    child.start()
    child.join(timeout=120)
    assert child.exitcode == CRASHED
    journal = store.path.with_name(store.path.name + "-journal")
    assert journal.exists()  # a hot journal: the crash came mid-transaction
    assert store.path.stat().st_size > before + 1_000_000  # with the half-saved dataset's pages in the file

    assert store.prune() == 0  # prune opens the store, which rolls the crash back
    assert not journal.exists()
    assert store.path.stat().st_size == before
    with sqlite3.connect(store.path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert saved_ids(store) == [first]

    dataset_id = Store(tmp_path / "reference").save(big)
    assert not store.exists(dataset_id)
    with pytest.raises(RhetoricError, match="no saved dataset has that id"):
        store.load(dataset_id)
    assert store.save(big) == dataset_id
    assert_frame_equal(store.load(dataset_id).quotes, big)


def test_a_save_failing_at_commit_leaves_no_dataset_and_a_later_save_works(store, tmp_path, love_letters, monkeypatch):
    class FailAtCommit(sqlite3.Connection):
        def execute(self, sql, *args):
            if sql == "COMMIT" and getattr(self, "inserted", False):
                raise sqlite3.OperationalError("disk I/O error")
            self.inserted = getattr(self, "inserted", False) or sql.lstrip().startswith("INSERT")
            return super().execute(sql, *args)

    connect = sqlite3.connect
    with monkeypatch.context() as patch:
        patch.setattr(sqlite3, "connect", lambda *a, **k: connect(*a, factory=FailAtCommit, **k))
        with pytest.raises(RhetoricError, match="disk I/O error"):
            store.save(love_letters)
    dataset_id = Store(tmp_path / "reference").save(love_letters)
    assert saved_ids(store) == []
    assert not store.exists(dataset_id)
    with pytest.raises(RhetoricError, match="no saved dataset has that id"):
        store.load(dataset_id)
    assert store.save(love_letters) == dataset_id
    assert_frame_equal(store.load(dataset_id).quotes, love_letters)


def test_a_parquet_writer_failing_partway_leaves_no_dataset(store, love_letters, summits, monkeypatch):
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
    assert saved_ids(store) == []
    dataset_id = store.save(love_letters, summits)
    assert_frame_equal(store.load(dataset_id).outcomes, summits)


# --- hostile ids ------------------------------------------------------------------------------

VALID_LOOKING = "0123456789abcdef0123"
HOSTILE_IDS = {
    "parent traversal": "../../etc/passwd",
    "url-encoded traversal": "..%2F..%2Fetc%2Fpasswd",
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
}


@pytest.fixture
def file_access(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, object]]:
    """Every open, stat, mkdir and database connection made from now on, recorded (and still done)."""
    calls: list[tuple[str, object]] = []

    def recording(name: str, real):
        def wrapper(*args, **kwargs):
            calls.append((name, args[0] if args else None))
            return real(*args, **kwargs)

        return wrapper

    watched = ((builtins, "open"), (io, "open"), (os, "open"), (os, "stat"), (os, "mkdir"), (sqlite3, "connect"))
    for owner, name in watched:
        monkeypatch.setattr(owner, name, recording(name, getattr(owner, name)))
    return calls


@pytest.mark.parametrize("hostile", HOSTILE_IDS.values(), ids=HOSTILE_IDS.keys())
def test_a_malformed_id_is_refused_before_the_file_system_is_touched(tmp_path, love_letters, hostile, request):
    store = Store(tmp_path / "store")
    store.save(love_letters)  # a store with something in it to find
    outside = tmp_path / "etc" / "passwd"
    outside.parent.mkdir()
    outside.write_text("root:x:0:0")
    access = request.getfixturevalue("file_access")
    with pytest.raises(RhetoricError, match="that is not a dataset id") as refused:
        store.load(hostile)
    assert not store.exists(hostile)
    assert access == []
    assert len(str(refused.value)) < 200  # a short message, even for a 5,000-character id


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


def test_reading_a_store_nothing_was_saved_in_creates_nothing(store):
    assert not store.exists(VALID_LOOKING)
    with pytest.raises(RhetoricError, match="no saved dataset has that id"):
        store.load(VALID_LOOKING)
    assert store.prune() == 0
    assert not store.root.exists()


def test_a_saved_dataset_exists(store, love_letters):
    assert store.exists(store.save(love_letters))


def test_a_store_in_a_folder_that_cannot_be_created_says_which_variable_to_set(tmp_path, love_letters):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    with pytest.raises(RhetoricError, match="set RHETORIC_STORE_DIR to a folder the app can write"):
        Store(blocker / "store").save(love_letters)


# --- what save refuses ------------------------------------------------------------------------


def test_a_dataset_over_the_size_cap_is_refused_with_the_limit_named(store, tmp_path):
    small = Store(tmp_path / "capped", max_bytes=5_000)
    big = quotes_incompressible(1_000)
    with pytest.raises(RhetoricError, match=r"the limit is 5,000 bytes \(RHETORIC_STORE_MAX_BYTES=5000\)"):
        small.save(big)
    assert saved_ids(small) == []
    assert small.save(quotes_numbered(1)) in saved_ids(small)


def test_the_default_cap_is_named_in_megabytes(store, monkeypatch):
    capped = Store(store.root, max_bytes=50 * 2**20)
    monkeypatch.setattr(store_module, "_parquet", lambda frame: b"x" * (26 * 2**20))
    with pytest.raises(RhetoricError, match=r"is 52 MB as Parquet; the limit is 50 MB"):
        capped.save(quotes_numbered(1))


def test_empty_quotes_are_refused(store):
    with pytest.raises(RhetoricError, match="no quotes to save"):
        store.save(s.empty(s.QUOTE_SCHEMA))


def test_a_column_of_lists_is_refused(store):
    listed = quotes_numbered(1).with_columns(tags=pl.lit(["a", "b"]))
    with pytest.raises(RhetoricError, match="column tags holds lists"):
        store.save(listed)


def test_quotes_that_do_not_fit_the_schema_are_refused(store):
    wrong = pl.DataFrame({s.DATE: ["not a date"], s.SPEAKER: ["Kim"], s.QUOTE: ["Peace."]})
    with pytest.raises(RhetoricError, match="the quotes do not fit rhetoric's columns"):
        store.save(wrong)


# --- settings ---------------------------------------------------------------------------------


def test_environment_variables_choose_the_folder_the_cap_and_the_retention(tmp_path, monkeypatch, love_letters):
    monkeypatch.setenv("RHETORIC_STORE_DIR", str(tmp_path / "volume"))
    monkeypatch.setenv("RHETORIC_STORE_MAX_BYTES", "123456")
    monkeypatch.setenv("RHETORIC_STORE_RETENTION_DAYS", "7")
    store = from_env()
    assert (store.root, store.max_bytes, store.retention_days) == (tmp_path / "volume", 123456, 7)
    dataset_id = store.save(love_letters)
    assert (tmp_path / "volume" / "datasets.sqlite3").exists()
    assert Store(tmp_path / "volume").exists(dataset_id)


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


# --- retention --------------------------------------------------------------------------------


def test_prune_deletes_expired_datasets_and_keeps_recent_ones(store, clock):
    old = store.save(quotes_numbered(1))
    clock[0] = T0 + dt.timedelta(days=20)
    recent = store.save(quotes_numbered(2))
    assert store.prune(now=T0 + dt.timedelta(days=29)) == 0
    assert store.prune(now=T0 + dt.timedelta(days=31)) == 1
    assert saved_ids(store) == [recent]
    assert not store.exists(old)
    assert_frame_equal(store.load(recent).quotes, quotes_numbered(2))


def test_opening_a_dataset_restarts_its_retention_clock(store, clock):
    dataset_id = store.save(quotes_numbered(1))
    clock[0] = T0 + dt.timedelta(days=20)
    store.load(dataset_id)
    assert store.prune(now=T0 + dt.timedelta(days=45)) == 0
    assert store.prune(now=T0 + dt.timedelta(days=51)) == 1


def test_saving_again_restarts_the_retention_clock(store, clock):
    dataset_id = store.save(quotes_numbered(1))
    clock[0] = T0 + dt.timedelta(days=20)
    assert store.save(quotes_numbered(1)) == dataset_id
    assert store.prune(now=T0 + dt.timedelta(days=45)) == 0
    assert store.exists(dataset_id)


def test_checking_whether_a_dataset_exists_does_not_restart_its_clock(store, clock):
    dataset_id = store.save(quotes_numbered(1))
    clock[0] = T0 + dt.timedelta(days=20)
    assert store.exists(dataset_id)
    assert store.prune(now=T0 + dt.timedelta(days=31)) == 1


def test_a_retention_beyond_the_calendar_keeps_everything(tmp_path, clock):
    long = Store(tmp_path / "store", retention_days=10**12)
    dataset_id = long.save(quotes_numbered(1))
    assert long.prune(now=T0 + dt.timedelta(days=100_000)) == 0
    assert long.exists(dataset_id)


def test_retention_of_zero_days_keeps_datasets_forever(tmp_path, clock):
    forever = Store(tmp_path / "store", retention_days=0)
    dataset_id = forever.save(quotes_numbered(1))
    assert forever.prune(now=T0 + dt.timedelta(days=100_000)) == 0
    assert forever.exists(dataset_id)


def test_prune_without_now_uses_the_current_time(store, clock):
    store.save(quotes_numbered(1))
    clock[0] = T0 + dt.timedelta(days=30, seconds=1)
    assert store.prune() == 1


def test_prune_gives_the_space_back_to_the_disk(store, clock):
    store.save(quotes_incompressible(40_000))
    full = store.path.stat().st_size
    assert full > 1_000_000
    assert store.prune(now=T0 + dt.timedelta(days=31)) == 1
    assert store.path.stat().st_size < full / 4


def test_learned_scores_kept_in_the_store_come_back_for_the_same_model_only(store: Store):
    """The store is the learned scorer's cache across processes: by text digest and model version."""
    assert store.get_scores(["a" * 64], "model 1") == {}  # nothing saved yet, and nothing created by asking
    assert not store.path.exists()
    store.put_scores({"a" * 64: (0.5, 0.25), "b" * 64: (-0.75, 1.0)}, "model 1")
    assert store.get_scores(["a" * 64, "b" * 64, "c" * 64], "model 1") == {
        "a" * 64: (0.5, 0.25),
        "b" * 64: (-0.75, 1.0),
    }
    assert store.get_scores(["a" * 64], "model 2") == {}
    store.put_scores({"a" * 64: (0.0, 0.0)}, "model 1")  # a score is never overwritten: the model made it once
    assert store.get_scores(["a" * 64], "model 1") == {"a" * 64: (0.5, 0.25)}


def test_learned_scores_live_beside_saved_datasets_in_the_same_file(store: Store, love_letters: pl.DataFrame):
    dataset = store.save(love_letters)
    store.put_scores({"d" * 64: (0.1, 0.2)}, "m")
    assert store.load(dataset).quotes.height == love_letters.height
    assert store.get_scores(["d" * 64], "m") == {"d" * 64: (0.1, 0.2)}


def test_an_unusable_store_is_a_cache_miss_not_an_error(tmp_path: Path):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    unusable = Store(blocked / "store")
    unusable.put_scores({"e" * 64: (0.3, 0.4)}, "m")  # skipped quietly
    assert unusable.get_scores(["e" * 64], "m") == {}

"""Tests for rhetoric.sharing.store_sqlite: what only the SQLite file does (its journal, its folder, its disk
space, no file touched for a hostile id). The behaviour both backends share is tested in test_store.py."""

from __future__ import annotations

import builtins
import datetime as dt
import io
import multiprocessing as mp
import os
import sqlite3
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from rhetoric.errors import RhetoricError
from rhetoric.sharing.store import Store, from_env

CRASHED = 17  # the exit status of a child that died mid-save
T0 = dt.datetime(2024, 1, 1, 12, 0, tzinfo=dt.UTC)
SPAWN = mp.get_context("spawn")  # see test_store.py: forked children of pytest's process can deadlock in polars
HOSTILE_IDS = [
    "../x",
    "../../etc/passwd",
    "%2e%2e",
    "/etc/passwd",
    "",
    "\x00",
    "A" * 20,
    "a" * 5000,
    "datasets.sqlite3",
]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """An empty SQLite store in a folder not yet created."""
    return Store(tmp_path / "store")


def saved_ids(store: Store) -> list[str]:
    """The ids of the rows in the store's database, read directly."""
    assert store.path is not None
    if not store.path.exists():
        return []
    with sqlite3.connect(store.path) as db:
        return sorted(row[0] for row in db.execute("SELECT id FROM datasets"))


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


def test_a_process_killed_mid_save_leaves_a_hot_journal_that_the_next_opening_rolls_back(
    store, tmp_path, numbered_quotes, incompressible_quotes
):
    """Megabytes were written into the database file before the crash; the journal puts the file back as it was."""
    first = store.save(numbered_quotes(0))  # the store already holds another dataset
    big = incompressible_quotes(120_000)
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
    assert store.save(big) == dataset_id
    assert_frame_equal(store.load(dataset_id).quotes, big)


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


@pytest.mark.parametrize("hostile", HOSTILE_IDS)
def test_a_malformed_id_is_refused_before_the_file_system_is_touched(tmp_path, love_letters, hostile, request):
    store = Store(tmp_path / "store")
    store.save(love_letters)  # a store with something in it to find
    outside = tmp_path / "etc" / "passwd"
    outside.parent.mkdir()
    outside.write_text("root:x:0:0")
    access = request.getfixturevalue("file_access")
    with pytest.raises(RhetoricError, match="that is not a dataset id"):
        store.load(hostile)
    assert not store.exists(hostile)
    assert access == []
    assert outside.read_text() == "root:x:0:0"


def test_reading_a_store_nothing_was_saved_in_creates_no_folder(store):
    assert not store.exists("0123456789abcdef0123")
    assert store.prune() == 0
    assert store.get_scores(["a" * 64], "m") == {}
    assert not store.root.exists()


def test_a_store_in_a_folder_that_cannot_be_created_says_which_variable_to_set(tmp_path, love_letters):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    with pytest.raises(RhetoricError, match="set RHETORIC_STORE_DIR to a folder the app can write"):
        Store(blocker / "store").save(love_letters)


def test_environment_variables_choose_the_folder_the_cap_and_the_retention(tmp_path, monkeypatch, love_letters):
    monkeypatch.setenv("RHETORIC_STORE_DIR", str(tmp_path / "volume"))
    monkeypatch.setenv("RHETORIC_STORE_MAX_BYTES", "123456")
    monkeypatch.setenv("RHETORIC_STORE_RETENTION_DAYS", "7")
    store = from_env()
    assert (store.root, store.max_bytes, store.retention_days) == (tmp_path / "volume", 123456, 7)
    dataset_id = store.save(love_letters)
    assert (tmp_path / "volume" / "datasets.sqlite3").exists()
    assert Store(tmp_path / "volume").exists(dataset_id)


def test_the_repr_names_the_folder_and_the_settings(tmp_path):
    assert repr(Store(tmp_path, max_bytes=99, retention_days=7)) == (
        f"Store({str(tmp_path)!r}, max_bytes=99, retention_days=7)"
    )


def test_prune_gives_the_space_back_to_the_disk(store, clock, incompressible_quotes):
    store.save(incompressible_quotes(40_000))
    full = store.path.stat().st_size
    assert full > 1_000_000
    assert store.prune(now=T0 + dt.timedelta(days=31)) == 1
    assert store.path.stat().st_size < full / 4


def test_learned_scores_live_in_the_same_file_as_saved_datasets(store, love_letters):
    store.save(love_letters)
    store.put_scores({"d" * 64: (0.1, 0.2)}, "m")
    with sqlite3.connect(store.path) as db:
        assert db.execute("SELECT digest, model, warmth, substance FROM scores").fetchall() == [
            ("d" * 64, "m", 0.1, 0.2)
        ]


def test_an_unusable_store_is_a_cache_miss_not_an_error(tmp_path: Path):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    unusable = Store(blocked / "store")
    unusable.put_scores({"e" * 64: (0.3, 0.4)}, "m")  # skipped quietly
    assert unusable.get_scores(["e" * 64], "m") == {}

"""dashboard.settle: a served replica freezes its long-lived heap once per view, and development never does."""

from __future__ import annotations

import gc

import pytest

from dashboard import settle


class Recorder:
    """Stands in for the gc module: records what settle asked of it."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def collect(self) -> int:
        self.calls.append("collect")
        return 0

    def freeze(self) -> None:
        self.calls.append("freeze")


@pytest.fixture
def serving(monkeypatch):
    """Production settings (runner.postScriptGC off) and a fresh process's record of settled views."""
    monkeypatch.setattr(settle, "_settled", set())
    monkeypatch.setattr(settle.st, "get_option", lambda key: False if key == "runner.postScriptGC" else None)
    recorder = Recorder()
    monkeypatch.setattr(settle, "gc", recorder)
    return recorder


def test_a_view_first_run_collects_then_freezes(serving):
    assert settle.after_run("map") is True
    assert serving.calls == ["collect", "freeze"]


def test_each_view_settles_once_per_process(serving):
    assert [settle.after_run(v) for v in ["map", "map", "moments", "map", "moments"]] == [
        True,
        False,
        True,
        False,
        False,
    ]
    assert serving.calls == ["collect", "freeze"] * 2


def test_development_keeps_streamlits_collection_and_freezes_nothing(monkeypatch):
    monkeypatch.setattr(settle, "_settled", set())
    recorder = Recorder()
    monkeypatch.setattr(settle, "gc", recorder)
    assert settle.st.get_option("runner.postScriptGC") is True  # Streamlit's default, as in development
    assert settle.after_run("map") is False
    assert recorder.calls == []


def test_the_frozen_objects_leave_the_collectors_generations(monkeypatch):
    monkeypatch.setattr(settle, "_settled", set())
    monkeypatch.setattr(settle.st, "get_option", lambda key: False)
    gc.unfreeze()
    try:
        loaded = [[i] for i in range(1000)]  # long-lived containers, as a replica's caches are
        assert settle.after_run("rapport") is True
        assert gc.get_freeze_count() >= len(loaded)
        oldest = {id(y) for y in gc.get_objects(generation=2)}
        assert not any(id(x) in oldest for x in loaded[:3])
    finally:
        gc.unfreeze()

"""The per-process view cache (dashboard.memo): the same bytes with and without it, one build for many readers,
and nothing of one reader's data in another reader's view."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import memo

ROOT = Path(__file__).resolve().parents[2]
VIEWS = ["rapport", "map", "moments", "leadlag", "wordshift", "speakers", "explorer", "data"]
OWN = b"date,speaker,target,quote\n2019-06-30,Donald Trump,Kim Jong Un,Zanzibar marmalade summit of the century.\n"


@pytest.fixture(autouse=True)
def _fresh_memo():
    memo.clear()
    yield
    memo.clear()


def rendered(at: AppTest) -> list[bytes]:
    """Every element and block the run sent, serialized: what a browser would receive. A download button made
    from a function gets a fresh random file id on every run, cache or not, so 32-hex ids are blanked."""
    out: list[bytes] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            out.append(re.sub(rb"[0-9a-f]{32}", b"<id>", proto.SerializeToString(deterministic=True)))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return out


def render(view: str) -> list[bytes]:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page(f"views/{view}.py").run()
    assert not at.exception, at.exception
    return rendered(at)


@pytest.mark.parametrize("view", VIEWS)
def test_a_view_renders_the_same_bytes_with_and_without_the_cache(view, monkeypatch):
    monkeypatch.setenv(memo.ENV, "0")
    without = render(view)
    assert memo.size() == 0
    monkeypatch.setenv(memo.ENV, "1")
    cold, warm = render(view), render(view)
    assert memo.size() > 0 and memo.stats["hits"] > 0  # the second reader was served from the cache
    assert len(without) > 5
    assert cold == without
    assert warm == without


def test_many_readers_at_once_build_a_value_once_and_all_get_it():
    calls = []

    def build():
        calls.append(1)
        time.sleep(0.2)
        return object()

    got = []
    readers = [threading.Thread(target=lambda: got.append(memo.get(("k",), build))) for _ in range(8)]
    for r in readers:
        r.start()
    for r in readers:
        r.join()
    assert len(calls) == 1 and len({id(g) for g in got}) == 1 and len(got) == 8


def test_a_failed_build_is_not_cached():
    def fail():
        raise ValueError("boom")

    with pytest.raises(ValueError):
        memo.get(("bad",), fail)
    assert memo.get(("bad",), lambda: 3) == 3


def test_one_readers_upload_and_lexicon_never_reach_another_readers_view():
    """The first reader uploads quotes and a lexicon of their own; the second, in the same process, sees none of
    it: the same bytes as a view built with no cache and no upload at all."""
    first = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    first.run()
    first.switch_page("views/data.py").run()
    first.file_uploader(key="quotes_upload").set_value(("own.csv", OWN, "text/csv")).run()
    lexicon = b"term,weight,category\nmarmalade,0.9,affection\n"
    first.file_uploader(key="lexicon_upload").set_value(("mine.csv", lexicon, "text/csv")).run()
    first.switch_page("views/explorer.py").run()
    assert not first.exception
    assert "Zanzibar" in str(first.dataframe[0].value["quote"].to_list())
    built = memo.size()

    second = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    second.run()
    for view in ("map", "speakers", "explorer"):
        second.switch_page(f"views/{view}.py").run()
        assert not second.exception
        assert "Zanzibar" not in "".join(str(b) for b in rendered(second)), view
    assert built > 0 and memo.size() > built  # the second reader's views were built for its own data
    # What the second reader sees is what a reader sees when nobody has uploaded anything or used a lexicon.
    explorer = rendered(second)
    memo.clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(memo.ENV, "0")
        assert render("explorer") == explorer

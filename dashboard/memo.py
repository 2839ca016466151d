"""A per-process cache of what views build (filtered frames, figures, headlines, sidebar statistics), shared
by every reader of this process and keyed on content, never on a session.

A key names the dataset by its content digest (Dataset.key: the data's digests and the scorer's version, which
covers the reader's own lexicon), the filters and the view's own settings. Two readers share an entry only when
everything that went into it is the same, so one reader's upload or lexicon can never reach another's view.
When many readers arrive at once, the first builds and the others wait for its result instead of building it
again. RHETORIC_VIEW_CACHE=0 turns the cache off (a test renders each view both ways and compares the bytes).
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar, cast

import plotly.graph_objects as go

T = TypeVar("T")
ENV = "RHETORIC_VIEW_CACHE"
MAX_ENTRIES = 512  # least recently used entries go first; a figure is tens of kB, a filtered frame less


class FrozenFigure(go.Figure):
    """A cached figure, shared by every reader: its dict is made once. st.plotly_chart turns a figure into a dict
    (a deep copy) on every run before writing its JSON; a frozen figure hands over the dict it already has."""

    _frozen: dict

    def to_dict(self) -> dict:
        return self._frozen


def freeze(value: T) -> T:
    """A figure made frozen (its dict taken now); anything else as it is."""
    if isinstance(value, go.Figure) and not isinstance(value, FrozenFigure):
        value._frozen = value.to_dict()
        value.__class__ = FrozenFigure
    return value


class _Entry:
    __slots__ = ("done", "failed", "value")

    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: object = None
        self.failed = False


_entries: OrderedDict[Hashable, _Entry] = OrderedDict()
_lock = threading.Lock()
stats = {"hits": 0, "misses": 0}


def enabled() -> bool:
    return os.environ.get(ENV, "1") != "0"


def get(key: Hashable, build: Callable[[], T]) -> T:
    """The value cached under `key`, built once by `build()` in this process. The value is shared: never
    change it in place (figures and frames are built fresh and only read)."""
    if not enabled():
        return build()
    with _lock:
        entry = _entries.get(key)
        owner = entry is None
        if entry is None:
            entry = _entries[key] = _Entry()
            while len(_entries) > MAX_ENTRIES:
                _entries.popitem(last=False)
        else:
            _entries.move_to_end(key)
    if owner:
        try:
            entry.value = freeze(build())
        except BaseException:
            entry.failed = True
            with _lock:
                if _entries.get(key) is entry:
                    del _entries[key]
            raise
        finally:
            entry.done.set()
        stats["misses"] += 1
        return cast(T, entry.value)
    entry.done.wait()
    if entry.failed:  # the builder failed: build here, so this reader sees the error itself
        return build()
    stats["hits"] += 1
    return cast(T, entry.value)


def keyed(dataset_key: str, what: tuple, build: Callable[[], T]) -> T:
    """get() under (dataset_key, *what); data without a key (none is made without one: a safeguard) is built
    every time instead of cached."""
    return get((dataset_key, *what), build) if dataset_key else build()


def clear() -> None:
    with _lock:
        _entries.clear()
    stats.update(hits=0, misses=0)


def size() -> int:
    return len(_entries)

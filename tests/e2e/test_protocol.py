"""The load bench's protocol client (bench/protocol.py) sends what chromium sends and receives what it receives."""

from __future__ import annotations

import asyncio
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from e2e_support import ROOT, go_to_view
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

sys.path.insert(0, str(ROOT / "bench"))

from protocol import PageLoad, Session  # bench/ is not a package: found through the path set above


class Frames:
    """The websocket frames a page exchanges on `_stcore/stream`."""

    def __init__(self, page) -> None:
        self.received: list[bytes] = []
        self.sent: list[bytes] = []
        page.on("websocket", self._watch)

    def _watch(self, socket) -> None:
        if socket.url.endswith("/_stcore/stream"):  # playwright wants functions here, not bound builtins
            socket.on("framereceived", lambda payload: self.received.append(payload))
            socket.on("framesent", lambda payload: self.sent.append(payload))

    def runs(self) -> list[list[bytes]]:
        """The received frames cut after each script_finished that ends a run, as the client cuts them: a run
        owns what came after the previous run's end (the trailing "not running" status among it)."""
        runs, current = [], []
        for frame in self.received:
            current.append(frame)
            msg = ForwardMsg()
            msg.ParseFromString(frame)
            if (
                msg.WhichOneof("type") == "script_finished"
                and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
            ):
                runs.append(current)
                current = []
        return runs

    def wait_for_runs(self, page, count: int, timeout: float = 60) -> list[list[bytes]]:
        deadline = time.monotonic() + timeout
        while len(self.runs()) < count:
            assert time.monotonic() < deadline, f"chromium saw {len(self.runs())} finished runs, not {count}"
            page.wait_for_timeout(100)  # lets playwright deliver the frame events
        return self.runs()

    def reruns(self) -> list[BackMsg]:
        return [m for m in map(_back, self.sent) if m.WhichOneof("type") == "rerun_script"]


def _back(payload: bytes) -> BackMsg:
    msg = BackMsg()
    msg.ParseFromString(payload)
    return msg


def _portable(msg: BackMsg) -> BackMsg:
    """The message without what depends on the machine's settings rather than on the client."""
    for name in ("timezone", "timezone_offset", "locale"):
        msg.rerun_script.context_info.ClearField(name)
    return msg


def run_client(url: str, opened: str, clicked: str | None) -> tuple[list[PageLoad], list[BackMsg]]:
    """Load `opened`, then switch to `clicked`, in one client session (in a thread: playwright owns this one's
    event loop)."""

    async def visit() -> tuple[list[PageLoad], list[BackMsg]]:
        async with Session(url) as session:
            loads = [await session.load(opened)]
            if clicked:
                loads.append(await session.switch(clicked))
        return loads, [_back(m) for m in session.sent]

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, visit()).result()


@pytest.fixture(scope="module")
def warm(app_server):
    """Every view run once before anyone measures: a first run shows st.cache_data's spinner (one more
    message) while it scores the bundled data, so the first reader would see what later readers do not."""
    for opened, clicked in (("", "map"), ("moments", None)):
        loads, _ = run_client(app_server.url, opened, clicked)
        assert all(load.ok for load in loads), [load.errors for load in loads]
    return app_server


@pytest.mark.parametrize(
    "opened, clicked, title",
    [("", None, None), ("", "map", "Rhetoric map"), ("moments", None, None)],
    ids=["main view", "main view then a click on the map", "a link to moments"],
)
def test_client_and_chromium_get_the_same_messages_and_bytes(page, warm, opened, clicked, title):
    frames = Frames(page)
    page.goto(f"{warm.url}/{opened}")
    frames.wait_for_runs(page, 1)
    if title:
        go_to_view(page, title)
    browser_runs = frames.wait_for_runs(page, 2 if clicked else 1)

    loads, client_sent = run_client(warm.url, opened, clicked)

    assert [load.errors for load in loads] == [[] for _ in loads]
    # The whole exchange is identical: a new_session's session id is a uuid of fixed length, and nothing
    # else differs between two sessions of the same view on a warm server.
    assert [(len(run), sum(map(len, run))) for run in browser_runs] == [(load.messages, load.bytes) for load in loads]
    assert [_portable(m) for m in client_sent] == [_portable(m) for m in frames.reruns()]
    if clicked:  # the equality above covers the message cache: the switch names the cacheable messages held
        assert client_sent[1].rerun_script.cached_message_hashes

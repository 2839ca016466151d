"""deploy/serve: replicas behind nginx with sticky routing, a shared store, restarts, and a clean stop."""

from __future__ import annotations

import collections
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e_support import ROOT, answers_ok, free_port, metric_value, save_three_rows_and_share, wait_for_charts

QUOTE_POINTS = (
    "() => document.querySelector('.js-plotly-plot').data.filter(t => t.mode === 'markers')"
    ".reduce((n, t) => n + t.x.length, 0) === 3"
)


class Served:
    """`deploy/serve` running in its own session, its output in a file; replica URLs and pids read from it."""

    def __init__(self, tmp: Path, replicas: int) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tmp / "serve.log"
        env = {**os.environ, "RHETORIC_STORE_DIR": str(tmp / "store")}
        with self.log.open("w") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "deploy/serve", "--replicas", str(replicas), "--port", str(self.port)],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.wait_for("serve: nginx pid", timeout=180)

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, needle: str, timeout: float = 60, count: int = 1) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.text().count(needle) >= count:
                return
            if self.proc.poll() is not None:
                raise RuntimeError(f"deploy/serve exited with {self.proc.returncode}:\n{self.text()[-2000:]}")
            time.sleep(0.2)
        raise TimeoutError(f"deploy/serve never said {needle!r}:\n{self.text()[-2000:]}")

    def replicas(self) -> dict[int, tuple[int, str]]:
        """Replica number -> (pid, url), the latest line for each."""
        found = re.findall(r"serve: replica (\d+) pid (\d+) (\S+)", self.text())
        return {int(n): (int(pid), url) for n, pid, url in found}

    def nginx_pid(self) -> int:
        return int(re.findall(r"serve: nginx pid (\d+)", self.text())[-1])

    def stop(self) -> int:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        return self.proc.returncode


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[Served]:
    server = Served(tmp_path_factory.mktemp("serve"), replicas=2)
    yield server
    server.stop()


def get(url: str, cookie: str | None = None) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers={"Cookie": f"rhetoric_replica={cookie}"} if cookie else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        headers = dict(response.headers)
        if cookies := response.headers.get_all("Set-Cookie"):  # Streamlit's xsrf cookie comes too
            headers["Set-Cookie"] = "\n".join(cookies)
        return response.status, headers, response.read().decode(errors="replace")


def route_of(headers: dict[str, str]) -> str:
    """The route a new reader was given: the value of its rhetoric_replica cookie."""
    match = re.search(r"^rhetoric_replica=(r\d+); Path=/; HttpOnly", headers.get("Set-Cookie", ""), re.M)
    assert match, headers.get("Set-Cookie")
    return match[1]


def routes(served: Served) -> dict[str, str]:
    """The cookie value that reaches each replica, as new readers are given them: replica address -> cookie."""
    found: dict[str, str] = {}
    for _ in range(8):
        _, headers, _ = get(f"{served.url}/_stcore/health")
        found.setdefault(headers["X-Rhetoric-Replica"], route_of(headers))
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()


def test_each_replica_answers_a_health_check_and_a_reader_sticks_to_one(served):
    replicas = served.replicas()
    assert sorted(replicas) == [1, 2]
    for _, url in replicas.values():
        assert get(f"{url}/_stcore/health")[2] == "ok"
    status, headers, _ = get(f"{served.url}/")
    assert status == 200
    reader = route_of(headers)
    first = get(f"{served.url}/_stcore/health", reader)[1]["X-Rhetoric-Replica"]
    assert {get(f"{served.url}/_stcore/health", reader)[1]["X-Rhetoric-Replica"] for _ in range(10)} == {first}
    assert "rhetoric_replica" not in get(f"{served.url}/_stcore/health", reader)[1].get("Set-Cookie", "")  # kept
    assert len(routes(served)) == 2  # readers spread over both replicas


def test_new_readers_are_split_evenly_and_a_cookie_only_ever_names_a_listed_replica(served):
    answered = [get(f"{served.url}/_stcore/health")[1] for _ in range(10)]
    by_replica = collections.Counter(h["X-Rhetoric-Replica"] for h in answered)
    assert sorted(by_replica.values()) == [5, 5]  # in turn, not at random
    for h in answered:  # each new reader's cookie names the replica that answered it
        assert get(f"{served.url}/_stcore/health", route_of(h))[1]["X-Rhetoric-Replica"] == h["X-Rhetoric-Replica"]
    replicas = {address for address in by_replica}
    for forged in ("127.0.0.1:22", "r9", "../x", next(iter(replicas))):  # not a route this deployment gave out
        _, headers, body = get(f"{served.url}/_stcore/health", forged)
        assert body == "ok" and headers["X-Rhetoric-Replica"] in replicas
        assert route_of(headers) in {"r1", "r2"}  # treated as a new reader, and given a real route


def test_a_link_saved_through_one_replica_opens_through_another(browser, served):
    (one, cookie_one), (other, cookie_other) = sorted(routes(served).items())
    sender, receiver = browser.new_context(), browser.new_context()
    try:
        sender.add_cookies([{"name": "rhetoric_replica", "value": cookie_one, "url": served.url}])
        receiver.add_cookies([{"name": "rhetoric_replica", "value": cookie_other, "url": served.url}])
        page = sender.new_page()
        answered = page.goto(f"{served.url}/data")
        assert answered is not None and answered.headers["x-rhetoric-replica"] == one
        link = save_three_rows_and_share(page)

        fresh = receiver.new_page()
        answered = fresh.goto(link)
        assert answered is not None and answered.headers["x-rhetoric-replica"] == other != one
        wait_for_charts(fresh)
        fresh.wait_for_function(QUOTE_POINTS)
        assert metric_value(fresh, "Quotes") == "3"
    finally:
        sender.close()
        receiver.close()


def test_a_replica_that_dies_is_started_again(served):
    pid, url = served.replicas()[1]
    os.killpg(pid, signal.SIGKILL)
    served.wait_for("serve: replica 1 exited; starting it again")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        new_pid, new_url = served.replicas()[1]
        if new_pid != pid and answers_ok(f"{new_url}/_stcore/health"):
            break
        time.sleep(0.5)
    else:
        raise AssertionError("replica 1 did not come back")
    assert new_url == url  # the same port, so nginx routes to it again


def test_sigterm_stops_every_child_and_exits_0(tmp_path):
    served = Served(tmp_path, replicas=1)
    children = [pid for pid, _ in served.replicas().values()] + [served.nginx_pid()]
    assert all(alive(pid) for pid in children)
    assert served.stop() == 0
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in children if alive(pid)]
    files = Path(re.findall(r"serve: nginx pid \d+, its files in (\S+)", served.text())[-1])
    assert files.name.startswith("rhetoric-serve-") and not files.exists()  # nginx's config and temp files

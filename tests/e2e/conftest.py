"""Browser tests: the real app on a free loopback port, driven by playwright in Debian's chromium."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("RHETORIC_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppServer:
    """A `streamlit run app.py` process on 127.0.0.1, stopped by its own PID."""

    def __init__(self, env: dict[str, str] | None = None, base_path: str = "") -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}" + (f"/{base_path}" if base_path else "")
        extra = ["--server.baseUrlPath", base_path] if base_path else []
        self.log = open(os.devnull, "w")  # noqa: SIM115  (closed in stop)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.headless",
                "true",
                "--server.address",
                "127.0.0.1",
                "--server.port",
                str(self.port),
                "--browser.gatherUsageStats",
                "false",
                *extra,
            ],
            cwd=ROOT,
            env={**os.environ, **(env or {})},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.health_at = self._wait_healthy()

    def _wait_healthy(self, timeout: float = 60) -> float:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as resp:
                    if resp.read().decode().strip() == "ok":
                        return time.monotonic()
            except OSError:
                pass
            time.sleep(0.2)
        raise TimeoutError("streamlit did not answer its health check")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()


@pytest.fixture(scope="session")
def app_server(tmp_path_factory) -> Iterator[AppServer]:
    server = AppServer(env={"RHETORIC_STORE_DIR": str(tmp_path_factory.mktemp("store"))})
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright launches Debian's chromium, never a browser of its own."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(autouse=True)
def _patient_pages(request):
    """A shared 2-core CI machine can be slow: give every wait a minute before calling it a failure."""
    if "page" in request.fixturenames:
        request.getfixturevalue("page").set_default_timeout(60_000)
    if "browser" in request.fixturenames:
        browser = request.getfixturevalue("browser")
        if not getattr(browser, "_patient", False):  # the browser lives for the session: wrap once
            original = browser.new_context

            def new_context(*args, **kwargs):
                context = original(*args, **kwargs)
                context.set_default_timeout(60_000)
                return context

            browser.new_context = new_context
            browser._patient = True
    yield


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}}


def wait_for_charts(page, count: int = 1, timeout: float = 30_000) -> None:
    """Wait until `count` plotly charts have drawn data."""
    page.wait_for_function(
        "n => Array.from(document.querySelectorAll('.js-plotly-plot')).filter(el => el.data && el.data.length).length >= n",
        arg=count,
        timeout=timeout,
    )


DATA = ROOT / "tests" / "data" / "e2e"


def go_to_view(page, title: str) -> None:
    """Switch views through the sidebar, as a reader does (a fresh page load would start a new session)."""
    page.locator("[data-testid='stSidebarNavLink']", has_text=title).first.click()
    page.wait_for_timeout(300)


def upload(page, filename: str, which: int = 0, expect: str | None = None) -> None:
    """Put a file from tests/data/e2e into the which-th file uploader of the Data view.

    With `expect`, wait for that text, choosing the file once more if the first choice was made
    before the front end had wired the uploader up (a race seen about once in four runs).
    """
    uploader = page.locator("[data-testid='stFileUploader']").nth(which)
    uploader.locator("[data-testid='stFileUploaderDropzone']").wait_for()
    field = uploader.locator("input[type='file']")
    field.set_input_files(str(DATA / filename))
    if expect is None:
        return
    try:
        page.get_by_text(expect).wait_for(timeout=20_000)
    except Exception:
        field.set_input_files(str(DATA / filename))
        page.get_by_text(expect).wait_for()


def metric_value(page, label: str) -> str:
    block = page.locator("[data-testid='stMetric']", has_text=label).first
    return block.locator("[data-testid='stMetricValue']").inner_text().strip()


def quote_points(page) -> int:
    """Quote markers drawn in the first chart (traces drawn as markers only)."""
    return page.evaluate(
        "() => document.querySelector('.js-plotly-plot').data"
        ".filter(t => t.mode === 'markers').reduce((n, t) => n + t.x.length, 0)"
    )


def pick_option(page, label: str, text: str, tries: int = 4) -> None:
    """Open a select box by its label and choose the option containing text (retried: a rerun may
    redraw the box just as it opens)."""
    for attempt in range(tries):
        page.get_by_label(label).click()
        option = page.get_by_role("option").filter(has_text=text).first
        try:
            option.wait_for(timeout=5_000)
            option.click()
            return
        except Exception:
            page.keyboard.press("Escape")
            if attempt == tries - 1:
                raise
            page.wait_for_timeout(500)

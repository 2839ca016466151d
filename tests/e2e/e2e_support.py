"""Browser tests: the real app on a free loopback port, driven by playwright in Debian's chromium; the hooks,
fixtures and helpers (tests import this module as e2e_support; conftest.py hands the hooks and fixtures to pytest)."""

from __future__ import annotations

import os
import shutil
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


# What the browser tests need from the machine, and how to get it (Debian; .ci/run does this itself).
NEEDS = {
    "chromium": (CHROMIUM, "apt-get install -y chromium"),
    "nginx": (shutil.which("nginx") or "/usr/sbin/nginx", "apt-get install -y nginx-light"),
}
PROXY_TESTS = {"test_proxy.py", "test_serve.py"}  # these run nginx too
NO_BROWSER = {"test_servers.py"}  # tests of the test servers themselves


def missing_for(filename: str) -> list[str]:
    """The tools a browser test file needs that this machine lacks: chromium for all, nginx for the proxy test."""
    wanted = ["chromium", "nginx"] if filename in PROXY_TESTS else [] if filename in NO_BROWSER else ["chromium"]
    return [name for name in wanted if not os.access(NEEDS[name][0], os.X_OK)]


def _how_to_install(missing: list[str]) -> str:
    commands = " && ".join(NEEDS[name][1] for name in missing)
    return f"{' and '.join(missing)} not found: the browser tests need them; install with `{commands}` (as root), or run `bash .ci/run`"


def pytest_report_collectionfinish(config, start_path, items):
    """Said at collection, before any server starts: what the browser tests will miss."""
    files = {Path(str(item.fspath)).name for item in items if "e2e" in Path(str(item.fspath)).parts}
    missing = sorted({name for f in files for name in missing_for(f)})
    return [f"browser tests: {_how_to_install(missing)}"] if missing else []


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """A browser test on a machine without its tools fails at once with what to install: no fixture runs, so
    no server is started for it."""
    missing = missing_for(Path(str(item.fspath)).name)
    if missing:
        pytest.fail(_how_to_install(missing), pytrace=False)


class Process:
    """A child process in its own session: `stop` ends it and everything it started, whatever state it is in."""

    def __init__(self, args: list[str], *, cwd: Path = ROOT, env: dict[str, str] | None = None) -> None:
        self.proc = subprocess.Popen(
            args,
            cwd=cwd,
            env={**os.environ, **(env or {})},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    @property
    def pid(self) -> int:
        return self.proc.pid

    def stop(self) -> None:
        """SIGTERM to the whole process group, SIGKILL after 10 s; safe to call twice."""
        for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 10)):
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.proc.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue
        self.proc.poll()


def answers_ok(url: str, timeout: float = 2) -> bool:
    """Whether `url` answers "ok" now (a health check); False while nothing listens there."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.read().decode().strip() == "ok"
    except OSError:
        return False


def wait_healthy(url: str, process: Process, what: str, timeout: float = 60) -> float:
    """Poll `url` until it answers `ok`; the time it did. Raises if the process exits or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.proc.returncode}")
        if answers_ok(url):
            return time.monotonic()
        time.sleep(0.2)
    raise TimeoutError(f"{what} did not answer its health check")


class AppServer:
    """A `streamlit run app.py` process on 127.0.0.1. If it does not come up, or the start is interrupted,
    the process is stopped before the error goes on: a failed start never leaves a server behind."""

    def __init__(
        self, env: dict[str, str] | None = None, base_path: str = "", timeout: float = 60, cwd: Path = ROOT
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}" + (f"/{base_path}" if base_path else "")
        extra = ["--server.baseUrlPath", base_path] if base_path else []
        self.process = Process(
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
            cwd=cwd,
            env=env,
        )
        self.proc = self.process.proc
        try:
            self.health_at = wait_healthy(f"{self.url}/_stcore/health", self.process, "streamlit", timeout)
        except BaseException:  # a timeout, a crash, or Ctrl-C / a killed fixture mid-start
            self.process.stop()
            raise

    def stop(self) -> None:
        self.process.stop()


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


THREE_QUOTES = (
    "() => document.querySelector('.js-plotly-plot').data.filter(t => t.mode === 'markers')"
    ".reduce((n, t) => n + t.x.length, 0) === 3"
)


def save_three_rows_and_share(page) -> str:
    """On the Data view: upload three_rows.csv, press Save and share, show that data alone on the main view, and
    return the page's address (the shared link) once its chart has the three quotes."""
    upload(page, "three_rows.csv", expect="three_rows.csv: 3 rows accepted")
    page.get_by_role("button", name="Save and share").click()
    page.get_by_text("Saved as dataset").wait_for()
    page.wait_for_function("() => /dataset=[0-9a-f]{20}/.test(location.search)")
    sidebar = page.locator("[data-testid='stSidebar']")
    if not sidebar.get_by_text("Your data alone").is_visible():
        sidebar.get_by_text("Data shown").click()
    sidebar.get_by_text("Your data alone").click()
    go_to_view(page, "Rapport vs. results")
    wait_for_charts(page)
    page.wait_for_function(THREE_QUOTES)
    return page.url

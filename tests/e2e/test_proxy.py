"""Hosted behind a reverse proxy at a base URL path: the shipped nginx config, run for real."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import urllib.request
from string import Template

import pytest
from conftest import ROOT, AppServer, free_port, wait_for_charts

TEMPLATE = ROOT / "deploy" / "nginx.conf.template"


@pytest.fixture(scope="module")
def proxied(tmp_path_factory):
    """The app at /rhetoric on its own port, and nginx in front of it on another."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    app = AppServer(base_path="rhetoric")
    prefix = tmp_path_factory.mktemp("nginx")
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / folder).mkdir()
    port = free_port()
    conf = Template(TEMPLATE.read_text()).safe_substitute(PREFIX=str(prefix), PROXY_PORT=port, APP_PORT=app.port)
    (prefix / "nginx.conf").write_text(conf)
    proc = subprocess.Popen(
        [nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/rhetoric"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.read().decode().strip() == "ok":
                    break
        except OSError:
            time.sleep(0.2)
    else:
        raise TimeoutError("nginx did not pass the health check through")
    yield url
    os.kill(proc.pid, signal.SIGTERM)
    proc.wait(timeout=10)
    app.stop()


def test_the_app_works_through_the_proxy_at_a_base_path(page, proxied):
    page.goto(f"{proxied}/map?speaker=Kim%20Jong%20Un")
    page.get_by_role("heading", name="Rhetoric map").wait_for()
    wait_for_charts(page)
    names = page.evaluate("() => document.querySelector('.js-plotly-plot').data.map(t => t.name)")
    assert names == ["Kim Jong Un"]
    page.locator("[data-testid='stSidebarNavLink']", has_text="Moments").click()
    page.get_by_role("heading", name="Moments: did the warm talk deliver?").wait_for()
    page.wait_for_function(
        "() => location.pathname.endsWith('/rhetoric/moments') && location.search.includes('speaker=Kim')"
    )

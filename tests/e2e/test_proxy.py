"""Hosted behind a reverse proxy at a base URL path: the shipped nginx config, run for real."""

from __future__ import annotations

from string import Template

import pytest
from e2e_support import NEEDS, ROOT, AppServer, Process, free_port, wait_for_charts, wait_healthy

TEMPLATE = ROOT / "deploy" / "nginx.conf.template"


@pytest.fixture(scope="module")
def proxied(tmp_path_factory):
    """The app at /rhetoric on its own port, and nginx in front of it on another; both stopped whatever happens."""
    app = AppServer(base_path="rhetoric")
    nginx = None
    try:
        prefix = tmp_path_factory.mktemp("nginx")
        for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (prefix / folder).mkdir()
        port = free_port()
        conf = Template(TEMPLATE.read_text()).safe_substitute(PREFIX=str(prefix), PROXY_PORT=port, APP_PORT=app.port)
        (prefix / "nginx.conf").write_text(conf)
        nginx = Process([NEEDS["nginx"][0], "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"])
        url = f"http://127.0.0.1:{port}/rhetoric"
        wait_healthy(f"{url}/_stcore/health", nginx, "nginx", timeout=20)
        yield url
    finally:
        if nginx is not None:
            nginx.stop()
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

"""A reader without a browser: Streamlit 1.67's websocket protocol, spoken as its front end speaks it.

A session does what the page's JavaScript does, minus the drawing and the ~114 static files: GET the page
(keeping its cookies, so a proxy's sticky-routing cookie holds), GET `_stcore/health` (which sets the
`_streamlit_xsrf` cookie) and `_stcore/host-config`, open `_stcore/stream` with the subprotocols
`streamlit, <xsrf token>` and a same-origin `Origin`, then send a `BackMsg.rerun_script` and read
`ForwardMsg`s until `script_finished`. A view switch is a second `rerun_script` on the same socket carrying
that view's `page_script_hash` (from the server's `navigation` message) and the hashes of the cacheable
messages held so far, so the server answers those with `ref_hash` references, as it does for a browser.

    async with Session("http://127.0.0.1:8501") as session:
        main = await session.load()          # the default view, as opening the address does
        other = await session.switch("map")  # a click on "Rhetoric map" in the sidebar

Errors (an exception element, a compile error, a page the server does not know, a closed socket, a
timeout, a failed HTTP request) are recorded in `PageLoad.errors`, never raised.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.AppPage_pb2 import AppPage
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Origin, Subprotocol

# What headless Debian chromium reports about itself here (captured from its first rerun_script).
TIMEZONE, TIMEZONE_OFFSET, LOCALE, COLOR_SCHEME = "UTC", 0, "en-US", "light"
TIMEOUT = 120.0  # seconds for one load: a slow server under load is measured, not failed early
XSRF_COOKIE = "_streamlit_xsrf"
NO_TOKEN = "PLACEHOLDER_AUTH_TOKEN"  # what the front end sends when it has no XSRF cookie
DEFAULT_MAX_CACHED_AGE = 2  # server.maxCachedMessageAge's default, until new_session says otherwise


@dataclass
class PageLoad:
    """One run of a view's script, as the session saw it."""

    page: str  # the view's url path, "" for the default view
    messages: int = 0  # websocket messages received, this run's script_finished included
    bytes: int = 0  # their payload bytes (after permessage-deflate, as a browser counts them)
    seconds: float | None = None  # request to script_finished; None when it never came
    title: str = ""  # the first st.title
    headline: str = ""  # the first "#### " markdown: the view's finding (dashboard.common.headline)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.seconds is not None and not self.errors


class Session:
    """One reader: a websocket session on the app at `base_url` (its root, base path included)."""

    def __init__(self, base_url: str, cookies: dict[str, str] | None = None, timeout: float = TIMEOUT) -> None:
        self.base_url = base_url.rstrip("/")
        self.cookies = dict(cookies or {})
        self.timeout = timeout
        self.pages: dict[str, AppPage] = {}  # url path -> AppPage, from the last navigation message
        self.sent: list[bytes] = []  # every BackMsg sent, serialized
        self.connect_seconds: float | None = None  # HTTP requests and websocket handshake
        self.headers: dict[str, str] = {}  # the page's HTTP response headers (lower-case names)
        self._ws: ClientConnection | None = None
        self._url = ""  # the address a browser would show now (ContextInfo.url)
        self._cache: dict[str, tuple[bytes, int]] = {}  # hash -> (message, run count when last used)
        self._runs = 0
        self._max_age = DEFAULT_MAX_CACHED_AGE

    async def __aenter__(self) -> Session:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
            self._ws = None

    # --- opening --------------------------------------------------------------------------------------------

    async def load(self, page: str = "", query: str = "") -> PageLoad:
        """Open the address of view `page` (its url path; "" for the default view) in a new session and
        run it: the time runs from the first HTTP request."""
        await self.close()  # a page load starts a new session, as it does in a browser tab
        result = PageLoad(page)
        start = time.perf_counter()
        path = f"/{page}" if page else "/"
        self._url = self.base_url + path + (f"?{query}" if query else "")
        try:
            await asyncio.wait_for(self._open(), self.timeout)
        except Exception as exc:  # no server, a refused handshake, a timeout: the reader got nothing
            result.errors.append(f"connect: {_describe(exc)}")
            return result
        self.connect_seconds = time.perf_counter() - start
        # The front end sends the path below the app's root as page_name; the server maps it to a view.
        state = _client_state(self._url, query=query, page_name=page)
        await self._run(state, result, start)
        return result

    async def _open(self) -> None:
        parts = urlsplit(self._url)
        self.headers = await self._get(parts.path + (f"?{parts.query}" if parts.query else ""))
        root = urlsplit(self.base_url).path
        await self._get(f"{root}/_stcore/health")
        await self._get(f"{root}/_stcore/host-config")
        self._ws = await connect(
            f"{urlsplit(self.base_url)._replace(scheme='ws').geturl()}/_stcore/stream",
            subprotocols=[Subprotocol("streamlit"), Subprotocol(self.cookies.get(XSRF_COOKIE, NO_TOKEN))],
            origin=Origin(f"{parts.scheme}://{parts.netloc}"),
            additional_headers={"Cookie": self._cookie_header()} if self.cookies else None,
            max_size=None,  # a chart can be larger than websockets' 1 MiB default
            ping_interval=None,  # a browser sends no pings (it still answers the server's)
            open_timeout=self.timeout,
            proxy=None,  # always straight to the server, whatever the environment says
        )

    async def _get(self, target: str) -> dict[str, str]:
        """A plain HTTP/1.0 GET (no chunked replies) that keeps the cookies it is given; the reply's headers."""
        parts = urlsplit(self.base_url)
        if parts.scheme != "http":
            raise ValueError(f"only http:// addresses are supported, not {self.base_url}")
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port or 80)
        try:
            cookie = f"Cookie: {self._cookie_header()}\r\n" if self.cookies else ""
            writer.write(f"GET {target} HTTP/1.0\r\nHost: {parts.netloc}\r\n{cookie}\r\n".encode("latin-1"))
            await writer.drain()
            head, _, _ = (await reader.read()).partition(b"\r\n\r\n")
        finally:
            writer.close()
        lines = head.decode("latin-1").split("\r\n")
        status = lines[0].split(" ", 2)
        if len(status) < 2 or status[1] != "200":
            raise ConnectionError(f"GET {target}: {lines[0] or 'no reply'}")
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            headers[name] = value
            if name == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        return headers

    def _cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    # --- switching ------------------------------------------------------------------------------------------

    async def switch(self, page: str) -> PageLoad:
        """Go to view `page` (url path or title) over the open socket, as a click in the sidebar does."""
        result = PageLoad(page)
        start = time.perf_counter()
        target = self.pages.get(page) or next((p for p in self.pages.values() if p.page_name == page), None)
        if self._ws is None:
            result.errors.append(f"switch to {page!r}: no open session")
            return result
        if target is None:
            result.errors.append(f"switch to {page!r}: the server lists no such view ({', '.join(self.pages)})")
            return result
        # Query parameters not bound to a widget are dropped on a page change; this app binds none.
        state = _client_state(self._url, page_script_hash=target.page_script_hash)
        state.rerun_script.cached_message_hashes.extend(self._cache)
        await self._run(state, result, start)
        if result.ok:
            self._url = f"{self.base_url}/{'' if target.is_default else target.url_pathname}"
        return result

    # --- reading --------------------------------------------------------------------------------------------

    async def _run(self, msg: BackMsg, result: PageLoad, start: float) -> None:
        assert self._ws is not None
        payload = msg.SerializeToString()
        self.sent.append(payload)
        deadline = start + self.timeout
        try:
            await self._ws.send(payload)
            while True:
                async with asyncio.timeout(max(0.0, deadline - time.perf_counter())):
                    frame = await self._ws.recv()
                if isinstance(frame, str):
                    result.errors.append("a text frame: Streamlit only sends binary protobufs")
                    return
                result.messages += 1
                result.bytes += len(frame)
                if self._handle(frame, result):
                    result.seconds = time.perf_counter() - start
                    return
        except TimeoutError:
            result.errors.append(f"timeout: no script_finished after {self.timeout:.0f} s")
        except ConnectionClosed as exc:
            result.errors.append(f"socket closed: {_describe(exc)}")
            self._ws = None

    def _handle(self, frame: bytes, result: PageLoad) -> bool:
        """Take in one message as the front end would; True when it ends the run."""
        msg = ForwardMsg()
        msg.ParseFromString(frame)
        kind = msg.WhichOneof("type")
        if kind == "ref_hash":  # the server knows we hold this one: read it from our cache
            cached = self._cache.get(msg.ref_hash)
            if cached is None:
                result.errors.append(f"cache miss for ref_hash {msg.ref_hash}")
                return False
            self._cache[msg.ref_hash] = (cached[0], self._runs)
            msg.ParseFromString(cached[0])
            kind = msg.WhichOneof("type")
        elif msg.metadata.cacheable and msg.hash:
            self._cache[msg.hash] = (frame, self._runs)
        if kind == "new_session":
            self._max_age = msg.new_session.config.max_cached_message_age or DEFAULT_MAX_CACHED_AGE
        elif kind == "navigation":
            self.pages = {p.url_pathname: p for p in msg.navigation.app_pages}
        elif kind == "page_not_found":
            result.errors.append(f"page not found: {msg.page_not_found.page_name!r}")
        elif kind == "session_event" and msg.session_event.HasField("script_compilation_exception"):
            result.errors.append(f"compile error: {msg.session_event.script_compilation_exception.message}")
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            _read_element(msg.delta.new_element, result)
        elif kind == "script_finished":
            status = msg.script_finished
            if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return False  # the script asked for a rerun: the page is not there yet
            self._age_cache()
            if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                result.errors.append("the script failed to compile")
            return True
        return False

    def _age_cache(self) -> None:
        # The front end forgets a message not used in the last maxCachedMessageAge runs.
        self._runs += 1
        for key, (_, used) in list(self._cache.items()):
            if self._runs - used > self._max_age:
                del self._cache[key]


_MARKDOWN_ESCAPE = re.compile(r"\\(.)")  # dashboard.highlight.escape puts a backslash before punctuation


def _read_element(element, result: PageLoad) -> None:
    which = element.WhichOneof("type")
    if which == "exception":
        result.errors.append(f"exception: {element.exception.type}: {element.exception.message}".strip())
    elif which == "heading" and element.heading.tag == "h1" and not result.title:
        result.title = element.heading.body
    elif which == "markdown" and element.markdown.body.startswith("#### ") and not result.headline:
        result.headline = _MARKDOWN_ESCAPE.sub(r"\1", element.markdown.body.removeprefix("#### ").strip())


def _client_state(url: str, *, query: str = "", page_name: str = "", page_script_hash: str = "") -> BackMsg:
    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = query
    state.page_name = page_name
    state.page_script_hash = page_script_hash
    state.widget_states.SetInParent()  # present and empty, as the front end sends it
    info = state.context_info
    info.timezone = TIMEZONE
    info.timezone_offset = TIMEZONE_OFFSET
    info.locale = LOCALE
    info.url = url
    info.is_embedded = False
    info.color_scheme = COLOR_SCHEME
    return msg


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ConnectionClosed):
        return f"code {exc.rcvd.code if exc.rcvd else 'none (no close frame)'}"
    if isinstance(exc, TimeoutError):
        return "timed out"
    return f"{type(exc).__name__}: {exc}"


async def load_page(url: str, page: str | None = None, cookies: dict[str, str] | None = None) -> PageLoad:
    """Open view `page` (its url path; None for the default view) of the app at `url` in a fresh session."""
    async with Session(url, cookies) as session:
        return await session.load(page or "")

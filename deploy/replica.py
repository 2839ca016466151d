"""One replica for deploy/serve: `streamlit run`, with Nagle's algorithm off on every connection it accepts.

    python deploy/replica.py run app.py --server.port 8501 ...   # the arguments of `streamlit run`

Streamlit 1.67 binds its server socket with protocol 0 (`socket.socket(family=...)`). asyncio sets TCP_NODELAY
only on sockets whose protocol is IPPROTO_TCP, so every connection the server accepts keeps Nagle's algorithm.
After a large message (a chart's 58–98 kB), the next small one waits in the kernel until the reader's TCP
acknowledges the first, and a reader that has nothing to send acknowledges late: Linux's delayed ACK is 40 ms,
Windows' up to 200 ms. On this machine that was about 40 ms of every page's 60 (bench/load.py, one reader).

The fix re-opens the bound socket so that its protocol is read from the descriptor (IPPROTO_TCP), and switches
Nagle off on it as well, so the accepted connections get TCP_NODELAY. Streamlit's own `streamlit run` (the
README's local command) is left as it is; tests/deploy/test_replica.py fails when Streamlit's socket changes,
so this file can go once Streamlit sets the option itself.
"""

from __future__ import annotations

import socket
import sys

from streamlit.web import cli
from streamlit.web.server.starlette import starlette_server

_streamlit_bind_socket = starlette_server._bind_socket


def bind_socket(address: str, port: int, backlog: int) -> socket.socket:
    """Streamlit's listening socket, re-opened as a TCP socket with TCP_NODELAY."""
    sock = _streamlit_bind_socket(address, port, backlog)  # always IPv4 or IPv6 TCP
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    blocking, inheritable = sock.getblocking(), sock.get_inheritable()
    sock = socket.socket(fileno=sock.detach())  # family, type and protocol read from the descriptor
    sock.setblocking(blocking)  # a socket made from a descriptor starts out blocking: keep Streamlit's setup
    sock.set_inheritable(inheritable)
    return sock


def main() -> None:
    starlette_server._bind_socket = bind_socket
    sys.argv = ["streamlit", *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()

"""deploy/replica.py: the replicas deploy/serve starts accept connections with Nagle's algorithm off."""

from __future__ import annotations

import asyncio
import importlib.util
import socket
from pathlib import Path

from streamlit.web.server.starlette import starlette_server

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("replica", ROOT / "deploy" / "replica.py")
replica = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(replica)


def accepted_nodelay(sock: socket.socket) -> int:
    """TCP_NODELAY on the connection an asyncio server (as uvicorn runs one) accepts on `sock`."""

    async def main() -> int:
        seen: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        async def on_connect(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            conn = writer.get_extra_info("socket")
            seen.set_result(conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(on_connect, sock=sock)
        async with server:
            port = sock.getsockname()[1]
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            value = await asyncio.wait_for(seen, 10)
            writer.close()
            return value

    return asyncio.run(main())


def test_streamlits_own_socket_leaves_nagle_on():
    """Why replica.py exists: when this fails, Streamlit sets TCP_NODELAY itself and replica.py can go."""
    sock = starlette_server._bind_socket("127.0.0.1", 0, 8)
    assert sock.proto == 0
    assert accepted_nodelay(sock) == 0


def test_replica_socket_accepts_connections_with_nodelay():
    sock = replica.bind_socket("127.0.0.1", 0, 8)
    assert sock.proto == socket.IPPROTO_TCP
    assert not sock.getblocking() and sock.get_inheritable()  # as Streamlit set it up
    assert accepted_nodelay(sock) == 1


def test_replica_socket_listens_where_it_was_asked():
    sock = replica.bind_socket("127.0.0.1", 0, 8)
    try:
        host, port = sock.getsockname()
        assert host == "127.0.0.1" and port > 0
        assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN) == 1
    finally:
        sock.close()

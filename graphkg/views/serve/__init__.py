"""`graphkg serve`: the analyst's workbench on 127.0.0.1 (Starlette on uvicorn).

/sparql (and /query): a read-only SPARQL 1.1 Protocol endpoint, bounded (graph/limits.py);
/: the query page with the library; /id/...: entity pages (HTML, Turtle, JSON-LD); /map and
/timeline. The port is bound here first, so a busy one is one line, not a traceback.
"""

from __future__ import annotations

import errno
import socket

from graphkg.errors import GraphkgError
from graphkg.graph.limits import Limits


class ServeError(GraphkgError):
    """The server cannot start: a busy port, an address that is not this machine's."""


def listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        reason = "the port is in use" if exc.errno == errno.EADDRINUSE else exc.strerror
        raise ServeError(f"cannot listen on {host}:{port}: {reason}") from None
    sock.listen(128)
    return sock


def serve(store, host: str = "127.0.0.1", port: int = 7878, limits: Limits | None = None,
          announce=print) -> None:  # fmt: skip
    import uvicorn

    from graphkg.views.serve.app import create_app
    from graphkg.views.serve.guard import GuardedH11Protocol

    store.open(read_only=True)  # fail early, with one line, when there is no store
    sock = listen(host, port)
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    announce(f"graphkg workbench on http://{shown}:{port}/ (SPARQL endpoint: /sparql)")
    config = uvicorn.Config(
        create_app(store.directory, host, limits), log_level="warning", access_log=False,
        timeout_keep_alive=5, limit_concurrency=256, server_header=False, proxy_headers=False,
        h11_max_incomplete_event_size=64 * 1024, http=GuardedH11Protocol,
    )  # fmt: skip
    uvicorn.Server(config).run(sockets=[sock])

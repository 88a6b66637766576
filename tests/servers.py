"""SPARQL servers for tests, started on 127.0.0.1 on free ports and stopped at the end of the
session: `oxigraph serve` with its default settings (the default graph is NOT the union of the
named graphs, so only queries that name their graphs answer) and Virtuoso 7 from Debian
(virtuoso-opensource-7-bin; .ci/run installs it), with a dba password set on its fresh database
so that writes go through Digest authentication as on a real server.

running_oxigraph() and running_virtuoso() are plain context managers, so benchmarks/ start the
same servers; the fixtures wrap them."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

TEMPLATE = Path(__file__).with_name("virtuoso.ini.template")
VIRTUOSO = shutil.which("virtuoso-t") or "/usr/bin/virtuoso-t"
ISQL = shutil.which("isql-vt") or "/usr/bin/isql-vt"
PASSWORD = "t'e st-pass"  # a quote, a dash and a space: isql, Digest and netrc all see the same
START_TIMEOUT = 90  # seconds; a loaded 2-core machine has taken 4 s


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerError(RuntimeError):
    """A test server that would not start."""


def _wait(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, OSError):
            pass
        if process.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise ServerError(
                f"{Path(process.args[0]).name} exited with {process.returncode}:\n{tail}"
            )
        if time.monotonic() > deadline:
            raise ServerError(f"{url} did not answer within {START_TIMEOUT} s")
        time.sleep(0.1)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()  # virtuoso-t checkpoints and exits on SIGTERM
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass(frozen=True)
class Server:
    base: str
    query_url: str
    update_url: str
    store_url: str
    user: str | None = None
    password: str | None = None


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(found).exists():
        raise ServerError(
            "the oxigraph server is not installed: pip install -e '.[dev]' installs it"
        )
    return found


@contextmanager
def running_oxigraph():
    """`oxigraph serve` with default settings on an empty database."""
    directory = Path(tempfile.mkdtemp(prefix="graphkg-oxigraph-"))
    process = None
    try:
        port = free_port()
        with open(directory / "server.log", "wb") as log:
            process = subprocess.Popen(
                [oxigraph_binary(), "serve", "--location", str(directory / "data"), "--bind", f"127.0.0.1:{port}"],
                stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        _wait(f"{base}/query?query=ASK%7B%7D", process, directory / "server.log")
        yield Server(base, f"{base}/query", f"{base}/update", f"{base}/store")
    finally:
        if process is not None:
            _stop(process)
        shutil.rmtree(directory, ignore_errors=True)


def virtuoso_installed() -> bool:
    return Path(VIRTUOSO).exists()


@contextmanager
def running_virtuoso(buffers: int | None = None):
    """Virtuoso 7 on a fresh database; writes need Digest auth as dba with PASSWORD. `buffers`
    (8 KB pages) replaces the template's 12,000 for larger data."""
    directory = Path(tempfile.mkdtemp(prefix="graphkg-virtuoso-"))
    process = None
    try:
        (directory / "www").mkdir()
        http_port, isql_port = free_port(), free_port()
        ini = TEMPLATE.read_text().replace("@DIR@", str(directory))
        ini = ini.replace("@HTTP_PORT@", str(http_port)).replace("@ISQL_PORT@", str(isql_port))
        if buffers:
            ini = ini.replace(
                "NumberOfBuffers          = 12000", f"NumberOfBuffers          = {buffers}"
            )
            ini = ini.replace(
                "MaxDirtyBuffers          = 9000", f"MaxDirtyBuffers          = {buffers * 3 // 4}"
            )
        (directory / "virtuoso.ini").write_text(ini)
        with open(directory / "stdout.log", "wb") as log:
            process = subprocess.Popen(
                [VIRTUOSO, "+foreground", "+configfile", str(directory / "virtuoso.ini")],
                cwd=directory, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        base = f"http://127.0.0.1:{http_port}"
        _wait(f"{base}/sparql?query=ASK%7B%7D", process, directory / "virtuoso.log")
        quoted = PASSWORD.replace("'", "''")
        done = subprocess.run(
            [ISQL, f"127.0.0.1:{isql_port}", "dba", "dba", f"exec=USER_SET_PASSWORD('dba', '{quoted}');"],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        if done.returncode or "*** Error" in done.stdout + done.stderr:  # isql-vt exits 0 on errors
            raise ServerError(f"isql-vt could not set the dba password: {done.stdout}{done.stderr}")
        yield Server(base, f"{base}/sparql", f"{base}/sparql-auth", f"{base}/sparql-graph-crud-auth",
                     "dba", PASSWORD)  # fmt: skip
    finally:
        if process is not None:
            _stop(process)
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="session")
def oxigraph_server():
    with running_oxigraph() as server:
        yield server


@pytest.fixture(scope="session")
def virtuoso():
    if not virtuoso_installed():
        message = "virtuoso-t is not installed (apt-get install virtuoso-opensource-7-bin)"
        if os.environ.get("GRAPHKG_REQUIRE_VIRTUOSO"):
            pytest.fail(message)
        pytest.skip(message)
    with running_virtuoso() as server:
        yield server

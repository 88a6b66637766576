"""Soak: concurrent clients query `graphkg serve` while builds run and swap its store.

    .venv/bin/python benchmarks/bench_soak.py [--seconds 60] [--clients 4] [--max-requests 20000]

Two report sets give two known answers (set A: the first two seed reports; set B: all five). A
builder alternates full builds of A and B into the served store (each one swaps the store
directory); the clients ask, round robin, the event count (must be A's or B's, nothing else), an
entity page (must be 200 with its title), a library query through the query page (must be 200
with a row count) and an ASK through POST. Loopback only; bounded by time and request count.
Reports dropped requests (no HTTP answer), wrong answers, latency and the server's memory (RSS
of the server and of its query forkserver) at the start, the middle and the end.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GRAPHKG = str(Path(sys.executable).with_name("graphkg"))
COUNT = "SELECT (COUNT(?e) AS ?n) WHERE { ?e a <https://w3id.org/graphkg/ontology#Event> }"


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def children(pid: int) -> list[int]:
    """Children of every thread (the forkserver is started from a worker thread)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            found += [int(p) for p in (task / "children").read_text().split()]
    return found


def memory(pid: int) -> dict:
    forkservers = [
        c for c in children(pid) if b"forkserver" in Path(f"/proc/{c}/cmdline").read_bytes()
    ]
    return {
        "server_mb": rss_kb(pid) / 1024,
        "forkserver_mb": sum(rss_kb(c) for c in forkservers) / 1024,
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--max-requests", type=int, default=20000)
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="soak-"))
    seeds = sorted((ROOT / "data" / "raw").glob("*.txt"))
    sets = {"A": seeds[:2], "B": seeds}
    for name, files in sets.items():
        (work / name).mkdir()
        for path in files:
            shutil.copy(path, work / name / path.name)
    store = work / "store"
    expected = {}
    for name in sets:  # each set's answer, from its own store
        subprocess.run([GRAPHKG, "build", str(work / name), "--store", str(work / f"ref{name}")],
                       check=True, capture_output=True)  # fmt: skip
        out = subprocess.run([GRAPHKG, "sparql", COUNT, "--store", str(work / f"ref{name}"), "-f", "json"],
                             check=True, capture_output=True, text=True).stdout  # fmt: skip
        expected[name] = json.loads(out)["n"]
    subprocess.run(
        [GRAPHKG, "build", str(work / "A"), "--store", str(store)], check=True, capture_output=True
    )

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = (work / "serve.log").open(
        "w"
    )  # a file, not a pipe nobody reads (it would fill and block)
    server = subprocess.Popen([GRAPHKG, "serve", "--store", str(store), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=log)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/favicon.ico", timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)

    iri = "/id/region/BY-MA"
    library = "/?" + urllib.parse.urlencode(
        {"lib": "partners_of", "run": "1", "p.name": "Правительство"}
    )
    checks = [
        ("count", base + "/sparql?" + urllib.parse.urlencode({"query": COUNT}), None,
         lambda b: int(json.loads(b)["results"]["bindings"][0]["n"]["value"]) in expected.values()),
        ("entity", base + iri, None, lambda b: "<h1>Могилевская область</h1>" in b.decode()),
        ("library", base + library, None, lambda b: b'id="rowcount"' in b),
        ("ask", base + "/sparql", b"ASK { ?s ?p ?o }", lambda b: json.loads(b)["boolean"] is True),
    ("map", base + "/map", None, lambda b: b"<html" in b[:500].lower()),
    ]  # fmt: skip
    stop = threading.Event()
    lock = threading.Lock()
    stats = {"requests": 0, "dropped": 0, "wrong": 0, "latency": [], "builds": 0, "build_errors": 0,
             "answers": {}, "failures": []}  # fmt: skip

    def client(index: int) -> None:
        turn = index
        while not stop.is_set():
            name, url, body, ok = checks[turn % len(checks)]
            turn += 1
            request = urllib.request.Request(
                url, data=body, headers={"Content-Type": "application/sparql-query"} if body else {}
            )
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    payload, status = response.read(), response.status
            except urllib.error.HTTPError as exc:
                payload, status = exc.read(), exc.code
            except OSError as exc:
                with lock:
                    stats["requests"] += 1
                    stats["dropped"] += 1
                    stats["failures"].append(f"{name}: {exc}")
                continue
            elapsed = time.perf_counter() - start
            good = status == 200 and ok(payload)
            with lock:
                stats["requests"] += 1
                stats["latency"].append(elapsed)
                if not good:
                    stats["wrong"] += 1
                    stats["failures"].append(f"{name}: {status} {payload[:120]!r}")
                if name == "count" and status == 200:
                    n = json.loads(payload)["results"]["bindings"][0]["n"]["value"]
                    stats["answers"][n] = stats["answers"].get(n, 0) + 1
                if stats["requests"] >= args.max_requests:
                    stop.set()

    def builder() -> None:
        turn = 1
        while not stop.is_set():
            name = "AB"[turn % 2]
            turn += 1
            run = subprocess.run([GRAPHKG, "build", str(work / name), "--store", str(store)],
                                 capture_output=True, text=True)  # fmt: skip
            with lock:
                stats["builds"] += 1
                stats["build_errors"] += run.returncode != 0

    mem = {"start": memory(server.pid)}
    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
    threads.append(threading.Thread(target=builder))
    began = time.monotonic()
    for thread in threads:
        thread.start()
    series = []  # the server's RSS every tenth of the run: flat after the first queries
    for tenth in range(1, 11):
        if stop.wait(args.seconds / 10):
            break
        figures = memory(server.pid)
        series.append(f"{figures['server_mb']:.0f}+{figures['forkserver_mb']:.0f}")
        if tenth == 5:
            mem["middle"] = figures
    stop.set()
    for thread in threads:
        thread.join()
    took = time.monotonic() - began
    mem["end"] = memory(server.pid)
    server.terminate()
    server.wait(10)
    log.close()
    errors = [line for line in (work / "serve.log").read_text().splitlines() if "Error" in line]
    shutil.rmtree(work, ignore_errors=True)

    latency = sorted(stats["latency"])
    print(f"| soak | {took:.0f} s, {args.clients} clients, {stats['builds']} builds (swaps) |")
    print("|---|---|")
    print(f"| requests | {stats['requests']} ({stats['requests'] / took:.1f}/s) |")
    print(f"| dropped (no HTTP answer) | {stats['dropped']} |")
    print(f"| wrong answers | {stats['wrong']} |")
    print(f"| event counts seen | {stats['answers']} (A = {expected['A']}, B = {expected['B']}) |")
    print(f"| build errors | {stats['build_errors']} |")
    if latency:
        print(f"| latency p50 / p95 / max | {statistics.median(latency) * 1000:.0f} / "
              f"{latency[int(len(latency) * 0.95)] * 1000:.0f} / {latency[-1] * 1000:.0f} ms |")  # fmt: skip
    for moment, figures in mem.items():
        print(
            f"| memory at {moment} | server {figures['server_mb']:.0f} MB, forkserver {figures['forkserver_mb']:.0f} MB |"
        )
    print(f"| server + forkserver MB, every {args.seconds / 10:.0f} s | {' '.join(series)} |")
    for failure in stats["failures"][:10]:
        print("failure:", failure)
    for line in errors[:10]:
        print("server log:", line)
    return 0 if stats["dropped"] == 0 and stats["wrong"] == 0 and stats["build_errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

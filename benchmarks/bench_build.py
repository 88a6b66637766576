"""Build throughput: the seeds end to end, and 100 and 1,000 synthetic reports; incremental add.

    .venv/bin/python benchmarks/bench_build.py [--sizes 100 1000]

Each build runs `graphkg build` in a fresh process (so model and table loading is counted once,
and peak memory is that process's). Model load is measured apart: importing graphkg, loading
pymorphy3 and building the inflected lookup indexes. Throughput is report text per second of the
whole build (parse, resolve, RDF, store write). Prints a Markdown table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GRAPHKG = str(Path(sys.executable).with_name("graphkg"))
ADD_RUNS = 3
LOAD = """
import time; t = time.perf_counter()
from graphkg.extract.institutions.lexicon import heads, legal_forms
from graphkg.tables import country_index, place_index, region_adjective_index
place_index(); region_adjective_index(); country_index(); legal_forms(); heads()
print(time.perf_counter() - t)
"""


def build(inputs: list[Path], store: Path) -> tuple[float, float, str]:
    """(seconds, peak MB, last line) of one `graphkg build` process; the peak is that process's own
    (os.wait4), not the largest of all children so far."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out:
        child = subprocess.Popen(
            [GRAPHKG, "build", *map(str, inputs), "--store", str(store)],
            stdout=out,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        if child.returncode:
            raise SystemExit(f"graphkg build failed ({child.returncode}) on {inputs}")
        out.seek(0)
        last = out.read().strip().splitlines()[-1]
    return seconds, usage.ru_maxrss / 1024, last


def row(name: str, inputs: list[Path], store: Path) -> tuple[str, float]:
    files = [p for d in inputs for p in (sorted(d.glob("*.txt")) if d.is_dir() else [d])]
    size = sum(p.stat().st_size for p in files) / 1024
    seconds, peak, line = build(inputs, store)
    events = int(line.split(" events")[0].split()[-1])
    return (f"| {name} | {len(files)} | {size:,.0f} | {events:,} | {seconds:.1f} | {size / seconds:,.0f} | "
            f"{events / seconds:,.0f} | {peak:,.0f} |"), seconds  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000])
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synth import generate

    load = float(
        subprocess.run(
            [sys.executable, "-c", LOAD], capture_output=True, text=True, check=True
        ).stdout
    )
    print(f"Model and table load (pymorphy3, inflected indexes): {load:.2f} s\n")
    print("| corpus | reports | KB | events | build (s) | KB/s | events/s | peak RSS (MB) |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        line, _ = row("seeds", [ROOT / "data" / "raw"], tmp / "seeds-store")
        print(line, flush=True)
        for size in args.sizes:
            corpus = tmp / f"synthetic-{size}"
            paths = generate(corpus, size + 1)
            extra = paths[-1]
            held = tmp / extra.name
            shutil.move(extra, held)  # kept back for the incremental add
            line, _ = row(f"synthetic {size}", [corpus], tmp / f"store-{size}")
            print(line, flush=True)
            runs = []
            for k in range(
                ADD_RUNS
            ):  # each on its own copy of the store, so each adds the same report
                copy = tmp / f"store-{size}-add{k}"
                shutil.copytree(tmp / f"store-{size}", copy)
                runs.append(build([held], copy))
                shutil.rmtree(copy)
            seconds = statistics.median(r[0] for r in runs)
            spread = f"{min(r[0] for r in runs):.1f}–{max(r[0] for r in runs):.1f}"
            peak = max(r[1] for r in runs)
            print(f"| add 1 report to the {size}-report store (median of {ADD_RUNS}: {spread}) | 1 | "
                  f"{held.stat().st_size / 1024:,.0f} | | {seconds:.1f} | | | {peak:,.0f} |", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()

"""Table parse time against rows: the parse must stay linear (it was quadratic past row 9999).

    .venv/bin/python benchmarks/bench_parse.py [--rows 1000 10000 20000 100000]

Each size is one synthetic table report (`N.` and five cells a row, the TXT layout), parsed by
ingest.layouts.parse_document from an in-memory Document (reading and extraction are not timed).
Prints a Markdown table for BENCHMARKS.md: rows, events found, seconds, microseconds per row.
"""

from __future__ import annotations

import argparse
import time

from graphkg.ingest.layouts import parse_document
from graphkg.models import Document

HEADER = ["№ п/п", "Наименование мероприятия", "Место проведения", "Сроки проведения",
          "Цель, содержание и результат", "Участники мероприятия"]  # fmt: skip


def table(rows: int) -> Document:
    lines = ["Отчет о мероприятиях в I квартале 2025 года", ""] + ["\t" + h for h in HEADER]
    for n in range(1, rows + 1):
        lines += ["", f"\t{n}.", f"\tВстреча делегаций № {n}", "\tг. Смоленск",
                  "\t12.03.2025", "\tОбсуждение планов сотрудничества", "\t25 человек"]  # fmt: skip
    return Document(source="bench.txt", path="bench.txt", format="txt", encoding="utf-8",
                    lines=tuple(lines))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 10000, 20000, 100000])
    args = parser.parse_args()
    print("| rows | events | seconds | µs per row |\n|---:|---:|---:|---:|")
    for rows in args.rows:
        doc = table(rows)
        start = time.perf_counter()
        parsed = parse_document(doc)
        seconds = time.perf_counter() - start
        print(f"| {rows:,} | {len(parsed.rows):,} | {seconds:.2f} | {seconds / rows * 1e6:.0f} |")


if __name__ == "__main__":
    main()

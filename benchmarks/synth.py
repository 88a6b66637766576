"""A deterministic synthetic corpus: N reports made by recombining the seeds' rows.

    .venv/bin/python benchmarks/synth.py OUT_DIR --reports 100 [--seed 1]

Each report takes a quarter (shifted years), draws rows from the seed table reports, renames the
institutions in them (a suffix inside the quoted name, so legal forms and grammar stay real),
shifts every year in the row, varies the spacing (extra spaces, a row marker glued to the previous
row, a section header split over two lines) and, one report in five, writes the prose layout
instead of the table. The same arguments always give the same files.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

from graphkg.ingest.files import read_document
from graphkg.ingest.layouts import parse_document

ROOT = Path(__file__).resolve().parent.parent
HEADER = ["№ п/п", "Наименование мероприятия", "Место проведения\nмероприятия", "Сроки проведения мероприятия",
          "Цель, содержание и результат мероприятия", "Участники мероприятия (общее количество, другие дополнительные сведения)"]  # fmt: skip
ROMAN = ["I", "II", "III", "IV"]


def seed_rows():
    rows = []
    for path in sorted((ROOT / "data" / "raw").glob("*.txt")):
        report = parse_document(read_document(path))
        if report.layout.value == "table":
            rows.extend(report.rows)
    return rows


def _shift_years(text: str, delta: int) -> str:
    return re.sub(r"\b(20[12]\d)\b", lambda m: str(int(m.group(1)) + delta), text)


def _rename(text: str, tag: str) -> str:
    # «Name» -> «Name tag»: a new institution of the same kind, in every case form of the row
    return re.sub(r"«([^«»]{3,60})»", lambda m: f"«{m.group(1)} {tag}»", text)


def _space(text: str, rng: random.Random) -> str:
    return text.replace(" ", "  ", 1) if rng.random() < 0.3 else text


def table_report(rng: random.Random, rows, year: int, quarter: int, count: int) -> str:
    out = ["Отчет о мероприятиях в международной сфере, проведенных исполнительными органами",
           "Смоленской области и подведомственными им учреждениями", f"в {ROMAN[quarter - 1]} квартале {year} года", ""]  # fmt: skip
    out += ["\t" + cell for cell in HEADER]
    chosen = sorted(
        rng.sample(range(len(rows)), min(count, len(rows))), key=lambda i: rows[i].sphere or ""
    )
    sphere = None
    for n, index in enumerate(chosen, start=1):
        raw = rows[index]
        delta = (
            year - int(re.search(r"20\d\d", raw.dates or "2025").group(0))
            if re.search(r"20\d\d", raw.dates or "")
            else 0
        )
        tag = f"№{rng.randint(1, 400)}"
        if raw.sphere != sphere:
            sphere = raw.sphere
            header = sphere or "Общие направления сотрудничества"
            if rng.random() < 0.2 and " в " in header:
                header = header.replace(" в ", "\nв ", 1)  # a header split over two lines
            out += ["", "\t" + header]
        glued = rng.random() < 0.1 and n > 1
        if not glued:
            out.append("")
        cells = [raw.title, raw.place, raw.dates, raw.content, raw.participants]
        cells = [_space(_rename(_shift_years(c, delta), tag), rng) for c in cells]
        out.append((" \t" if glued else "\t") + f"{n}. ")
        out += ["\t" + cell for cell in cells]
    out += [
        "",
        f"\tВ {ROMAN[quarter - 1]} квартале {year} года состоялось {len(chosen)} мероприятий",
        "",
    ]
    return "\n".join(out)


def prose_report(rng: random.Random, rows, year: int, half: int, count: int) -> str:
    out = ["Отчет", "о сотрудничестве исполнительных органов Смоленской области", "с регионами Республики Беларусь",
           f"за {ROMAN[half - 1]} полугодие {year} года", "", "Всего за отчетный период состоялось более 30 мероприятий."]  # fmt: skip
    months = [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ]
    for _ in range(count):
        raw = rows[rng.randrange(len(rows))]
        month = months[rng.randrange(6) + 6 * (half - 1)]
        day = rng.randint(1, 28)
        body = _rename(raw.content.replace("\n", " "), f"№{rng.randint(1, 400)}")[:600]
        out.append(f"{day} {month} {year} года {raw.title[:1].lower() + raw.title[1:]}. {body}")
    return "\n".join(out) + "\n"


def generate(out_dir: Path, reports: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    rows = seed_rows()
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(reports):
        year = 2010 + k // 4 % 20
        quarter = k % 4 + 1
        if k % 5 == 4:
            text = prose_report(rng, rows, year, (quarter + 1) // 2, rng.randint(8, 15))
        else:
            text = table_report(rng, rows, year, quarter, rng.randint(25, 80))
        path = out_dir / f"synthetic_{k:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths = generate(args.out, args.reports, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} reports, {size / 1024:.0f} KB in {args.out}")


if __name__ == "__main__":
    main()

"""What each report covers: its scope (Belarus only, or all countries, from the title) and the
calendar months of its period; and the rule for comparing counts across periods.

A period with no report is "no report", never zero; counts of periods whose coverage differs (other
scope, or fewer months) carry a warning. The activity queries read gk:scope and gk:coversMonth off
the report nodes; `comparison_warning` is the one statement of the rule for their callers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache

from graphkg.resolve.keys import BASE
from graphkg.tables import read_table

SCOPE_BASE = f"{BASE}scope/"


@cache
def scopes() -> tuple[tuple[str, str, str, re.Pattern[str] | None], ...]:
    """(scope, label_ru, label_en, title pattern) from data/report_scopes.csv, in table order."""
    return tuple(
        (row["scope"], row["label_ru"], row["label_en"],
         re.compile(row["title_pattern"], re.IGNORECASE) if row["title_pattern"] else None)
        for row in read_table("report_scopes.csv")
    )  # fmt: skip


def scope_of(title: str) -> str:
    """The scope a report's title gives: "... с регионами Республики Беларусь" → "belarus"."""
    for scope, _, _, pattern in scopes():
        if pattern is None or pattern.search(title):
            return scope
    raise LookupError("data/report_scopes.csv has no default scope (a row with an empty pattern)")


def scope_iri(scope: str) -> str:
    return SCOPE_BASE + scope


def months(start: date, end: date) -> list[str]:
    """Every calendar month from start to end, inclusive, as "YYYY-MM"."""
    out, (year, month) = [], (start.year, start.month)
    while (year, month) <= (end.year, end.month):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def comparison_warning(coverage: Mapping[str, Iterable[tuple[str, str]]]) -> str | None:
    """A warning when periods compared side by side are not covered alike, else None.

    `coverage` maps each compared period ("2020", "2025-Q1", ...) to the (scope, month) pairs of
    the reports covering it; an empty one is a period with no report. Periods are alike when they
    have the same scopes and the same number of covered months.
    """
    shapes: dict[str, tuple[frozenset[str], int]] = {}
    missing = []
    for period, pairs in sorted(coverage.items()):
        pairs = set(pairs)
        if not pairs:
            missing.append(period)
            continue
        shapes[period] = (frozenset(s for s, _ in pairs), len({m for _, m in pairs}))
    parts = []
    if missing:
        parts.append("no report for " + ", ".join(missing))
    if len(set(shapes.values())) > 1:
        described = "; ".join(
            f"{p}: {'+'.join(sorted(s))}, {k} month{'s' if k != 1 else ''}"
            for p, (s, k) in shapes.items()
        )
        parts.append("periods of different coverage (" + described + ")")
    return "warning: " + " and ".join(parts) if parts else None


def store_coverage(store) -> list[dict]:
    """The rows of queries/coverage.rq: report, period, start, end, scope, month_count, months."""
    from graphkg.graph.query import run_library_query

    _, rows = run_library_query(store, "coverage")
    return rows


def period_coverage(
    rows: Iterable[dict], periods: Iterable[str]
) -> dict[str, set[tuple[str, str]]]:
    """For each period ("2025", "2025-Q1" or "2025-03"), the (scope, month) pairs the reports
    cover in it; `rows` as store_coverage gives them. A period no report covers maps to an empty set."""
    pairs = [(row["scope"], month) for row in rows for month in (row["months"] or "").split()]
    by = {p: "quarter" if "Q" in p else ("year" if len(p) == 4 else "month") for p in periods}
    return {p: {(s, m) for s, m in pairs if _period_of(m, by[p]) == p} for p in periods}


def warn_periods(store, periods: Iterable[str]) -> str | None:
    """The warning (or None) for a result that sets these periods side by side: for the activity
    queries, print it on stderr and put it in a warning column."""
    return comparison_warning(period_coverage(store_coverage(store), list(periods)))


def _period_of(month: str, by: str) -> str:
    year, m = month.split("-")
    if by == "year":
        return year
    if by == "quarter":
        return f"{year}-Q{(int(m) - 1) // 3 + 1}"
    return month


def coverage_periods(rows: Iterable[dict], by: str = "quarter") -> list[dict]:
    """Every period (year, quarter or month) from the first covered month to the last, with the
    reports and scopes that cover it, or "no report" (unknown, not zero)."""
    rows = list(rows)
    covered = sorted({m for r in rows for m in (r["months"] or "").split()})
    if not covered:
        return []
    (y0, m0), (y1, m1) = (map(int, covered[0].split("-")), map(int, covered[-1].split("-")))
    # whole periods: from the first month of the first one to the last month of the last one
    size = {"year": 12, "quarter": 3}.get(by, 1)
    m0, m1 = (m0 - 1) // size * size + 1, ((m1 - 1) // size + 1) * size
    span = months(date(y0, m0, 1), date(y1, m1, 1))
    out: dict[str, dict] = {}
    for month in span:
        period = out.setdefault(
            _period_of(month, by),
            {
                "period": _period_of(month, by),
                "months": 0,
                "covered": 0,
                "reports": set(),
                "scopes": set(),
            },
        )
        period["months"] += 1
        having = [r for r in rows if month in (r["months"] or "").split()]
        period["covered"] += bool(having)
        period["reports"] |= {r["report"] for r in having}
        period["scopes"] |= {r["scope"] for r in having}
    return [
        {"period": p["period"], "status": "no report" if not p["reports"] else
         ("covered" if p["covered"] == p["months"] else "partly covered"),
         "scope": "+".join(sorted(p["scopes"])), "months_covered": p["covered"], "months": p["months"],
         "reports": " ".join(sorted(p["reports"]))}
        for p in out.values()
    ]  # fmt: skip

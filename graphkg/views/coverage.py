"""What the reports cover, read from the store, for the timeline: which months of which years some
report speaks for (so a year with no report is not mistaken for a year with no cooperation), and
the lives of agreements when the store holds them.

Coverage comes from each report's gk:reportPeriod (rdfs:label, schema:startDate, schema:endDate);
when a build adds gk:coversMonth to report nodes (gYearMonth or a date), those months are used
instead of the period's span.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from graphkg.graph.query import PREFIXES

_PERIODS = (
    PREFIXES
    + """
SELECT ?report ?name ?label ?start ?end ?month WHERE {
  ?report a gk:Report ; schema:name ?name .
  OPTIONAL { ?report gk:reportPeriod ?p . OPTIONAL { ?p rdfs:label ?label }
             OPTIONAL { ?p schema:startDate ?start } OPTIONAL { ?p schema:endDate ?end } }
  OPTIONAL { ?report gk:coversMonth ?month }
}
"""
)


def _months(start: str, end: str) -> set[tuple[int, int]]:
    a, b = date.fromisoformat(start[:10]), date.fromisoformat(end[:10])
    out, (y, m) = set(), (a.year, a.month)
    while (y, m) <= (b.year, b.month):
        out.add((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def coverage(store) -> dict[int, dict]:
    """Year -> {"months": months some report covers, "labels": the reports' period labels}."""
    months: dict[str, set[tuple[int, int]]] = defaultdict(set)
    explicit: dict[str, set[tuple[int, int]]] = defaultdict(set)
    labels: dict[str, set[str]] = defaultdict(set)
    for row in store.query(_PERIODS)[1]:
        report = row["report"]
        if row.get("month"):
            explicit[report].add((int(row["month"][:4]), int(row["month"][5:7])))
        if row.get("start") and row.get("end"):
            months[report] |= _months(row["start"], row["end"])
        if row.get("label"):
            labels[report].add(row["label"])
    out: dict[int, dict] = {}
    for report in set(months) | set(explicit):
        for year, month in explicit.get(report) or months[report]:
            entry = out.setdefault(year, {"months": set(), "labels": set()})
            entry["months"].add(month)
            entry["labels"] |= {label for label in labels[report] if str(year) in label}
    return {
        year: {"months": sorted(e["months"]), "labels": sorted(e["labels"])}
        for year, e in out.items()
    }


def agreement_lives(store) -> list[dict]:
    """Hook for the lives of agreements ("Agreements across years", issue A15): each agreement's
    parties, kind and the first and last date the reports show it in force. The store of this
    branch has no such predicates yet, so this returns [] and the timeline draws each agreement
    as a mark at its signing date instead; fill this in once gk:Agreement carries its life."""
    return []

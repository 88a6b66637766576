"""What the reports cover, read from the store, for the timeline: which months of which years some
report speaks for (so a year with no report is not mistaken for a year with no cooperation), and
the lives of agreements when the store holds them.

Coverage comes from each report's gk:reportPeriod (rdfs:label, schema:startDate, schema:endDate);
when a build adds gk:coversMonth to report nodes (gYearMonth or a date), those months are used
instead of the period's span. Agreement lives are those the build derived (gk:lifeFirstYear,
gk:lifeLastYear, dated gk:evidence), when it did.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from graphkg.graph.query import PREFIXES

_PERIODS = (
    PREFIXES
    + """
SELECT ?report ?name ?label ?start ?end ?month ?scope WHERE { GRAPH ?g {
  ?report a gk:Report ; schema:name ?name .
  OPTIONAL { ?report gk:reportPeriod ?p . OPTIONAL { ?p rdfs:label ?label }
             OPTIONAL { ?p schema:startDate ?start } OPTIONAL { ?p schema:endDate ?end } }
  OPTIONAL { ?report gk:coversMonth ?month }
  OPTIONAL { ?report gk:scope ?s }
  }
  OPTIONAL { GRAPH ?v { ?s skos:notation ?scope } }
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
    """Year -> {"months": months some report covers, "labels": the reports' period labels,
    "scopes": what those reports cover (gk:scope: "belarus" or "all"), when the build says}."""
    months: dict[str, set[tuple[int, int]]] = defaultdict(set)
    explicit: dict[str, set[tuple[int, int]]] = defaultdict(set)
    labels: dict[str, set[str]] = defaultdict(set)
    scopes: dict[str, set[str]] = defaultdict(set)
    for row in store.query(_PERIODS)[1]:
        report = row["report"]
        if row.get("scope"):
            scopes[report].add(row["scope"])
        if row.get("month"):
            explicit[report].add((int(row["month"][:4]), int(row["month"][5:7])))
        if row.get("start") and row.get("end"):
            months[report] |= _months(row["start"], row["end"])
        if row.get("label"):
            labels[report].add(row["label"])
    out: dict[int, dict] = {}
    for report in set(months) | set(explicit):
        for year, month in explicit.get(report) or months[report]:
            entry = out.setdefault(year, {"months": set(), "labels": set(), "scopes": set()})
            entry["months"].add(month)
            entry["labels"] |= {label for label in labels[report] if str(year) in label}
            entry["scopes"] |= scopes[report]
    return {
        year: {
            "months": sorted(e["months"]),
            "labels": sorted(e["labels"]),
            "scopes": sorted(e["scopes"]),
        }
        for year, e in out.items()
    }


_LIVES = (
    PREFIXES
    + """
SELECT ?a ?kind ?home ?foreign ?first ?last ?signed ?date WHERE { GRAPH ?g {
  ?a a gk:Agreement ; rdfs:label ?kind ; gk:lifeFirstYear ?first ; gk:lifeLastYear ?last ; gk:party ?h , ?f .
  ?h gk:side "home" ; skos:prefLabel ?home . ?f gk:side "foreign" ; skos:prefLabel ?foreign .
  OPTIONAL { ?a gk:signedOn ?signed }
  # the span's evidence only: a joint event of the parties is shown beside a life, never in it
  OPTIONAL { ?a gk:evidence ?ev . ?ev gk:evidenceDate ?date ; gk:evidenceKind ?ek FILTER(?ek != "joint-event") }
} }
"""
)


def agreement_lives(store) -> list[dict]:
    """Each agreement's life as the build derived it ("Agreements across years"): its parties'
    names, kind, first and last year (gk:lifeFirstYear/LastYear) and the first and last dated
    documentary evidence (signing, citation, renewal; joint events never stretch the bar). [] for
    a store built without lives."""
    lives: dict[tuple, dict] = {}
    for row in store.query(_LIVES)[1]:
        key = (row["a"], row["home"], row["foreign"])
        life = lives.setdefault(key, {
            "home": row["home"], "foreign": row["foreign"], "kind": row["kind"], "signed": row.get("signed"),
            "first_year": int(row["first"]), "last_year": int(row["last"]), "dates": set(),
        })  # fmt: skip
        for day in (row.get("date"), row.get("signed")):
            if day:
                life["dates"].add(day[:10])
    out = []
    for life in lives.values():
        dates = sorted(life.pop("dates"))
        life["start"] = dates[0] if dates else f"{life['first_year']}-01"
        life["end"] = dates[-1] if dates else f"{life['last_year']}-12"
        out.append(life)
    return sorted(out, key=lambda x: (x["home"], x["foreign"], x["start"], x["kind"]))

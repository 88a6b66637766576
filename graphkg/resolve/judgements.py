"""Judgements a person makes on pairs of names (data/judgements.csv, beside aliases.csv and
not_same.csv): positives join names into one body transitively, negatives keep two bodies apart
(no chain of positives crosses one), unsure rows wait for a decision.

The canonical key of a joined group is the aliases.csv canonical when the group holds one (so
reviewed IRIs stay), else the group's longest key.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from graphkg import resources
from graphkg.errors import GraphkgError
from graphkg.tables import read_table

COLUMNS = ("left", "right", "judgement", "score", "evidence", "user", "timestamp")
JUDGEMENTS = ("positive", "negative", "unsure")


class JudgementError(GraphkgError):
    """A judgements file a person edited that cannot be used as it is."""


def judgements() -> list[dict[str, str]]:
    rows = read_table("judgements.csv")
    for n, row in enumerate(rows, start=1):
        if row.get("judgement") not in JUDGEMENTS:
            raise JudgementError(
                f"judgements.csv row {n}: judgement {row.get('judgement')!r} is not one of "
                f"{', '.join(JUDGEMENTS)}"
            )
    return rows


@lru_cache(maxsize=1)
def groups() -> dict[str, str]:
    """{identity key: canonical key} of every name a positive or an alias joins to another."""
    from graphkg.resolve.keys import identity_key

    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.setdefault(k, k) != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    canonical = set()
    edges = []
    for row in read_table("aliases.csv"):
        a, b = identity_key(row["variant"]), identity_key(row["canonical"])
        canonical.add(b)
        edges.append((a, b))
    rows = judgements()
    edges += [
        (identity_key(r["left"]), identity_key(r["right"]))
        for r in rows
        if r["judgement"] == "positive"
    ]
    apart = [
        (identity_key(r["left"]), identity_key(r["right"]))
        for r in rows
        if r["judgement"] == "negative"
    ]
    apart += [(identity_key(r["a"]), identity_key(r["b"])) for r in read_table("not_same.csv")]
    members: dict[str, set[str]] = {}
    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        group = members.get(ra, {ra}) | members.get(rb, {rb})
        if any(x in group and y in group for x, y in apart):
            continue  # a negative is a decision: no chain of positives joins the two
        parent[rb] = ra
        members[ra] = group
        members.pop(rb, None)
    out = {}
    for _root, group in members.items():
        chosen = sorted(group & canonical) or sorted(group, key=lambda k: (-len(k), k))
        for key in group:
            out[key] = chosen[0]
    return out


@lru_cache(maxsize=1)
def decided() -> frozenset[frozenset[str]]:
    """Pairs of identity keys a person has judged (any judgement): never proposed again."""
    from graphkg.resolve.keys import identity_key

    return frozenset(
        frozenset((identity_key(r["left"]), identity_key(r["right"]))) for r in judgements()
    )


def judgements_path() -> Path:
    """Where proposals are appended: the working tables folder when one is given, else the table
    graphkg reads (the checkout's data/ in an editable install)."""
    working = resources.working_tables()
    return working / "judgements.csv" if working is not None else resources.table("judgements.csv")


def append_unsure(proposals, user: str, path: Path | None = None) -> int:
    """Append proposals not judged yet as unsure rows; returns how many were added."""
    from graphkg.resolve.keys import identity_key

    path = path or judgements_path()
    seen = decided()
    new = [p for p in proposals if frozenset((identity_key(p.a), identity_key(p.b))) not in seen]
    if not new:
        return 0
    stamp = datetime.now(UTC).replace(microsecond=0).isoformat()
    try:
        fresh = not path.exists()
        with path.open("a", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            if fresh:
                writer.writerow(COLUMNS)
            for p in new:
                writer.writerow([p.a, p.b, "unsure", f"{p.score:.3f}", p.evidence, user, stamp])
    except OSError as exc:
        raise JudgementError(
            f"cannot append to {path} ({exc.strerror}); give a folder you can write with --tables"
        ) from exc
    groups.cache_clear()
    decided.cache_clear()
    return len(new)

"""Probable duplicates: the same activity reported twice, in two reports or twice in one.

Two events are probably one activity when their titles share a quoted name («Единой памяти
верны», «БЕЛАГРО-2025»), their dates overlap (a month or a year read as all its days) and they
name an institution in common. Each group keeps its earliest event (by start, then report and
row: the first report of an activity, not its summing-up); the others are
flagged in the partnerships graph as gk:ProbableDuplicate nodes with their evidence, and counted
once in partnerships and activity counts until a person says otherwise in
data/duplicate_decisions.csv ("different" lifts the flag, "same" sets one the rule missed).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from graphkg.models import PartialDate, Report
from graphkg.tables import read_table
from graphkg.text import fold

_QUOTED = re.compile(r"«([^«»]{3,})»")


@dataclass(frozen=True)
class Duplicate:
    kept: tuple[str, int]  # (report source, row)
    copy: tuple[str, int]
    evidence: str
    status: str  # "probable" (the rule) | "confirmed" (a person, data/duplicate_decisions.csv)


def activities(report: Report) -> list[list]:
    """What the rule reads of each event, JSON-able for the build state: [row, quoted names,
    first day, last day] (days as ISO text, None when the event has no date)."""
    out = []
    for event in report.events:
        names = sorted({fold(" ".join(m.split())) for m in _QUOTED.findall(event.title)})
        first = last = None
        if event.dates:
            first = _first_day(event.dates.start).isoformat()
            last = _last_day(event.dates.end or event.dates.start).isoformat()
        out.append([event.n, names, first, last])
    return out


def _first_day(d: PartialDate) -> date:
    return date(d.year, d.month or 1, d.day or 1)


def _last_day(d: PartialDate) -> date:
    month = d.month or 12
    return date(d.year, month, d.day or calendar.monthrange(d.year, month)[1])


def _decisions() -> dict[frozenset, str]:
    decisions = {}
    for row in read_table("duplicate_decisions.csv"):
        pair = frozenset({_event_key(row["event"]), _event_key(row["other"])})
        decisions[pair] = row["decision"]
    return decisions


def _event_key(text: str) -> tuple[str, int]:
    """'003_fc96cb31d86f2e1c.txt:14' as (source, row)."""
    source, _, row = text.strip().rpartition(":")
    return source, int(row)


def probable_duplicates(
    activity: dict[str, list[list]], participants: dict[tuple[str, int], tuple[set, set]]
) -> list[Duplicate]:
    """The duplicates among every report's activities. `participants` maps (source, row) to the
    event's (home, foreign) institution IRIs."""
    events = sorted(
        ((source, row, set(names), first, last) for source in activity
         for row, names, first, last in activity[source]),
        key=lambda e: (e[3] or "9999", e[0], e[1]),
    )  # fmt: skip
    by_name: dict[str, list[int]] = {}
    for k, (_, _, names, _, _) in enumerate(events):
        for name in names:
            by_name.setdefault(name, []).append(k)
    decisions = _decisions()
    pairs: dict[tuple[int, int], str] = {}
    for name, ks in sorted(by_name.items()):
        for i, a in enumerate(ks):
            last = events[a][4]
            for b in ks[i + 1 :]:
                if last and events[b][3] and events[b][3] > last:
                    break  # ks run in order of first day: no later event overlaps a
                evidence = _evidence(events[a], events[b], name, participants)
                if evidence and (a, b) not in pairs:
                    pairs[(a, b)] = evidence
    keys = {(s, r): k for k, (s, r, *_) in enumerate(events)}
    found: dict[tuple[int, int], tuple[str, str]] = {}
    for (a, b), evidence in pairs.items():
        pair = frozenset({events[a][:2], events[b][:2]})
        if decisions.get(pair) != "different":
            found[(a, b)] = (evidence, "confirmed" if decisions.get(pair) == "same" else "probable")
    for pair, decision in sorted(decisions.items(), key=lambda p: sorted(p[0])):
        ends = sorted(keys[k] for k in pair if k in keys)
        if decision == "same" and len(ends) == 2 and tuple(ends) not in found:
            found[(ends[0], ends[1])] = (
                "a person said so (data/duplicate_decisions.csv)",
                "confirmed",
            )
    # a group keeps its first event; every other event of it is a copy of that one
    root = list(range(len(events)))

    def find(k: int) -> int:
        while root[k] != k:
            root[k] = root[root[k]]
            k = root[k]
        return k

    for a, b in sorted(found):
        ra, rb = find(a), find(b)
        root[max(ra, rb)] = min(ra, rb)
    out: list[Duplicate] = []
    copies: set = set()  # a set, not a scan of out: 8.8 s of a 1,000-report build was that scan
    for (a, b), (evidence, status) in sorted(found.items()):
        kept = find(a)
        for copy in (a, b):
            if copy != kept and events[copy][:2] not in copies:
                copies.add(events[copy][:2])
                out.append(Duplicate(events[kept][:2], events[copy][:2], evidence, status))
    return out


def _evidence(a, b, name: str, participants) -> str | None:
    (sa, ra, _, fa, la), (sb, rb, _, fb, lb) = a, b
    if not (fa and fb and fa <= lb and fb <= la):
        return None
    home_a, foreign_a = participants.get((sa, ra), (set(), set()))
    home_b, foreign_b = participants.get((sb, rb), (set(), set()))
    common = (home_a & home_b) | (foreign_a & foreign_b)
    if not common:
        return None
    return (
        f"same name «{name}»; dates {_span(fa, la)} and {_span(fb, lb)} overlap; "
        f"{len(common)} institution(s) in common"
    )


def _span(first: str, last: str) -> str:
    return first if first == last else f"{first}..{last}"


def participants_of(facts: Iterable) -> dict[tuple[str, int], tuple[set, set]]:
    """(home, foreign) institution IRIs of every event, from the resolution's facts (the IRIs
    partnerships pair)."""
    out = {}
    for report in facts:
        for event in report.events:
            home = {m.iri for m in event.institutions if m.country == "RU"}
            foreign = {m.iri for m in event.institutions if m.country and m.country != "RU"}
            out[(report.source, event.n)] = (home, foreign)
    return out

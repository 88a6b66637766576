"""An agreement's life: its dated evidence across reports, and renewals between agreements.

The span (first and last year) of an agreement comes from documentary evidence only, each with
its report, row and date:
- signing: the event that signed it, or a row that states its signing date ("от 19.11.2024 № 152");
- citation: a row that names the agreement as in force ("в соответствии с Договором ... № 11");
  an event row that names the agreement is a citation, whatever else it reports;
- renewal: a later agreement that renews it (below), dated by that agreement's signing. No seed
  row states a renewal ("взамен", "о продлении"), so every renewal is inferred by the rule below
  and marked inferred: the later agreement's signing is a document, its link to this one is not.
Joint events are shown beside the span and never extend it: a later event that names every party
again (a renamed party by its successor or predecessor), mentions no agreement of theirs, and in
which the parties meet each other rather than a third side together: when all parties are on one
side (home or foreign) and the row names a body of the other side, that body is the event's
counterpart (a delegation the parties received together) and the row is no joint event of
theirs. A joint event is always inferred (the row does not cite the agreement). A plan or
supplement (gk:partOf) gets none: its parties' later events belong to the agreement it is part of.
A stated term ("на 2020-2022 годы") is shown beside the span and never counted.

Renewal: a later agreement of the same kind, between the same parties (through renames) and on
the same subject, renews the latest earlier one of that series. Both must be dated: without
dates the order, and so the renewal, is unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graphkg.resolve.resolver import Resolution


# the documentary kinds: only these give an agreement's first and last year
SPAN_KINDS = ("signing", "citation", "renewal")


@dataclass(frozen=True)
class Evidence:
    kind: str  # signing | citation | renewal | joint-event (SPAN_KINDS extend the span)
    source: str
    row: int
    date: str | None  # ISO, at the precision known
    inferred: bool = False
    renewal: str | None = None  # the renewing agreement, for kind "renewal"


@dataclass
class Record:
    """One agreement as all its mentions give it."""

    id: str
    kind: str
    parties: tuple[str, ...]  # entity IRIs
    date: str | None = None
    subject: str | None = None
    term: str | None = None
    part_of: str | None = None
    mentions: list[tuple[str, int, str, str | None, str | None]] = field(default_factory=list)
    # (source, row, status, mention date, event start)


def party_entities(resolution: Resolution) -> dict[str, str]:
    """name key → entity IRI for agreement parties (written as the rows write them); a key two
    entities share goes to the one with more events."""
    out: dict[str, str] = {}
    for entity in sorted(resolution.entities.values(), key=lambda e: (-e.events, e.id)):
        for key in entity.keys.values():
            out.setdefault(key, entity.id)
    return out


def _entity(ids: dict[str, str], name: str) -> str | None:
    from graphkg.resolve.keys import canonical_key

    return ids.get(canonical_key(name))


def records(resolution: Resolution) -> dict[str, Record]:
    ids = party_entities(resolution)
    out: dict[str, Record] = {}
    for report in resolution.facts:
        # the per-event agreement lists run in the facts' event order
        for fact, event in zip(report.events, resolution.agreements[report.source], strict=True):
            for a in event:
                # resolve gives every agreement its id; an unresolved one has no life
                if a.id is None:
                    continue
                rec = out.get(a.id)
                if rec is None:
                    rec = out[a.id] = Record(a.id, a.kind, ())
                parties = {i for p in a.parties if (i := _entity(ids, p))}
                rec.parties = tuple(sorted(set(rec.parties) | parties))
                rec.date = min(filter(None, (rec.date, a.date)), default=None)
                rec.subject = rec.subject or a.subject
                rec.term = rec.term or a.term
                rec.part_of = rec.part_of or a.part_of
                rec.mentions.append((report.source, fact.n, a.status, a.date, fact.start))
    return out


def _lineage(resolution: Resolution, iri: str) -> frozenset[str]:
    """The entity and every predecessor and successor it has (one body under its names)."""
    seen, todo = set(), [iri]
    while todo:
        current = todo.pop()
        if current in seen or current not in resolution.entities:
            continue
        seen.add(current)
        entity = resolution.entities[current]
        todo += [x for x in (entity.predecessor, entity.successor) if x]
    return frozenset(seen or {iri})


def _root(resolution: Resolution, iri: str) -> str:
    return min(_lineage(resolution, iri))


def _subject_key(subject: str | None) -> str:
    return " ".join(re.findall(r"\w+", (subject or "").lower()))


def renewals(resolution: Resolution, recs: dict[str, Record]) -> dict[str, str]:
    """later agreement → the earlier one it renews."""
    series: dict[tuple, list[Record]] = {}
    for rec in recs.values():
        if len(rec.parties) < 2 or not rec.date:
            continue
        parties = tuple(sorted({_root(resolution, p) for p in rec.parties}))
        series.setdefault((rec.kind, parties, _subject_key(rec.subject)), []).append(rec)
    out = {}
    for members in series.values():
        # every member is dated (above); the "" only tells the type checker so
        members.sort(key=lambda r: (r.date or "", r.id))
        for earlier, later in zip(members, members[1:], strict=False):
            if later.date and earlier.date and later.date > earlier.date:
                out[later.id] = earlier.id
    return out


def lives(resolution: Resolution) -> tuple[dict[str, list[Evidence]], dict[str, str]]:
    """Every agreement's evidence, sorted by date, and the renewals (later → earlier)."""
    recs = records(resolution)
    renewed = renewals(resolution, recs)
    found: dict[str, set[Evidence]] = {}
    for rec in recs.values():
        evidence: set[Evidence] = set()
        signed_rows = [m for m in rec.mentions if m[2] == "signed"]
        for source, row, status, date, start in rec.mentions:
            if status == "signed":
                evidence.add(Evidence("signing", source, row, date or start))
            else:
                evidence.add(Evidence("citation", source, row, start))
                if date and not signed_rows:  # the row states the signing: "от 02.02.2023"
                    evidence.add(Evidence("signing", source, row, date))
        found[rec.id] = evidence
    for later, earlier in renewed.items():
        first = min(recs[later].mentions, key=lambda m: (m[0], m[1]))
        # inferred: the rule links the two (kind, parties, subject); no row says "renews"
        found[earlier].add(
            Evidence("renewal", first[0], first[1], recs[later].date, inferred=True, renewal=later)
        )
    joint = _JointEvents(resolution, recs)
    for rec in recs.values():
        found[rec.id] |= joint.of(rec, found[rec.id])
    return {k: sorted(v, key=_order) for k, v in found.items()}, renewed


def _order(e: Evidence) -> tuple:
    return (e.date or "9999", e.source, e.row, e.kind)


class _JointEvents:
    """Later events in which the parties of an agreement meet each other, found through an index
    of the events by institution (a build of many reports must not scan every event per
    agreement)."""

    def __init__(self, resolution: Resolution, recs: dict[str, Record]) -> None:
        from graphkg.tables import home

        self.resolution = resolution
        self.roots: dict[str, str] = {}
        self.events: dict[str, set[tuple[str, int]]] = {}  # institution IRI -> its events
        self.start: dict[tuple[str, int], str] = {}
        # per row, each named body and its side as the graph writes gk:side (home country or not);
        # a body the row only speaks about (role topic) is no side present at the event
        self.sides: dict[tuple[str, int], list[tuple[str, str]]] = {}
        country = home().country
        for report in resolution.facts:
            for event in report.events:
                if event.start:
                    key = (report.source, event.n)
                    self.start[key] = event.start
                    for m in event.institutions:
                        self.events.setdefault(m.iri, set()).add(key)
                        if m.role != "topic":
                            side = "home" if m.country == country else "foreign"
                            self.sides.setdefault(key, []).append((m.iri, side))
        # per row, the party sets (as lineage roots) of the agreements it mentions
        self.mentioned: dict[tuple[str, int], list[frozenset[str]]] = {}
        for other in recs.values():
            roots = frozenset(self.root(p) for p in other.parties)
            for mention in other.mentions:
                self.mentioned.setdefault((mention[0], mention[1]), []).append(roots)

    def root(self, iri: str) -> str:
        if iri not in self.roots:
            self.roots[iri] = _root(self.resolution, iri)
        return self.roots[iri]

    def of(self, rec: Record, evidence: set[Evidence]) -> set[Evidence]:
        # a plan or supplement lives in its agreement: the parties' later events are the agreement's
        if len(rec.parties) < 2 or rec.part_of:
            return set()
        known = [e.date for e in evidence if e.date]
        if not known:
            return set()
        since = rec.date or min(known)
        roots = frozenset(self.root(p) for p in rec.parties)
        lineages = [_lineage(self.resolution, party) for party in rec.parties]
        names = frozenset().union(*lineages)
        rows = None
        for lineage in lineages:
            body = set().union(*(self.events.get(i, set()) for i in lineage))
            rows = body if rows is None else rows & body
        out = set()
        for key in rows or ():
            start = self.start[key]
            # an event that mentions an agreement of these parties is that agreement's evidence
            if start[: len(since)] <= since or any(roots <= r for r in self.mentioned.get(key, ())):
                continue
            if self._third_side(key, names):
                continue
            out.add(Evidence("joint-event", key[0], key[1], start, inferred=True))
        return out

    def _third_side(self, key: tuple[str, int], parties: frozenset[str]) -> bool:
        """The parties stand on one side and the row names a body of the other: they received
        (or visited) that side together, which is no meeting of theirs (two home bodies at a
        foreign delegation's visit)."""
        sides = self.sides.get(key, [])
        own = {side for iri, side in sides if iri in parties}
        others = {side for iri, side in sides if iri not in parties}
        return len(own) == 1 and bool(others - own)


def life_years(evidence: list[Evidence]) -> list[int]:
    """The distinct calendar years of an agreement's documentary evidence (SPAN_KINDS): a joint
    event is shown beside the span, never in it."""
    return sorted({int(e.date[:4]) for e in evidence if e.date and e.kind in SPAN_KINDS})


@dataclass(frozen=True)
class RenameBounds:
    """When a body changed its name: a sourced date, or bounds from the reports."""

    date: str | None = None  # from data/renames.csv, with its source
    source: str | None = None
    not_before: tuple[str, str, int] | None = None  # (date, report, row): last under the old name
    not_after: tuple[str, str, int] | None = None  # (date, report, row): first under the new name


def rename_bounds(resolution: Resolution) -> dict[str, RenameBounds]:
    """old entity IRI → the dating of its rename. A row shows a name in use at some day of its
    event: the old name surely on its first day, the new one by its last (the bounds stay safe
    for a long event); a name that is a party to a dated citation ("Договор ... и Администрации
    ... от 02.02.2023") is vouched for on the cited document's date."""
    from graphkg.resolve.keys import canonical_key
    from graphkg.tables import read_table

    sourced = {
        canonical_key(row["predecessor"]): (row.get("date") or None, row.get("source") or None)
        for row in read_table("renames.csv")
    }
    early: dict[str, list[tuple[str, str, int]]] = {}
    late: dict[str, list[tuple[str, str, int]]] = {}
    renamed = {e.id for e in resolution.entities.values() if e.successor or e.predecessor}
    if not renamed:
        return {}
    ids = party_entities(resolution)
    for report in resolution.facts:
        for fact, agreements in zip(
            report.events, resolution.agreements[report.source], strict=True
        ):
            # a body inferred from an official's title is no evidence of the name in use
            named = {m.iri for m in fact.institutions if m.inferred_from is None} & renamed
            if not named:
                continue
            cited = {
                _entity(ids, p): a.date
                for a in agreements
                if a.status == "referenced" and a.date
                for p in a.parties
            }
            for m in named:
                for dated, when in (
                    (early, cited.get(m) or fact.start),
                    (late, cited.get(m) or fact.end),
                ):
                    if when:
                        dated.setdefault(m, []).append((when, report.source, fact.n))
    out = {}
    for entity in resolution.entities.values():
        if not entity.successor:
            continue
        date, source = sourced.get(entity.keys[entity.label], (None, None))
        old, new = early.get(entity.id, []), late.get(entity.successor, [])
        out[entity.id] = RenameBounds(
            date=date,
            source=source if date else None,
            not_before=max(old) if old else None,
            not_after=min(new) if new else None,
        )
    return out

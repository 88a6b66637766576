"""What the row says a named body does: participant, organiser, host, party, supporter, topic.

A role comes from the words right before a mention (data/role_cues.csv: "при поддержке" supports,
"на базе" hosts, "встреча с руководством" and "совместно с" take part; "на выборах депутатов",
"900-летия основания", "создание совместного с" make the body a topic) or from the cell it stands
in (the place cell hosts, the participants cell takes part); a body the text gives no role keeps
None (it is mentioned). One body named several times in a row takes its most active role, so a
topic that also acts stays a taker. Partnerships count only the bodies that take part (not
supporters, not topics); a topic stays in the event's institutions.
"""

from __future__ import annotations

import re
from functools import cache

from graphkg.errors import GraphkgError
from graphkg.tables import read_table

# most active first: a body that signs and is also thanked for support is a party
PRIORITY = ("party", "organiser", "host", "participant", "supporter", "topic")
TAKES_PART = frozenset({"party", "organiser", "host", "participant"})


@cache
def _cues() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The cue rows of data/role_cues.csv, in their order: (role, pattern matched at the end of
    the words before a mention)."""
    out = []
    for row in read_table("role_cues.csv"):
        if row["role"] not in PRIORITY:
            raise GraphkgError(f"data/role_cues.csv: unknown role {row['role']!r}")
        try:
            out.append((row["role"], re.compile(row["pattern"], re.IGNORECASE)))
        except re.error as err:
            raise GraphkgError(
                f"data/role_cues.csv: bad pattern {row['pattern']!r}: {err}"
            ) from None
    return tuple(out)


_LIST_GAP = re.compile(r"\s*(?:,|и|,\s*а\s+также)\s*$")


def role_of(text: str, start: int, previous: tuple[int, str | None] | None) -> str | None:
    """The role the words right before a mention give it; a name listed right after another
    ("при поддержке A, B и C") shares the previous one's role."""
    before = text[max(0, start - 60) : start]
    for role, cue in _cues():
        if cue.search(before):
            return role
    if previous is not None and previous[1] is not None:
        end, listed = previous
        if _LIST_GAP.fullmatch(text[end:start]) and listed in ("supporter", "organiser", "topic"):
            return listed
    return None


def cell_role(start: int, cells: dict[str, tuple[int, int]]) -> str | None:
    """The role of the cell a mention stands in: the place cell hosts, the participants cell
    takes part."""
    for role, cell in (("host", "place"), ("participant", "participants")):
        span = cells.get(cell)
        if span and span[0] <= start < span[1]:
            return role
    return None


def merged(a: str | None, b: str | None) -> str | None:
    """The more active of two roles of one body in a row."""
    if a is None or b is None:
        return a or b
    return min(a, b, key=PRIORITY.index)

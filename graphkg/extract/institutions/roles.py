"""What the row says a named body does: participant, organiser, host, party, supporter, topic.

A role comes from the words around a mention (data/word_lists.csv role_cue lists) or from the cell
it stands in (the place cell hosts, the participants cell takes part); a body the text gives no
role keeps None (it is mentioned). One body named several times in a row takes its most active
role. Partnerships count only the bodies that take part (not supporters, not topics).
"""

from __future__ import annotations

import re

# most active first: a body that signs and is also thanked for support is a party
PRIORITY = ("party", "organiser", "host", "participant", "supporter", "topic")
TAKES_PART = frozenset({"party", "organiser", "host", "participant"})

_CUES = (
    ("supporter", re.compile(r"при\s+(?:финансовой\s+|информационной\s+)?поддержке\s*$")),
    ("organiser", re.compile(r"[Оо]рганизатор(?:ы|ом)?(?:\s+[а-яё]+){0,2}\s*[:–—-]?\s*$")),
    ("organiser", re.compile(r"(?:организован[аоы]?|проведен[аоы]?|инициирован[аоы]?)\s*$")),
    ("host", re.compile(r"на\s+базе\s*$")),
    ("topic", re.compile(r"(?:из\s+фондов|по\s+документам|по\s+материалам)\s*$")),
    ("topic", re.compile(r"\bоб?\s+(?:истории|традициях)(?:\s+[а-яё]+){0,2}\s*$")),
)
_LIST_GAP = re.compile(r"\s*(?:,|и|,\s*а\s+также)\s*$")


def role_of(text: str, start: int, previous: tuple[int, str | None] | None) -> str | None:
    """The role the words right before a mention give it; a name listed right after another
    ("при поддержке A, B и C") shares the previous one's role."""
    before = text[max(0, start - 60) : start]
    for role, cue in _CUES:
        if cue.search(before):
            return role
    if previous is not None and previous[1] is not None:
        end, listed = previous
        if _LIST_GAP.fullmatch(text[end:start]) and listed in ("supporter", "organiser"):
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

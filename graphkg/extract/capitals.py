"""A region's capital named by a phrase, not a name: "в столице региона", "в областном центре".

News prose names the venue so once the region is named ("Делегация Витебской области ... в
столице региона"). The place is then the capital (data/capitals.csv) of the one region the text
names; with none or several, the phrase is left alone (no guess).
"""

from __future__ import annotations

import re
from functools import lru_cache

from graphkg.models import PlaceRef
from graphkg.tables import place_index, places, read_table

_PHRASE = re.compile(
    r"\b(?:в|во|на)\s+(?:столиц[еу]\s+(?:региона|области)|областно[мй]\s+центр[еу]?)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    return {row["region"]: row["capital"] for row in read_table("capitals.csv")}


def with_capital(found: list[PlaceRef], place_text: str, text: str) -> list[PlaceRef]:
    """The places found, or the capital when they are regions only (or none) and the place text
    names the venue as the region's capital."""
    if any(p.id is None or places()[p.id].kind != "region" for p in found):
        return found
    capital = capital_named_by_phrase(place_text, text)
    return [capital] if capital else found


def capital_named_by_phrase(place_text: str, text: str) -> PlaceRef | None:
    """The capital of the one region `text` names, when `place_text` says "в столице региона"."""
    if not _PHRASE.search(place_text):
        return None
    regions = {
        m.value.id
        for m in place_index().find(text)
        if m.capitalised and m.value.kind == "region" and m.value.id in capitals()
    }
    if len(regions) != 1:
        return None
    capital = places()[capitals()[regions.pop()]]
    return PlaceRef(
        name=capital.name, id=capital.id, country=capital.country, region=capital.region
    )

"""Officials who stand for their bodies: "губернатор Смоленской области", "председателем
Витебского облисполкома" link the event to the body they head (data/officials.csv).

Such a link is marked as inferred from a role (InstitutionMention.inferred_from): it joins the body's
partnerships in the graph, but the export's `institutions` list keeps named organisations only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from graphkg.lexicon import lemma
from graphkg.models import InstitutionMention
from graphkg.tables import read_table
from graphkg.text import fold

_WORD = re.compile(r"[А-Яа-яЁё]+")
# A deputy, an aide or an adviser of the governor does not head the body.
_NOT_HEAD = {"заместитель", "помощник", "советник", "референт", "пресс-секретарь", "врио"}


@dataclass(frozen=True)
class Title:
    title: str  # lemma of the title word
    of: str  # folded words after it
    body: InstitutionMention
    years: tuple[int, int]  # the years the body bore this name


@lru_cache(maxsize=1)
def titles() -> tuple[Title, ...]:
    out = []
    for row in read_table("officials.csv"):
        body = InstitutionMention(
            name=row["body"],
            mention=row["body"],
            country=row["country"] or None,
            region=row["region"] or None,
            kind=row["kind"] or None,
            side="home" if row["country"] == "RU" else "foreign",
        )
        years = (int(row["from"] or 0), int(row["until"] or 9999))
        out.append(Title(fold(row["title"]), fold(row["of"]), body, years))
    return tuple(out)


def officials(
    text: str, named: Sequence[InstitutionMention] = (), year: int | None = None
) -> list[InstitutionMention]:
    """The bodies whose heads the text names by title, each once, unless already `named`; `year`
    (the event's) chooses the name a renamed body bore then."""
    known = {m.name for m in named}
    found: dict[str, InstitutionMention] = {}
    words = list(_WORD.finditer(text))
    folded = fold(text)
    stems = {t.title[:5] for t in titles()}  # lemmatise only words that may be a title: speed
    for k, word in enumerate(words):
        if fold(word.group(0))[:5] not in stems:
            continue
        head = lemma(word.group(0))
        candidates = [
            t
            for t in titles()
            if t.title == head and (year is None or t.years[0] <= year <= t.years[1])
        ]
        if not candidates or (k and lemma(words[k - 1].group(0)) in _NOT_HEAD):
            continue
        after = re.sub(r"\s+", " ", folded[word.end() : word.end() + 80]).lstrip()
        for title in candidates:
            if after.startswith(title.of) and title.body.name not in known | found.keys():
                role = f"{word.group(0)} {text[word.end() :].lstrip()[: len(title.of)]}"
                found[title.body.name] = title.body.model_copy(update={"inferred_from": role})
    return list(found.values())

"""Short names by initials across the corpus: "ГрГУ им. Я. Купалы" is the one body of the reports
whose name the initials spell ("Гродненский государственный университет имени Янки Купалы": Гр-Г-У,
the same surname after "имени"); "СмолГУ" the one "Смоленский государственный университет".

Each capital of the abbreviation, with the small letters after it, opens one word of the full
name, in order and one to one (hyphenated parts are words: "Культурно-выставочный центр" is К-В-Ц).
A short name named after a person matches only a name after the same person (the surname); one
without matches only names without, and must mix small letters ("СмолГУ"): a bare all-capital
one ("СНГ", "БРПО") is left to the row's definitions and data/known_organisations.csv. When more than one body fits, none is chosen: an unsure
match never merges (the reviewed aliases in data/aliases.csv are the way to say which).
"""

from __future__ import annotations

import re

from graphkg.extract.institutions.extra import ABBREVIATION
from graphkg.resolve.facts import ReportFacts
from graphkg.text import fold

_SHORT = re.compile(rf"^({ABBREVIATION})(?:\s+(?:им\.|имени)\s*(.+))?$")
_AFTER = re.compile(r"\s+(?:им\.|имени)\s*")


def _surname(tail: str | None) -> str | None:
    return fold(re.split(r"[\s.]+", tail.strip())[-1]) if tail else None


def _spelled(name: str) -> tuple[list[str], str | None]:
    """The words of a full name's core (inside its outer quotes, if any) and its surname."""
    quoted = re.search(r"«(.+)»", name)
    core = quoted.group(1) if quoted else name
    parts = _AFTER.split(core, maxsplit=1)
    words = [w for w in re.split(r"[\s\-]+", parts[0]) if w]
    return words, _surname(parts[1]) if len(parts) > 1 else None


def _fits(segments: list[str], words: list[str]) -> bool:
    return len(segments) == len(words) and all(
        fold(w).startswith(fold(s)) for s, w in zip(segments, words, strict=True)
    )


def _is_short(name: str) -> bool:
    """A short name the corpus may spell: named after a person, or mixing small letters; a bare
    all-capital one ("СНГ", "БРПО") is left to the row's definitions and the known organisations
    (capitals alone collide too often)."""
    found = _SHORT.match(name)
    if found is None:
        return False
    return bool(found.group(2)) or not found.group(1).isupper()


def short_sources(facts: list[ReportFacts]) -> set[str]:
    """The reports that write a short name: what another report adds may change its body, so an
    incremental build writes their graphs again."""
    return {
        report.source
        for report in facts
        if any(_is_short(m.name) for e in report.events for m in e.institutions)
    }


def short_names(facts: list[ReportFacts]) -> dict[str, tuple[str, str | None]]:
    """{short name as written: (the full name it stands for, that mention's country)} for each
    short name that exactly one body of the corpus fits."""
    shorts: set[str] = set()
    full: dict[str, tuple[str, str | None]] = {}  # key → a name of that body and its country
    for report in facts:
        for event in report.events:
            for m in event.institutions:
                if m.inferred_from is not None:
                    continue
                if _is_short(m.name):
                    shorts.add(m.name)
                elif not _SHORT.match(m.name):
                    full.setdefault(m.key, (m.name, m.country))
    out = {}
    for short in sorted(shorts):
        match = _SHORT.match(short)
        assert match is not None
        segments = re.findall(r"[А-ЯЁ][а-яё]*", match.group(1))
        surname = _surname(match.group(2))
        fits = {
            key
            for key, (name, _) in full.items()
            if (spelled := _spelled(name))[1] == surname and _fits(segments, spelled[0])
        }
        if len(fits) == 1:
            out[short] = full[fits.pop()]
    return out

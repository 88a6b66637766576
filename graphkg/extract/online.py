"""Whether an event was held remotely.

The cues are data (data/online_cues.csv). Format words ("в режиме ВКС", "дистанционно", "онлайн",
"заочно", "в электронном виде") mark it wherever the title, place or date cell has them.
Remote-event nouns ("телемост", "видеоконференция", "вебинар") mark it only when the event is that
session itself, not its preparation ("Подготовка материалов к проведению телемоста"). A table's
venue that is a web site ("Сайт ОГБУК «…»", "на официальном сайте …", a URL) marks it: the event
took place on the web. A virtual exhibition or excursion marks it when it is the event the title
opens with and the row names a site it is shown on; a presentation of virtual excursions in a hall
is an event in that hall.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from graphkg.tables import read_table
from graphkg.text import mask_spans, quoted_spans

# A URL as a place entry: a scheme, "www." or a host name with a top-level domain ("museum.ru")
_URL = re.compile(r"^(?:https?://|www\.|[\w-]+(?:\.[\w-]+)*\.(?:ru|by|рф|su|com|org|net)\b)", re.I)
_ENTRY_BREAK = re.compile(r"[,;\n]")


class _Cues(NamedTuple):
    format: re.Pattern[str]
    remote_event: re.Pattern[str]
    preparation: re.Pattern[str]  # anchored at the title's start
    site: re.Pattern[str]  # anywhere (a site named in the row)
    site_entry: re.Pattern[str]  # anchored at a place entry's start
    virtual_event: re.Pattern[str]  # anchored at the title's start, after an optional lead


def _cue(text: str) -> str:
    """One cue of the table as a pattern: words apart by spaces, "stem*" any ending, word starts."""
    words = [
        re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) + r"(?!\w)"
        for w in text.split()
    ]
    return r"(?<!\w)" + r"\s+".join(words)


@cache
def _cues() -> _Cues:
    kinds: dict[str, list[str]] = {}
    for row in read_table("online_cues.csv"):
        kinds.setdefault(row["kind"], []).append(_cue(row["cue"]))

    def one_of(kind: str) -> str:
        if kind not in kinds:
            raise KeyError(f"data/online_cues.csv has no cue of kind {kind!r}")
        return "(?:" + "|".join(sorted(kinds[kind], key=len, reverse=True)) + ")"

    def compiled(pattern: str) -> re.Pattern[str]:
        return re.compile(pattern, re.IGNORECASE)

    return _Cues(
        format=compiled(one_of("format")),
        remote_event=compiled(one_of("remote_event")),
        preparation=compiled(r"\s*" + one_of("preparation")),
        site=compiled(one_of("site")),
        site_entry=compiled(r"\s*" + one_of("site")),
        virtual_event=compiled(rf"\s*(?:{one_of('lead')}\s+)?{one_of('virtual')}"),
    )


def is_online(
    title: str, place: str = "", dates: str = "", content: str = "", table: bool = True
) -> bool:
    """`table`: `place` is the row's place cell (a prose row's is its first sentence: no venue)."""
    cues = _cues()
    if any(cues.format.search(text) for text in (title, place, dates) if text):
        return True
    if cues.remote_event.search(title) and not cues.preparation.match(title):
        return True
    if table and _venue_is_a_site(place):
        return True
    return bool(cues.virtual_event.match(title)) and any(
        cues.site.search(text) for text in (title, place, content) if text
    )


def _venue_is_a_site(place: str) -> bool:
    """Whether an entry of the place cell (split at commas and line breaks outside «…») opens
    with a web site or a URL."""
    hidden = mask_spans(place, quoted_spans(place), "_")
    starts = [0] + [m.end() for m in _ENTRY_BREAK.finditer(hidden)]
    site = _cues().site_entry
    return any(site.match(place, i) or _URL.match(place[i:].lstrip()) for i in starts)

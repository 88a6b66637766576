"""Background in prose: paragraphs and sentences that tell what happened before ("Напомним, в 2019
году стороны подписали соглашение ...", "Ранее, в марте, делегация уже посещала ...",
"Сотрудничество развивается с 2015 года"), not the item's own event.

The cue words are data/background_cues.csv. Two rules:
- a paragraph (a sentence) that opens with an `opening` cue is background; in a report too (the
  cues are reviewed against the prose seed, where none occurs);
- a news item tells an event near its publication day: a paragraph dated more than `near` days
  before it is background when another paragraph of the item is dated within them, or when it
  looks back itself (a `retrospective` cue). An item with no paragraph near keeps every event: a
  late digest loses nothing.
Background is never an event and never dropped unsaid: it is listed like a skipped paragraph,
and its text goes to the nearest event before it (else after it), whose agreements it may cite.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from graphkg.dates import parse_dates
from graphkg.errors import GraphkgError
from graphkg.models import RawEvent
from graphkg.tables import read_table


@dataclass(frozen=True)
class Cues:
    opening: re.Pattern[str]
    retrospective: re.Pattern[str]
    near: int  # days


@cache
def cues() -> Cues:
    rows = read_table("background_cues.csv")

    def joined(name: str) -> re.Pattern[str]:
        patterns = [row["pattern"] for row in rows if row["cue"] == name]
        if not patterns:
            raise GraphkgError(f"data/background_cues.csv has no cue {name!r}")
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)

    near = [row["pattern"] for row in rows if row["cue"] == "near"]
    if len(near) != 1 or not near[0].isdigit():
        raise GraphkgError("data/background_cues.csv needs one near row: a number of days")
    opening = joined("opening")
    # an opening cue counts at the sentence's start only ("Как сообщалось, ..."), after any
    # opening quote or dash
    anchored = re.compile(rf"^[\s«\"—–-]*(?:{opening.pattern})\w*", re.IGNORECASE)
    return Cues(opening=anchored, retrospective=joined("retrospective"), near=int(near[0]))


def opening_cue(sentence: str) -> str | None:
    """The cue words a background sentence opens with, or None."""
    m = cues().opening.match(sentence)
    return m.group(0).strip(' «"—–-') if m else None


def looks_back(text: str) -> str | None:
    """The retrospective words of a text ("развивается с", "уже посещала"), or None."""
    m = cues().retrospective.search(text)
    return m.group(0) if m else None


_IN_YEAR = re.compile(r"\bв\s+((?:19|20)\d{2})\s+году\b", re.IGNORECASE)


def latest_day(phrase: str, sentence: str, reference: date | None) -> date | None:
    """The last day a dated phrase can mean (a month alone: its last day). A phrase without a
    year in a sentence that names one ("В 2021 году, 20 июня, ...") is of that year."""
    year = _IN_YEAR.search(sentence)
    if year and not re.search(r"\b\d{4}\b", phrase) and reference is not None:
        reference = min(reference, date(int(year.group(1)), 12, 31))
    found, _ = parse_dates(phrase, None, reference)
    if found is None:
        return None
    end = found.end
    if end.month is None:
        return date(end.year, 12, 31)
    if end.day is None:
        following = date(end.year + end.month // 12, end.month % 12 + 1, 1)
        return following - timedelta(days=1)
    return date(end.year, end.month, end.day)


def is_old(day: date | None, published: date) -> bool:
    """Whether a day lies further before the publication day than an item's event does."""
    return day is not None and day < published - timedelta(days=cues().near)


@dataclass(frozen=True)
class Verdict:
    why: str  # what the listing says


def background_of(
    first_sentence: str,
    text: str,
    day: date | None,
    published: date | None,
    item_has_near_event: bool,
) -> Verdict | None:
    """Whether a paragraph is background, and why. `day`: the last day its first dated sentence
    names (None: undated); `published`: a news item's day (None: a report)."""
    if cue := opening_cue(first_sentence):
        return Verdict(f"background (opens with «{cue}»)")
    back = looks_back(text)
    if day is None:
        return Verdict(f"background (undated, looks back: «{back}»)") if back else None
    if published is None or not is_old(day, published):
        return None
    if back:
        return Verdict(f"background (dated {day.isoformat()}, looks back: «{back}»)")
    if item_has_near_event:
        return Verdict(
            f"background (dated {day.isoformat()}, more than {cues().near} days before the item's"
            f" publication on {published.isoformat()}, which tells a later event)"
        )
    return None


def with_background(
    events: list[RawEvent], owner: list[int], background: dict[int, list[str]]
) -> list[RawEvent]:
    """Each background paragraph's text joins the nearest event before it (else the first after
    it): the event that cites the agreements it names."""
    for index, texts in sorted(background.items()):
        target = owner[index] if owner[index] >= 0 else (0 if events else None)
        if target is None:
            continue  # an item of background alone: listed, nothing to cite it
        raw = events[target]
        joined = " ".join(t for t in (raw.background, *texts) if t)
        events[target] = raw.model_copy(update={"background": joined})
    return events

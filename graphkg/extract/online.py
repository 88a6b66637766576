"""Whether an event was held remotely.

Format words ("в режиме ВКС", "дистанционно", "онлайн", "заочно", "в электронном виде") mark it
wherever the title, place or date cell has them. Remote-event nouns ("телемост",
"видеоконференция", "вебинар") mark it only when the event is that session itself, not its
preparation ("Подготовка материалов к проведению телемоста").
"""

from __future__ import annotations

import re

_FORMAT = re.compile(
    r"видеоконференцсвяз|\bВКС\b|дистанционн|онлайн|\bon-?line\b|заочн|в\s+электронном\s+виде"
    r"|в\s+режиме\s+видео|в\s+формате\s+видео|видеосвяз",
    re.IGNORECASE,
)
_REMOTE_EVENT = re.compile(r"телемост|видеоконференц|видеомост|вебинар", re.IGNORECASE)
_PREPARATION = re.compile(r"^\s*(?:подготовк|организаци\w+\s+подготовк)", re.IGNORECASE)


def is_online(title: str, place: str = "", dates: str = "") -> bool:
    if any(_FORMAT.search(text) for text in (title, place, dates) if text):
        return True
    return bool(_REMOTE_EVENT.search(title)) and not _PREPARATION.match(title)

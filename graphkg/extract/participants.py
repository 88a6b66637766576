"""The stated total number of participants of an event, or None when the row gives no total.

A stated total ("Общее количество участников – 16 человек") wins; a lone head count ("(80 человек)")
is taken when it is the only one in the row; several head counts ("(10 человек) ... (8 человек)")
are parts, not a total. Counts of spectators or visitors are never participant totals.
"""

from __future__ import annotations

import re

_NUM = r"(\d[\d\s]{0,6}\d|\d)"
_N = rf"(?:более|свыше|около|порядка|почти)?\s*{_NUM}(?:-?\s*(?:ти|ми|х|и))?"
_NOT_PARTICIPANTS = (
    r"(?!зрител|посетител|гост|просмотр|раз\b|стран|город|регион|субъект|муниципальн|образовательн)"
)

# Stated totals, tried in order over the participants cell, then the content cell.
_TOTALS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"общее\s+количество(?:\s+участник\w*)?(?:\s+мероприяти\w*)?\s*(?:составило|составляет)?\s*[–—:-]?\s*{_N}",
        rf"количество\s+участник\w*(?:\s+делегации)?\s*[–—:-]?\s*{_N}",
        rf"в\s+составе\s+{_N}\s+человек",
        rf"(?:всего\s+)?принял[иоа]?\s+участие\s+{_N}\s",
    )
)
# A cell that opens with a count: "120 представителей ...", "Более 170 ученых и педагогов ..."
_OPENING_COUNT = re.compile(rf"^\s*{_N}\s+{_NOT_PARTICIPANTS}[а-яё]+", re.IGNORECASE)
_AUDIENCE = re.compile(r"(?:посетител|зрител|гост|слушател)\w*\s*[–—:-]?\s*$", re.IGNORECASE)
# Head counts that may be the total when alone: "(80 человек)", "45 участников"
_HEAD_COUNT = re.compile(rf"(?:^|[\s,;.(]){_N}\s+(?:человек|чел\.|участник\w*)", re.IGNORECASE)


def participant_total(participants: str, content: str = "") -> int | None:
    for pattern in _TOTALS:
        for text in (participants, content):
            if m := pattern.search(text):
                return _int(m.group(1))
    if m := _OPENING_COUNT.match(participants):
        return _int(m.group(1))
    text = participants + "\n" + content
    counts = {
        _int(m.group(1))
        for m in _HEAD_COUNT.finditer(text)
        if not _AUDIENCE.search(text[max(0, m.start() - 40) : m.start()])
    }
    return counts.pop() if len(counts) == 1 else None


def _int(text: str) -> int:
    return int(re.sub(r"\s", "", text))

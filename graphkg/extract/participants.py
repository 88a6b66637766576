"""The stated total number of participants of an event, or None when the row gives no total.

A stated total ("Общее количество участников – 16 человек") wins; a lone head count ("(80 человек)")
is taken when it is the only one in the row; several head counts ("(10 человек) ... (8 человек)")
are parts, not a total. Counts of spectators or visitors are never participant totals.

A count word multiplies its number ("более 4 тысяч" is 4000, "1,5 тыс." is 1500; data/count_words.csv).
A stated total written in parts ("– 838 школьников и 72 педагога") is their sum. A lone head count
that belongs to one group of several is a part too: another group listed after it without a count
("Студия (в составе 13 человек), представители Республики Беларусь"), or a contingent ("От
Смоленской области: группа … (5 человек)") of a field the cell names first.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from razdel import sentenize

from graphkg.tables import read_table, word_list
from graphkg.text import fold, quoted_spans


@cache
def _count_words() -> dict[str, int]:
    return {fold(row["word"]): int(row["factor"]) for row in read_table("count_words.csv")}


def _pattern(template: str) -> re.Pattern[str]:
    """Compile a template whose {N} is a count: qualifier, number, count word, ordinal ending."""
    words = "|".join(sorted(map(re.escape, _count_words()), key=len, reverse=True))
    # the count word is taken whole or not at all (possessive), so a negative look-ahead after
    # the count ("4 тысяч зрителей") can never be dodged by reading "тысяч" as the noun
    fraction = rf"(?:[,.]\d{{1,3}}(?=\s*(?:{words})))?+"  # "1,5" only before a count word
    word = rf"(?:\s*(?:{words})(?![а-яё])\.?)?+"
    number = rf"(\d[\d\s]{{0,6}}\d|\d)({fraction}{word})"
    count = rf"(?:более|свыше|около|порядка|почти)?\s*{number}(?:-?\s*(?:ти|ми|х|и))?"
    return re.compile(template.replace("{N}", count), re.IGNORECASE)


_NOT_PARTICIPANTS = (
    r"(?!зрител|посетител|гост|просмотр|раз\b|стран|город|регион|субъект|муниципальн|образовательн)"
)
# Stated totals, tried in order over the participants cell, then the content cell.
_TOTAL_TEMPLATES = (
    r"общее\s+количество(?:\s+участник\w*)?(?:\s+мероприяти\w*)?\s*(?:составило|составляет)?\s*[–—:-]?\s*{N}",
    r"количество\s+участник\w*(?:\s+делегации)?\s*[–—:-]?\s*{N}",
    r"в\s+составе\s+{N}\s+человек",
    r"(?:всего\s+)?принял[иоа]?\s+участие\s+{N}\s",
)
_STATED = 2  # the first two are stated totals: a total written in parts is summed
_GROUP_COUNT = 2  # "в составе N человек" counts one group: it may be a part
# One part of a total written in parts: "838 школьников", "72 педагога"
_PART_TEMPLATE = rf"{{N}}\s+{_NOT_PARTICIPANTS}[а-яё]{{3,}}"
# A cell that opens with a count: "120 представителей ...", "Более 170 ученых и педагогов ..."
_OPENING_TEMPLATE = rf"^\s*{{N}}\s+{_NOT_PARTICIPANTS}[а-яё]+"
_AUDIENCE = re.compile(r"(?:посетител|зрител|гост|слушател)\w*\s*[–—:-]?\s*$", re.IGNORECASE)
# Head counts that may be the total when alone: "(80 человек)", "45 участников"
_HEAD_TEMPLATE = r"(?:^|[\s,;.(]){N}\s+(?:человек|чел\.|участник\w*)"
# A contingent heading: "От Смоленской области:"
_CONTINGENT = re.compile(r"^\s*от\s+[^:\n]{1,80}:", re.IGNORECASE)
_LEADING_AND = re.compile(r"^\s*(?:а\s+также|и|также)\s+", re.IGNORECASE)


class _Patterns(NamedTuple):
    totals: tuple[re.Pattern[str], ...]
    part: re.Pattern[str]
    sum: re.Pattern[str]
    opening: re.Pattern[str]
    head: re.Pattern[str]


@cache
def _patterns() -> _Patterns:  # built once, from the count words of data/count_words.csv
    part = _PART_TEMPLATE
    return _Patterns(
        totals=tuple(_pattern(t) for t in _TOTAL_TEMPLATES),
        part=_pattern(part),
        sum=_pattern(rf"{part}(?:\s*,\s*{part})*\s+и\s+{part}"),
        opening=_pattern(_OPENING_TEMPLATE),
        head=_pattern(_HEAD_TEMPLATE),
    )


def participant_total(participants: str, content: str = "") -> int | None:
    p = _patterns()
    for i, pattern in enumerate(p.totals):
        for text in (participants, content):
            if m := pattern.search(text):
                if i < _STATED and (parts := _parts(text, m.start(1))):
                    return sum(parts)
                if (
                    i == _GROUP_COUNT
                    and text is participants
                    and _one_group_of_several(participants, m.start(), m.end())
                ):
                    return None
                return _value(m)
    if m := p.opening.match(participants):
        return _value(m)
    text = participants + "\n" + content
    found = [
        m
        for m in p.head.finditer(text)
        if not _AUDIENCE.search(text[max(0, m.start() - 40) : m.start()])
    ]
    counts = {_value(m) for m in found}
    if len(counts) != 1:
        return None
    if any(
        m.end() <= len(participants) and _one_group_of_several(participants, m.start(), m.end())
        for m in found
    ):
        return None
    return counts.pop()


def _parts(text: str, start: int) -> list[int]:
    """The parts of a stated total written as "N1 X, N2 Y и N3 Z" from `start`, or []."""
    p = _patterns()
    whole = p.sum.match(text, start)
    return [_value(m) for m in p.part.finditer(whole.group(0))] if whole else []


def _one_group_of_several(cell: str, start: int, end: int) -> bool:
    """Whether the head count at cell[start:end] counts one of several groups the cell lists.

    It does when a participant group without a count of its own follows it, or when it stands in
    a contingent ("От Смоленской области: …") that something else in the cell comes before.
    """
    sentences = list(sentenize(cell))
    groups = word_list("participant_group")
    for k, sentence in enumerate(sentences):
        if sentence.start <= start < sentence.stop and k > 0 and _CONTINGENT.match(sentence.text):
            return True
    for segment in _segments(cell, end):
        words = _LEADING_AND.sub("", segment).split()
        if words and fold(words[0]) in groups and not re.search(r"\d", segment):
            return True
    return False


def _segments(cell: str, after: int) -> list[str]:
    """The list items of the cell after offset `after`: split at commas, semicolons and sentence
    ends outside quotes and parentheses (the count's own closing parenthesis is skipped)."""
    hidden = [False] * len(cell)
    for a, b in quoted_spans(cell):
        hidden[a:b] = [True] * (b - a)
    depth = 0
    for i, ch in enumerate(cell):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
            hidden[i] = True
        if depth:
            hidden[i] = True
    ends = {s.stop for s in sentenize(cell)}
    items, current = [], []
    for i in range(after, len(cell)):
        ch = cell[i]
        if not hidden[i] and (ch in ",;" or i + 1 in ends):
            if ch not in ",;":
                current.append(ch)
            items.append("".join(current))
            current = []
        elif not hidden[i]:
            current.append(ch)
        else:
            current.append(" ")
    items.append("".join(current))
    return [item.strip(" .\n\t") for item in items if item.strip(" .\n\t")]


def _value(m: re.Match[str]) -> int:
    """The number of a count match: its digits (spaces dropped) times its count word."""
    digits = re.sub(r"\s", "", m.group(1))
    rest = fold(m.group(2) or "")
    fraction = re.match(r"[,.](\d+)", rest)
    word = rest[fraction.end() if fraction else 0 :].strip().rstrip(".")
    number = float(f"{digits}.{fraction.group(1)}") if fraction else int(digits)
    return round(number * _count_words().get(word, 1))

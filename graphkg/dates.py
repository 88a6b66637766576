"""Dates as reports and news write them, kept at the precision the text gives: the one recogniser.

The prose layout finds dated phrases with `find_date`, the extractors read them with `parse_dates`,
agreement citations use `FULL_DATE`. Forms: "22-25 мая 2025 года", "1 окт", "13 фев.", "23 ноября"
(the year from the report's period, or for a news item the nearest date not after its publication),
"сегодня", "вчера" (against the item's date).

"22-25 мая 2025 года", "10 ноября-3 декабря 2023 года", "4 ноября 2023 года – 12 апреля 2024 года",
"март-апрель 2020 года", "31.03.2020 09.04.2020", "Отборочный этап: ..., заключительный этап: ...",
"октябрь 2023 года": every date point found is collected, and the range runs from the earliest to
the latest. Days wait for their month, and days and months wait for their year; a point still
without a year takes the report's year.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from graphkg.models import DateRange, PartialDate

_MONTHS = (
    ("январ", 1), ("феврал", 2), ("март", 3), ("апрел", 4), ("ма", 5), ("июн", 6),
    ("июл", 7), ("август", 8), ("сентябр", 9), ("октябр", 10), ("ноябр", 11), ("декабр", 12),
)  # fmt: skip
_MAY = {"май", "мая", "мае", "маю", "маем"}
# Abbreviated months as news agencies write them ("1 окт", "13 фев."): whole words only, so that
# "марка" or "сентенция" are never months.
_ABBREVIATED = {"янв": 1, "фев": 2, "февр": 2, "мар": 3, "апр": 4, "авг": 8, "сен": 9, "сент": 9,
                "окт": 10, "ноя": 11, "нояб": 11, "дек": 12}  # fmt: skip
_RELATIVE = {"позавчера": -2, "вчера": -1, "сегодня": 0, "завтра": 1}
MONTH_WORD = (
    r"(?:январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*"
    r"|(?:янв|февр?|мар|апр|авг|сент?|окт|нояб?|дек)\.?(?![а-я])"
)
# A full date as an agreement citation writes it: "02.02.2023" or "2 февраля 2023".
FULL_DATE = rf"\d{{1,2}}\.\d{{2}}\.\d{{4}}|\d{{1,2}}\s+(?:{MONTH_WORD})\s+\d{{4}}"
_DAY_MONTH = rf"\d{{1,2}}(?:\s+(?:{MONTH_WORD}))?"
# A dated phrase in prose: "1 марта 2022", "с 26 по 28 февраля 2022", "с 31 мая по 3 июня", "1 окт".
_PHRASE = re.compile(
    rf"\b(?:{_DAY_MONTH}\s*(?:-|–|—|по|и|,)\s*)*\d{{1,2}}\s+(?:{MONTH_WORD})(?:\s+\d{{4}})?"
    r"|\b\d{2}\.\d{2}\.\d{4}\b",
    re.IGNORECASE,
)
_RELATIVE_WORD = re.compile(r"\b(?:позавчера|вчера|сегодня|завтра)\b", re.IGNORECASE)


def find_date(text: str, relative: bool = False) -> re.Match[str] | None:
    """The first dated phrase of a sentence; with `relative`, "сегодня"/"вчера" when none."""
    if m := _PHRASE.search(text):
        return m
    return _RELATIVE_WORD.search(text) if relative else None


_NUMERIC = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_TOKEN = re.compile(r"\d+|[а-яё]+", re.IGNORECASE)
# Words that may stand between days waiting for one month: "с 26 по 28 февраля", "5 и 6 марта".
_JOINERS = {"с", "по", "и", "до", "со", "от", "года", "год", "г", "гг", "годов"}


def month_number(word: str) -> int | None:
    word = word.lower()
    if word in _MAY:
        return 5
    if word in _ABBREVIATED:
        return _ABBREVIATED[word]
    for stem, number in _MONTHS:
        if stem != "ма" and word.startswith(stem):
            return number
    return None


def parse_dates(
    text: str, default_year: int | None = None, reference: date | None = None
) -> tuple[DateRange | None, list[str]]:
    """The range from the earliest to the latest date point in the text, and any warnings.

    `reference` is a news item's publication day: a day and month without a year take the
    nearest such date not after it, and "сегодня"/"вчера" count from it."""
    warnings: list[str] = []
    points: list[PartialDate] = []
    if reference is not None:
        for word in _RELATIVE_WORD.findall(text):
            when = reference + timedelta(days=_RELATIVE[word.lower()])
            points.append(PartialDate(year=when.year, month=when.month, day=when.day))
    for m in _NUMERIC.finditer(text):
        point = _valid(int(m.group(3)), int(m.group(2)), int(m.group(1)), warnings)
        if point:
            points.append(point)
    text = _NUMERIC.sub(" ", text)

    pending_days: list[int] = []
    open_points: list[tuple[int | None, int]] = []  # (day, month) waiting for a year
    bare_years: list[int] = []
    for token in _TOKEN.findall(text):
        if token.isdigit():
            value = int(token)
            if len(token) == 4 and 1900 <= value <= 2100:
                if open_points:
                    for day, month in open_points:
                        point = _valid(value, month, day, warnings)
                        if point:
                            points.append(point)
                    open_points = []
                else:
                    bare_years.append(value)
                pending_days = []
            elif 1 <= value <= 31 and len(token) <= 2:
                pending_days.append(value)
            else:
                pending_days = []
        elif (number := month_number(token)) is not None:
            days: list[int | None] = [*pending_days] or [None]  # a month alone: no day
            open_points.extend((d, number) for d in days)
            pending_days = []
        elif token.lower() not in _JOINERS:
            pending_days = []
    if open_points and reference is not None:
        for day, month in open_points:
            after = (month, day or 1) > (reference.month, reference.day)
            point = _valid(reference.year - after, month, day, warnings)
            if point:
                points.append(point)
    elif open_points:
        if default_year is None:
            warnings.append("a date without a year and no report year to take it from")
        else:
            for day, month in open_points:
                point = _valid(default_year, month, day, warnings)
                if point:
                    points.append(point)
    if not points:
        points = [PartialDate(year=y) for y in bare_years]
    if not points:
        return None, warnings
    start = min(points, key=lambda p: p.sort_key())
    end = max(points, key=lambda p: p.sort_key(end=True))
    return DateRange(start=start, end=end), warnings


def _valid(year: int, month: int, day: int | None, warnings: list[str]) -> PartialDate | None:
    if not 1 <= month <= 12:
        warnings.append(f"month {month} is not a month")
        return None
    if day is not None and day > calendar.monthrange(year, month)[1]:
        warnings.append(f"{day}.{month:02d}.{year} is not a calendar date")
        return None
    return PartialDate(year=year, month=month, day=day)

"""Turn a Document into raw events: table rows (columns named by the header) or prose activities.

Table layout: every cell starts with a TAB; a row starts with a cell `N.`; one-cell rows between
rows are section headers; cells after the last row are summaries. Prose layout: each dated
paragraph is an activity, and a sentence opening with "Также" and a date starts another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from razdel import sentenize

from graphkg.ingest.files import TABLE_END
from graphkg.models import Document, Layout, ParsedReport, Period, RawEvent, Span
from graphkg.text import collapse, strip_artefacts

_CELL = re.compile(r"^ *\t")
_MARKER = re.compile(r"^\s*(\d{1,9})\s*\.?\s*$")  # a table may run past row 9999
_MONTHS = "январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр"
# A dated phrase in prose: "1 марта 2022", "с 26 по 28 февраля 2022", "с 31 мая по 3 июня 2022".
_DAY_MONTH = rf"\d{{1,2}}(?:\s+(?:{_MONTHS})[а-я]*)?"
_PROSE_DATE = re.compile(
    rf"\b(?:{_DAY_MONTH}\s*(?:-|–|—|по|и|,)\s*)*\d{{1,2}}\s+(?:{_MONTHS})[а-я]*\s+\d{{4}}"
    r"|\b\d{2}\.\d{2}\.\d{4}\b",
    re.IGNORECASE,
)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}

# Column meaning from the header text, first match wins; never from a fixed position.
COLUMNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("number", re.compile(r"^\s*№|п/п", re.IGNORECASE)),
    ("title", re.compile(r"наименование", re.IGNORECASE)),
    ("place", re.compile(r"место", re.IGNORECASE)),
    ("dates", re.compile(r"срок|дата|время|период", re.IGNORECASE)),
    ("content", re.compile(r"цель|содержание|результат", re.IGNORECASE)),
    ("participants", re.compile(r"участник", re.IGNORECASE)),
)
DEFAULT_COLUMNS = ("number", "title", "place", "dates", "content", "participants")
_SECTION = re.compile(
    r"^\s*(сотрудничеств|заключенн|общие направления|взаимодействи)", re.IGNORECASE
)


@dataclass
class _Cell:
    lines: list[str]
    first: int  # 1-based line numbers
    last: int
    gap_before: bool

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class _Row:
    n: int
    sphere: str | None
    cells: list[_Cell] = field(default_factory=list)


def parse_document(doc: Document) -> ParsedReport:
    """Split a document into its title, period, layout and raw events."""
    lines = [strip_artefacts(line) for line in doc.lines]
    title_end = _title_end(lines)
    title = collapse(" ".join(lines[:title_end]))
    period = parse_period(title)
    warnings: list[str] = []
    if period is None:
        warnings.append("no reporting period found in the title")
    cells = _cells(lines, title_end)
    if any(_MARKER.match(c.text) for c in cells):
        rows, row_warnings = _table_rows(cells, lines)
        layout = Layout.table
    else:
        rows, row_warnings = _prose_events(lines, title_end), []
        layout = Layout.prose
    warnings.extend(row_warnings)
    if not rows:
        warnings.append("no table rows and no dated paragraphs found")
    return ParsedReport(
        source=doc.source,
        title=title,
        layout=layout,
        period=period,
        rows=tuple(rows),
        warnings=tuple(warnings),
    )


def parse_period(title: str) -> Period | None:
    """Reporting period named in a title: a quarter, a half-year, nine months or a year."""
    text = title.replace("\u2013", "-")
    if m := re.search(r"\b(IV|III|II|I|[1-4])\s*(?:-?[мй]\s*)?квартал\w*\s+(\d{4})", text):
        q, year = _ROMAN[m.group(1)], int(m.group(2))
        return _period(year, 3 * q - 2, 3 * q, f"{m.group(1)} квартал {year} года")
    if m := re.search(r"\b(II|I|[12])\s*(?:-?[еео]\s*)?полугоди\w*\s+(\d{4})", text):
        h, year = _ROMAN[m.group(1)], int(m.group(2))
        return _period(year, 6 * h - 5, 6 * h, f"{m.group(1)} полугодие {year} года")
    if m := re.search(r"\b(\d{1,2})\s+месяц\w*\s+(\d{4})", text):
        months, year = int(m.group(1)), int(m.group(2))
        if 1 <= months <= 12:
            return _period(year, 1, months, f"{months} месяцев {year} года")
    if m := re.search(r"\b(?:за|в)\s+(\d{4})\s+год", text):
        year = int(m.group(1))
        return _period(year, 1, 12, f"{year} год")
    return None


def _period(year: int, first_month: int, last_month: int, label: str) -> Period:
    next_month = date(year + last_month // 12, last_month % 12 + 1, 1)
    end = date.fromordinal(next_month.toordinal() - 1)
    return Period(start=date(year, first_month, 1), end=end, label=label)


def _title_end(lines: list[str]) -> int:
    """The title is the first block of non-cell lines, up to the first blank line."""
    started = False
    for i, line in enumerate(lines):
        if _CELL.match(line):
            return i
        if line.strip():
            started = True
        elif started:
            return i
    return len(lines)


def _cells(lines: list[str], start: int) -> list[_Cell]:
    """Group TAB-started lines and their continuation lines into cells."""
    cells: list[_Cell] = []
    gap = False
    current: _Cell | None = None
    for i in range(start, len(lines)):
        line = lines[i]
        if _CELL.match(line):
            current = _Cell([_CELL.sub("", line, count=1)], i + 1, i + 1, gap)
            cells.append(current)
            gap = False
        elif line == TABLE_END:
            current, gap = None, True
        elif not line.strip():
            gap = True
        elif current is not None:
            current.lines.append(line)
            current.last = i + 1
    return cells


def _columns(header: list[_Cell]) -> tuple[str, ...]:
    names = []
    for cell in header:
        name = next((n for n, rx in COLUMNS if rx.search(cell.text)), "other")
        names.append(name)
    return tuple(names)


def _table_rows(cells: list[_Cell], lines: list[str]) -> tuple[list[RawEvent], list[str]]:
    first_marker = next(i for i, c in enumerate(cells) if _MARKER.match(c.text))
    header = [c for c in cells[:first_marker] if any(rx.search(c.text) for _, rx in COLUMNS)]
    columns = _columns(header) if len(header) >= 3 else DEFAULT_COLUMNS
    width = len(columns)
    rows: list[_Row] = []
    sphere: str | None = None
    warnings: list[str] = []
    row: _Row | None = None
    header_ids = {id(c) for c in header}
    # whether the next cell is a row marker, for every cell in one pass (the parse stays linear)
    before_marker = [bool(_MARKER.match(c.text)) for c in cells[1:]] + [False]
    for index, cell in enumerate(cells):
        if id(cell) in header_ids:
            continue
        marker = _MARKER.match(cell.text)
        if marker and (row is None or len(row.cells) >= 2):
            row = _Row(int(marker.group(1)), sphere, [cell])
            rows.append(row)
            continue
        complete = row is not None and len(row.cells) >= width
        if row is None or complete or (_SECTION.match(cell.text) and len(row.cells) >= width - 1):
            if before_marker[index]:  # a section header: the next cell starts a row
                sphere = collapse(cell.text)
                row = None
            elif row is not None and not complete:
                row.cells.append(cell)
            # else: text after the last row (a summary sentence) is not an event
            continue
        row.cells.append(cell)
    events = []
    for row in rows:
        if len(row.cells) != width:
            warnings.append(f"row {row.n} has {len(row.cells)} cells, the header has {width}")
        events.append(_raw_event(row, columns, lines))
    return events, warnings


def _raw_event(row: _Row, columns: tuple[str, ...], lines: list[str]) -> RawEvent:
    fields: dict[str, list[str]] = {}
    for index, cell in enumerate(row.cells):
        name = columns[min(index, len(columns) - 1)]
        fields.setdefault(name, []).append(cell.text)
    first, last = row.cells[0].first, row.cells[-1].last
    return RawEvent(
        n=row.n,
        sphere=row.sphere,
        title=collapse(" ".join(fields.get("title", []))),
        place="\n".join(fields.get("place", [])).strip(),
        dates="\n".join(fields.get("dates", [])).strip(),
        content="\n".join(fields.get("content", [])).strip(),
        participants="\n".join(fields.get("participants", [])).strip(),
        span=Span(first=first, last=last),
        text="\n".join(lines[first - 1 : last]),
    )


# --- prose -----------------------------------------------------------------------------------


def _paragraphs(lines: list[str], start: int) -> list[tuple[str, int, int]]:
    """Paragraphs with their line spans; a line opening with "(" or lower case continues one."""
    paragraphs: list[list] = []
    for i in range(start, len(lines)):
        line = lines[i].strip()
        if not line:
            continue
        if paragraphs and (line[0] == "(" or line[0].islower()):
            paragraphs[-1][0] += " " + line
            paragraphs[-1][2] = i + 1
        else:
            paragraphs.append([line, i + 1, i + 1])
    return [(collapse(text), first, last) for text, first, last in paragraphs]


def _prose_events(lines: list[str], start: int) -> list[RawEvent]:
    events: list[RawEvent] = []
    for text, first, last in _paragraphs(lines, start):
        sentences = [s.text for s in sentenize(text)]
        if not _PROSE_DATE.search(sentences[0]):
            continue
        activities: list[list[str]] = [[sentences[0]]]
        for sentence in sentences[1:]:
            if re.match(r"^Также\b", sentence) and _PROSE_DATE.search(sentence):
                activities.append([sentence])
            else:
                activities[-1].append(sentence)
        for activity in activities:
            body = " ".join(activity)
            events.append(
                RawEvent(
                    n=len(events) + 1,
                    title=_first_clause(activity[0]),
                    dates=_PROSE_DATE.search(activity[0]).group(0),
                    place=activity[0],
                    content=body,
                    span=Span(first=first, last=last),
                    text=body,
                )
            )
    return events


def _first_clause(sentence: str) -> str:
    """A short verbatim phrase naming a prose activity: the sentence up to its first comma."""
    clause = re.split(r",\s|;\s", sentence, maxsplit=1)[0]
    return clause.rstrip(".").strip()

"""Turn a Document into raw events: table rows (columns named by the header) or prose activities.

Table layout: every cell starts with a TAB; a row starts with a cell `N.`; one-cell rows between
rows are section headers; cells after the last row are summaries. Prose layout: a paragraph any of
whose sentences is dated is an activity, and a sentence opening with "Также" and a date starts
another; a paragraph without a date is listed as skipped, never dropped unsaid, and background
("Напомним, ...", an old date in a news item) is listed and kept out of events (ingest/background.py). A dateline
("МОСКВА, 1 окт - ...") is the agency's city and day, used only when the text names no other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from razdel import sentenize

from graphkg.dates import MONTH_WORD, find_date
from graphkg.ingest.background import (
    background_of,
    is_old,
    latest_day,
    opening_cue,
    with_background,
)
from graphkg.ingest.files import TABLE_END
from graphkg.models import Document, Layout, ParsedReport, Period, RawEvent, Skipped, Span
from graphkg.text import collapse, strip_artefacts

_CELL = re.compile(r"^ *\t")
_MARKER = re.compile(r"^\s*(\d{1,9})\s*\.?\s*$")  # a table may run past row 9999
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
    warnings: list[str] = list(doc.warnings)
    if doc.news:  # a news item: its header gave the title; its coverage is its day, not a period
        title_end, title, period = 0, doc.news.title, None
    else:
        title_end = _title_end(lines)
        if not any(line.strip() for line in lines[title_end:]):
            swallowed = title_end
            title_end = _title_end_by_period(lines) or title_end
            warnings.append(
                f"the title block runs to the end of the document ({swallowed} lines; no blank line"
                f" after the title?): the title was cut at line {title_end}"
                if title_end < swallowed
                else f"the title block runs to the end of the document ({swallowed} lines)"
            )
        title = collapse(" ".join(lines[:title_end]))
        period = parse_period(title)
        if period is None:
            warnings.append("no reporting period found in the title")
    cells = _cells(lines, title_end)
    skipped: list[Skipped] = []
    told: list[Skipped] = []
    if any(_MARKER.match(c.text) for c in cells):
        rows, row_warnings = _table_rows(cells, lines)
        layout = Layout.table
    else:
        published = doc.news.published if doc.news else None
        rows, skipped, told = _prose_events(lines, title_end, published)
        row_warnings, layout = [], Layout.prose
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
        decoding=doc.decoding,
        skipped=tuple(skipped),
        background=tuple(told),
        news=doc.news,
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


def _title_end_by_period(lines: list[str]) -> int | None:
    """A title without a blank line after it ends at the line that names the period."""
    for i in range(min(len(lines), 8)):
        if parse_period(" ".join(lines[: i + 1])):
            return i + 1
    return None


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


# "МОСКВА, 1 окт - ", "МИНСК, 13 фев. /Корр./. - ": an agency's city and day before the text.
_DATELINE = re.compile(
    rf"^([А-ЯЁ][А-ЯЁ\-]{{2,}}(?:[ -][А-ЯЁ][А-ЯЁ\-]+)*)\s*,\s*(\d{{1,2}}\s+(?:{MONTH_WORD})"
    r"(?:\s+\d{4})?)\s*(?:г\.|года)?\s*(?:/[^/]{0,40}/|\([^)]{0,40}\))?\.?\s*[-–—]\s*"
)
_ALSO = re.compile(r"^Также\b")


def _prose_events(
    lines: list[str], start: int, published: date | None = None
) -> tuple[list[RawEvent], list[Skipped], list[Skipped]]:
    """Dated paragraphs as events, undated ones skipped, background ones (ingest/background.py)
    told apart; `published` (a news item's day) lets "сегодня", "вчера" date them."""
    paragraphs = [_read_paragraph(*p, published) for p in _paragraphs(lines, start)]
    near = published is not None and any(
        p.day is not None and not opening_cue(p.sentences[0]) and not is_old(p.day, published)
        for p in paragraphs
    )
    events: list[RawEvent] = []
    skipped: list[Skipped] = []
    told: list[Skipped] = []
    owner: list[int] = []  # per paragraph, the index of the last event before or in it (-1: none)
    background: dict[int, list[str]] = {}  # paragraph index → its background text
    for number, p in enumerate(paragraphs, start=1):
        words = " ".join(p.text.split()[:6])
        verdict = background_of(p.sentences[0], p.text, p.day, published, near)
        if verdict is not None:
            told.append(Skipped(paragraph=number, line=p.first, words=words, why=verdict.why))
            background[number - 1] = [p.head + p.text]
            owner.append(len(events) - 1)
            continue
        if not p.dated and not p.dateline_date:
            skipped.append(Skipped(paragraph=number, line=p.first, words=words, why=_why(p.text)))
            owner.append(len(events) - 1)
            continue
        events.extend(_activities(p, len(events)))
        owner.append(len(events) - 1)
    return with_background(events, owner, background), skipped, told


@dataclass
class _Paragraph:
    text: str  # without its dateline
    first: int
    last: int
    sentences: list[str]
    dated: list[int]  # the sentences that carry a date
    relative: bool
    city: str = ""
    dateline_date: str = ""
    head: str = ""  # the dateline as written
    day: date | None = None  # the last day its first dated sentence names


def _read_paragraph(text: str, first: int, last: int, published: date | None) -> _Paragraph:
    city, dateline_date, head = "", "", ""
    if dateline := _DATELINE.match(text):  # cut off, kept in the first activity's source text
        city, dateline_date, head = dateline.group(1), dateline.group(2), dateline.group(0)
        text = text[dateline.end() :]
    sentences = [s.text for s in sentenize(text)] or [text]
    # a dateline is a publication day: "вчера" in its text counts from it, even in a report
    relative = published is not None or bool(dateline_date)
    dated = [i for i, s in enumerate(sentences) if find_date(s, relative)]
    day = None
    if published is not None and (dated or dateline_date):
        phrase = find_date(sentences[dated[0]], relative) if dated else None
        sentence = sentences[dated[0]] if dated else ""
        day = latest_day(phrase.group(0) if phrase else dateline_date, sentence, published)
    return _Paragraph(text, first, last, sentences, dated, relative, city, dateline_date, head, day)


def _activities(p: _Paragraph, before: int) -> list[RawEvent]:
    """A dated paragraph's activities: one, and one more for each "Также" with a date. A sentence
    opening with a background cue ("Напомним, ...") starts its activity's background."""
    # Sentences before the first dated one lead into it: "В Витебске прошел форум. 30 сентября
    # ... подписали" is one activity dated by its second sentence.
    lead = p.dated[0] if p.dated else 0
    activities: list[tuple[list[str], list[str]]] = [(p.sentences[: lead + 1], [])]
    for sentence in p.sentences[lead + 1 :]:
        if _ALSO.match(sentence) and find_date(sentence, p.relative):
            activities.append(([sentence], []))
        elif activities[-1][1] or opening_cue(sentence):
            activities[-1][1].append(sentence)
        else:
            activities[-1][0].append(sentence)
    events: list[RawEvent] = []
    for k, (activity, told) in enumerate(activities):
        body = " ".join(activity)
        found = (find_date(s, p.relative) for s in activity)
        dating = next(((s, m.group(0)) for s, m in zip(activity, found, strict=True) if m), None)
        phrase = dating[1] if dating else p.dateline_date
        sentence = dating[0] if dating else activity[0]
        events.append(
            RawEvent(
                n=before + len(events) + 1,
                title=_first_clause(activity[0]),
                dates=phrase,
                place=activity[0] if sentence == activity[0] else f"{activity[0]} {sentence}",
                fallback_place=f"г. {p.city.title()}" if p.city else "",
                published=p.dateline_date,
                content=body,
                background=" ".join(told),
                span=Span(first=p.first, last=p.last),
                text=(p.head + body if k == 0 else body) + (" " + " ".join(told) if told else ""),
            )
        )
    return events


def _why(text: str) -> str:
    if re.search(r"\b(?:19|20)\d{2}\b", text):
        return "no day and month in any sentence (a year or period only)"
    return "no date in any sentence"


_LEADING_DATE = re.compile(
    rf"^(?:(?:сегодня|вчера|позавчера|завтра|\d{{1,2}}\s+(?:{MONTH_WORD})(?:\s+\d{{4}})?"
    r"(?:\s*(?:года|г\.))?)\s*(?:,\s*)?)+",
    re.IGNORECASE,
)


def _first_clause(sentence: str) -> str:
    """A short verbatim phrase naming a prose activity: the sentence up to its first comma, after
    a leading date that stands alone ("Сегодня, 23 декабря, ...")."""
    lead = _LEADING_DATE.match(sentence)
    rest = sentence[lead.end() :] if lead and "," in sentence[: lead.end()] else sentence
    clause = re.split(r",\s|;\s", rest, maxsplit=1)[0]
    return clause.rstrip(".").strip()

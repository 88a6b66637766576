"""A news item as a source: a TXT whose first lines are `title:`, `url:` and `published:`, or a
saved HTML page read to its main text and those three by trafilatura (the optional extra `html`).

The header is the item's provenance (its address) and its coverage (the day it was published, not a
report period); the text after it is read by the prose layout like a report's. The header lines are
blanked, not removed, so that every event's line numbers are the file's own.
"""

from __future__ import annotations

import re
from datetime import date

from graphkg.errors import ReadError
from graphkg.models import Document, NewsItem

_FIELD = re.compile(r"^\s*(title|url|published)\s*:\s*(.*?)\s*$", re.IGNORECASE)
_FIELDS = ("title", "url", "published")


def read_html_item(name: str, path: str, text: str) -> Document:
    """A saved web page: its main text as lines, its title, address and date from its metadata.
    Line numbers are those of the extracted text (a page's own lines mean nothing to a reader)."""
    try:
        import trafilatura  # optional: only pages need it
    except ImportError:
        raise ReadError(
            f"{name}: reading a saved web page needs the optional extra: pip install 'graphkg[html]'"
        ) from None
    # No extensive date search: it guesses "2025-04-01" from a URL's "2025/04", and a guessed day
    # would shift every "вчера" and every date without a year; the page must state its date.
    page = trafilatura.bare_extraction(
        text,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    # a dict only when asked for one (as_dict, deprecated); None when nothing was extracted
    if page is None or isinstance(page, dict) or not (page.text or "").strip():
        raise ReadError(f"{name}: no main text found in the page")
    body, title, url, stated = page.text or "", page.title, page.url, page.date
    missing = [f for f, v in (("title", title), ("url", url), ("date", stated)) if not v]
    if not title or not url or not stated:
        raise ReadError(f"{name}: the page's metadata lacks its {', '.join(missing)}")
    try:
        published = date.fromisoformat(stated[:10])
    except ValueError:
        raise ReadError(f"{name}: the page's date {stated!r} is not a date") from None
    lines = body.split("\n")
    if lines and lines[0].strip() == title.strip():  # the page's own heading: not a paragraph
        lines = lines[1:]
    news = NewsItem(title=title, url=url, published=published)
    # a blank line between the page's paragraphs: each is one prose paragraph
    spaced = tuple(part for line in lines for part in (line, ""))
    return Document(
        source=name, path=path, format="html", encoding="utf-8", lines=spaced, news=news
    )


def is_news_item(lines: tuple[str, ...] | list[str]) -> bool:
    """An item opens with `title:` on its first non-blank line."""
    first = next((line for line in lines if line.strip()), "")
    return bool(re.match(r"^\s*title\s*:", first, re.IGNORECASE))


def as_news_item(doc: Document) -> Document:
    """The document with its news header read into `news` and blanked; unchanged when it has none.
    Raise ReadError naming the file when the header is incomplete or its date is not a date."""
    if not is_news_item(doc.lines):
        return doc
    found: dict[str, str] = {}
    lines = list(doc.lines)
    for i, line in enumerate(lines):
        if not line.strip() and not found:
            continue
        m = _FIELD.match(line)
        if not m or m.group(1).lower() in found:
            break
        found[m.group(1).lower()] = m.group(2)
        lines[i] = ""
    missing = [f"{name}:" for name in _FIELDS if not found.get(name)]
    if missing:
        raise ReadError(
            f"{doc.source} is a news item without {', '.join(missing)}"
            " (its first lines must be title:, url: and published: YYYY-MM-DD)"
        )
    try:
        published = date.fromisoformat(found["published"])
    except ValueError:
        raise ReadError(
            f"{doc.source}: published: {found['published']!r} is not a date (YYYY-MM-DD)"
        ) from None
    if not re.match(r"^https?://\S+$", found["url"]):
        raise ReadError(f"{doc.source}: url: {found['url']!r} is not a web address")
    news = NewsItem(title=found["title"], url=found["url"], published=published)
    if not any(line.strip() for line in lines):
        raise ReadError(f"{doc.source} is a news item with a header and no text")
    return doc.model_copy(update={"lines": tuple(lines), "news": news})

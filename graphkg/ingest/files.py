"""Read a report file (TXT in any encoding ingest/decoding.py tells, or DOCX) into a Document of lines.

DOCX tables are rendered in the TXT export's own layout (a blank line before each row, every cell
starting with a TAB), so that one parser serves both formats; a TABLE_END line closes each table,
so a paragraph after it is never taken for the last cell's continuation.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import zipfile
from pathlib import Path

from graphkg.errors import ReadError
from graphkg.ingest.decoding import Decoded, decode
from graphkg.ingest.news import as_news_item, read_html_item
from graphkg.models import Document

TABLE_END = "\f"  # never in cleaned text: clean_text drops form feeds
MAX_BYTES = 16 * 1024 * 1024  # a real report is a few hundred KB; 16 MB is no report
MAX_DOCX_UNPACKED = 256 * 1024 * 1024  # zip-bomb guard: total uncompressed size of a DOCX
MAX_DOCX_RATIO = 200  # and its worst compression ratio

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\r": ""})


def read_document(path: str | Path) -> Document:
    """Read one report; raise ReadError with a one-line message when it cannot be read."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise ReadError(f"{name}: no such file")
    size = path.stat().st_size
    if size == 0:
        raise ReadError(f"{name} is empty")
    if size > MAX_BYTES:
        raise ReadError(
            f"{name} is {size // 2**20} MB, over the {MAX_BYTES // 2**20} MB limit for a report"
        )
    suffix = path.suffix.lower()
    raw = path.read_bytes()
    if suffix == ".docx":
        if not raw.startswith(b"PK\x03\x04"):
            raise ReadError(f"{name} is not a Word file (zip header missing)")
        lines, encoding, fmt = _docx_lines(path), "docx", "docx"
        decoded = Decoded("", "docx", 1.0, "docx")
    elif suffix in (".txt", ".text", ""):
        if raw.startswith(b"PK\x03\x04"):
            raise ReadError(
                f"{name} is a zip archive, not a text file; name it .docx if it is a Word file"
            )
        decoded = decode(raw, name)
        encoding = codecs.lookup(decoded.encoding).name  # "utf_16_le" -> "utf-16-le"
        lines, fmt = clean_text(decoded.text).split("\n"), "txt"
    elif suffix in (".html", ".htm"):  # a saved news page
        decoded = decode(raw, name)
        page = read_html_item(name, str(path), clean_text(decoded.text))
        return page.model_copy(update={"decoding": decoded.summary})
    else:
        raise ReadError(
            f"{name}: unsupported file type '{suffix}' (expected .txt, .docx or a saved .html page)"
        )
    if not any(line.strip() for line in lines):
        raise ReadError(f"{name} holds no text")
    document = Document(
        source=name,
        path=str(path),
        format=fmt,
        encoding=encoding,
        decoding=decoded.summary,
        warnings=tuple(
            f"line {n} is not {encoding}: decoded with replacement characters"
            for n in decoded.bad_lines
        ),
        lines=tuple(lines),
    )
    return as_news_item(document) if fmt == "txt" else document


def clean_text(text: str) -> str:
    """Normalise to NFC, fold odd spaces, drop control characters (TAB and newline stay)."""
    text = unicodedata.normalize("NFC", text).translate(_SPACES)
    return _CONTROL.sub("", text)


def _docx_lines(path: Path) -> list[str]:
    _check_zip(path)
    import docx  # python-docx; imported here so TXT-only runs do not pay for it
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many types for a broken package
        raise ReadError(f"{path.name} is not a readable Word file ({type(exc).__name__})") from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.extend(clean_text(block.text).split("\n"))
        elif isinstance(block, Table):
            lines.extend(_table_lines(block))
            lines.append(TABLE_END)
    return lines


def _table_lines(table) -> list[str]:
    """Each row: a blank line, then each distinct cell as TAB + its text (merged cells once)."""
    lines: list[str] = []
    for row in table.rows:
        lines.append("")
        seen: set[int] = set()
        for cell in row.cells:
            key = id(cell._tc)
            if key in seen:
                continue
            seen.add(key)
            text = clean_text("\n".join(p.text for p in cell.paragraphs))
            cell_lines = text.split("\n") or [""]
            lines.append("\t" + cell_lines[0])
            lines.extend(cell_lines[1:])
    return lines


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile:
        raise ReadError(f"{path.name} is not a Word file (broken zip archive)") from None
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos) or 1
    if total > MAX_DOCX_UNPACKED or total / packed > MAX_DOCX_RATIO:
        raise ReadError(f"{path.name} unpacks to {total // 2**20} MB: refused as a zip bomb")
    if "word/document.xml" not in {info.filename for info in infos}:
        raise ReadError(f"{path.name} is a zip archive without word/document.xml, not a Word file")

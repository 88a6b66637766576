import codecs

import docx
import pytest

from graphkg.errors import ReadError
from graphkg.ingest.files import read_document
from graphkg.ingest.layouts import parse_document

from .conftest import RAW

TEXT = "Отчет\nза I полугодие 2020 года\n\n\t1. \n\tВстреча\n"


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("cp1251"), "cp1251"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_encoding_is_detected_from_the_bytes(write, encoded, encoding):
    doc = read_document(write("report.txt", encoded))
    assert doc.encoding == encoding
    assert doc.lines[1] == "за I полугодие 2020 года"


def test_windows_line_endings_and_odd_spaces_are_normalised(write):
    doc = read_document(write("r.txt", "Отчет\r\nза\u00a0I полугодие 2020 года\r\n"))
    assert doc.lines[:2] == ("Отчет", "за I полугодие 2020 года")


def test_control_characters_are_dropped(write):
    doc = read_document(write("r.txt", "От\x07чет\x00\n".encode().replace(b"\x00", b"")))
    assert doc.lines[0] == "Отчет"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty.txt is empty"),
        ("blank.txt", b"\n \n\t\n", "blank.txt holds no text"),
        ("binary.txt", bytes(range(256)) * 8, "binary.txt: cannot tell its encoding"),
        ("fake.docx", b"not a zip", "fake.docx is not a Word file (zip header missing)"),
        ("report.pdf", b"%PDF-1.4", "report.pdf: unsupported file type '.pdf'"),
    ],
)
def test_bad_input_gives_one_line_naming_the_file(write, name, content, message):
    with pytest.raises(ReadError) as info:
        read_document(write(name, content))
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(ReadError, match="nothere.txt: no such file"):
        read_document(tmp_path / "nothere.txt")


def test_zip_that_is_not_a_word_file_is_refused(tmp_path):
    import zipfile

    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(ReadError, match="without word/document.xml"):
        read_document(path)


def _docx_from_txt_rows(path, source_txt):
    """Build a DOCX whose table holds the rows of a TXT seed (header, sections, events)."""
    parsed = parse_document(read_document(source_txt))
    document = docx.Document()
    for line in parsed.title.split("  "):
        document.add_paragraph(line)
    table = document.add_table(rows=0, cols=6)
    header = table.add_row().cells
    for cell, text in zip(header, ["№ п/п", "Наименование мероприятия", "Место проведения",
                                   "Сроки проведения мероприятия", "Цель, содержание и результат",
                                   "Участники мероприятия"], strict=True):  # fmt: skip
        cell.text = text
    sphere = None
    for raw in parsed.rows:
        if raw.sphere != sphere:
            sphere = raw.sphere
            merged = table.add_row().cells
            merged[0].merge(merged[5]).text = sphere
        cells = table.add_row().cells
        values = [f"{raw.n}.", raw.title, raw.place, raw.dates, raw.content, raw.participants]
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    document.add_paragraph("В I квартале 2025 года состоялось 3 встречи.")
    document.save(path)
    return parsed


def test_docx_table_gives_the_same_rows_as_the_text_layout(tmp_path):
    source = RAW / "004_f4b0acf8d215ffab.txt"
    from_txt = _docx_from_txt_rows(tmp_path / "004.docx", source)
    from_docx = parse_document(read_document(tmp_path / "004.docx"))
    assert from_docx.period == from_txt.period
    assert len(from_docx.rows) == 35
    for a, b in zip(from_txt.rows, from_docx.rows, strict=True):
        assert (a.n, a.sphere, a.title, a.place, a.dates) == (
            b.n,
            b.sphere,
            b.title,
            b.place,
            b.dates,
        )
        assert (a.content, a.participants) == (b.content, b.participants)

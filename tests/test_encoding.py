"""Tests of graphkg.ingest.decoding.decode (any encoding, in one place). Every Russian text here was written for these tests."""

from __future__ import annotations

import codecs
import dataclasses
import io
import random
import struct
import zipfile
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkg.ingest.decoding import Decoded, UndecodableError, decode

from .conftest import RAW
from .encoding_fragments import FRAGMENTS, fold

SEEDS = sorted(RAW.glob("*.txt"))
CODE_PAGES = ("cp1251", "koi8-r", "cp866")
CANONICAL = {"cp1251": "cp1251", "koi8-r": "koi8_r", "cp866": "cp866"}

# A report in UTF-8 with typographic signs, several lines, a table-like row.
REPORT = (
    "Отчет о сотрудничестве исполнительных органов Смоленской области\n"
    "с регионами Республики Беларусь за 2023 год\n"
    "\n"
    "\t№ 4\tВизит делегации Смоленской области в г. Витебск («Дни культуры»), 3–5 мая 2023 г.\n"
    "\t№ 5\tСеминар ОГАУ «Центр поддержки предпринимательства» — 12 сотрудников, г. Орша.\n"
    "Итоги: подписано 6 соглашений, проведено 18 совместных мероприятий…\n"
)
ONE_LINERS = (  # one short line: where charset-normalizer alone takes KOI8-R for Shift-JIS
    "Визит делегации в г. Витебск",
    "Отчет о сотрудничестве за 2023 год",
    "Выставка в г. Гомель, 15 мая",
    "Смоленский филиал университета",
    "Обмен студентами, 20 человек",
)


def test_decoded_is_a_small_frozen_dataclass():
    got = decode("Витебск".encode(), "a.txt")
    assert isinstance(got, Decoded)
    with pytest.raises(dataclasses.FrozenInstanceError):
        got.text = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    "encoding, bom", [("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
                      ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-32-le", codecs.BOM_UTF32_LE)],
)  # fmt: skip
def test_bom_decides(encoding, bom):
    got = decode(bom + REPORT.encode(encoding), "bom.txt")
    assert (got.text, got.method, got.confidence, got.bad_lines) == (REPORT, "bom", 1.0, ())


def test_strict_utf8():
    got = decode(REPORT.encode("utf-8"), "u.txt")
    assert (got.text, got.encoding, got.method, got.confidence) == (REPORT, "utf-8", "utf-8", 1.0)
    assert got.bad_lines == ()


def test_ascii_and_empty_are_utf8():
    assert decode(b"Report 2024\n", "a.txt").text == "Report 2024\n"
    assert decode(b"", "e.txt").encoding == "utf-8"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(encoding):
    got = decode(REPORT.encode(encoding), "w.txt")
    assert got.text == REPORT and got.method == "detected"
    assert got.encoding == encoding.replace("-", "_") and got.confidence >= 0.9


@pytest.mark.parametrize("encoding", CODE_PAGES)
@pytest.mark.parametrize("text", FRAGMENTS, ids=[f"fragment{i}" for i in range(len(FRAGMENTS))])
def test_short_two_line_fragment_in_each_code_page(text, encoding):
    got = decode(text.encode(encoding), "f.txt")
    assert got.text == text
    assert got.encoding == CANONICAL[encoding] and got.method == "detected"
    assert 0 < got.confidence <= 1


@pytest.mark.parametrize("encoding", CODE_PAGES)
@pytest.mark.parametrize("text", ONE_LINERS)
def test_one_line_in_each_code_page(text, encoding):
    assert decode(text.encode(encoding), "l.txt").text == text


def test_utf8_cut_inside_its_last_character():
    data = REPORT.rstrip("\n").encode()[:-1]  # the last character is "…", three bytes
    got = decode(data, "cut.txt")
    assert got.encoding == "utf-8" and got.text == REPORT.rstrip("\n")[:-1] + "\ufffd"
    assert got.bad_lines == (REPORT.count("\n"),)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_cut_by_a_byte(encoding):
    text = REPORT.rstrip("\n")
    got = decode(text.encode(encoding)[:-1], "cut16.txt")
    assert got.text == text[:-1] + "\ufffd" and got.bad_lines == (REPORT.count("\n"),)


def test_utf8_with_a_few_cp1251_lines_reports_them():
    lines = REPORT.split("\n")
    foreign = {2, 5}  # 1-based
    data = b"\n".join(
        ln.encode("cp1251" if i in foreign else "utf-8") for i, ln in enumerate(lines, 1)
    )
    got = decode(data, "mixed.txt")
    assert got.encoding == "utf-8" and got.bad_lines == (2, 5)
    text_lines = got.text.split("\n")
    assert all(text_lines[i - 1] == ln for i, ln in enumerate(lines, 1) if i not in foreign)
    assert "\ufffd" in text_lines[1] and got.confidence < 1
    assert "lines decoded with replacement: 2, 5" in got.summary


@pytest.mark.parametrize("encoding", ["utf-8", "cp1251", "koi8-r"])
def test_a_stray_nul_is_tolerated(encoding):
    text = fold(REPORT, encoding)
    data = text.encode(encoding).replace(b" ", b" \x00", 1)
    assert decode(data, "nul.txt").text == text


@pytest.mark.parametrize("encoding", ["utf-8", "cp1251", "cp866", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [REPORT, REPORT * 40], ids=["short", "long"])
def test_one_trailing_nul_does_not_make_a_report_binary(text, encoding):
    text = fold(text, encoding)
    got = decode(text.encode(encoding) + b"\x00", "trail.txt")
    assert got.text == text and got.bad_lines == ()


def _png() -> bytes:
    rng = random.Random(1)
    pixels = b"".join(b"\x00" + bytes(rng.randrange(256) for _ in range(30)) for _ in range(10))

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    header = struct.pack(">IIBBBBB", 10, 10, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels))


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("report.txt", REPORT * 5)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [_png(), _zip(), random.Random(2).randbytes(4096), random.Random(3).randbytes(64),
     bytes(b | 0x80 for b in random.Random(4).randbytes(4096)),
     b"\x7fELF\x02\x01\x01" + bytes(300)],
    ids=["png", "zip", "random-4k", "random-64", "random-high-bytes", "elf"],
)  # fmt: skip
def test_binary_is_refused_in_one_line_naming_the_file(data):
    with pytest.raises(UndecodableError) as caught:
        decode(data, "отчет 2024.txt")
    message = str(caught.value)
    assert isinstance(caught.value, ValueError)
    assert "отчет 2024.txt" in message and "\n" not in message


def test_latin1_text_is_not_taken_for_cyrillic():
    text = "Größe und Qualität: Bericht für Köln.\nNächste Sitzung im März, Übersicht folgt."
    got = decode(text.encode("cp1252"), "de.txt")
    assert got.text == text


def test_summary_names_the_decision_and_its_confidence():
    got = decode(ONE_LINERS[0].encode("koi8-r"), "k.txt")
    assert got.summary == f"koi8_r (detected, confidence {got.confidence:.2f})"
    assert 0.5 < got.confidence < 1


def test_a_longer_text_is_told_with_more_confidence():
    short = decode(ONE_LINERS[0].encode("cp1251"), "s.txt").confidence
    long = decode(fold(REPORT, "cp1251").encode("cp1251"), "l.txt").confidence
    assert short < long


@pytest.mark.skipif(not SEEDS, reason="seed reports not present")
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1251", "koi8-r", "cp866", "utf-16-le",
                 "utf-16-be"],
)  # fmt: skip
def test_every_seed_encoded_each_way_decodes_to_its_text(seed, encoding):
    text = fold(seed.read_text(encoding="utf-8"), encoding)
    assert decode(text.encode(encoding), seed.name).text == text


VOCABULARY = (
    "визит делегации области района города университета колледжа библиотеки музея театра "
    "соглашение сотрудничество выставка форум семинар конкурс фестиваль совещание обмен "
    "студентами школьников специалистов культуры образования науки спорта промышленности "
    "состоялся прошел подписано приняли участие обсуждались вопросы Смоленской Витебской "
    "Могилевской Гомельской Минской"
)
WORDS = tuple(VOCABULARY.split())
CITIES = ("Витебск", "Орша", "Гомель", "Могилев", "Минск", "Смоленск", "Рославль", "Вязьма")
sentence = st.builds(
    lambda words, city, day, year: f"{' '.join(words).capitalize()} в г. {city} {day} мая {year}",
    st.lists(st.sampled_from(WORDS), min_size=3, max_size=10),
    st.sampled_from(CITIES), st.integers(1, 31), st.integers(2000, 2030),
)  # fmt: skip


@settings(max_examples=150, derandomize=True, deadline=None)
@given(st.lists(sentence, min_size=1, max_size=4), st.sampled_from(CODE_PAGES + ("utf-16-le",)))
def test_generated_report_rows_decode_back(rows, encoding):
    text = "\n".join(rows)
    assert decode(text.encode(encoding), "gen.txt").text == text


def _events(path) -> list[dict]:
    from graphkg.pipeline import parse_report

    return [event.export() for event in parse_report(path).events]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
@pytest.mark.parametrize(
    "encoding", ["utf-16-le", "utf-16-be", "cp1251", "koi8-r", "cp866", "utf-8-sig"]
)
def test_every_encoding_gives_the_events_of_the_utf8_original(seed, encoding, tmp_path):
    text = fold(seed.read_text(encoding="utf-8"), encoding)
    original, encoded = tmp_path / "utf8" / seed.name, tmp_path / encoding / seed.name
    for path, data in ((original, text.encode("utf-8")), (encoded, text.encode(encoding))):
        path.parent.mkdir()
        path.write_bytes(data)
    assert _events(encoded) == _events(original)


def test_the_summary_line_names_the_decision_and_bad_lines_are_warnings(tmp_path):
    from graphkg.cli.reports import summary_line
    from graphkg.pipeline import parse_report

    lines = REPORT.split("\n")
    data = b"\n".join(ln.encode("cp1251" if i == 5 else "utf-8") for i, ln in enumerate(lines, 1))
    (path := tmp_path / "mixed.txt").write_bytes(data)
    report = parse_report(path)
    assert "read as utf-8 (mostly valid, confidence 0." in summary_line(report)
    assert "line 5 is not utf-8: decoded with replacement characters" in report.warnings
    (koi := tmp_path / "koi.txt").write_bytes(fold(REPORT, "koi8-r").encode("koi8-r"))
    assert "read as koi8_r (detected, confidence" in summary_line(parse_report(koi))

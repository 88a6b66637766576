"""Hostile input: each gives one clear line, never a traceback, and never damages a store."""

import ctypes
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import graphkg
from graphkg.errors import GraphkgError, ReadError
from graphkg.graph.store import EmbeddedStore, StoreError
from graphkg.ingest.files import read_document

from .conftest import RAW, table_report

GRAPHKG = str(Path(sys.executable).with_name("graphkg"))


def test_truncated_docx_is_a_broken_word_file(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>" * 1000)
    path = tmp_path / "cut.docx"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    with pytest.raises(ReadError, match="cut.docx is not a Word file"):
        read_document(path)


def test_docx_zip_bomb_is_refused_before_unpacking(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (300 * 2**20))
    with pytest.raises(ReadError, match="refused as a zip bomb"):
        read_document(path)


def test_unbalanced_quotes_control_characters_and_markup_parse_without_error(write):
    row = ["1.", "Встреча «ООО «Ромашка» \x07 <script>alert(1)</script>", "г. Минск «", "3 марта 2025 года",
           "Подписание соглашения между «А и ООО «Б", "<img src=x onerror=alert(1)> «««"]  # fmt: skip
    batch = graphkg.parse_reports(
        [write("bad.txt", table_report(["Общие направления сотрудничества", row]))]
    )
    (event,) = batch.reports[0].events
    assert "<script>" in event.title and "\x07" not in event.title


def test_row_without_number_is_not_an_event_and_the_rest_load(write):
    rows = ["Общие направления сотрудничества", ["Встреча без номера", "г. Минск", "3 марта 2025 года", "x", "y"],
            ["2.", "Встреча", "г. Минск", "4 марта 2025 года", "x", "y"]]  # fmt: skip
    batch = graphkg.parse_reports([write("r.txt", table_report(rows))])
    assert [e.n for e in batch.reports[0].events] == [2]


def _without_permission_override():
    """Root writes into read-only folders (CAP_DAC_OVERRIDE); the child drops that capability
    before exec, so the test means the same for root and for anyone else."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
            libc.prctl(24, capability, 0, 0, 0)  # PR_CAPBSET_DROP


def test_read_only_store_directory_is_one_clear_line_and_the_store_stays(tmp_path):
    parent = tmp_path / "ro"
    store = EmbeddedStore(parent / "store")
    graphkg.build([RAW / "002_becf744556110d19.txt"], store)
    before = store.dump_nquads()
    parent.chmod(0o555)
    try:
        done = subprocess.run([GRAPHKG, "build", str(RAW / "004_f4b0acf8d215ffab.txt"), "--store", str(store.directory)],
                              capture_output=True, text=True, preexec_fn=_without_permission_override, timeout=120)  # fmt: skip
    finally:
        parent.chmod(0o755)
    assert done.returncode == 1, done.stdout
    assert done.stderr.strip().startswith("Error: cannot write beside"), done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert store.dump_nquads() == before


def test_store_locked_by_another_writer_is_a_clear_error_and_stays_intact(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    graphkg.build([RAW / "002_becf744556110d19.txt"], store)
    holder = store.open(read_only=False)  # another process would hold the same lock
    try:
        with pytest.raises(StoreError, match="locked by another process"):
            EmbeddedStore(store.directory).open(read_only=False)
    finally:
        del holder
    assert "002_becf744556110d19" in store.dump_nquads().decode()


def test_sparql_injection_in_a_parameter_changes_nothing(tmp_path):
    from graphkg.graph.query import run_library_query

    store = EmbeddedStore(tmp_path / "store")
    graphkg.build([RAW / "002_becf744556110d19.txt"], store)
    before = store.dump_nquads()
    for value in [
        '") } DROP ALL #',
        "x' } ; CLEAR ALL ; SELECT * { ?s ?p ?o",
        "\\u0022 } INSERT DATA { <a> <b> <c> }",
    ]:
        run_library_query(store, "partners_of", {"name": value})
    assert store.dump_nquads() == before
    with pytest.raises(GraphkgError):
        run_library_query(store, "agreements_signed", {"from": '2020-01-01" } DROP ALL #'})


def test_a_50_mb_report_is_refused_in_one_line_and_the_batch_goes_on(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.write(("Отчет за 2024 год\n\n" + "\t1.\n\tВстреча\n" * 10).encode())
        handle.write(b"x" * (50 * 2**20))
    batch = graphkg.parse_reports([huge, RAW / "002_becf744556110d19.txt"])
    assert batch.problems == ["huge.txt is 50 MB, over the 16 MB limit for a report"]
    assert len(batch.reports) == 1


def test_a_second_build_of_the_same_store_waits_its_turn_with_one_clear_error(tmp_path):
    store = EmbeddedStore(tmp_path / "store", wait=0.3)  # waits 0.3 s, then says so
    graphkg.build([RAW / "002_becf744556110d19.txt"], store)
    before = store.dump_nquads()
    # the lock held as a build running in another process holds it
    with (
        store._lock(),
        pytest.raises(StoreError, match="locked by another build; wait for it to finish"),
    ):
        graphkg.build([RAW / "004_f4b0acf8d215ffab.txt"], store)
    assert store.dump_nquads() == before

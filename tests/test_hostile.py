"""Hostile input: each gives one clear line, never a traceback, and never damages a store."""

import ctypes
import errno
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import graphkg
from graphkg.errors import GraphkgError, ReadError
from graphkg.graph.build import remove
from graphkg.graph.quads import event_iri, report_graph_iri, report_stem
from graphkg.graph.store import EmbeddedStore, StoreError
from graphkg.ingest.files import read_document
from graphkg.ingest.layouts import parse_document

from .conftest import HEADER, RAW, table_report

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


# --- issue 17: the store and the inputs (cases of /tmp/research/hostile/BEFORE.md) -------------

BASE = [RAW / "000_f55a13aab8e51493.txt", RAW / "002_becf744556110d19.txt"]
ROW = ["1.", "Встреча с делегацией", "г. Гомель", "12 марта 2025 года", "Обсуждение планов",
       "ГУК «Гомельский областной драматический театр», ОГБУК «Смоленский театр кукол»"]  # fmt: skip


@pytest.fixture(scope="module")
def base_store(tmp_path_factory):
    store = EmbeddedStore(tmp_path_factory.mktemp("base") / "store")
    graphkg.build(BASE, store)
    return store


@pytest.fixture
def store(base_store, tmp_path):
    copy = EmbeddedStore(tmp_path / "work" / "store", wait=60)
    shutil.copytree(base_store.directory, copy.directory)
    return copy


@pytest.fixture
def new_report(tmp_path):
    path = tmp_path / "new.txt"
    path.write_text(table_report(["Сотрудничество в сфере культуры", ROW]), encoding="utf-8")
    return path


def nquads(store) -> list[str]:
    return sorted(store.dump_nquads().decode().splitlines())


def full_build(tmp_path, inputs) -> list[str]:
    fresh = EmbeddedStore(tmp_path / f"fresh{len(list(tmp_path.iterdir()))}")
    graphkg.build(inputs, fresh)
    return nquads(fresh)


def _paused(args, marker, point):
    env = os.environ | {"GRAPHKG_PAUSE": f"{point}={marker}"}
    child = subprocess.Popen([GRAPHKG, *map(str, args)], env=env, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert child.poll() is None and time.monotonic() < deadline, child.communicate()
        time.sleep(0.05)
    return child


def test_two_builds_at_once_lose_no_report(store, new_report, tmp_path):
    """Build A is paused right after reading the state; build B must wait for A's lock, then
    patch A's state, so both reports are in the store and it equals a full build."""
    marker = tmp_path / "paused"
    a = _paused(
        ["build", RAW / "001_395057bea5affcc1.txt", "--store", store.directory],
        marker,
        "state read",
    )
    b_err = tmp_path / "b.err"
    with b_err.open("w") as err:
        b = subprocess.Popen([GRAPHKG, "build", str(new_report), "--store", str(store.directory)],
                             text=True, stdout=subprocess.DEVNULL, stderr=err)  # fmt: skip
    deadline = time.monotonic() + 120
    while "waiting for another build" not in b_err.read_text():  # B waits for the lock A holds
        assert b.poll() is None and time.monotonic() < deadline, b_err.read_text()
        time.sleep(0.05)
    marker.unlink()
    _, a_err = a.communicate(timeout=300)
    assert (a.returncode, b.wait(timeout=300)) == (0, 0), a_err + b_err.read_text()
    held = {f["source"] for f in store.state()["facts"]["reports"]}
    assert held == {p.name for p in BASE} | {"001_395057bea5affcc1.txt", "new.txt"}
    assert nquads(store) == full_build(
        tmp_path, [*BASE, RAW / "001_395057bea5affcc1.txt", new_report]
    )


def test_a_build_killed_between_the_renames_loses_nothing(store, new_report, tmp_path):
    before = nquads(store)
    marker = tmp_path / "paused"
    a = _paused(["build", new_report, "--store", store.directory], marker, "between renames")
    os.kill(a.pid, signal.SIGKILL)
    a.communicate(timeout=60)
    old = store.directory.with_name("store.old")
    assert not store.directory.exists() and old.exists()  # the window the kill hit
    assert nquads(store) == before  # still readable, from store.old
    result = graphkg.build([RAW / "001_395057bea5affcc1.txt"], store)  # restores store.old first
    assert result.reports == 3 and not old.exists()
    assert nquads(store) == full_build(tmp_path, [*BASE, RAW / "001_395057bea5affcc1.txt"])


@pytest.mark.parametrize(
    "damage",
    [
        lambda s: [1, 2],
        lambda s: "a string",
        lambda s: {"version": s["version"], "signature": s["signature"]},
        lambda s: s | {"nodes": {}},  # was: every node taken for new, duplicate values
        lambda s: s | {"facts": s["facts"] | {"reports": []}},
        lambda s: s | {"agreement_ids": {}},
    ],
)
def test_a_state_file_of_the_wrong_shape_means_a_full_rebuild(store, new_report, tmp_path, damage):
    state = store.directory / "facts.json"
    state.write_text(json.dumps(damage(json.loads(state.read_text()))))
    result = graphkg.build([new_report], store)
    assert not result.incremental and result.reports == 3
    assert nquads(store) == full_build(tmp_path, [*BASE, new_report])


@pytest.mark.parametrize("folder", [".", "reports", "oxigraph"])
def test_a_read_only_store_is_one_line_and_stays_whole(store, new_report, folder):
    before = nquads(store)
    target = store.directory / folder
    target.chmod(0o555)
    try:
        done = subprocess.run([GRAPHKG, "build", str(new_report), "--store", str(store.directory)],
                              capture_output=True, text=True, preexec_fn=_without_permission_override, timeout=300)  # fmt: skip
    finally:
        target.chmod(0o755)
    assert done.returncode == 1 and done.stderr.startswith("Error: cannot write"), done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in store.directory.parent.iterdir()) == ["store", "store.lock"]
    assert nquads(store) == before
    assert graphkg.build([new_report], store).reports == 3  # writable again: builds


def test_a_full_disk_is_one_line_and_the_store_stays(store, new_report, monkeypatch):
    before = nquads(store)

    def full(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("graphkg.graph.store.Changes.apply", full)
    with pytest.raises(StoreError, match="No space left on device; the store was left as it was"):
        graphkg.build([new_report], store)
    assert nquads(store) == before
    assert not store.directory.with_name("store.building").exists()


def test_remove_takes_a_report_out_and_an_unchanged_build_writes_nothing(store, tmp_path):
    result = graphkg.build([BASE[1]], store)  # equal to its cached copy
    assert (result.unchanged, result.not_given) == (True, 1)
    inode = (store.directory / "oxigraph").stat().st_ino
    assert graphkg.build([BASE[1]], store).unchanged
    assert (store.directory / "oxigraph").stat().st_ino == inode  # no swap
    result = remove([BASE[0].name], store)
    assert result.reports == 1 and store.cached_sources() == [BASE[1].name]
    assert nquads(store) == full_build(tmp_path, [BASE[1]])  # entities, partnerships recomputed
    with pytest.raises(GraphkgError, match="holds no report nothing.txt"):
        remove(["nothing.txt"], store)


@given(st.text(min_size=1, max_size=40))
def test_report_iris_are_valid_and_one_to_one_for_any_file_name(name):
    report_graph_iri(name), event_iri(name, 1)  # pyoxigraph refuses an invalid IRI
    assert urllib.parse.unquote(report_stem(name), errors="strict") == name
    assert report_stem("a\udc80b") == "a%80b"  # an undecodable byte of a file name


def test_odd_file_names_unreadable_files_and_bad_titles_fail_alone(tmp_path, new_report):
    odd = tmp_path / 'r 1#?"<>{}|^\\`%41.txt'
    odd.write_text(table_report([ROW]), encoding="utf-8")
    year0 = tmp_path / "year0.txt"
    year0.write_text(table_report([ROW], title="Отчет за I квартал 0000 года"), encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(table_report([ROW]), encoding="utf-8")
    locked.chmod(0)
    shut = tmp_path / "shut"  # a folder that cannot be listed
    shut.mkdir()
    shutil.copy(new_report, shut / "inside.txt")
    shut.chmod(0)
    done = subprocess.run([GRAPHKG, "build", str(odd), str(year0), str(locked), str(shut), str(new_report),
                           "--store", str(tmp_path / "store")], capture_output=True, text=True,
                          preexec_fn=_without_permission_override, timeout=300)  # fmt: skip
    assert done.returncode == 1 and "2 reports" in done.stdout, done.stderr
    assert done.stderr.splitlines() == [
        "Error: year0.txt could not be parsed (ValueError: year 0 is out of range)",
        "Error: locked.txt cannot be read: Permission denied",
        "Error: shut cannot be read: Permission denied",
    ]
    assert EmbeddedStore(tmp_path / "store").cached_sources() == sorted([odd.name, "new.txt"])


def test_two_files_of_one_stem_are_two_reports_and_of_one_name_are_refused(tmp_path, new_report):
    import docx

    document = docx.Document()
    document.add_paragraph("Отчет о мероприятиях в I квартале 2025 года")
    table = document.add_table(rows=2, cols=6)
    for cell, text in zip(table.rows[0].cells + table.rows[1].cells, HEADER + ROW, strict=True):
        cell.text = text
    document.save(tmp_path / "new.docx")
    store = EmbeddedStore(tmp_path / "store")
    assert graphkg.build([new_report, tmp_path / "new.docx"], store).reports == 2
    graphs = {q.graph_name for q in store.open().quads_for_pattern(None, None, None)}
    assert {report_graph_iri("new.txt"), report_graph_iri("new.docx")} <= graphs
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    for folder in "ab":
        shutil.copy(new_report, tmp_path / folder / "r.txt")
    for batch in (graphkg.parse_reports([tmp_path / "a", tmp_path / "b", BASE[1]]),
                  graphkg.build([tmp_path / "a", tmp_path / "b", BASE[1]], EmbeddedStore(tmp_path / "s2"))):  # fmt: skip
        assert batch.problems == [f"{tmp_path}/a/r.txt and {tmp_path}/b/r.txt are both named r.txt; "
                                  "a report is known by its file name, so neither was read: rename one"]  # fmt: skip
    assert EmbeddedStore(tmp_path / "s2").cached_sources() == [BASE[1].name]


def test_invisible_characters_never_split_an_institution(write):
    rows = [[f"{i}.", "Гастроли театра", "г. Гомель", f"{i} марта 2025 года", "Показ спектакля",
             f"ГУК «Гомельский об{c}ластной драмат{c}ический театр», ОГБУК «Смоленский театр ку{c}кол»"]
            for i, c in enumerate("\u00ad\u200b\u200c\u200d\u2060\u200e\u202e\u202c\ufeff\u0301\u2066", 1)]  # fmt: skip
    batch = graphkg.parse_reports([write("inv.txt", table_report(rows))])
    assert sorted((e.label, e.events) for e in batch.entities.values()) == [
        ("ГУК «Гомельский областной драматический театр»", 11),
        ("ОГБУК «Смоленский театр кукол»", 11),
    ]


def test_a_table_past_row_9999_keeps_every_row():
    from benchmarks.bench_parse import table

    parsed = parse_document(table(10_005))
    assert [r.n for r in parsed.rows] == list(range(1, 10_006))


def test_out_paths_that_cannot_be_written_are_one_line(base_store, tmp_path):
    from typer.testing import CliRunner

    from graphkg.cli.app import app

    (tmp_path / "file").write_text("x")
    (tmp_path / "ro").mkdir(mode=0o555)
    runner, where = CliRunner(), ["--store", str(base_store.directory)]
    for command in (["export", "-f", "nquads"], ["map"], ["timeline"]):
        made = runner.invoke(app, [*command, "-o", str(tmp_path / "new" / "dir" / "out"), *where])
        assert made.exit_code == 0 and (tmp_path / "new" / "dir" / "out").is_file()
        for out, why in (
            (tmp_path, "it is a folder"),
            (tmp_path / "file" / "x", "is a file, not a folder"),
        ):
            done = runner.invoke(app, [*command, "-o", str(out), *where])
            assert (done.exit_code, done.stderr.count("\n")) == (1, 1) and why in done.stderr, (
                done.output
            )
    done = subprocess.run([GRAPHKG, "export", "-o", str(tmp_path / "ro" / "x.trig"), *where], capture_output=True,
                          text=True, preexec_fn=_without_permission_override, timeout=120)  # fmt: skip
    assert (done.returncode, done.stderr) == (
        1,
        f"Error: cannot write {tmp_path}/ro/x.trig: Permission denied\n",
    )

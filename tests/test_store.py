"""The store: builds that are idempotent, incremental and atomic; events read back by SPARQL."""

import json
import shutil

import pytest

import graphkg
from graphkg.errors import GraphkgError
from graphkg.graph.events import events_from_store
from graphkg.graph.quads import report_graph_iri
from graphkg.graph.store import EmbeddedStore, StoreError

from .conftest import RAW, ROOT, table_report


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    store = EmbeddedStore(tmp_path_factory.mktemp("store") / "store")
    graphkg.build([RAW], store)
    return store


def graph_nquads(store, source):
    db = store.open()
    return sorted(str(q) for q in db.quads_for_pattern(None, None, None, report_graph_iri(source)))


def test_events_read_back_from_the_store_equal_the_parser_output(built):
    parsed = {
        (e["source"], e["n"]): e
        for r in graphkg.parse_reports([RAW]).reports
        for e in (x.export() for x in r.events)
    }
    stored = {(e["source"], e["n"]): e for e in events_from_store(built)}
    assert stored.keys() == parsed.keys()
    for key, event in stored.items():
        mine = parsed[key]
        for field in ("sphere", "title", "start", "end", "online", "participants", "lines"):
            assert event[field] == mine[field], (key, field)
        for field in ("places", "countries", "by_regions"):
            assert sorted(event[field]) == sorted(mine[field]), (key, field)
        assert sorted(i["id"] for i in event["institutions"]) == sorted(
            i["id"] for i in mine["institutions"]
        )
        assert sorted((a["id"], a["status"], a["date"]) for a in event["agreements"]) == sorted(
            (a["id"], a["status"], a["date"]) for a in mine["agreements"]
        )


def test_building_twice_changes_nothing(built, tmp_path):
    before = built.dump_nquads()
    copy = EmbeddedStore(tmp_path / "again")
    graphkg.build([RAW], copy)
    graphkg.build([RAW], copy)
    assert sorted(copy.dump_nquads().splitlines()) == sorted(before.splitlines())


def sorted_nquads(store: EmbeddedStore) -> list[bytes]:
    return sorted(store.dump_nquads().splitlines())


@pytest.mark.parametrize("held", ["002_becf744556110d19.txt", "004_f4b0acf8d215ffab.txt"])
def test_an_incremental_build_gives_the_same_store_as_a_full_one(built, tmp_path, held):
    store = EmbeddedStore(tmp_path / "store")
    graphkg.build([p for p in sorted(RAW.glob("*.txt")) if p.name != held], store)
    result = graphkg.build([RAW / held], store)
    assert result.incremental and result.graphs == 1
    assert sorted_nquads(store) == sorted_nquads(built)


CITING = ["1.", "Встреча по реализации Соглашения о сотрудничестве между Правительством Смоленской области и "
          "Витебским областным исполнительным комитетом", "г. Витебск", "5 февраля 2025 года", "Обсуждение", "10 участников"]  # fmt: skip
SIGNING = ["1.", "Подписание Соглашения о сотрудничестве между Правительством Смоленской области и Витебским "
           "областным исполнительным комитетом", "г. Смоленск", "3 марта 2024 года", "Подписание", "12 участников"]  # fmt: skip


def test_a_new_report_rewrites_an_older_report_whose_citation_it_resolves(tmp_path, write):
    """The 2025 row cites the agreement undated; once the 2024 signing is in the store, the
    citation points to that signing, so the 2025 report's graph is rewritten too."""
    citing = write("b_2025.txt", table_report(["Общие направления сотрудничества", CITING]))
    signing = write("a_2024.txt", table_report(["Общие направления сотрудничества", SIGNING],
                                               title="Отчет\nв I квартале 2024 года"))  # fmt: skip
    store = EmbeddedStore(tmp_path / "store")
    graphkg.build([citing], store)
    result = graphkg.build([signing], store)
    assert result.incremental and result.graphs == 2
    full = EmbeddedStore(tmp_path / "full")
    graphkg.build([citing, signing], full)
    assert sorted_nquads(store) == sorted_nquads(full)
    (row,) = [e for e in events_from_store(store) if e["source"] == "b_2025.txt"]
    (signed,) = [e for e in events_from_store(store) if e["source"] == "a_2024.txt"]
    assert row["agreements"][0]["id"] == signed["agreements"][0]["id"]


def test_replacing_a_report_removes_what_only_its_old_version_said(tmp_path, write):
    name = "r.txt"
    store = EmbeddedStore(tmp_path / "store")
    graphkg.build([write(name, table_report(["Общие направления сотрудничества", SIGNING]))], store)
    other = [
        "1.",
        "Встреча",
        "г. Минск",
        "4 марта 2025 года",
        "Встреча с ГУ «Минский областной центр»",
        "5 участников",
    ]
    graphkg.build([write(name, table_report(["Общие направления сотрудничества", other]))], store)
    fresh = EmbeddedStore(tmp_path / "fresh")
    graphkg.build([tmp_path / name], fresh)
    assert sorted_nquads(store) == sorted_nquads(fresh)
    assert "Витебский областной исполнительный комитет" not in store.dump_nquads().decode()


def test_adding_one_report_replaces_only_its_graph(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    others = [p for p in sorted(RAW.glob("*.txt")) if not p.name.startswith("004")]
    graphkg.build(others, store)
    before = {p.name: graph_nquads(store, p.name) for p in others}
    result = graphkg.build([RAW / "004_f4b0acf8d215ffab.txt"], store)  # only the new file is read
    assert result.reports == 5
    assert graph_nquads(store, "004_f4b0acf8d215ffab.txt")
    for name, quads in before.items():
        assert graph_nquads(store, name) == quads, name
    # entities were re-resolved with the new report: the Gomel agreement's party and 2025 bodies
    assert any(e["source"].startswith("004") for e in events_from_store(store))


@pytest.mark.parametrize(
    "broken", ["graphkg.graph.build.vocabulary_quads", "graphkg.graph.build.report_quads"]
)
def test_failed_build_leaves_the_previous_store_as_it_was(built, tmp_path, monkeypatch, broken):
    """vocabulary_quads fails a whole rebuild (a new signature), report_quads an incremental one."""
    store = EmbeddedStore(tmp_path / "store")
    shutil.copytree(built.directory, store.directory)
    before = store.dump_nquads()
    state = store.state()
    if broken.endswith("vocabulary_quads"):
        state["signature"] = "another version"
        (store.directory / "facts.json").write_text(json.dumps(state))

    def fail(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(broken, fail)
    with pytest.raises(RuntimeError):
        graphkg.build([RAW / "004_f4b0acf8d215ffab.txt"], store)
    assert store.dump_nquads() == before
    assert store.state()["signature"] == state["signature"]
    assert not store.directory.with_name("store.building").exists()


def test_a_batch_of_only_bad_files_never_touches_the_store(built, tmp_path, write):
    store = EmbeddedStore(tmp_path / "store")
    shutil.copytree(built.directory, store.directory)
    before = store.dump_nquads()
    with pytest.raises(GraphkgError, match="no report could be read"):
        graphkg.build([write("empty.txt", b"")], EmbeddedStore(tmp_path / "fresh"))
    result = graphkg.build([write("empty.txt", b"")], store)  # the cached reports are rebuilt
    assert result.problems == ["empty.txt is empty"]
    assert sorted(store.dump_nquads().splitlines()) == sorted(before.splitlines())


def test_missing_store_is_one_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no store at .*; run `graphkg build` first"):
        EmbeddedStore(tmp_path / "nothing").query("ASK {}")


def test_export_formats(built):
    import pyoxigraph as ox

    from graphkg.views.export import export_graph

    nquads = export_graph(built, "nquads")
    trig = list(ox.parse(export_graph(built, "trig"), format=ox.RdfFormat.TRIG))
    assert sorted(map(str, trig)) == sorted(map(str, ox.parse(nquads, format=ox.RdfFormat.N_QUADS)))
    assert report_graph_iri("002_becf744556110d19.txt") in {q.graph_name for q in trig}
    doc = json.loads(export_graph(built, "jsonld"))
    assert "@context" in doc and doc["@context"]["gk"] == "https://w3id.org/graphkg/ontology#"
    assert (
        "prefLabel" in export_graph(built, "turtle").decode()
        or "skos:prefLabel" in export_graph(built, "turtle").decode()
    )


@pytest.mark.skipif(
    not (ROOT.parent / "shared" / "eval" / "score.py").exists(),
    reason="../shared/eval not beside the repo",
)
def test_events_from_the_store_score_the_same_as_the_parser(built, tmp_path):
    import subprocess
    import sys

    def score(records):
        path = tmp_path / f"{len(list(tmp_path.iterdir()))}.jsonl"
        path.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
        )
        shared = ROOT.parent / "shared" / "eval"
        out = subprocess.run([sys.executable, str(shared / "score.py"), str(shared / "gold"), str(path), "--json"],
                             capture_output=True, text=True, check=True).stdout  # fmt: skip
        return json.loads(out)

    parsed = [e.export() for r in graphkg.parse_reports([RAW]).reports for e in r.events]
    assert score(events_from_store(built)) == score(parsed)


def test_stored_facts_are_named_records_that_round_trip(built):
    from graphkg.resolve.facts import EventFact, InstitutionFact, pack_facts, unpack_facts

    packed = built.state()["facts"]
    facts = unpack_facts(packed)
    assert json.loads(json.dumps(pack_facts(facts))) == packed
    event = next(e for f in facts for e in f.events if e.institutions)
    assert isinstance(event, EventFact) and isinstance(event.institutions[0], InstitutionFact)
    assert event.institutions[0].iri.startswith("https://")


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.pop("version"),
        lambda p: p["institutions"][0].pop(),  # a record one field short
        lambda p: p["institutions"][0].__setitem__(0, None),  # a name that is not a string
        lambda p: p["reports"][0]["events"][0].__setitem__(2, [10**6]),  # a dangling reference
        lambda p: p["reports"][0].pop("source"),
    ],
)
def test_stored_facts_of_the_wrong_shape_are_refused(built, damage):
    from graphkg.resolve.facts import FactsError, unpack_facts

    packed = json.loads(json.dumps(built.state()["facts"]))
    damage(packed)
    with pytest.raises(FactsError):
        unpack_facts(packed)

"""Every library query on the five reports, with rows expected from reading the reports."""

import pytest

import graphkg
from graphkg.graph.query import (
    QueryError,
    bind_values,
    library,
    run_library_query,
    run_sparql,
    term,
)
from graphkg.graph.store import EmbeddedStore

from .conftest import RAW

FOLK_ART = "ГБУК «Смоленский областной центр народного творчества»"
VITEBSK_FOLK = "ГУ «Витебский областной методический центр народного творчества»"
GRODNO_FOLK = "Гродненский областной методический центр народного творчества"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = EmbeddedStore(tmp_path_factory.mktemp("q") / "store")
    graphkg.build([RAW], store)
    return store


def rows(store, query_name, **params):
    return run_library_query(store, query_name, {k: str(v) for k, v in params.items()})[1]


def test_every_library_query_documents_itself():
    for query in library().values():
        assert query.title and query.question, query.name
        assert "# example:" in query.text, query.name


def test_repeat_partners_folk_art_centre_with_vitebsk_and_grodno(store):
    found = {(r["home"], r["foreign"]): r for r in rows(store, "repeat_partners")}
    vitebsk = found[(FOLK_ART, VITEBSK_FOLK)]
    assert (vitebsk["first_year"], vitebsk["last_year"], vitebsk["agreements"]) == (2023, 2025, 1)
    grodno = next(r for (h, f), r in found.items() if h == FOLK_ART and GRODNO_FOLK in f)
    assert (grodno["events"], grodno["first_year"], grodno["last_year"], grodno["agreements"]) == (
        3,
        2023,
        2025,
        1,
    )
    assert all(r["events"] >= 2 or r["last_year"] > r["first_year"] for r in found.values())


def test_partners_of_the_folk_art_centre_over_time(store):
    found = {
        (r["year"], r["partner"])
        for r in rows(store, "partners_of", name="центр народного творчества")
    }
    assert (2023, VITEBSK_FOLK) in found and (2025, VITEBSK_FOLK) in found
    assert any(year == 2023 and GRODNO_FOLK in partner for year, partner in found)


def test_partners_of_the_administration_include_the_gomel_executive_committee(store):
    found = {
        (r["year"], r["partner"])
        for r in rows(store, "partners_of", name="Администрация Смоленской области")
    }
    assert (2020, "Гомельский областной исполнительный комитет") in found


def test_agreements_signed_in_2020(store):
    found = [
        (r["date"], r["kind"])
        for r in rows(store, "agreements_signed", **{"from": "2020-01-01", "to": "2020-12-31"})
    ]
    assert found == [
        ("2020-01-08", "план"),
        ("2020-02-25", "план"),
        ("2020-03-03", "соглашение"),
        ("2020-05-29", "соглашение о намерениях"),
        ("2020-06-03", "дополнительное соглашение"),
    ]
    gomel = next(
        r for r in rows(store, "agreements_signed", **{"from": "2020-03-03", "to": "2020-03-03"})
    )
    assert "Гомельский областной исполнительный комитет" in gomel["parties"]
    assert gomel["report"] == "002_becf744556110d19.txt" and gomel["row"] == 1


def test_institution_timeline_follows_the_rename(store):
    found = rows(store, "institution_timeline", name="Правительство Смоленской области")
    names = {r["as"] for r in found}
    assert names == {"Администрация Смоленской области", "Правительство Смоленской области"}
    assert found[0]["start"].startswith("2020") and found[-1]["start"].startswith("2025")


def test_activity_by_region_and_year(store):
    found = {(r["region"], r["year"]): r["events"] for r in rows(store, "activity_by_region_year")}
    assert found[("BY-HO", 2020)] >= 2  # the Gomel agreement and the telebridge «Мы помним»
    parsed = [e for r in graphkg.parse_reports([RAW]).reports for e in r.events]
    expected = sum(1 for e in parsed if "BY-VI" in e.by_regions and e.dates.start.year == 2025)
    assert found[("BY-VI", 2025)] == expected


def test_activity_by_sphere_and_year(store):
    found = {(r["sphere"], r["year"]): r for r in rows(store, "activity_by_sphere_year")}
    assert found[("agreements", 2020)]["events"] == 1
    assert found[("agreements", 2020)]["label_en"] == "Agreements concluded"
    assert found[("sport", 2020)]["events"] == 2


def test_an_institution_parameter_is_looked_up_then_bound_to_iris(store):
    from graphkg.graph.query import institutions_named, prepare

    found = institutions_named(store.query, "центр народного творчества")
    assert len(found) >= 2 and all(
        iri.value.startswith("https://w3id.org/graphkg/id/org/") for iri in found
    )
    text = prepare("partners_of", {"name": "центр народного творчества"}, store.query)
    assert (
        all(f"<{iri.value}>" in text for iri in found)
        and "центр народного" not in text.split("WHERE", 1)[1]
    )
    assert (
        rows(store, "partners_of", name="нет такой организации") == []
    )  # no match, no rows, no error


def test_partner_counts_on_the_partnerships_graph_match_the_events(store):
    """gk:partnerCount (counted at build time) equals the partners counted from the events."""
    counted = {r["i"]: r["n"] for r in store.query("""PREFIX gk: <https://w3id.org/graphkg/ontology#>
        SELECT ?i (COUNT(DISTINCT ?p) AS ?n) WHERE { ?e gk:participant ?i , ?p . ?i gk:side ?a . ?p gk:side ?b .
        FILTER(?a != ?b) } GROUP BY ?i""")[1]}  # fmt: skip
    stored = {r["i"]: r["n"] for r in store.query("""PREFIX gk: <https://w3id.org/graphkg/ontology#>
        SELECT ?i ?n WHERE { ?i gk:partnerCount ?n }""")[1]}  # fmt: skip
    assert stored == counted and len(stored) > 50


def test_most_connected_institution_is_the_regional_government(store):
    first = rows(store, "most_connected")[0]
    assert (first["institution"], first["country"]) == ("Правительство Смоленской области", "RU")


def test_events_that_name_no_foreign_institution(store):
    found = {(r["report"], r["row"]) for r in rows(store, "events_without_foreign_institution")}
    assert ("002_becf744556110d19.txt", 2) in found  # "Встреча с делегацией Республики Беларусь"
    assert ("002_becf744556110d19.txt", 1) not in found  # names the Gomel executive committee


def test_parameters_are_bound_as_terms_never_as_query_text(store):
    hostile = 'x")) } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o FILTER(("'
    assert rows(store, "partners_of", name=hostile) == []
    assert (
        "DROP ALL"
        not in bind_values("SELECT * WHERE { ?s ?p ?o }", {"name": term(hostile, "string")}).split(
            '"'
        )[0]
    )
    with pytest.raises(QueryError, match="is not an integer"):
        rows(store, "repeat_partners", min_events="2 } ; DROP ALL ; {")
    with pytest.raises(QueryError, match="has no parameter"):
        rows(store, "repeat_partners", nope=1)
    with pytest.raises(QueryError, match="no query named"):
        rows(store, "nothing_here")


def test_updates_are_refused_unless_allowed(store):
    with pytest.raises(QueryError, match="--allow-update"):
        run_sparql(store, "PREFIX x: <http://x/>\nINSERT DATA { x:a x:b x:c }")
    with pytest.raises(QueryError, match="--allow-update"):
        run_sparql(store, "# comment\nDROP ALL")
    assert run_sparql(store, "ASK { ?s ?p ?o }") == (["ask"], [{"ask": True}])

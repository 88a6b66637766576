"""Every library query on the five reports, with rows expected from reading the reports."""

import pytest

import graphkg
from graphkg.graph.query import (
    QueryError,
    bind_values,
    library,
    run_sparql,
    term,
)

from .conftest import RAW
from .conftest import library_rows as rows

FOLK_ART = "ГБУК «Смоленский областной центр народного творчества»"
VITEBSK_FOLK = "ГУ «Витебский областной методический центр народного творчества»"
GRODNO_FOLK = "Гродненский областной методический центр народного творчества"


@pytest.fixture
def store(seed_store):
    return seed_store  # the session's seed store: these tests only read it


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
        for r in rows(
            store, "partners_of", name="Смоленского областного центра народного творчества"
        )
    }
    assert (2023, VITEBSK_FOLK) in found and (2025, VITEBSK_FOLK) in found
    assert any(year == 2023 and GRODNO_FOLK in partner for year, partner in found)


def test_partners_of_the_administration_include_the_gomel_executive_committee(store):
    found = {
        (r["year"], r["partner"])
        for r in rows(store, "partners_of", name="Администрация Смоленской области")
    }
    assert (2020, "Гомельский областной исполнительный комитет") in found


def test_partners_of_a_renamed_body_are_found_under_every_name_it_had(store):
    # Администрация Смоленской области became Правительство Смоленской области (org:ChangeEvent):
    # asked by either name, the 2020 partnership (002:1, the Gomel agreement) is there under the
    # name of the time, and the 2023 ones under the new name
    for asked in ("Правительство Смоленской области", "Администрация Смоленской области"):
        found = {
            (r["institution"], r["year"], r["partner"])
            for r in rows(store, "partners_of", name=asked)
        }
        assert (
            "Администрация Смоленской области",
            2020,
            "Гомельский областной исполнительный комитет",
        ) in found, asked
        assert (
            "Правительство Смоленской области",
            2023,
            "Витебский областной исполнительный комитет",
        ) in found, asked
    # a body without renames: only its own name
    centre = rows(store, "partners_of", name="Смоленского областного центра народного творчества")
    assert {r["institution"] for r in centre} == {
        "ГБУК «Смоленский областной центр народного творчества»"
    }


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
    # less 003:14, the summing-up of 004:10's contest (a probable duplicate, both in BY-VI)
    assert found[("BY-VI", 2025)] == expected - 1


def test_activity_by_sphere_and_year(store):
    found = {(r["sphere"], r["year"]): r for r in rows(store, "activity_by_sphere_year")}
    assert found[("agreements", 2020)]["events"] == 1
    assert found[("agreements", 2020)]["label_en"] == "Agreements concluded"
    assert found[("sport", 2020)]["events"] == 2


def test_an_institution_parameter_is_looked_up_then_bound_to_iris(store):
    from graphkg.graph.query import institutions_named, prepare

    found = institutions_named(store.query, "Смоленский областной центр")
    assert len(found) == 1 and found[0].value.startswith("https://w3id.org/graphkg/id/org/")
    text = prepare("partners_of", {"name": "Смоленский областной центр"}, store.query)
    assert f"<{found[0].value}>" in text and "областной центр" not in text.split("WHERE", 1)[1]
    assert (
        rows(store, "partners_of", name="нет такой организации") == []
    )  # no match, no rows, no error


def test_partner_counts_on_the_partnerships_graph_match_the_events(store):
    """gk:partnerCount (counted at build time) equals the partners counted from the events."""
    counted = {r["i"]: r["n"] for r in store.query("""PREFIX gk: <https://w3id.org/graphkg/ontology#>
        SELECT ?i (COUNT(DISTINCT ?p) AS ?n) WHERE { GRAPH ?g { ?e gk:participant ?i , ?p . }
        GRAPH <https://w3id.org/graphkg/id/graph/entities> { ?i gk:side ?a . ?p gk:side ?b . }
        FILTER(?a != ?b) } GROUP BY ?i""")[1]}  # fmt: skip
    stored = {r["i"]: r["n"] for r in store.query("""PREFIX gk: <https://w3id.org/graphkg/ontology#>
        SELECT ?i ?n WHERE { GRAPH <https://w3id.org/graphkg/id/graph/partnerships> { ?i gk:partnerCount ?n } }""")[1]}  # fmt: skip
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


# --- parameters checked (issue 14) ---------------------------------------------------------------


def test_a_region_sphere_or_country_that_does_not_exist_is_an_error_naming_the_valid_ones(store):
    with pytest.raises(QueryError, match=r"region 'BY-XX' is not in the store; known: .*BY-VI"):
        rows(store, "events_of_region", region="BY-XX")
    with pytest.raises(
        QueryError, match=r"sphere 'cultre' is not in the store; known: .*culture-tourism"
    ):
        rows(store, "events_of_sphere", sphere="cultre")
    from graphkg.graph.params import concept

    with pytest.raises(QueryError, match=r"country 'XX' .*known: .*BY"):
        concept(store.query, "XX", "country")
    assert concept(store.query, "BY", "country").value.endswith("/country/BY")


@pytest.mark.parametrize("value", ["2020-13-45", "2021-02-29", "2020-1-1", "вчера"])
def test_a_date_parameter_must_be_a_calendar_day(store, value):
    with pytest.raises(QueryError, match="is not a date"):
        rows(store, "agreements_signed", **{"from": value})


def test_an_inflected_name_finds_that_body_and_says_what_it_matched(store):
    notes: list[str] = []
    genitive = rows(store, "institution_timeline", notes, name="Правительства Смоленской области")
    assert notes == [
        "'Правительства Смоленской области' matched 1 institution(s) by its full name: "
        "Правительство Смоленской области"
    ]  # not the office "Представительство Правительства Смоленской области при ..."
    assert genitive == rows(store, "institution_timeline", name="Правительство Смоленской области")
    dative: list[str] = []
    rows(store, "partners_of", dative, name="Администрации Смоленской области")
    assert dative[0].endswith("by its full name: Администрация Смоленской области")


def test_a_part_of_several_names_is_an_error_naming_them_and_no_match_is_said(store):
    # binding every body a part fits would mix their rows into one answer (tests/
    # test_institution_lookup.py has the word-by-word cases)
    with pytest.raises(QueryError, match=r"^'Администрация' is part of the names of \d+ ") as exc:
        rows(store, "partners_of", [], name="Администрация")
    assert "Администрация Смоленской области" in str(exc.value)
    assert "Администрация города Смоленска" in str(exc.value)
    none: list[str] = []
    assert rows(store, "partners_of", none, name="Нет такой организации") == []
    assert none == ["no institution matches 'Нет такой организации'"]


def test_a_library_query_declares_only_known_parameter_types():
    from graphkg.graph.params import TYPES

    assert {p.type for q in library().values() for p in q.params} <= set(TYPES)


def test_graphkg_query_lists_questions_and_typed_parameters():
    from typer.testing import CliRunner

    from graphkg.cli import app

    out = CliRunner().invoke(app, ["query"]).output
    assert "institution_timeline: An institution's timeline, following renames" in out
    assert "  In which events did an institution" in out
    assert "  --param name=<institution> = Правительство Смоленской области" in out
    assert "  --param region=<region> = BY-HR" in out


# --- ad-hoc SPARQL knows the project's prefixes ---------------------------------------------------


def test_sparql_prepends_the_project_prefixes_it_uses(store):
    from graphkg.graph.query import complete_prefixes

    text = complete_prefixes("SELECT ?e WHERE { ?e a gk:Event ; schema:name ?t } LIMIT 1")
    assert text.startswith(
        "PREFIX gk: <https://w3id.org/graphkg/ontology#>\nPREFIX schema: <https://schema.org/>\n"
    )
    assert "PREFIX skos" not in text  # only the prefixes used
    own = "PREFIX gk: <http://example.org/other#>\nSELECT * WHERE { ?s gk:x ?o }"
    assert complete_prefixes(own) == own  # a declared prefix is the user's
    assert run_sparql(store, "SELECT (COUNT(*) AS ?n) WHERE { ?e a gk:Event }")[1] == [{"n": 192}]
    # strings, IRIs and comments are not prefixed names
    quoted = 'SELECT * WHERE { ?s <http://x/a:b> "c:d" } # e:f'
    assert complete_prefixes(quoted) == quoted


def test_sparql_names_a_missing_unknown_prefix(store):
    with pytest.raises(QueryError, match=r"prefix foaf: is not declared"):
        run_sparql(store, "SELECT * WHERE { ?p foaf:name ?n }")


def test_sparql_warns_about_a_gk_term_the_ontology_does_not_declare(store):
    notes: list[str] = []
    assert run_sparql(store, "SELECT ?e WHERE { ?e a gk:Evnt }", notes=notes)[1] == []
    assert notes == ["gk:Evnt is not declared in the ontology (ontology/graphkg.ttl)"]
    fine: list[str] = []
    run_sparql(store, "ASK { ?e a gk:Event ; gk:involvesRegion ?r }", notes=fine)
    assert fine == []


# --- spheres as a hierarchy, and events with no sphere counted (issue 14) ------------------------


def test_sphere_counts_keep_the_events_without_a_sphere_as_none(store):
    found = {(r["sphere"], r["year"]): r for r in rows(store, "activity_by_sphere_year")}
    assert found[("(none)", 2022)]["events"] == 10  # the prose report 000: ten events, no sections
    assert found[("culture", 2020)]["broader"] == "culture-all"
    # every event counted once: 192 less the copies of the four probable duplicates, where the
    # kept event has the same sphere (004:10 = 003:14, 004:17 = 003:43; Belagro and «Мы помним»
    # are two sections each)
    assert sum(r["events"] for r in found.values()) == 190


def test_a_renamed_section_is_one_series_at_the_broader_level(store):
    narrow = {(r["sphere"], r["year"]): r["events"] for r in rows(store, "activity_by_sphere_year")}
    wide = {
        (r["sphere"], r["year"]): r["events"] for r in rows(store, "activity_by_sphere_group_year")
    }
    for year in (2020, 2023, 2025):
        assert wide[("culture-all", year)] == narrow.get(("culture", year), 0) + narrow.get(
            ("culture-tourism", year), 0
        )
        assert wide[("youth-all", year)] == narrow.get(("youth", year), 0) + narrow.get(
            ("youth-patriotic", year), 0
        )
    # 004:7-10 and 003:14-42, 003:14 (= 004:10) counted once
    assert ("culture", 2025) not in wide and wide[("culture-all", 2025)] == 32
    assert sum(wide.values()) == 190
    broader = rows(store, "events_of_sphere", sphere="culture-all")  # a listing keeps every row
    assert len(broader) == narrow[("culture", 2020)] + narrow[("culture-tourism", 2023)] + 33


def test_the_export_keeps_a_null_sphere_for_prose_events(store):
    from graphkg.graph.events import events_from_store

    prose = [e for e in events_from_store(store) if e["source"] == "000_f55a13aab8e51493.txt"]
    assert len(prose) == 10 and all(e["sphere"] is None for e in prose)


def test_scope_belarus_counts_only_the_events_that_involve_belarus(store):
    every = {(r["sphere"], r["year"]): r for r in rows(store, "activity_by_sphere_year")}
    belarus = {
        (r["sphere"], r["year"]): r for r in rows(store, "activity_by_sphere_year", scope="belarus")
    }
    ((count,),) = [tuple(r.values()) for r in run_sparql(store, """SELECT (COUNT(?e) AS ?n) WHERE { GRAPH ?g {
        ?e gk:sphere <https://w3id.org/graphkg/id/sphere/culture-tourism> ; gk:year 2025 ;
           gk:involvesCountry <https://w3id.org/graphkg/id/country/BY> } }""")[1]]  # fmt: skip
    with_by = count
    assert belarus[("culture-tourism", 2025)]["events"] == with_by - 1  # 003:14 = 004:10, both BY
    assert belarus[("culture-tourism", 2025)]["events"] < every[("culture-tourism", 2025)]["events"]
    # the months and scopes columns: 2020 and 2022 half-years of Belarus-only reports, 2023 one
    # quarter, 2025 two quarters of all countries (the reports' gk:coversMonth and gk:scope)
    assert {y: (every[k]["months"], every[k]["scopes"]) for k in every for y in [k[1]]} == {
        2020: (6, "belarus"),
        2022: (6, "belarus"),
        2023: (3, "all"),
        2025: (6, "all"),
    }
    with pytest.raises(QueryError, match="scope 'world' is not one of: belarus, all"):
        rows(store, "activity_by_sphere_year", scope="world")


def test_the_map_refuses_a_region_or_sphere_the_store_does_not_know(store):
    from graphkg.views.network import Filters, partnership_graph

    with pytest.raises(QueryError, match=r"region 'BY-XX' is not in the store; known: .*BY-VI"):
        partnership_graph(store, Filters(region="BY-XX"))
    with pytest.raises(QueryError, match=r"sphere 'cultre' is not in the store"):
        partnership_graph(store, Filters(sphere="cultre"))
    assert partnership_graph(store, Filters(region="BY-VI")).number_of_edges() > 0


def test_the_cli_says_on_stderr_what_an_institution_parameter_matched(store):
    from typer.testing import CliRunner

    from graphkg.cli.app import app

    result = CliRunner().invoke(app, ["query", "institution_timeline", "-p", "name=Администрации Смоленской области",
                                      "-f", "csv", "--store", str(store.directory)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (
        "Note: 'Администрации Смоленской области' matched 1 institution(s) by its full name"
        in result.stderr
    )
    assert result.stdout.startswith("start,as,event,institutions,place,report,row\n")
    warned = CliRunner().invoke(
        app, ["sparql", "ASK { ?e gk:participnt ?i }", "--store", str(store.directory)]
    )
    assert "Warning: gk:participnt is not declared in the ontology" in warned.stderr


def test_parameters_reach_the_subquery_that_marks_their_place():
    # a VALUES block in the outermost group would join after the subquery, computed for every value
    sparql = (
        "SELECT ?e ?n WHERE {\n  { SELECT ?e (COUNT(*) AS ?n) WHERE {\n"
        "      # parameters are bound here\n      ?e ?p ?region .\n    } GROUP BY ?e }\n}"
    )
    bound = bind_values(sparql, {"region": term("2020-01-01", "date")})
    inner = bound.index("SELECT ?e (COUNT")
    assert bound.index("VALUES (?region)") > inner
    assert bound.index("VALUES (?region)") < bound.index("?e ?p ?region")
    # without the mark: the outermost group, as before
    plain = bind_values("SELECT * WHERE { ?s ?p ?o }", {"o": term("x", "string")})
    assert plain.index("VALUES (?o)") < plain.index("?s ?p ?o")


def test_library_queries_that_mark_a_place_bind_their_parameters_there(store):
    # every marked query still answers its default parameters with rows (the mark is inside the
    # group that uses them, so a misplaced mark would leave a parameter unbound and match all)
    marked = [q for q in library().values() if "# parameters are bound here" in q.text]
    assert {q.name for q in marked} >= {"events_in_period", "events_of_region", "events_of_sphere"}
    for query in marked:
        assert rows(store, query.name), query.name

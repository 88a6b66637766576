"""Resolution of institutions (issue 13): one name key's countries reconciled by evidence, roles
in the graph and in partnerships, judgements a person reviews, the review's blocking index."""

import csv

import pytest

from graphkg.graph.partnerships import _partnerships
from graphkg.graph.quads import report_quads
from graphkg.models import Event, InstitutionMention, Provenance, Report, Span
from graphkg.resolve import judgements as judgements_module
from graphkg.resolve import keys
from graphkg.resolve.judgements import JudgementError, append_unsure, groups
from graphkg.resolve.resolver import resolve
from graphkg.resolve.review import Proposal, blocks, review_proposals
from graphkg.tables import home, read_table


def mention(name, country="RU", evidence="default", role=None):
    return InstitutionMention(
        name=name, mention=name, country=country, evidence=evidence, role=role
    )


def report(source, *rows):
    events = tuple(
        Event(source=source, n=i + 1, sphere=None, title="t", dates=None, institutions=tuple(row),
              provenance=Provenance(source=source, row=i + 1, lines=Span(first=1, last=1), text="t"))
        for i, row in enumerate(rows)
    )  # fmt: skip
    return Report(source=source, title="за 2025 год", layout="table", period=None, events=events)


def test_one_name_key_takes_the_country_its_surest_mention_has():
    resolution = resolve([
        report("a.txt", [mention("ОАО «Гомельский завод станков»", "BY", "name")]),
        report("b.txt", [mention("ОАО «Гомельский завод станков»", "RU", "default")]),
    ])  # fmt: skip
    (entity,) = resolution.entities.values()
    assert entity.country == "BY"
    assert {m.country for r in resolution.reports for e in r.events for m in e.institutions} == {
        "BY"
    }


def test_equal_evidence_for_two_countries_keeps_two_bodies():
    resolution = resolve([
        report("a.txt", [mention("ООО «Восход»", "BY", "context")]),
        report("b.txt", [mention("ООО «Восход»", "RU", "context")]),
    ])  # fmt: skip
    assert sorted(e.country for e in resolution.entities.values()) == ["BY", "RU"]


def test_a_row_lists_one_body_once_with_its_most_active_role():
    resolution = resolve([report("a.txt", [
        mention("ОАО «МАЗ»", "BY", "table", role="supporter"),
        mention("ОАО «Минский автомобильный завод»", "BY", "table", role="party"),
    ])])  # fmt: skip
    (m,) = resolution.reports[0].events[0].institutions
    assert m.role == "party"


def test_partnerships_count_only_bodies_that_take_part():
    resolution = resolve([report("a.txt", [
        mention("Правительство Смоленской области", "RU", "name", role="participant"),
        mention("Министерство культуры Российской Федерации", "RU", "name", role="supporter"),
        mention("Витебский областной исполнительный комитет", "BY", "name", role="participant"),
        mention("Фонд «Память»", "BY", "name", role="topic"),
    ])])  # fmt: skip
    pairs = [v for v in _partnerships(resolution).values() if v[0] == "partnership"]
    labels = {
        resolution.entities[v[1]].label + " / " + resolution.entities[v[2]].label for v in pairs
    }
    assert labels == {
        "Правительство Смоленской области / Витебский областной исполнительный комитет"
    }


def test_the_graph_records_each_mentions_role_and_participants_only_for_takers():
    resolution = resolve([report("a.txt", [
        mention("Правительство Смоленской области", "RU", "name", role="organiser"),
        mention("Министерство культуры Российской Федерации", "RU", "name", role="supporter"),
    ])])  # fmt: skip
    quads = list(report_quads(resolution.reports[0]))
    roles = sorted(q.object.value for q in quads if q.predicate.value.endswith("#role"))
    participants = [q for q in quads if q.predicate.value.endswith("#participant")]
    assert roles == ["organiser", "supporter"] and len(participants) == 1


@pytest.fixture
def tables(tmp_path, monkeypatch):
    """A working tables folder with a judgements file of our own."""
    monkeypatch.setenv("GRAPHKG_TABLES", str(tmp_path))

    def write(rows):
        with (tmp_path / "judgements.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(judgements_module.COLUMNS)
            writer.writerows(rows)
        for cached in (groups, judgements_module.decided, keys.canonical_key, keys.institution_iri):
            cached.cache_clear()

    yield write
    for cached in (groups, judgements_module.decided, keys.canonical_key, keys.institution_iri):
        cached.cache_clear()


def test_positive_judgements_resolve_transitively_and_negatives_are_decisions(tables):
    tables([
        ["ГУК «Дом культуры «Ритм»", "ГУК «Районный дом культуры «Ритм»", "positive", "0.9", "", "анна", "2026-01-01"],
        ["ГУК «Районный дом культуры «Ритм»", "ГУК «РДК «Ритм»", "positive", "0.8", "", "анна", "2026-01-01"],
        ["ГУК «РДК «Ритм»", "ГУК «Клуб «Ритм»", "negative", "0.7", "", "анна", "2026-01-01"],
        ["ГУК «Клуб «Ритм»", "ГУК «Дом культуры «Ритм»", "positive", "0.7", "", "иван", "2026-01-02"],
    ])  # fmt: skip
    key = keys.canonical_key
    assert key("ГУК «Дом культуры «Ритм»") == key("ГУК «РДК «Ритм»")  # through the middle name
    assert key("ГУК «Клуб «Ритм»") != key("ГУК «РДК «Ритм»")  # the negative holds


def test_a_judgement_that_is_none_of_the_three_is_one_clear_error(tables):
    tables([["А", "Б", "maybe", "", "", "анна", ""]])
    with pytest.raises(JudgementError, match="maybe"):
        groups()


def test_review_appends_its_proposals_as_unsure_once(tables, tmp_path):
    tables([])
    proposals = [Proposal("ГУК «Музей «Исток»", "ГУК «Музей «Исток» г. Лиды»", 0.93, "a / b")]
    assert append_unsure(proposals, "анна") == 1
    assert append_unsure(proposals, "анна") == 0  # judged (unsure) already
    rows = read_table("judgements.csv")
    assert [(r["judgement"], r["user"]) for r in rows] == [("unsure", "анна")]


def _entities(*rows):
    return resolve([report("a.txt", *rows)])


def test_the_blocking_index_compares_only_names_that_share_a_quote_or_rare_words():
    resolution = _entities(
        [mention("ГУК «Библиотека «Светоч»", "BY", "name")],
        [mention("ГУК «Детская библиотека «Светоч»", "BY", "name")],
        [mention("Министерство финансов Республики Беларусь", "BY", "name")],
        [mention("Министерство спорта и туризма Республики Беларусь", "BY", "name")],
        *[[mention(f"ООО «Фирма {n}»", "RU", "default")] for n in range(30)],
    )
    pairs = blocks(resolution.entities)
    labels = {frozenset(resolution.entities[i].label for i in pair) for pair in pairs}
    assert frozenset({"ГУК «Библиотека «Светоч»", "ГУК «Детская библиотека «Светоч»"}) in labels
    assert len(pairs) < 40 * 39 / 2 / 4  # far from all pairs


def test_proposals_that_change_a_partnership_rank_first_with_their_evidence():
    resolution = resolve([report("a.txt",
        [mention("Правительство Смоленской области", "RU", "name", "participant"),
         mention("ГУК «Централизованная библиотечная система г. Лиды»", "BY", "name", "participant")],
        [mention("Правительство Смоленской области", "RU", "name", "participant"),
         mention("ГУК «Централизованная библиотечная система г.Лиды»", "BY", "name", "participant")],
        [mention("ООО «Северное сияние»", "RU", "default"), mention("ООО «Северное сияние-1»", "RU", "default")],
    )])  # fmt: skip
    proposals = review_proposals(resolution.entities, reports=resolution.reports)
    assert proposals[0].partnerships == 1 and "partnership" in proposals[0].evidence
    assert "Лиды" in proposals[0].a


def test_proposals_never_join_two_places_bodies():
    resolution = _entities(
        [mention("ГУ «Центр социального обслуживания Лидского района»", "BY", "name")],
        [mention("ГУ «Центр социального обслуживания Слонимского района»", "BY", "name")],
    )
    assert review_proposals(resolution.entities) == []


def test_home_is_defined_once_in_a_table():
    assert (home().country, home().region) == ("RU", "RU-SMO")
    assert len(read_table("home.csv")) == 1


def test_every_known_organisation_names_its_source():
    rows = read_table("known_organisations.csv")
    assert rows and all(r["source"] and r["country"] and r["name"] for r in rows)


def test_entities_review_appends_unsure_rows_to_the_working_tables(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from graphkg.cli.app import app

    from .conftest import table_report

    rows = [["1.", "Встреча", "г. Лида", "3 марта 2025 года",
             "Встреча Правительства Смоленской области с ГУК «Централизованная библиотечная система г. Лиды»", "Делегация"],
            ["2.", "Встреча", "г. Лида", "5 марта 2025 года",
             "Встреча Правительства Смоленской области с ГУК «Централизованная библиотечная система г.Лиды»", "Делегация"]]  # fmt: skip
    report = tmp_path / "r.txt"
    report.write_text(table_report(["Общие направления сотрудничества", *rows]), encoding="utf-8")
    tables = tmp_path / "tables"
    tables.mkdir()
    monkeypatch.setenv("GRAPHKG_TABLES", str(tables))
    for cached in (groups, judgements_module.decided, keys.canonical_key, keys.institution_iri):
        cached.cache_clear()
    result = CliRunner().invoke(app, ["entities", "--review", "--user", "анна", str(report)])
    assert result.exit_code == 0, result.output
    written = list(csv.DictReader((tables / "judgements.csv").open(encoding="utf-8")))
    assert [(r["judgement"], r["user"]) for r in written] == [("unsure", "анна")]
    assert "partnership" in written[0]["evidence"]
    for cached in (groups, judgements_module.decided, keys.canonical_key, keys.institution_iri):
        cached.cache_clear()

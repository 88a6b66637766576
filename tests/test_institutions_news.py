"""Institutions as news writes them: a head noun and a quoted name without a legal form
('завода "Гомсельмаш"', "на предприятии «...»"), and short names by initials ("КВЦ им. Тенишевых",
"ГрГУ им. Я. Купалы", "СмолГУ").

Every sentence here was written for these tests (no news text is copied).
"""

from __future__ import annotations

import pytest

from graphkg.extract.institutions import institutions
from graphkg.models import Event, InstitutionMention, Provenance, Report, Span
from graphkg.resolve.keys import canonical_key
from graphkg.resolve.resolver import resolve


def names(text: str) -> list[str]:
    return [m.name for m in institutions(text)]


@pytest.mark.parametrize(
    "text, name",
    [
        ('Делегация завода "Гомсельмаш" осмотрела цеха.', "Завод «Гомсельмаш»"),
        ("Встреча прошла на предприятии «Нафтан».", "Предприятие «Нафтан»"),
        ("Директор предприятия «Полоцкий хлеб» рассказал о планах.", "Предприятие «Полоцкий хлеб»"),
        ("Гости побывали на комбинате «Гродно Азот».", "Комбинат «Гродно Азот»"),
        ("Сладости фабрики «Красный пищевик» показали на ярмарке.", "Фабрика «Красный пищевик»"),
        ('С компанией "Белшина" обсудили поставки.', "Компания «Белшина»"),
        ("Руководство холдинга «Горизонт» приняло гостей.", "Холдинг «Горизонт»"),
        ("Учащиеся гимназии «Эрудит» выступили с концертом.", "Гимназия «Эрудит»"),
        ("Ученики школы «Лидер» победили в турнире.", "Школа «Лидер»"),
    ],
)
def test_a_head_noun_and_a_quoted_name_is_a_body_in_the_nominative(text, name):
    assert names(text) == [name]


def test_the_written_form_stays_as_the_text_has_it():
    (m,) = institutions('Делегация завода "Гомсельмаш" осмотрела цеха.')
    assert m.written == 'завода "Гомсельмаш"' and m.legal_form == "Завод"


def test_a_head_noun_and_a_quoted_name_is_the_body_its_legal_form_names():
    # one maker: the noun stands where the legal form would
    assert canonical_key("Завод «Гомсельмаш»") == canonical_key("ОАО «Гомсельмаш»")
    assert canonical_key("Предприятие «Нафтан»") == canonical_key("ОАО «Нафтан»")
    (m,) = institutions("Делегация завода «Гомсельмаш» осмотрела цеха.")
    assert m.country == "BY"  # the known maker's country (data/known_organisations.csv)


@pytest.mark.parametrize(
    "text",
    [
        "Предприятия региона представили свою продукцию.",  # no quoted name: no body
        "Дети из школы и детского сада «Радуга» пели песни.",  # the quote is another's name
        "Школы района подготовили выставку.",
        "На заводе прошла экскурсия для студентов.",
    ],
)
def test_a_head_noun_without_its_own_quoted_name_is_no_body(text):
    assert not any(n.startswith(("Предприяти", "Школа", "Завод")) for n in names(text))


def test_a_short_name_after_a_person_is_a_body_and_a_reviewed_alias_names_it_in_full():
    found = names("Сотрудники КВЦ им. Тенишевых и преподаватели ГрГУ им. Я. Купалы провели урок.")
    # data/aliases.csv: СОГБУК «КВЦ имени Тенишевых» is the centre's own short name
    assert found == [
        "ГрГУ им. Я. Купалы",
        "СОГБУК «Культурно-выставочный центр имени Тенишевых»",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Встреча прошла в режиме ВКС.",  # a bare abbreviation no alias names
        "Представители СМИ осветили форум.",
        "Делегация РФ прибыла в Минск.",
        "Делегация РБ и ОАО «СТиМ» подписали план.",  # "СТиМ" is inside its quoted name
    ],
)
def test_a_bare_all_capital_abbreviation_is_a_body_only_when_the_aliases_name_it(text):
    assert [n for n in names(text) if "СТиМ" not in n] == []


def test_a_bare_abbreviation_that_mixes_small_letters_is_a_short_name():
    # not in data/aliases.csv: the corpus resolves it (below) or it stays as written
    assert names("Студенты СмолГУ и ГрГУ провели турнир.") == ["ГрГУ", "СмолГУ"]


def test_a_short_name_inside_a_quoted_name_is_the_quoted_bodys():
    assert names("Гости ФГБУ «НИИ ЦПК имени Ю.А. Гагарина» выступили.") == [
        "ФГБУ «НИИ ЦПК имени Ю.А. Гагарина»"
    ]


def _report(source, *rows):
    events = tuple(
        Event(source=source, n=i + 1, sphere=None, title="t", dates=None, institutions=tuple(row),
              provenance=Provenance(source=source, row=i + 1, lines=Span(first=1, last=1), text="t"))
        for i, row in enumerate(rows)
    )  # fmt: skip
    return Report(source=source, title="за 2025 год", layout="table", period=None, events=events)


def _mention(name, country="RU", evidence="default"):
    return InstitutionMention(name=name, mention=name, country=country, evidence=evidence)


def test_the_corpus_resolves_a_short_name_its_initials_spell():
    full = "УО «Гродненский государственный университет имени Янки Купалы»"
    resolution = resolve([
        _report("a.txt", [_mention(full, "BY", "name")]),
        _report("n.txt", [_mention("ГрГУ им. Я. Купалы")]),  # country by default only
    ])  # fmt: skip
    (entity,) = resolution.entities.values()
    assert entity.country == "BY" and entity.label == full
    (item,) = resolution.reports[1].events[0].institutions
    assert (item.id, item.name, item.country) == (entity.id, full, "BY")


def test_a_short_name_two_bodies_fit_or_another_surname_stays_its_own():
    resolution = resolve([
        _report("a.txt", [
            _mention("ФГБОУ ВО «Смоленский государственный университет»"),
            _mention("ФГБОУ ВО «Смоленский государственный университет спорта»"),
            _mention("Гомельский государственный университет имени Франциска Скорины", "BY", "name"),
            _mention("Гродненский государственный университет", "BY", "name"),
            _mention("Гродненский государственный училище", "BY", "name"),
        ]),
        _report("n.txt", [
            _mention("СмолГУ"),  # only the first fits word for word
            _mention("ГГУ им. Ф. Купалы"),  # Г-Г-У fits Gomel, but the surname is another's
            _mention("ГрГУ"),  # two Grodno bodies fit Гр-Г-У: none is chosen
        ]),
    ])  # fmt: skip
    got = {m.mention: m.name for m in resolution.reports[1].events[0].institutions}
    assert got == {
        "СмолГУ": "ФГБОУ ВО «Смоленский государственный университет»",
        "ГГУ им. Ф. Купалы": "ГГУ им. Ф. Купалы",
        "ГрГУ": "ГрГУ",
    }


def test_an_incremental_build_resolves_an_older_items_short_name_a_new_item_spells(tmp_path):
    import shutil

    import graphkg
    from graphkg.graph.store import EmbeddedStore

    from .conftest import ROOT

    news = ROOT / "tests" / "data" / "news"
    folder = tmp_path / "items"
    folder.mkdir()
    shutil.copy(news / "2025-09-school-museums.txt", folder)
    store = EmbeddedStore(tmp_path / "store")
    graphkg.build([folder], store)
    query = """SELECT ?label WHERE { GRAPH ?g { ?e <https://w3id.org/graphkg/ontology#participant>
        ?x } GRAPH ?h { ?x <http://www.w3.org/2000/01/rdf-schema#label> ?label }
        FILTER(CONTAINS(STR(?e), "school-museums") && CONTAINS(STR(?label), "Купал")) }"""

    def labels():
        names, rows = store.query(query)
        return sorted(str(row[names[0]]) for row in rows)

    assert "ГрГУ им. Я. Купалы" in labels()  # nothing spells it yet: as written
    shutil.copy(news / "2025-08-grodno-university.txt", folder)
    result = graphkg.build([folder], store)
    assert result.incremental
    # the older item's graph is written again: its event names the university in full
    assert labels() == ["УО «Гродненский государственный университет имени Янки Купалы»"]

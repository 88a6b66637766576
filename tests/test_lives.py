"""Agreement lives, renewals and rename dates, on reports of our own (built end to end)."""

import pytest

import graphkg
from graphkg.graph.store import EmbeddedStore
from graphkg.resolve.lives import life_years, lives, records, rename_bounds, renewals
from graphkg.resolve.resolver import resolve

from .conftest import table_report

MEAT = "ОАО «Гомельский мясокомбинат»"
TVER = "ГБУК «Тверской областной дом народного творчества»"
BREST = "ГУК «Брестский областной центр культуры»"
SECTION = "Сотрудничество в сфере экономики"


def row(n, title, dates, content="", participants="Представители сторон"):
    return [f"{n}.", title, "г. Смоленск", dates, content, participants]


REPORTS = {
    "r2021q4.txt": table_report(
        [
            SECTION,
            row(
                1,
                f"Подписание Договора о сотрудничестве в сфере торговли между Администрацией Смоленской области и {MEAT}",
                "5 октября 2021 года",
            ),
            row(
                2,
                f"Подписание Соглашения о сотрудничестве между {TVER} и {BREST}",
                "12 ноября 2021 года",
            ),
            row(
                3,
                f"Подписание Плана мероприятий на 2021–2025 годы к Соглашению между {TVER} и {BREST}",
                "12 ноября 2021 года",
            ),
            row(4, f"Выставка {TVER}", "1 декабря 2021 года", "Выставка работ мастеров"),
        ],
        title="Отчет о мероприятиях в международной сфере\nв IV квартале 2021 года",
    ),  # fmt: skip
    "r2022q2.txt": table_report(
        [
            SECTION,
            row(
                1,
                "Поставка продукции",
                "14 апреля 2022 года",
                f"Поставки в соответствии с Договором о сотрудничестве в сфере торговли между Администрацией Смоленской области и {MEAT} от 05.10.2021 № 3",
            ),
            row(
                2,
                f"Встреча {MEAT} с представителями Администрации Смоленской области",
                "20 мая 2022 года",
            ),
        ],
        title="Отчет о мероприятиях в международной сфере\nво II квартале 2022 года",
    ),  # fmt: skip
    "r2024q3.txt": table_report(
        [
            SECTION,
            row(
                1,
                f"Подписание Договора о сотрудничестве в сфере торговли между Правительством Смоленской области и {MEAT}",
                "2 сентября 2024 года",
            ),
            row(
                2,
                f"Подписание Договора о сотрудничестве в сфере образования между Правительством Смоленской области и {MEAT}",
                "3 сентября 2024 года",
            ),
            row(
                3,
                f"Фестиваль: {TVER} и {BREST}",
                "10 сентября 2024 года",
                "Совместный концерт коллективов",
            ),
        ],
        title="Отчет о мероприятиях в международной сфере\nв III квартале 2024 года",
    ),  # fmt: skip
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    path = tmp_path_factory.mktemp("lives")
    for name, text in REPORTS.items():
        (path / name).write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def resolution(folder):
    return resolve(list(graphkg.parse_reports([folder]).reports))


def by_parties(resolution, *names):
    ids = {resolution.entities[i].label: i for i in resolution.entities}
    want = {ids[n] for n in names}
    return {k: r for k, r in records(resolution).items() if set(r.parties) == want}


def test_a_later_contract_between_the_renamed_body_and_the_same_partner_on_the_same_subject_renews_it(
    resolution,
):
    recs = records(resolution)
    renewed = renewals(resolution, recs)
    trade = sorted((r for r in recs.values() if r.kind == "договор" and r.subject == "о сотрудничестве в сфере торговли"),
                   key=lambda r: r.date)  # fmt: skip
    assert [r.date for r in trade] == ["2021-10-05", "2024-09-02"]
    assert renewed == {trade[1].id: trade[0].id}  # not the education contract: another subject


def test_the_life_of_a_renewed_contract_with_its_citation_and_the_parties_later_meeting(resolution):
    evidence, _ = lives(resolution)
    first = next(r for r in records(resolution).values() if r.date == "2021-10-05")
    found = [(e.kind, e.source, e.row, e.date, e.inferred) for e in evidence[first.id]]
    assert found == [
        ("signing", "r2021q4.txt", 1, "2021-10-05", False),
        ("citation", "r2022q2.txt", 1, "2022-04-14", False),
        ("joint-event", "r2022q2.txt", 2, "2022-05-20", True),
        ("renewal", "r2024q3.txt", 1, "2024-09-02", True),  # found by the rule: inferred
    ]  # the 2024 rows that sign contracts of the same parties are those contracts' evidence
    # 2022 from the citation; the joint meeting of the same year is beside the span, not in it
    assert life_years(evidence[first.id]) == [2021, 2022, 2024]


def test_joint_events_need_every_party_and_a_plan_s_term_is_not_counted(resolution):
    evidence, _ = lives(resolution)
    recs = by_parties(resolution, TVER, BREST)
    agreement = next(r for r in recs.values() if r.kind == "соглашение" and not r.part_of)
    plan = next(r for r in recs.values() if r.kind == "план")
    assert plan.part_of == agreement.id and plan.term == "на 2021–2025 годы"
    assert life_years(evidence[plan.id]) == [2021]  # the term runs to 2025, the evidence does not
    joint = [(e.source, e.row) for e in evidence[agreement.id] if e.kind == "joint-event"]
    assert joint == [("r2024q3.txt", 3)]  # the 2021 exhibition names one party only
    assert life_years(evidence[agreement.id]) == [2021]  # the 2024 festival does not extend it


def test_rename_bounded_by_the_reports(resolution):
    (bounds,) = rename_bounds(resolution).values()
    assert bounds.date is None  # no sourced date in data/renames.csv
    assert bounds.not_before == ("2022-05-20", "r2022q2.txt", 2)  # the last row under the old name
    assert bounds.not_after == ("2024-09-02", "r2024q3.txt", 1)


def test_long_running_agreements_query_lists_lives_of_two_years_or_more(folder, tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    graphkg.build([folder], store)
    _, rows = graphkg.run_library_query(store, "long_running_agreements")
    found = {(r["kind"], r["first_year"], r["last_year"], r["years"], r["evidence"], r["joint_events"])
             for r in rows}  # fmt: skip
    assert found == {
        ("договор", 2021, 2024, 3, "signing 1; citation 1; renewal 1 (inferred)",
         "2022-05-20 r2022q2.txt:2"),
    }  # fmt: skip
    (contract,) = rows
    assert "2024-09-02 renewal (inferred) r2024q3.txt:1" in contract["evidence_rows"]
    assert "joint" not in contract["evidence_rows"]  # joint events have their own column
    _, rows = graphkg.run_library_query(store, "long_running_agreements", {"min_years": "1"})
    assert any(r["term"] == "на 2021–2025 годы" and r["years"] == 1 for r in rows)
    # the Tver-Brest agreement: signed and cited (by its plan, "к Соглашению") in 2021; the 2024
    # festival of both is listed beside it and does not make it long-running
    (folk,) = [r for r in rows if r["kind"] == "соглашение"]
    assert (folk["first_year"], folk["last_year"], folk["evidence"], folk["joint_events"]) == (
        2021, 2021, "signing 1; citation 1", "2024-09-10 r2024q3.txt:3")  # fmt: skip
    renewing = next(r for r in rows if r["renews"])
    assert renewing["renewal"] == "inferred"  # no row says the 2024 contract renews the 2021 one


def test_the_lives_of_the_seeds_rest_on_documents(seed_store):
    """Hand-checked against the reports (000..004 as in tests/test_query_rows.py)."""
    _, rows = graphkg.run_library_query(seed_store, "long_running_agreements", {"min_years": "1"})
    lives_ = {
        (r["kind"], r["number"] or r["signed"] or "", r["first_year"], r["last_year"]): r
        for r in rows
    }
    # 001:14 signs the folk-art centres' agreement (22.11.2023); 004:8 and 004:9 (February 2025)
    # are joint events of both centres that do not name it: shown, not counted
    folk = lives_[("соглашение", "2023-11-22", 2023, 2023)]
    assert "Гродненский" in folk["parties"] and folk["evidence"] == "signing 1"
    assert set(folk["joint_events"].split("; ")) == {
        "2025-02-25 004_f4b0acf8d215ffab.txt:8",
        "2025-02-26 004_f4b0acf8d215ffab.txt:9",
    }
    eleven, one_five_two = (
        lives_[("договор", "№ 11", 2023, 2024)],
        lives_[("договор", "№ 152", 2024, 2025)],
    )
    assert one_five_two["renews"] == eleven["agreement"] and one_five_two["renewal"] == "inferred"
    assert "2024-11-19 renewal (inferred) 003_fc96cb31d86f2e1c.txt:58" in eleven["evidence_rows"]
    # 003:81 (the Council of Ministers' high-level group) names both sanatorium parties on the
    # home side receiving a Belarusian delegation: no joint event of theirs
    assert eleven["joint_events"] is None and one_five_two["joint_events"] is None
    plan = lives_[("план", "2020-01-08", 2020, 2020)]
    assert plan["term"] == "на 2020-2022 годы" and plan["years"] == 1


def test_the_seed_rename_is_bounded_on_the_change_event(seed_store):
    _, rows = seed_store.query(
        "PREFIX gk: <https://w3id.org/graphkg/ontology#> PREFIX org: <http://www.w3.org/ns/org#> "
        "SELECT ?before ?after WHERE { GRAPH <https://w3id.org/graphkg/id/graph/entities> "
        "{ ?c a org:ChangeEvent ; gk:notBefore ?before ; gk:notAfter ?after } }"
    )
    assert [(str(r["before"]), str(r["after"])) for r in rows] == [("2023-02-02", "2023-11-13")]


def test_the_renames_query_shows_the_bounds_with_their_rows(seed_store):
    _, rows = graphkg.run_library_query(seed_store, "renames")
    assert [(r["old"], r["date"], str(r["not_before"]), r["not_before_row"], str(r["not_after"]), r["not_after_row"])
            for r in rows] == [("Администрация Смоленской области", None, "2023-02-02", "001_395057bea5affcc1.txt:24",
                                "2023-11-13", "001_395057bea5affcc1.txt:41")]  # fmt: skip


def test_a_sourced_rename_date_is_kept_with_its_source(resolution, tmp_path, monkeypatch):
    (tmp_path / "renames.csv").write_text(
        "predecessor,successor,year,date,source,note\n"
        "Администрация Смоленской области,Правительство Смоленской области,,2023-06-01,test fixture (no real act),\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("GRAPHKG_TABLES", str(tmp_path))
    (bounds,) = rename_bounds(resolution).values()
    assert (bounds.date, bounds.source) == ("2023-06-01", "test fixture (no real act)")
    assert bounds.not_before is not None  # the reports' bounds stay beside the sourced date


MILL = "ООО «Вяземский льнозавод»"
GLASS = "ОАО «Полоцкий комбинат стеклянных изделий»"
SIDES = {
    "s2021.txt": table_report(
        [
            SECTION,
            row(1, f"Подписание Соглашения о сотрудничестве между Администрацией Смоленской области и {MILL}",
                "14 сентября 2021 года"),
        ],
        title="Отчет о мероприятиях в международной сфере\nв III квартале 2021 года",
    ),
    "s2023.txt": table_report(
        [
            SECTION,
            row(1, f"Визит делегации {GLASS} (Республика Беларусь)", "6 марта 2023 года",
                f"Делегация посетила {MILL}, проведена встреча в Администрации Смоленской области"),
            row(2, f"Рабочая встреча представителей Администрации Смоленской области и {MILL}",
                "20 апреля 2023 года", "Обсуждение инвестиционного проекта"),
        ],
        title="Отчет о мероприятиях в международной сфере\nв I квартале 2023 года",
    ),
    "s2025.txt": table_report(
        [
            SECTION,
            row(1, f"Совещание о ходе реализации Соглашения о сотрудничестве между Администрацией Смоленской области и {MILL}",
                "15 мая 2025 года", "Рассмотрены итоги совместной работы"),
        ],
        title="Отчет о мероприятиях в международной сфере\nво II квартале 2025 года",
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def sides_folder(tmp_path_factory):
    path = tmp_path_factory.mktemp("sides")
    for name, text in SIDES.items():
        (path / name).write_text(text, encoding="utf-8")
    return path


def test_a_same_side_co_occurrence_is_no_joint_event_and_a_meeting_does_not_extend_the_span(
    sides_folder,
):
    """Two home bodies sign in 2021; in 2023 a Belarusian delegation visits both (they receive a
    third side together: nothing of theirs), then they meet each other (a joint event, shown
    beside the span); in 2025 a meeting names their agreement: a citation, which extends it."""
    resolution = resolve(list(graphkg.parse_reports([sides_folder]).reports))
    evidence, _ = lives(resolution)
    (agreement,) = by_parties(resolution, "Администрация Смоленской области", MILL).values()
    found = [(e.kind, e.source, e.row, e.inferred) for e in evidence[agreement.id]]
    assert found == [
        ("signing", "s2021.txt", 1, False),
        ("joint-event", "s2023.txt", 2, True),
        ("citation", "s2025.txt", 1, False),
    ]  # not s2023.txt:1, the delegation's visit
    assert life_years(evidence[agreement.id]) == [2021, 2025]  # 2023 is no year of its life


def test_the_query_shows_joint_events_beside_a_span_they_do_not_extend(sides_folder, tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    graphkg.build([sides_folder], store)
    _, rows = graphkg.run_library_query(store, "long_running_agreements")
    assert [(r["first_year"], r["last_year"], r["years"], r["evidence"], r["evidence_rows"],
             r["joint_events"]) for r in rows] == [
        (2021, 2025, 2, "signing 1; citation 1",
         "2021-09-14 signing s2021.txt:1; 2025-05-15 citation s2025.txt:1", "2023-04-20 s2023.txt:2"),
    ]  # fmt: skip


def test_the_export_keeps_party_names_as_the_row_writes_them(tmp_path):
    centre = "«Брестский областной центр культуры»"
    rows = [
        SECTION,
        row(
            1,
            f"Подписание Соглашения о сотрудничестве между {TVER} и ГУК {centre}",
            "12 ноября 2021 года",
        ),
    ]
    rows += [row(k, f"Концерт ГУ {centre}", f"{k} декабря 2021 года") for k in (2, 3, 4)]
    (tmp_path / "r.txt").write_text(
        table_report(rows, title="Отчет\nв IV квартале 2021 года"), encoding="utf-8"
    )
    (event, *others) = graphkg.parse_reports([tmp_path]).reports[0].events
    assert others[0].institutions[0].name == f"ГУ {centre}"  # the body's label: its most used name
    assert event.export()["agreements"][0]["parties"] == [TVER, f"ГУК {centre}"]

"""Agreement lives, renewals and rename dates, on reports of our own (built end to end)."""

import pytest

import graphkg
from graphkg.graph.store import EmbeddedStore
from graphkg.resolve.lives import life_years, lives, records, rename_bounds, renewals
from graphkg.resolve.resolver import resolve

from .conftest import RAW, table_report

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
        ("renewal", "r2024q3.txt", 1, "2024-09-02", False),
    ]  # the 2024 rows that sign contracts of the same parties are those contracts' evidence
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


def test_rename_bounded_by_the_reports(resolution):
    (bounds,) = rename_bounds(resolution).values()
    assert bounds.date is None  # no sourced date in data/renames.csv
    assert bounds.not_before == ("2022-05-20", "r2022q2.txt", 2)  # the last row under the old name
    assert bounds.not_after == ("2024-09-02", "r2024q3.txt", 1)


def test_long_running_agreements_query_lists_lives_of_two_years_or_more(folder, tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    graphkg.build([folder], store)
    _, rows = graphkg.run_library_query(store, "long_running_agreements")
    found = {(r["kind"], r["first_year"], r["last_year"], r["years"], r["evidence"]) for r in rows}
    assert found == {
        ("договор", 2021, 2024, 3, "signing 1; citation 1; renewal 1; joint-event 1 (inferred)"),
        # the plan row cites its agreement ("к Соглашению"): a citation on the same day
        ("соглашение", 2021, 2024, 2, "signing 1; citation 1; joint-event 1 (inferred)"),
    }
    _, rows = graphkg.run_library_query(store, "long_running_agreements", {"min_years": "1"})
    assert any(r["term"] == "на 2021–2025 годы" and r["years"] == 1 for r in rows)


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    store = EmbeddedStore(tmp_path_factory.mktemp("seeds") / "store")
    graphkg.build([RAW], store)
    return store


def test_the_three_lives_of_the_seeds(seed_store):
    _, rows = graphkg.run_library_query(seed_store, "long_running_agreements", {"min_years": "1"})
    lives_ = {
        (r["kind"], r["number"] or r["signed"] or "", r["first_year"], r["last_year"]): r
        for r in rows
    }
    folk = lives_[("соглашение", "2023-11-22", 2023, 2025)]
    assert (
        "Гродненский" in folk["parties"]
        and folk["evidence"] == "signing 1; joint-event 2 (inferred)"
    )
    assert (
        "004_f4b0acf8d215ffab.txt:8" in folk["evidence_rows"]
        and "004_f4b0acf8d215ffab.txt:9" in folk["evidence_rows"]
    )
    eleven, one_five_two = (
        lives_[("договор", "№ 11", 2023, 2025)],
        lives_[("договор", "№ 152", 2024, 2025)],
    )
    assert one_five_two["renews"] == eleven["agreement"]
    assert "2024-11-19 renewal 003_fc96cb31d86f2e1c.txt:58" in eleven["evidence_rows"]
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

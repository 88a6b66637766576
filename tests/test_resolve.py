from graphkg.models import Event, InstitutionMention, Provenance, Report, Span
from graphkg.pipeline import parse_reports
from graphkg.resolve.keys import canonical_key, institution_iri
from graphkg.resolve.resolver import resolve
from graphkg.resolve.review import review_proposals

from .conftest import RAW


def test_spelling_variants_are_one_entity():
    same = [
        "ОГБУК «Смоленский государственный музей-заповедник»",
        "ГБУК «Смоленский государственный музей-заповедник»",  # legal form changed
        "ГБУК «смоленский  государственный музей-заповедник»",  # case and spacing
        'ГБУК "Смоленский государственный музей-заповедник"',  # straight quotes
    ]
    assert len({institution_iri(n, "RU") for n in same}) == 1


def test_abbreviation_listed_in_aliases_is_the_same_entity():
    assert institution_iri("СОГБУК «КВЦ имени Тенишевых»", "RU") == institution_iri(
        "СОГБУК «Культурно-выставочный центр имени Тенишевых»", "RU"
    )
    assert canonical_key("Гомельский облисполком") == canonical_key(
        "Гомельский областной исполнительный комитет"
    )


def test_different_bodies_stay_different():
    assert institution_iri("Витебский областной исполнительный комитет", "BY") != institution_iri(
        "Витебский городской исполнительный комитет", "BY"
    )
    assert institution_iri("Министерство образования Республики Беларусь", "BY") != institution_iri(
        "Министерство образования и науки Смоленской области", "RU"
    )


def _report(source, year, *names):
    events = tuple(
        Event(
            source=source, n=i + 1, sphere=None, title="t", dates=None,
            institutions=(InstitutionMention(name=name, mention=name, country="RU"),),
            provenance=Provenance(source=source, row=i + 1, lines=Span(first=1, last=1), text="t"),
        )
        for i, name in enumerate(names)
    )  # fmt: skip
    return Report(source=source, title=f"за {year} год", layout="table", period=None, events=events)


def test_rename_keeps_two_entities_linked_as_predecessor_and_successor():
    resolution = resolve([
        _report("a.txt", 2020, "Администрация Смоленской области"),
        _report("b.txt", 2025, "Правительство Смоленской области"),
    ])  # fmt: skip
    old = resolution.entities[institution_iri("Администрация Смоленской области", "RU")]
    new = resolution.entities[institution_iri("Правительство Смоленской области", "RU")]
    assert old.id != new.id
    assert (old.successor, new.predecessor) == (new.id, old.id)


def test_fuzzy_similarity_only_proposes_and_skips_not_same_pairs():
    resolution = resolve([_report("a.txt", 2023, "Витебский областной исполнительный комитет",
                                  "Витебский городской исполнительный комитет",
                                  "УО «Витебский государствен-ный университет»", "УО «Витебский государственный университет»")])  # fmt: skip
    proposals = review_proposals(resolution.entities)
    assert [(p.a, p.b) for p in proposals] == [
        (
            "УО «Витебский государствен-ный университет»",
            "УО «Витебский государственный университет»",
        )
    ]
    assert len(resolution.entities) == 4  # nothing merged


def test_same_institution_across_2020_2023_2025_reports_has_one_id():
    batch = parse_reports([RAW])
    library = "Смоленская областная универсальная научная библиотека"
    ids = {
        (report.source, m.id)
        for report in batch.reports
        for event in report.events
        for m in event.institutions
        if library in m.name
    }
    sources = {source for source, _ in ids}
    assert {
        "002_becf744556110d19.txt",
        "001_395057bea5affcc1.txt",
        "004_f4b0acf8d215ffab.txt",
    } <= sources
    assert len({iri for _, iri in ids}) == 1


def test_resolution_is_deterministic():
    def ids():
        batch = parse_reports([RAW])
        return [
            (m.id for m in e.institutions)
            and tuple(m.id for m in e.institutions) + tuple(a.id for a in e.agreements)
            for r in batch.reports
            for e in r.events
        ]

    assert ids() == ids()


def test_citation_in_a_later_report_resolves_to_the_agreement_it_cites(tmp_path):
    from .conftest import table_report

    signed = ["1.", "Подписание Договора о сотрудничестве между Постоянным Комитетом Союзного государства и "
              "Администрацией Смоленской области", "в рабочем порядке", "2 февраля 2023 года", "Подписание", "Стороны"]  # fmt: skip
    cited = ["1.", "Визит", "г. Смоленск", "5 мая 2025 года",
             "Визит (в соответствии с Договором о сотрудничестве Постоянного Комитета Союзного государства и "
             "Администрации Смоленской области от 02.02.2023 № 11)", "Делегация"]  # fmt: skip
    (tmp_path / "a.txt").write_text(
        table_report(["Общие направления сотрудничества", signed], "Отчет в I квартале 2023 года")
    )
    (tmp_path / "b.txt").write_text(
        table_report(["Общие направления сотрудничества", cited], "Отчет во II квартале 2025 года")
    )
    batch = parse_reports([tmp_path])
    (a,) = batch.reports[0].events[0].agreements
    (b,) = batch.reports[1].events[0].agreements
    assert (a.status, b.status) == ("signed", "referenced")
    assert a.id == b.id


def test_plan_and_supplement_are_linked_to_the_agreement_they_belong_to():
    batch = parse_reports([RAW / "002_becf744556110d19.txt"])
    by_n = {e.n: e for e in batch.reports[0].events}
    for n, part_kind in ((4, "дополнительное соглашение"), (24, "план")):
        part = next(a for a in by_n[n].agreements if a.kind == part_kind)
        base = next(a for a in by_n[n].agreements if a.kind == "соглашение")
        assert (part.status, base.status) == ("signed", "referenced")
        assert part.part_of == base.id and part.id != base.id

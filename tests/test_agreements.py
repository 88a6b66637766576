from graphkg.extract.agreements import agreements
from graphkg.extract.dates import parse_dates

MARCH_3, _ = parse_dates("3 марта 2020 года")
RANGE, _ = parse_dates("13-15 марта 2025 года")


def one(texts, dates=MARCH_3):
    return [(a.kind, a.status, a.parties, a.date, a.number) for a in agreements(texts, dates)]


def test_signing_between_two_bodies_on_the_event_day():
    title = (
        "Подписание Соглашения между Администрацией Смоленской области (Российская Федерация) и "
        "Гомельским областным исполнительным комитетом (Республика Беларусь) о сотрудничестве"
    )
    assert one([title, title]) == [(
        "соглашение", "signed",
        ("Администрация Смоленской области", "Гомельский областной исполнительный комитет"),
        "2020-03-03", None,
    )]  # fmt: skip


def test_registration_number_belongs_to_the_signed_supplement_and_the_base_agreement_is_cited():
    title = "Подписание дополнительного Соглашения к Соглашению о сотрудничестве между Администрацией Смоленской области и ООО «ЭГГЕР»"
    content = (
        "Подписание дополнительного Соглашения (утверждено распоряжением от 25 мая 2020 года № 842-р/адм, "
        "зарегистрировано в протокольном отделе 4 июня 2020 года № 068/27-с)"
    )
    parties = ("Администрация Смоленской области", "ООО «ЭГГЕР»")
    assert one([title, content]) == [
        ("дополнительное соглашение", "signed", parties, "2020-03-03", "№ 068/27-с"),
        ("соглашение", "referenced", parties, None, None),
    ]


def test_citation_with_date_and_number():
    content = (
        "(в соответствии с Договором о сотрудничестве Постоянного Комитета Союзного государства и "
        "Администрации Смоленской области от 02.02.2023 № 11)"
    )
    assert one([content]) == [(
        "договор", "referenced",
        ("Постоянный Комитет Союзного государства", "Администрация Смоленской области"),
        "2023-02-02", "№ 11",
    )]  # fmt: skip


def test_agreement_without_named_parties_and_a_plan_signed():
    assert one(["Обмен опытом в рамках соглашения о сотрудничестве"]) == [
        ("соглашение", "referenced", (), None, None)
    ]
    assert one(
        ["Подписаны соглашения о сотрудничестве молодежных организаций Смоленской области"], RANGE
    ) == [("соглашение", "signed", (), None, None)]
    plan = (
        "церемонии подписания плана реализации совместных мероприятий между Общероссийской общественной "
        "организацией «Российский Союз Молодежи» и Общественным объединением «Белорусский республиканский союз молодежи»"
    )
    assert one([plan])[0][:3] == ("план", "signed", (
        "Общероссийская общественная организация «Российский Союз Молодежи»",
        "Общественное объединение «Белорусский республиканский союз молодежи»",
    ))  # fmt: skip


def test_a_discussed_draft_or_a_vague_plan_is_not_an_agreement():
    assert one(["Состоялось обсуждение проекта соглашения о сотрудничестве"]) == []
    assert one(["Намечен план дальнейшего взаимодействия с белорусскими партнерами"]) == []
    assert one(["Достигнуты договоренности о дальнейшем сотрудничестве"]) == []


def test_signing_date_is_unknown_when_the_event_spans_several_days():
    text = "подписание соглашения о сотрудничестве между Правительством Смоленской области и АНО «Центр»"
    assert one([text], RANGE)[0][3] is None


def test_a_party_in_an_aside_is_not_a_party_but_a_citation_in_brackets_keeps_its_parties():
    title = "Подписание Соглашения между Администрацией Смоленской области и ООО «ЭГГЕР» (учредитель – австрийская компания «EGGER»)"
    assert one([title])[0][2] == ("Администрация Смоленской области", "ООО «ЭГГЕР»")
    cited = (
        "Лечение (в соответствии с Договором о сотрудничестве между Постоянным Комитетом Союзного государства "
        "и Правительством Смоленской области от 19.11.2024 № 152)"
    )
    assert one([cited]) == [("договор", "referenced",
                             ("Постоянный Комитет Союзного государства", "Правительство Смоленской области"),
                             "2024-11-19", "№ 152")]  # fmt: skip


def records(texts, dates=MARCH_3):
    return [(a.kind, a.status, a.parties, a.date) for a in agreements(texts, dates)]


CONGRESS, _ = parse_dates("14-17 апреля 2024 года")


def test_a_separate_agreement_beside_a_batch_is_two_records_with_the_signing_day_of_the_first():
    content = (
        "В рамках деловой программы форума 15 апреля 2024 года состоялась встреча руководителей. "
        "По итогам встречи подписано соглашение о сотрудничестве между ООО «Смоленский льнозавод» и "
        "ОАО «Оршанский льнокомбинат». В рамках основного дня форума 16 апреля 2024 года прошло "
        "пленарное заседание. В целях обмена опытом подписаны трехсторонние соглашения о взаимном "
        "сотрудничестве между: АНО «Центр поддержки предпринимательства Смоленской области», "
        "ОАО «Брестское агентство регионального развития» и ОАО «Гомельское агентство развития»"
    )
    assert records([content], CONGRESS) == [
        ("соглашение", "signed", ("ООО «Смоленский льнозавод»", "ОАО «Оршанский льнокомбинат»"), "2024-04-15"),
        ("соглашение", "signed", (
            "АНО «Центр поддержки предпринимательства Смоленской области»",
            "ОАО «Брестское агентство регионального развития»",
            "ОАО «Гомельское агентство развития»",
        ), None),  # the batch sentence does not point back at the day before it
    ]  # fmt: skip


def test_the_signing_day_named_in_the_signing_sentence_inside_a_multi_day_event():
    text = "16 апреля 2024 года подписан меморандум о сотрудничестве между ОГБУ «Смоленский центр» и ОАО «Брестгазоаппарат»"
    assert records([text], CONGRESS)[0][3] == "2024-04-16"
    outside = "20 мая 2024 года подписан меморандум о сотрудничестве между ОГБУ «Смоленский центр» и ОАО «Брестгазоаппарат»"
    assert records([outside], CONGRESS)[0][3] is None  # not a day of the event


def test_a_title_repeating_its_content_is_one_record():
    title = "Подписание Соглашения между ОГБУ «Смоленский центр» и ОАО «Брестгазоаппарат»"
    content = "Подписано соглашение о сотрудничестве между ОГБУ «Смоленский центр» и ОАО «Брестгазоаппарат»"
    assert len(records([title, content])) == 1


def test_terms_as_written_and_not_part_of_the_subject():
    found = agreements([
        "Подписание Соглашения о сотрудничестве между ГБУК «Тверской областной дом народного творчества» "
        "и ГУК «Брестский областной центр культуры» сроком на 5 лет",
        "Подписан меморандум о сотрудничестве между ОГБУ «Смоленский центр» и ОАО «Брестгазоаппарат», действующий до 2027 года",
    ], MARCH_3)  # fmt: skip
    assert [(a.kind, a.term, a.subject) for a in found] == [
        ("соглашение", "сроком на 5 лет", "о сотрудничестве"),
        ("меморандум", "до 2027 года", "о сотрудничестве"),
    ]


def test_a_plan_term_is_the_plan_s_not_its_agreement_s_and_a_road_map_is_a_plan():
    plan = "Подписание Плана мероприятий на 2021–2025 годы к Соглашению между Министерством спорта Смоленской области и ОАО «Брестгазоаппарат»"
    assert [(a.kind, a.status, a.term) for a in agreements([plan], MARCH_3)] == [
        ("план", "signed", "на 2021–2025 годы"),
        ("соглашение", "referenced", None),
    ]
    road_map = "Подписана дорожная карта к Соглашению между Министерством спорта Смоленской области и ОАО «Брестгазоаппарат»"
    assert [(a.kind, a.status) for a in agreements([road_map], MARCH_3)] == [
        ("план", "signed"),
        ("соглашение", "referenced"),
    ]


def test_kinds_and_cues_come_from_the_data_tables():
    from graphkg.extract.agreements import cue, kind_names, part_kinds
    from graphkg.tables import read_table

    assert set(kind_names()) == {row["kind"] for row in read_table("agreement_kinds.csv")}
    assert {"план", "дополнительное соглашение", "протокол"} <= part_kinds()
    assert cue("occasion").search("Важным результатом встречи стало")

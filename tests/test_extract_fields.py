import pytest

from graphkg.extract.geo import belarus_regions, event_places, foreign_countries
from graphkg.extract.online import is_online
from graphkg.extract.participants import participant_total
from graphkg.extract.sphere import sphere_of


def names(place_text):
    return [p.name for p in event_places(place_text)]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("г. Смоленск", ["Смоленск"]),
        ("г. Минск,\nРеспублика Беларусь", ["Минск"]),
        ("г. Вязьма,\nСмоленская область,\n(ООО «ВКП ЛТ»)", ["Вязьма"]),
        ("в г. Витебске", ["Витебск"]),
        (
            "г. Минск, г. Могилев, г. Глубокое, г. Полоцк, Республика Беларусь",
            ["Минск", "Могилев", "Глубокое", "Полоцк"],
        ),
        (
            "г. Смоленск;\nКраснинский муниципальный округ Смоленской области",
            ["Смоленск", "Краснинский муниципальный округ"],
        ),
        ("Смоленская область", ["Смоленская область"]),
        ("Смолевичский район, Минская область, Республика Беларусь", ["Смолевичский район"]),
        ("в рабочем порядке", []),
        ("Республика Беларусь", []),
        ("г. Брест,\nРеспублика Беларусь,\nГУО «Средняя школа № 7 г. Бреста»", ["Брест"]),
        ("ГУО «Средняя школа № 7 г. Бреста»", []),
        ("представители пионерской организации г. Витебска", []),
        ("д. Барань Оршанского района", ["Барань"]),
        ("г. Санкт-Петербург, конгрессно-выставочный центр «Экспофорум»", ["Санкт-Петербург"]),
        ("г. Могилёв", ["Могилев"]),
    ],
)
def test_places_are_settlements_in_the_nominative(cell, expected):
    assert names(cell) == expected


def test_place_carries_gazetteer_region_and_wikidata_id():
    (minsk,) = event_places("г. Минске")
    assert (minsk.id, minsk.country, minsk.region) == ("minsk", "BY", "BY-HM")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Гомельским областным исполнительным комитетом (Республика Беларусь)", ["BY-HO"]),
        ("УО «Могилевский государственный политехнический колледж»", ["BY-MA"]),
        ("Республики Беларусь (г. Минска и Гомельской области)", ["BY-HM", "BY-HO"]),
        ("Минского областного исполнительного комитета", ["BY-MI"]),
        (
            "ГУ «Территориальный центр социального обслуживания населения Оршанского района»",
            ["BY-VI"],
        ),
        ("Онлайн-викторина «Защитники Брестской крепости»", ["BY-BR"]),
        ("Видеоконференция «Рославль – Витебск»", ["BY-VI"]),
        ("Министерство образования Республики Беларусь", []),
        ("г. Смоленск, делегация Республики Беларусь", []),
    ],
)
def test_belarusian_regions_from_places_and_regional_adjectives(text, expected):
    assert belarus_regions(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("делегация Республики Беларусь", ["BY"]),
        ("компания «Asepto» (Республика Индия)", ["IN"]),
        ("Делегация Объединенных Арабских Эмиратов", ["AE"]),
        ("ООО «ЭГГЕР» (учредитель – австрийская компания «EGGER»)", ["AT"]),
        (
            "журналисты из Беларуси, Китая, Таджикистана, Узбекистана и Вьетнама",
            ["BY", "CN", "TJ", "UZ", "VN"],
        ),
        ("представители регионов Российской Федерации", []),
        ("3500 специалистов из 10 стран", []),
        ("кинофильм на английском языке, курсы китайского языка", []),
        ("выставка о подвиге народа советской Беларуси", []),
        ("г. Дубай", ["AE"]),
        ("г. Витебск", ["BY"]),
    ],
)
def test_foreign_countries_by_name_adjective_or_place(text, expected):
    assert foreign_countries(text) == expected


@pytest.mark.parametrize(
    ("participants", "content", "expected"),
    [
        ("Общее количество участников – 16 человек", "", 16),
        ("Спортсмены (общее количество – 128 человек)", "", 128),
        ("Группа детей (80 человек) в сопровождении сотрудников", "", 80),
        ("Делегация в составе 10-ти человек", "", 10),
        ("Более 170 ученых и педагогов из регионов", "", 170),
        ("120 представителей молодежных организаций", "", 120),
        ("Представители библиотек", "Всего приняло участие 98 талантливых авторов.", 98),
        ("Коллектив (60 человек).\nКоличество посетителей – 350 человек", "", 60),
        ("Клуб (10 человек), школа (8 человек), школа № 1 (10 человек)", "", None),
        ("Артисты", "Выступления посетило более 1100 зрителей", None),
        ("Общее количество участников – более 1200 человек", "", 1200),
        ("Делегация Смоленской области", "", None),
    ],
)
def test_participant_totals(participants, content, expected):
    assert participant_total(participants, content) == expected


@pytest.mark.parametrize(
    ("title", "place", "expected"),
    [
        ("Проведение телемоста", "г. Вязьма", True),
        ("Видеоконференция «Рославль – Витебск»", "г. Рославль", True),
        ("Конкурс", "г. Гродно (в дистанционном формате)", True),
        ("Поэтический конкурс «БиблиоПарнас» (в заочном формате)", "г. Смоленск", True),
        ("Участие в выставочном проекте «Города-герои» в электронном виде", "г. Брест", True),
        (
            "Подготовка материалов к проведению международного телемоста «Мы помним»",
            "г. Гомель",
            False,
        ),
        ("Оффлайн-встреча со студентами", "г. Смоленск", False),
        ("Деловая встреча", "г. Москва", False),
    ],
)
def test_online_format(title, place, expected):
    assert is_online(title, place) is expected


def test_sphere_has_a_stable_id_and_keeps_the_header_text():
    sphere = sphere_of("Сотрудничество в сфере  физической культуры и спорта")
    assert (sphere.id, sphere.label) == (
        "sport",
        "Сотрудничество в сфере физической культуры и спорта",
    )
    assert sphere_of("Сотрудничество в сфере культуры и туризма").id == "culture-tourism"
    unknown = sphere_of("Сотрудничество в сфере космоса")
    assert unknown.id.startswith("other-") and unknown == sphere_of(
        "Сотрудничество в сфере космоса"
    )


def test_closed_word_lists_come_from_data():
    from graphkg.tables import word_list

    assert "г" in word_list("settlement_word") and "при" in word_list("owner_location")
    with pytest.raises(KeyError, match="no list 'nothing'"):
        word_list("nothing")

"""Regions from names: a town fused into a company's name counts, a see in a cleric's title does not."""

import pytest

from graphkg.extract.geo import belarus_regions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("переговоры с ОАО «Управляющая компания холдинга «Бобруйскагромаш»", ["BY-MA"]),
        ("поставки труб для РУП «Гомельтранснефть Дружба»", ["BY-HO"]),
        ("дегустация продукции ОАО «Витебскхлебпром»", ["BY-VI"]),
        ("модернизация лифтов с ОАО «Могилевлифтмаш»", ["BY-MA"]),
        ("ОАО «Минскхлебпром» и ОАО «Брестгазоаппарат»", ["BY-BR", "BY-HM"]),
        ("делегация ОАО «Новополоцкнефтехим»", ["BY-VI"]),  # the longer town's name wins
        ("ОАО «Гродноазот» (Республика Беларусь)", ["BY-HR"]),
        # no fused name: a known word, an adjective, a hyphenated name, a short town, lower case
        ("встреча с Петром Борисовичем Ивановым", []),
        ("ООО «Речица-Агро»", []),
        ("ООО «Лидахлебопродукт»", []),  # "Лида": under five letters, too likely a look-alike
        ("слово «гомельтранснефть» в нижнем регистре", []),
        ("Минский тракторный завод", ["BY-HM"]),  # the adjective, as before
    ],
)
def test_a_town_fused_into_a_company_name_gives_its_region(text, expected):
    assert belarus_regions(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("приняли участие: митрополит Минский и Заславский Вениамин", []),
        ("приветствие архиепископа Гомельского и Жлобинского Стефана", []),
        (
            "епископ Борисовский и Марьиногорский Вениамин, председатель Витебского облисполкома",
            ["BY-VI"],
        ),
        ("Патриарх Московский и всея Руси Кирилл посетил г. Полоцк", ["BY-VI"]),
        ("митрополит Гродненский. Делегация г. Могилева", ["BY-MA"]),  # the title ends at the stop
        ("встреча с епископом в г. Бресте", ["BY-BR"]),  # "в" is no see
    ],
)
def test_a_see_in_a_clerics_title_adds_no_region(text, expected):
    assert belarus_regions(text) == expected

"""A district named beside a settlement that lies in it only locates the settlement (data/gazetteer.csv
`district`); a district of its own, or one named without a settlement, is a place."""

import pytest

from graphkg.extract.geo import event_places
from graphkg.tables import places


def names(cell):
    return [p.name for p in event_places(cell)]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("пос. Хиславичи,\nХиславичский район,\nСмоленская область", ["Хиславичи"]),
        ("д. Болдино, Дорогобужский район, Смоленская область", ["Болдино"]),
        ("г. Рудня, Руднянский муниципальный округ Смоленской области", ["Рудня"]),
        ("Рославльский муниципальный округ, г. Рославль", ["Рославль"]),  # either order
        ("г. Смолевичи, Смолевичский район, Минская область, Республика Беларусь", ["Смолевичи"]),
        ("г. Вязьма, Вяземский район;\nг. Смоленск", ["Вязьма", "Смоленск"]),
        # a district with no settlement of its own in the cell is a place
        ("г. Смоленск,\nВяземский район,\nСмоленская область", ["Смоленск", "Вяземский район"]),
        (
            "г. Смоленск;\nКраснинский муниципальный округ Смоленской области",
            ["Смоленск", "Краснинский муниципальный округ"],
        ),
        ("Демидовский район, туристическая стоянка на озере", ["Демидовский район"]),
        ("г. Дорогобуж, Хиславичский район", ["Дорогобуж", "Хиславичский район"]),
    ],
)
def test_a_district_beside_its_own_settlement_is_no_second_place(cell, expected):
    assert names(cell) == expected


def test_every_district_a_settlement_lies_in_is_a_district_of_the_gazetteer():
    table = places()
    pairs = [(p, d) for p in table.values() for d in p.districts]
    assert pairs, "the gazetteer says where no settlement lies"
    for place, district in pairs:
        assert place.kind == "settlement" and table[district].kind == "district", (
            place.id,
            district,
        )
        assert table[district].region == place.region, (place.id, district)

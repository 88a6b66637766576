"""Geography from names, not look-alikes (issue 13): our own sentences."""

from graphkg.extract.geo import belarus_regions, event_places, foreign_countries


def test_a_town_word_inside_a_longer_quoted_name_is_no_region():
    assert belarus_regions("у контрольного поста «Красная Горка» на трассе") == []
    assert belarus_regions("продукция ОАО «Новые Горки» и ООО «Речица-Агро»") == []
    assert belarus_regions("выступили артисты Центра культуры «Витебск»") == ["BY-VI"]
    assert belarus_regions("учащиеся ГУО «Средняя школа № 5 г. Гродно»") == ["BY-HR"]


def test_a_country_of_a_historical_topic_is_not_taking_part():
    assert foreign_countries("доклад о монетах короля Швеции и царя Польши") == []
    assert foreign_countries("делегация Республики Польша") == ["PL"]


def test_where_it_happened_is_the_place_and_the_reporting_region_is_not():
    places = event_places(
        "представители Смоленской области наблюдали на избирательных участках Гомельской области"
    )
    assert [p.name for p in places] == ["Гомельская область"]
    assert event_places("Министерство экономического развития Смоленской области (онлайн)") == []
    assert [p.name for p in event_places("ГУ «Санаторий «Нарочь», Минская область")] == [
        "Минская область"
    ]


def test_a_quoted_municipality_of_the_place_cell_is_the_place():
    places = event_places(
        "Муниципальное образование «Велижский муниципальный округ» Смоленской области"
    )
    assert [(p.name, p.region) for p in places] == [("Велижский муниципальный округ", "RU-SMO")]
    assert [
        p.name
        for p in event_places("г. Велиж, Муниципальное образование «Велижский муниципальный округ»")
    ] == ["Велиж"]

"""Remote events: format words, remote-session nouns, a web site as the venue, virtual exhibitions."""

import pytest

from graphkg.extract.online import is_online


@pytest.mark.parametrize(
    ("title", "place", "content", "expected"),
    [
        # a web site or a URL as the venue (a table's place cell)
        ("Выставка открыток «Весна Победы»", "Сайт ОГБУК «Смоленский областной музей»", "", True),
        ("Фотовыставка «Дороги памяти»", "Сайт \nГУК «Оршанская библиотека»", "", True),
        ("Конкурс чтецов «Живое слово»", "на официальном сайте СОГБУ «Центр «Радуга»", "", True),
        ("Публикация материалов о партизанах", "Официальный сайт музея", "", True),
        ("Выставка рисунков", "г. Смоленск,\nна сайте Министерства образования", "", True),
        ("Выставка архивных документов", "https://archive.example.ru/exhibit", "", True),
        ("Выставка архивных документов", "www.museum-smolensk.ru", "", True),
        ("Викторина «Знатоки истории»", "интернет-ресурс ГУК «Витебская библиотека»", "", True),
        # a site that is not the venue: the event is where the place cell says
        ("Концерт хора", "г. Смоленск (трансляция на сайте филармонии)", "", False),
        ("Встреча с читателями", "г. Смоленск, ГУК «Библиотека «Сайт»", "", False),
        ("Круглый стол", "г. Витебск", "Итоги размещены на сайте университета", False),
        # a virtual exhibition or excursion shown on a site
        ("Виртуальная выставка «Кино Победы»", "г. Смоленск", "Размещена на сайте музея", True),
        ("Участие в виртуальной экскурсии «Брестская крепость»", "", "на сайте ГУ «Музей»", True),
        (
            "Виртуальный тур по усадьбе «Фленово»",
            "г. Талашкино",
            "на сайте музея-заповедника",
            True,
        ),
        # a virtual thing that is not the event, or no site it is shown on
        (
            "Презентация «Земли памяти» (виртуальные экскурсии по местам боев)",
            "пос. Монастырщина",
            "",
            False,
        ),
        (
            "Презентация виртуальной выставки «Мы помним»",
            "г. Смоленск, ДК",
            "на сайте музея",
            False,
        ),
        ("Виртуальная выставка в фойе библиотеки", "г. Смоленск, ГБУК «Библиотека»", "", False),
    ],
)
def test_a_web_site_as_the_venue_or_a_virtual_exhibition_on_a_site_is_remote(
    title, place, content, expected
):
    assert is_online(title, place, "", content) is expected


def test_a_prose_sentence_naming_a_site_is_no_venue():
    sentence = "На сайте министерства размещена информация о визите делегации в г. Витебск"
    assert is_online("Визит делегации", sentence, "", sentence, table=False) is False
    assert is_online("Визит", "Сайт министерства", "", "", table=False) is False


@pytest.mark.parametrize(
    ("title", "place", "dates", "expected"),
    [
        ("Совещание", "г. Смоленск", "12 марта 2025 года (в режиме ВКС)", True),
        ("Семинар по видеосвязи с коллегами из Гомеля", "г. Смоленск", "", True),
        ("Вебинар для педагогов", "г. Смоленск", "", True),
        ("Организация подготовки к телемосту", "г. Смоленск", "", False),
        ("Выставка", "г. Смоленск, выставочный зал", "", False),
    ],
)
def test_format_words_and_remote_sessions_from_the_table(title, place, dates, expected):
    assert is_online(title, place, dates) is expected

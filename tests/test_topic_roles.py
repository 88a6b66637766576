"""A body the row is only ABOUT is a topic (data/role_cues.csv): it stays in the event's
institutions but takes no part, so it makes no partnership; a topic that also acts stays a taker."""

import pytest

import graphkg
from graphkg.errors import GraphkgError
from graphkg.extract.institutions import roles
from graphkg.extract.institutions.finder import institutions

from .conftest import library_rows, table_report


def _roles(text, cells=None):
    return {m.name: m.role for m in institutions(text, cells=cells)}


@pytest.mark.parametrize(
    ("text", "body"),
    [
        # an elected body whose election is observed
        (
            "Делегация области приняла участие в наблюдении за выборами депутатов Палаты "
            "представителей Национального собрания Республики Беларусь",
            "Палата представителей Национального собрания Республики Беларусь",
        ),
        (
            "Наблюдатели от Смоленской области работали на выборах в Гродненский областной "
            "Совет депутатов",
            "Гродненский областной Совет депутатов",
        ),
        # the founding anniversary celebrated
        (
            "Участие в торжествах к 100-летию со дня основания ГУК «Гродненский государственный "
            "музей истории религии»",
            "ГУК «Гродненский государственный музей истории религии»",
        ),
        (
            "Торжественное собрание, посвященное 75-летию образования ГУО «Гимназия № 2 г. Орши»",
            "ГУО «Гимназия № 2 г. Орши»",
        ),
        # a planned joint project being discussed
        (
            "Обсуждено создание совместного с ОАО «Гомсельмаш» сборочного производства "
            "зерноуборочных комбайнов",
            "ОАО «Гомсельмаш»",
        ),
        (
            "Рассмотрены вопросы строительства на территории района совместного с ОАО «Белшина» "
            "логистического центра",
            "ОАО «Белшина»",
        ),
        (
            "Обсуждены вопросы проекта ОАО «Могилевлифтмаш» по поставке лифтов",
            "ОАО «Могилевлифтмаш»",
        ),
        # the body a report or an event is devoted to
        (
            "Заслушан доклад о деятельности Постоянного Комитета Союзного государства",
            "Постоянный Комитет Союзного государства",
        ),
        (
            "Круглый стол, посвященный ГУ «Брестская крепость-герой»",
            "ГУ «Брестская крепость-герой»",
        ),
        # the owner of a party, named in brackets
        (
            "Подписано соглашение с ООО «Смоленский завод» (учредитель: белорусское ОАО «Амкодор»)",
            "ОАО «Амкодор»",
        ),
        # from the reports: 003:81, 004:34, 003:72
        (
            "Рассмотрены вопросы реализации ряда совместных проектов: создание в регионе "
            "совместного с ОАО «МАЗ» Центра сервисного обслуживания",
            "ОАО «МАЗ»",
        ),
        (
            "Участие в Миссии наблюдателей от Содружества Независимых Государств на выборах "
            "депутатов Маджлиси намояндагон Маджлиси Оли Республики Таджикистан",
            "Маджлиси намояндагон Маджлиси Оли Республики Таджикистан",
        ),
        (
            "Участие в торжествах, посвященных празднованию 900-летия основания Полоцкого "
            "Спасо-Евфросиниевского женского монастыря",
            "Полоцкий Спасо-Евфросиниевский женский монастырь",
        ),
    ],
)
def test_a_body_named_after_a_topic_cue_is_a_topic(text, body):
    assert _roles(text)[body] == "topic"


def test_a_body_listed_after_a_topic_shares_its_role():
    text = (
        "Рассказ о деятельности ГУК «Витебский областной краеведческий музей» и "
        "ГУК «Могилевский областной краеведческий музей»"
    )
    assert set(_roles(text).values()) == {"topic"}


@pytest.mark.parametrize(
    ("text", "body"),
    [
        # the adverb: the body works with us
        ("Семинар проведен совместно с ОАО «Гомсельмаш» для специалистов", "ОАО «Гомсельмаш»"),
        # a body's own jubilee: it receives its guests
        (
            "Юбилейный вечер, посвященный 50-летию ГУО «Средняя школа № 3 г. Мозыря»",
            "ГУО «Средняя школа № 3 г. Мозыря»",
        ),
        # the founder of a contest runs it
        ("Учредитель конкурса – ГУО «Гимназия № 1 г. Орши»", "ГУО «Гимназия № 1 г. Орши»"),
        # a joint project already made with the body
        (
            "Выставка является совместным проектом с ГУК «Витебский областной краеведческий музей»",
            "ГУК «Витебский областной краеведческий музей»",
        ),
    ],
)
def test_a_body_that_works_with_us_is_no_topic(text, body):
    assert _roles(text)[body] not in ("topic", "supporter")


def test_a_topic_that_also_acts_in_the_row_keeps_its_acting_role():
    organised = (
        "Конференция к 80-летию со дня основания ГУО «Гимназия № 1 г. Орши» организована "
        "ГУО «Гимназия № 1 г. Орши»"
    )
    assert _roles(organised)["ГУО «Гимназия № 1 г. Орши»"] == "organiser"
    hosted = "Выставка к 90-летию со дня основания ГУК «Музей Ф. Скорины» прошла на базе ГУК «Музей Ф. Скорины»"
    assert _roles(hosted)["ГУК «Музей Ф. Скорины»"] == "host"
    met = (
        "Встреча с руководством ОАО «Гомсельмаш». Обсуждено создание совместного с "
        "ОАО «Гомсельмаш» сборочного производства"
    )
    assert _roles(met)["ОАО «Гомсельмаш»"] == "participant"
    joint = "Семинар проведен совместно с ОАО «Белшина» к 60-летию со дня основания ОАО «Белшина»"
    assert _roles(joint)["ОАО «Белшина»"] == "participant"
    topic = "Обсуждено создание совместного с ОАО «Гомсельмаш» сборочного производства. "
    listed = "Представители ОАО «Гомсельмаш»"
    text = topic + listed
    cells = {"participants": (len(topic), len(text))}
    assert _roles(text, cells)["ОАО «Гомсельмаш»"] == "participant"


def test_a_cue_at_a_sentences_start_counts_too():
    text = "При поддержке Министерства культуры Республики Беларусь состоялся концерт"
    assert _roles(text)["Министерство культуры Республики Беларусь"] == "supporter"


def test_a_bad_row_of_the_cue_table_is_one_clear_error(monkeypatch):
    for row, message in (
        ({"role": "spectator", "pattern": "x"}, "unknown role"),
        ({"role": "topic", "pattern": "(unclosed"}, "bad pattern"),
    ):
        monkeypatch.setattr(roles, "read_table", lambda name, row=row: [row])
        roles._cues.cache_clear()
        with pytest.raises(GraphkgError, match=message):
            roles.role_of("на выборах ", 11, None)
    roles._cues.cache_clear()


HOME = "Правительство Смоленской области"
TOPIC_ONLY = "ОАО «Белшина»"
BOTH = "ОАО «Гомсельмаш»"


def _row(n, title, content, who):
    return [f"{n}.", title, "г. Смоленск", "12 марта 2025 года", content, who]


REPORT = table_report(
    [
        "Сотрудничество в сфере экономики",
        _row(
            1,
            "Рабочая встреча по вопросам промышленной кооперации",
            f"Обсуждено создание совместного с {TOPIC_ONLY} логистического центра и "
            f"создание совместного с {BOTH} сборочного производства",
            f"Представители {HOME}",
        ),
        _row(
            2,
            "Переговоры о поставках сельскохозяйственной техники",
            "Достигнута договоренность о поставках техники",
            f"Представители {HOME}, {BOTH}",
        ),
    ]
)


def test_a_topic_makes_no_partnership_but_stays_among_the_events_institutions(tmp_path, write):
    path = write("q1.txt", REPORT)
    store = graphkg.EmbeddedStore(tmp_path / "store")
    graphkg.build([path], store)
    partners = library_rows(store, "partners_of", name=HOME)
    assert [(r["partner"], r["events"]) for r in partners] == [(BOTH, 1)]  # row 2 only
    assert not library_rows(store, "partners_of", name="Белшина")
    # the topic is still written: a participation with its role, not a participant
    sparql = """SELECT ?role WHERE { GRAPH ?g { ?e gk:participation ?m . ?m gk:institution ?i ;
        gk:role ?role . FILTER NOT EXISTS { ?e gk:participant ?i } } }"""
    assert {r["role"] for r in graphkg.run_sparql(store, sparql)[1]} == {"topic"}
    # and the parse still lists it among the row's institutions (GUIDE: every named body)
    (first, _) = graphkg.parse_report(path).events
    assert {(i.name, i.role) for i in first.institutions} >= {
        (TOPIC_ONLY, "topic"),
        (BOTH, "topic"),
    }


def test_on_the_seeds_topics_no_longer_make_partners(seed_store):
    pairs = {
        (r["home"], r["foreign"]): r["events"] for r in library_rows(seed_store, "repeat_partners")
    }
    assert ("Правительство Российской Федерации", "ОАО «Минский автомобильный завод»") not in pairs
    assert pairs[(HOME, "ОАО «Минский автомобильный завод»")] == 2  # 003:10 and 003:2, not 003:81
    partners = {r["partner"] for r in library_rows(seed_store, "partners_of", name=HOME)}
    assert "Маджлиси намояндагон Маджлиси Оли Республики Таджикистан" not in partners
    assert "Полоцкий Спасо-Евфросиниевский женский монастырь" not in partners
    assert "Витебский областной исполнительный комитет" in partners  # 003:72's real partner stays
    founder = {
        r["partner"]
        for r in library_rows(seed_store, "partners_of", name="Администрация Смоленской области")
    }
    assert "Компания «EGGER»" not in founder  # 002:4: the founder of the party, in brackets

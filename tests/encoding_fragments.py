"""Short report fragments written for these tests (own text), and folding to a code page."""

from __future__ import annotations

# Two lines, about 200 characters each, shaped like cooperation-report rows; ASCII punctuation only,
# so that every one of them is encodable in cp1251, KOI8-R and CP866 alike.
FRAGMENTS = (
    "Визит делегации Смоленского государственного университета в г. Витебск состоялся 14-16 марта"
    " 2023 года.\nПодписано соглашение о сотрудничестве с технологическим колледжем.",
    "12 апреля 2022 г. в г. Гомель прошла выставка продукции предприятий Смоленской области.\n"
    "В ней приняли участие 15 организаций, заключено 4 договора поставки.",
    "Департамент по образованию провел совещание с представителями Могилевского института"
    " развития образования.\nОбсуждались вопросы обмена студентами и летних школ.",
    'ОГБУК "Смоленская областная библиотека" передала в дар г. Орша 300 экземпляров книг.\n'
    "Акция приурочена ко Дню единения народов России и Беларуси, 2 апреля.",
    "С 5 по 7 июня 2023 года в г. Минск состоялся форум регионов, делегацию возглавил заместитель"
    " Губернатора.\nПо итогам подписаны 3 соглашения и план мероприятий.",
    'Молодежный слет "Дорогами памяти" прошел в Краснинском районе 22 июня.\n'
    "В слете участвовали школьники из Витебской и Смоленской областей, всего 80 человек.",
    "ОТЧЕТ О СОТРУДНИЧЕСТВЕ ОРГАНОВ ВЛАСТИ СМОЛЕНСКОЙ ОБЛАСТИ С РЕСПУБЛИКОЙ БЕЛАРУСЬ\n"
    "ЗА ПЕРВОЕ ПОЛУГОДИЕ 2024 ГОДА (СВОДНЫЕ СВЕДЕНИЯ ПО ВСЕМ ДЕПАРТАМЕНТАМ)",
)

# What a KOI8-R or CP866 file would hold instead of typographic signs those code pages lack.
_FOLD = {"«": '"', "»": '"', "–": "-", "—": "-", "…": "...", "№": "N", "І": "I", "і": "i"}


def fold(text: str, encoding: str) -> str:
    """The text as it could exist in `encoding`: unencodable signs replaced by ASCII ones."""
    out = []
    for ch in text:
        try:
            ch.encode(encoding)
            out.append(ch)
        except UnicodeEncodeError:
            out.append(_FOLD.get(ch, "?"))
    return "".join(out)

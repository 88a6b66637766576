"""An institution parameter given as part of a name, in any case form: the words of the text are
matched to the words of the names by their dictionary forms (pymorphy3), in order; a part that
fits one body finds it and says so on stderr, a part that fits several is a one-line error that
names them. Names and rows of our own."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import graphkg
from graphkg.cli.app import app
from graphkg.graph.params import QueryError, _by_words, institutions_named

from .conftest import table_report

SMOLENSK_LIBRARY = (
    "ГБУК «Смоленская областная универсальная научная библиотека имени А.Т. Твардовского»"
)
GRODNO_LIBRARY = "ГУК «Гродненская областная научная библиотека»"
MOGILEV_LIBRARY = "УК «Могилёвская областная библиотека имени В.И. Ленина»"
PUPPETS = "ГБУК «Смоленский областной театр кукол имени Д.Н. Светильникова»"
VITEBSK_THEATRE = "УК «Витебский областной драматический театр»"

REPORT = table_report([
    "Сотрудничество в сфере культуры",
    ["1.", "Книжная выставка «Страницы дружбы»", "г. Смоленск", "14 марта 2025 года",
     "Выставка изданий о побратимских связях", f"{SMOLENSK_LIBRARY}, {GRODNO_LIBRARY} (Республика Беларусь)"],
    ["2.", "Круглый стол библиотекарей", "г. Могилёв (Республика Беларусь)", "2 апреля 2025 года",
     "Обмен опытом", f"{MOGILEV_LIBRARY} (Республика Беларусь), {SMOLENSK_LIBRARY}"],
    ["3.", "Гастроли театра", "г. Витебск (Республика Беларусь)", "20 мая 2025 года",
     "Показ спектакля", f"{PUPPETS}, {VITEBSK_THEATRE} (Республика Беларусь)"],
])  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lookup")
    (folder / "lookup_2025.txt").write_text(REPORT, encoding="utf-8")
    store = graphkg.EmbeddedStore(folder / "store")
    graphkg.build([folder / "lookup_2025.txt"], store)
    return store


def _labels(store, text: str, notes: list[str] | None = None) -> list[str]:
    iris = institutions_named(store.query, text, notes)
    rows = store.query(
        "SELECT ?i ?l WHERE { GRAPH <https://w3id.org/graphkg/id/graph/entities> "
        "{ ?i <http://www.w3.org/2004/02/skos/core#prefLabel> ?l } }"
    )[1]
    names = {r["i"]: r["l"] for r in rows}
    return sorted(names[i.value] for i in iris)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Смоленской областной универсальной научной библиотеки", SMOLENSK_LIBRARY),  # genitive
        ("смоленскую областную универсальную", SMOLENSK_LIBRARY),  # accusative, lower case
        ("Гродненской областной научной библиотекой", GRODNO_LIBRARY),  # instrumental
        ("МОГИЛЕВСКОЙ ОБЛАСТНОЙ БИБЛИОТЕКЕ", MOGILEV_LIBRARY),  # dative, е for ё, upper case
        ("областного театра кукол", PUPPETS),
        ("областных библиотек", MOGILEV_LIBRARY),  # plural; only its name has the two in a row
        ("Витебском областном драматическом театре", VITEBSK_THEATRE),  # prepositional
    ],
)
def test_a_partial_inflected_name_finds_the_one_body_it_is_part_of(store, text, body):
    notes: list[str] = []
    assert _labels(store, text, notes) == [body]
    assert notes == [f"{text!r} matched 1 institution(s) by part of the name, word by word: {body}"]


def test_the_part_as_written_comes_before_the_words_in_any_form(seed_store):
    # as written, "Правительство Смоленской" is in the government's name only; word by word it
    # would also be in "Представительство Правительства Смоленской области при ..."
    notes: list[str] = []
    iris = institutions_named(seed_store.query, "Правительство Смоленской", notes)
    assert len(iris) == 1
    assert notes == [
        "'Правительство Смоленской' matched 1 institution(s) by part of the name: "
        "Правительство Смоленской области"
    ]
    by_words, names = _by_words(seed_store.query, "Правительство Смоленской")
    assert len(by_words) == 2 and any(n.startswith("Представительство") for n in names.values())


def test_words_must_follow_each_other_as_in_the_name(store):
    # "Смоленской библиотеки" skips words of the name: it is not a part of it
    notes: list[str] = []
    assert _labels(store, "Смоленской библиотеки", notes) == []
    assert notes == ["no institution matches 'Смоленской библиотеки'"]


@pytest.mark.parametrize(
    ("text", "bodies"),
    [
        ("научной библиотеки", [GRODNO_LIBRARY, SMOLENSK_LIBRARY]),
        ("библиотек", [GRODNO_LIBRARY, MOGILEV_LIBRARY, SMOLENSK_LIBRARY]),  # plural
        ("театр", [VITEBSK_THEATRE, PUPPETS]),
    ],
)
def test_a_part_of_several_names_is_an_error_naming_them(store, text, bodies):
    with pytest.raises(QueryError) as error:
        institutions_named(store.query, text, [])
    message = str(error.value)
    assert "\n" not in message and message.startswith(
        f"{text!r} is part of the names of {len(bodies)} institutions; give more of the name: "
    )
    assert all(b in message for b in bodies)


def test_the_command_prints_what_matched_or_one_line_of_error(store):
    base = ["query", "partners_of", "--store", str(store.directory)]
    found = CliRunner().invoke(app, [*base, "-p", "name=Смоленской областной универсальной"])
    assert found.exit_code == 0, found.output
    assert f"by part of the name, word by word: {SMOLENSK_LIBRARY}" in found.stderr
    assert "Гродненская областная научная библиотека" in found.stdout  # its partner
    several = CliRunner().invoke(app, [*base, "-p", "name=научной библиотеки"])
    assert several.exit_code == 1
    lines = several.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: 'научной библиотеки' is part of")


def test_the_seed_example_of_the_issue(seed_store):
    notes: list[str] = []
    iris = institutions_named(seed_store.query, "Смоленского областного центра", notes)
    assert len(iris) == 1 and notes[0].endswith(
        "by part of the name, word by word: ГБУК «Смоленский областной центр народного творчества»"
    )


def test_a_part_of_one_name_borne_by_several_bodies_binds_them_all():
    # two bodies, one name (two countries' homonyms, or renamed copies of a world): more of the
    # name could not tell them apart, so the part binds both, as the full name does, and says so;
    # a part of two different names stays an error
    import pyoxigraph as ox

    from graphkg.graph.store import _rows
    from graphkg.namespaces import GRAPHS, NAMESPACES

    entities = ox.NamedNode(GRAPHS + "entities")
    rdf_type = ox.NamedNode(NAMESPACES["rdf"] + "type")
    institution = ox.NamedNode(NAMESPACES["gk"] + "Institution")
    pref_label = ox.NamedNode(NAMESPACES["skos"] + "prefLabel")
    store = ox.Store()
    names = {"a": "ГУО «Центр творчества «Радуга»", "b": "ГУО «Центр творчества «Радуга»",
             "c": "ГУО «Центр творчества «Радость»"}  # fmt: skip
    for key, name in names.items():
        body = ox.NamedNode(f"https://w3id.org/graphkg/id/org/{key}")
        store.add(ox.Quad(body, rdf_type, institution, entities))
        store.add(ox.Quad(body, pref_label, ox.Literal(name, language="ru"), entities))

    def query(sparql):
        return _rows(store.query(sparql, use_default_graph_as_union=False))

    notes: list[str] = []
    found = institutions_named(query, "Центр творчества «Радуга»", notes)
    assert [n.value.rsplit("/", 1)[1] for n in found] == ["a", "b"]
    assert "matched 2 institution(s) by part of the name" in notes[-1]
    with pytest.raises(QueryError, match="part of the names of 3 institutions"):
        institutions_named(query, "Центр творчества", [])

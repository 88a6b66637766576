"""Property-based tests (hypothesis) for the name normalisers and the extractors' robustness."""

from hypothesis import given, settings
from hypothesis import strategies as st

from graphkg.extract.institutions import institutions, name_key
from graphkg.resolve.keys import identity_key, institution_iri
from graphkg.text import quoted_spans

CYRILLIC = st.text(
    alphabet='абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ «»"-.№ 0123456789',
    max_size=80,
)


@given(CYRILLIC)
def test_name_key_is_idempotent(name):
    assert name_key(name_key(name)) == name_key(name)


@given(CYRILLIC, st.sampled_from(["ГБУК", "ОГБУК", "СОГБУК"]))
def test_legal_form_case_spacing_and_quote_style_do_not_change_identity(core, form):
    core = core.replace("«", "").replace("»", "").replace('"', "").strip()
    if not core:
        return
    a = f"{form} «{core}»"
    b = f'ГБУК  "{core.upper()}"'
    assert identity_key(a) == identity_key(b)
    assert institution_iri(a, "RU") == institution_iri(b, "RU")


@given(st.text(max_size=300))
@settings(max_examples=150)
def test_institution_extraction_never_raises_and_names_are_clean(text):
    for mention in institutions(text):
        assert mention.name == mention.name.strip() and "  " not in mention.name


@given(st.text(alphabet='«»„“”"аб ,(\n;', max_size=60))
def test_quoted_spans_are_ordered_and_inside_the_text(text):
    spans = quoted_spans(text)
    for start, end in spans:
        assert 0 <= start < end <= len(text)
    assert spans == sorted(spans)


def test_characters_without_a_unicode_name_do_not_break_extraction():
    # found by hypothesis: pymorphy3 raises ValueError on "𗀀" (unicodedata.name has none)
    assert institutions("𗀀 Министерства образования Республики Беларусь 𗀀") != []

